//! One page of a listing of communiqués, shared by the HTML and JSON handlers.

use sqlx::SqlitePool;

use super::error::Error;
use super::pagination::Pagination;
use crate::db::communiques::{self, ListRow, Span};

pub struct Listing {
    pub total: i64,
    pub rows: Vec<ListRow>,
    pub pagination: Pagination,
}

/// Counts the span, checks the page exists, loads its lines.
pub async fn load(
    pool: &SqlitePool,
    span: Span<'_>,
    pagination: Pagination,
) -> Result<Listing, Error> {
    let total = communiques::count_listed(pool, span).await?;
    pagination.check(total)?;
    let rows = communiques::list(pool, span, pagination.per_page, pagination.offset()).await?;
    Ok(Listing {
        total,
        rows,
        pagination,
    })
}
