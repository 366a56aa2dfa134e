//! Counts of listed communiqués by year and by month, for the date archive.

use time::Date;

/// (year, count), newest year first.
pub async fn years(pool: &super::Pool) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    // From the month counts the ingest keeps: counting the communiqués
    // themselves reads every row of the archive (seconds at a million).
    sqlx::query_as(YEARS).fetch_all(pool).await
}

const YEARS: &str = "SELECT CAST(substr(month, 1, 4) AS INTEGER) AS y, SUM(n) FROM listed_month
                     WHERE month <> '0000-00' GROUP BY y HAVING SUM(n) > 0 ORDER BY y DESC";

/// The first and the last date of a listed communiqué, when any is dated:
/// the two ends of the listing's index (a `min` and `max` over the dates
/// read every row of the archive, 3 s at a million communiqués).
pub async fn span(pool: &super::Pool) -> Result<Option<(Date, Date)>, sqlx::Error> {
    let (first, last): (Option<Date>, Option<Date>) = sqlx::query_as(SPAN)
        .bind(UNDATED_DAY)
        .fetch_one(pool)
        .await?;
    Ok(first.zip(last))
}

const SPAN: &str = "SELECT (SELECT sort_key FROM communique WHERE id = group_id AND sort_key > ?1
                           ORDER BY sort_key LIMIT 1),
                        (SELECT sort_key FROM communique WHERE id = group_id AND sort_key > ?1
                           ORDER BY sort_key DESC LIMIT 1)";

/// The sort key of an undated communiqué, below every date.
const UNDATED_DAY: &str = "0000-00-00";

/// Listed communiqués without a date.
pub async fn undated(pool: &super::Pool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(UNDATED).fetch_one(pool).await
}

/// Read from the index of dates: as many steps as undated communiqués.
const UNDATED: &str = "SELECT COUNT(*) FROM communique WHERE id = group_id AND date IS NULL";

const MONTHS: &str = "SELECT CAST(substr(month, 6, 2) AS INTEGER), n FROM listed_month
                      WHERE month >= ? AND month < ? AND n > 0 ORDER BY month";

const DAYS: &str =
    "SELECT day, n FROM listed_day WHERE day >= ? AND day < ? AND n > 0 ORDER BY day";

/// (month, count) for one year, January first, from the month counts the
/// ingest keeps (counting the communiqués read a year's rows).
pub async fn months(pool: &super::Pool, year: i32) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let (from, until) = (format!("{year:04}-01"), format!("{:04}-01", year + 1));
    sqlx::query_as(MONTHS)
        .bind(from)
        .bind(until)
        .fetch_all(pool)
        .await
}

/// (day, listed communiqués) of one year, for its calendar, from the day
/// counts the ingest keeps.
pub async fn days(pool: &super::Pool, year: i32) -> Result<Vec<(Date, i64)>, sqlx::Error> {
    let (from, until) = (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1));
    sqlx::query_as(DAYS)
        .bind(from)
        .bind(until)
        .fetch_all(pool)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{empty_archive, plan, scans_of_large_tables};

    #[tokio::test]
    async fn the_date_pages_read_what_they_show_not_the_whole_archive() {
        let (_dir, pool) = empty_archive().await;
        for sql in [SPAN, MONTHS, DAYS, UNDATED, YEARS] {
            let plan = plan(&pool, sql).await;
            assert!(scans_of_large_tables(&plan).is_empty(), "{sql}\n{plan}");
        }
        // What the test tells apart: the span as it was read before.
        let before = "SELECT min(date), max(date) FROM communique
                      WHERE id = group_id AND date IS NOT NULL";
        assert!(!scans_of_large_tables(&plan(&pool, before).await).is_empty());
        pool.close().await;
    }
}
