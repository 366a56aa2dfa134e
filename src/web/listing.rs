//! One page of a listing, as every family's loader reads it: counted, the
//! page checked, its lines loaded. A listing narrowed by several of a
//! person, a country and an issuer is found on the search index
//! (`search::narrowed`); the others on SQLite's counts and indexes.

use crate::db::Pool;
use crate::search::narrowed::{Narrowing, Span};

use super::error::Error;
use super::pagination::Pagination;
use super::state::AppState;
use crate::db::communiques::{self, CountryFilter, Filter, ListRow};

/// How many related persons or countries a person's or a country's page
/// (and its JSON twin) shows.
pub const RELATED_SHOWN: i64 = 10;

/// Ids a narrowed page's span may give SQLite, at most: more (one day
/// naming thousands of communiqués of the same person and country) is read
/// as other listings are.
const SPAN_IDS: usize = 10_000;

#[derive(Debug)]
pub struct Listing {
    pub total: i64,
    pub rows: Vec<ListRow>,
    pub pagination: Pagination,
}

/// Counts what the filter selects, checks the page exists, loads its lines.
pub async fn load(
    state: &AppState,
    filter: &Filter,
    pagination: Pagination,
) -> Result<Listing, Error> {
    if let Some(narrowing) = narrowing_of(filter) {
        let search = state.search.clone();
        let selected = tokio::task::spawn_blocking(move || search.narrowed(&narrowing))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
            .map_err(|e| Error::Internal(e.to_string()))?;
        let total = selected.len() as i64;
        pagination.check(total)?;
        let limit = pagination.per_page as usize;
        let span = Span::of(&selected, pagination.offset() as usize, limit);
        if let Some(span) = span.filter(|s| s.ids.len() <= SPAN_IDS) {
            let rows =
                communiques::list_among(&state.pool, &span.ids, limit as i64, span.skip as i64)
                    .await?;
            return Ok(Listing {
                total,
                rows,
                pagination,
            });
        }
        return load_counted(&state.pool, filter, total, pagination).await;
    }
    let total = communiques::count_listed(&state.pool, filter).await?;
    load_counted(&state.pool, filter, total, pagination).await
}

/// The index's narrowing for a filter of two or more of a person, a country
/// named in any role, and an issuer. The index holds no role, and one
/// filter's listing (dates or not) is a range of a table kept at ingest,
/// which SQLite reads as fast.
fn narrowing_of(filter: &Filter) -> Option<Narrowing> {
    let country = match &filter.country {
        None => None,
        Some(CountryFilter::Any(code)) => Some(*code),
        Some(CountryFilter::Partner(_) | CountryFilter::MentionedOnly(_)) => return None,
    };
    let named = usize::from(filter.person_id.is_some())
        + usize::from(country.is_some())
        + usize::from(filter.issuer.is_some());
    (named >= 2).then(|| Narrowing {
        person: filter.person_id,
        country,
        issuer: filter.issuer.clone(),
        from: filter.from,
        to: filter.to,
    })
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
