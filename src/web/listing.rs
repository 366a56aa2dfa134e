//! One page of a listing, as every family's loader reads it: counted, the
//! page checked, its lines loaded.

use crate::db::Pool;

use super::error::Error;
use super::pagination::Pagination;
use crate::db::communiques::{self, Filter, ListRow};

/// How many related persons or countries a person's or a country's page
/// (and its JSON twin) shows.
pub const RELATED_SHOWN: i64 = 10;

#[derive(Debug)]
pub struct Listing {
    pub total: i64,
    pub rows: Vec<ListRow>,
    pub pagination: Pagination,
}

/// Counts what the filter selects, checks the page exists, loads its lines.
pub async fn load(pool: &Pool, filter: &Filter, pagination: Pagination) -> Result<Listing, Error> {
    let total = communiques::count_listed(pool, filter).await?;
    load_counted(pool, filter, total, pagination).await
}

/// The same for a listing whose size the caller has read already: a
/// person's, a country's and an issuer's rows carry their counts (the
/// numbers `count_listed` would read again, one query more per page).
pub async fn load_counted(
    pool: &Pool,
    filter: &Filter,
    total: i64,
    pagination: Pagination,
) -> Result<Listing, Error> {
    pagination.check(total)?;
    let rows = communiques::list(pool, filter, pagination.per_page, pagination.offset()).await?;
    Ok(Listing {
        total,
        rows,
        pagination,
    })
}

/// A page of the listing (of `total` lines) when one is asked for: an
/// entity's page shows its communiqués, its JSON twin links to them instead.
pub async fn load_if_asked(
    pool: &Pool,
    filter: &Filter,
    total: i64,
    page: Option<Pagination>,
) -> Result<Option<Listing>, Error> {
    match page {
        Some(p) => Ok(Some(load_counted(pool, filter, total, p).await?)),
        None => Ok(None),
    }
}
