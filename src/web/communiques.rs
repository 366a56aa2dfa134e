//! The communiqués, `/communiques` (the listing, filtered) and
//! `/communiques/{slug}` (the permalink): what each page loads (a view the
//! HTML page, `html`, and its JSON twin, `json`, both render), with the 301
//! of an address a communiqué had and the 404 of one it never had.

pub mod html;
pub mod json;

use super::diff::{self, Comparison};
use super::error::Error;
use super::filters::{self, Resolved};
use super::listing::{self, Listing};
use super::pagination::Pagination;
use super::request::query::Filters;
use super::state::AppState;
use crate::db::communique_page;
use crate::db::communiques::{self, CommuniqueRow};

/// A page of the listing with its filters, checked and resolved.
pub struct IndexView {
    pub filters: Resolved,
    pub listing: Listing,
}

pub async fn index(
    state: &AppState,
    asked: &Filters,
    pagination: Pagination,
) -> Result<IndexView, Error> {
    let filters = filters::resolve(&state.pool, asked).await?;
    let listing = listing::load(state, &filters.filter, pagination).await?;
    Ok(IndexView { filters, listing })
}

/// A communiqué with its sources, its other versions, its neighbours (as
/// `N`: the page's links, the API's listing lines), its persons and its
/// countries.
pub use crate::db::communique_page::CommuniquePage as CommuniqueView;
use crate::db::communique_page::Neighbour;

/// Loads a communiqué by slug, in one query; an unknown slug is a 404.
pub async fn show<N: Neighbour>(state: &AppState, slug: &str) -> Result<CommuniqueView<N>, Error> {
    let Some(page) = communique_page::by_slug(&state.pool, slug).await? else {
        if let Some(current) = communiques::current_slug(&state.pool, slug).await? {
            return Err(Error::Moved(current));
        }
        return Err(Error::NotFound(format!(
            "Aucun communiqué n’a pour adresse « {slug} »."
        )));
    };
    Ok(page)
}

/// Two versions of one event, compared word by word.
pub struct CompareView {
    pub left: CommuniqueRow,
    pub right: CommuniqueRow,
    pub titles: Comparison,
    pub bodies: Comparison,
}

/// A communiqué by its slug, or by a slug it had (comparisons keep working
/// after a slug changed); a French 404 otherwise.
async fn by_any_slug(state: &AppState, slug: &str) -> Result<CommuniqueRow, Error> {
    let found = match communiques::by_slug(&state.pool, slug).await? {
        Some(c) => Some(c),
        None => match communiques::current_slug(&state.pool, slug).await? {
            Some(current) => communiques::by_slug(&state.pool, &current).await?,
            None => None,
        },
    };
    found.ok_or_else(|| Error::NotFound(format!("Aucun communiqué n’a pour adresse « {slug} ».")))
}

/// Compares two versions of one event; two communiqués of different events
/// have no comparison (a 404 that says so).
pub async fn compare(state: &AppState, left: &str, right: &str) -> Result<CompareView, Error> {
    let left = by_any_slug(state, left).await?;
    let right = by_any_slug(state, right).await?;
    if left.group_id != right.group_id {
        return Err(Error::NotFound(format!(
            "« {} » et « {} » ne sont pas deux versions du même événement : il n’y a rien à comparer.",
            left.slug, right.slug
        )));
    }
    let title = |c: &CommuniqueRow| c.title.clone().unwrap_or_default();
    Ok(CompareView {
        titles: diff::words(&title(&left), &title(&right)),
        bodies: diff::words(&left.body, &right.body),
        left,
        right,
    })
}
