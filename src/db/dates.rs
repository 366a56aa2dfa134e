//! Counts of listed communiqués by year and by month, for the date archive.

use time::Date;

/// (year, count), newest year first.
pub async fn years(pool: &super::Pool) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    // From the month counts the ingest keeps: counting the communiqués
    // themselves reads every row of the archive (seconds at a million).
    sqlx::query_as(
        "SELECT CAST(substr(month, 1, 4) AS INTEGER) AS y, SUM(n) FROM listed_month
         WHERE month <> '0000-00' GROUP BY y HAVING SUM(n) > 0 ORDER BY y DESC",
    )
    .fetch_all(pool)
    .await
}

/// The first and the last date of a listed communiqué, when any is dated.
pub async fn span(pool: &super::Pool) -> Result<Option<(Date, Date)>, sqlx::Error> {
    let (first, last): (Option<Date>, Option<Date>) = sqlx::query_as(
        "SELECT min(date), max(date) FROM communique WHERE id = group_id AND date IS NOT NULL",
    )
    .fetch_one(pool)
    .await?;
    Ok(first.zip(last))
}

/// Listed communiqués without a date.
pub async fn undated(pool: &super::Pool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM communique WHERE id = group_id AND date IS NULL")
        .fetch_one(pool)
        .await
}

/// (month, count) for one year, January first.
pub async fn months(pool: &super::Pool, year: i32) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let (from, until) = (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1));
    sqlx::query_as(
        "SELECT CAST(substr(date, 6, 2) AS INTEGER) AS m, COUNT(*) FROM communique
         WHERE id = group_id AND sort_key >= ? AND sort_key < ? GROUP BY m ORDER BY m",
    )
    .bind(from)
    .bind(until)
    .fetch_all(pool)
    .await
}

/// (day, listed communiqués) of one year, for its calendar.
pub async fn days(pool: &super::Pool, year: i32) -> Result<Vec<(Date, i64)>, sqlx::Error> {
    let (from, until) = (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1));
    sqlx::query_as(
        "SELECT date, COUNT(*) FROM communique
         WHERE id = group_id AND sort_key >= ? AND sort_key < ? GROUP BY date ORDER BY date",
    )
    .bind(from)
    .bind(until)
    .fetch_all(pool)
    .await
}
