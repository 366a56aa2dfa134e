//! Month counts kept at ingest (`listed_month`, `person_month`,
//! `country_month`, `issuer_month`), read in one row: a chart's bars and the
//! month a deep page of a listing starts in.
//!
//! A country's months are a few hundred rows; sqlx hands each row from its
//! connection thread to the caller on its own, which cost more than
//! SQLite's work, so the rows come back as one JSON array.

use sqlx::{QueryBuilder, Sqlite};

use super::aggregates::UNDATED_MONTH as UNDATED;

/// ("2025-06", count) of a listing, oldest first; undated first of all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthCounts(pub Vec<(String, i64)>);

impl MonthCounts {
    /// The months with a date, oldest first: what a chart draws.
    pub fn dated(self) -> Vec<(String, i64)> {
        self.0.into_iter().filter(|(m, _)| m != UNDATED).collect()
    }

    /// Where the entry `offset` (from 0, newest first) of the listing is:
    /// its month and how many entries of the listing are newer than that
    /// month. None past the end.
    pub fn start(&self, offset: i64) -> Option<(&str, i64)> {
        let mut newer = 0;
        for (month, n) in self.0.iter().rev() {
            if newer + n > offset {
                return Some((month, newer));
            }
            newer += n;
        }
        None
    }
}

/// Reads the counts `select` picks (`SELECT month, n …`, binds included) in
/// one row. The same month twice (a country's two roles) is summed, and
/// the months are put in order here: sorting or grouping them in SQL cost
/// four times the read.
pub async fn read(
    pool: &super::Pool,
    select: impl FnOnce(&mut QueryBuilder<'_, Sqlite>),
) -> Result<MonthCounts, sqlx::Error> {
    let mut q = QueryBuilder::new("SELECT json_group_array(json_array(month, n)) FROM (");
    select(&mut q);
    q.push(")");
    let rows: Vec<(String, i64)> = super::decode::json_array(&mut q, pool, "month counts").await?;
    Ok(MonthCounts::summed(rows))
}

impl MonthCounts {
    /// Months in order, each once, its counts summed.
    pub(super) fn summed(mut rows: Vec<(String, i64)>) -> Self {
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let mut months: Vec<(String, i64)> = Vec::with_capacity(rows.len());
        for (month, n) in rows {
            match months.last_mut() {
                Some(last) if last.0 == month => last.1 += n,
                _ => months.push((month, n)),
            }
        }
        Self(months)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(months: &[(&str, i64)]) -> MonthCounts {
        MonthCounts(months.iter().map(|&(m, n)| (m.to_owned(), n)).collect())
    }

    #[test]
    fn a_page_starts_in_the_month_that_holds_its_first_entry() {
        // Newest first: June holds entries 0-2, May 3-3, the undated 4-5.
        let months = counts(&[(UNDATED, 2), ("2025-05", 1), ("2025-06", 3)]);
        assert_eq!(months.start(0), Some(("2025-06", 0)));
        assert_eq!(months.start(2), Some(("2025-06", 0)));
        assert_eq!(months.start(3), Some(("2025-05", 3)));
        assert_eq!(months.start(4), Some((UNDATED, 4)));
        assert_eq!(months.start(5), Some((UNDATED, 4)));
        assert_eq!(months.start(6), None, "past the end");
        assert_eq!(MonthCounts::default().start(0), None);
        // A country's two roles, each in order: one list, each month once.
        let both = MonthCounts::summed(vec![
            ("2025-05".to_owned(), 1),
            ("2025-06".to_owned(), 2),
            (UNDATED.to_owned(), 2),
            ("2025-06".to_owned(), 1),
        ]);
        assert_eq!(both, months);
        assert_eq!(
            months.dated(),
            vec![("2025-05".to_owned(), 1), ("2025-06".to_owned(), 3)]
        );
    }
}
