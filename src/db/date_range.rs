//! The listing narrowed by dates alone (`du`, `au`, and a month's page of
//! `/dates`): counted and paged from the day counts kept at ingest
//! (`listed_day`), as entity listings are from their month counts. Counted
//! on the listing's index, a range of thirty years read a million index
//! entries (100 ms at a million communiqués), and a deep page skipped as
//! many.

use sqlx::QueryBuilder;
use time::Date;

use super::communiques::{Filter, ListRow, page_lines, page_select};
use super::months;

/// The dates of a listing narrowed by nothing else.
#[derive(Debug, Clone, Copy)]
pub(super) struct DateRange {
    from: Option<Date>,
    to: Option<Date>,
}

impl DateRange {
    pub(super) fn of(f: &Filter) -> Option<Self> {
        let dates_only = f.person_id.is_none() && f.country.is_none() && f.issuer.is_none();
        (dates_only && (f.from.is_some() || f.to.is_some())).then_some(Self {
            from: f.from,
            to: f.to,
        })
    }

    /// `WHERE` bounds on `column`, a sort key or a day of `listed_day`: the
    /// same text ("2025-06-01", undated "0000-00-00", within any `au`).
    /// `last`, a day within the range, is the upper bound instead of `au`:
    /// given both, SQLite seeks on one and filters by the other, walking
    /// the index from `au` down to that day (0.1 s at a million).
    fn push_bounds(
        &self,
        q: &mut QueryBuilder<'_, sqlx::Sqlite>,
        column: &str,
        last: Option<&str>,
    ) {
        q.push(format!(" {column} >= ")).push_bind(
            self.from
                .map_or_else(|| "0000-00-00".to_owned(), |d| d.to_string()),
        );
        let last = last
            .map(str::to_owned)
            .or_else(|| self.to.map(|d| d.to_string()));
        if let Some(last) = last {
            q.push(format!(" AND {column} <= ")).push_bind(last);
        }
    }

    /// Listed communiqués within the dates.
    pub(super) async fn count(&self, pool: &super::Pool) -> Result<i64, sqlx::Error> {
        let mut q = QueryBuilder::new("SELECT coalesce(sum(n), 0) FROM listed_day WHERE");
        self.push_bounds(&mut q, "day", None);
        q.build_query_scalar().fetch_one(pool).await
    }

    /// Entries `offset..offset + limit`, newest first: a deep page starts on
    /// the day that holds its first entry (found in the day counts, read
    /// whole: a day's count stands where a month's does) and skips fewer
    /// entries than that day holds.
    pub(super) async fn list(
        &self,
        pool: &super::Pool,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<ListRow>, sqlx::Error> {
        let mut start = None;
        let mut skip = offset;
        if offset > 0 {
            let days = months::read(pool, |q| {
                q.push("SELECT day AS month, n FROM listed_day WHERE");
                self.push_bounds(q, "day", None);
            })
            .await?;
            let Some((day, newer)) = days.start(offset) else {
                return Ok(Vec::new());
            };
            start = Some(day.to_owned());
            skip = offset - newer;
        }
        let mut q = QueryBuilder::new(page_select());
        q.push("SELECT id, sort_key, slug FROM communique WHERE id = group_id AND");
        self.push_bounds(&mut q, "sort_key", start.as_deref());
        q.push(" ORDER BY sort_key DESC, slug LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(skip);
        page_lines(q, pool).await
    }
}
