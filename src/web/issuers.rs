//! The issuers, `/emetteurs` and `/emetteurs/{slug}`: the offices that sign
//! communiqués, what each page loads (a view its HTML page, `html`, and its
//! JSON twin, `json`, both render), with an unknown issuer's 404.

pub mod html;
pub mod json;

use super::error::Error;
use super::filters::known_issuer;
use super::listing::{self, Listing};
use super::pagination::Pagination;
use super::state::AppState;
use crate::db::communiques::Filter;
use crate::db::issuers::{self, IssuerRow};

/// Every issuer, the most prolific first.
pub async fn index(state: &AppState) -> Result<Vec<IssuerRow>, Error> {
    Ok(state.archive.issuers.to_vec())
}

/// One issuer: the tags written for it, its months, and a page of its
/// communiqués when asked for.
pub struct IssuerView {
    pub issuer: IssuerRow,
    /// (tag as written, communiqués)
    pub spellings: Vec<(String, i64)>,
    /// ("2025-06", listed communiqués)
    pub per_month: Vec<(String, i64)>,
    pub listing: Option<Listing>,
}

pub async fn show(
    state: &AppState,
    slug: &str,
    page: Option<Pagination>,
) -> Result<IssuerView, Error> {
    let issuer = known_issuer(&state.pool, slug).await?;
    let filter = Filter {
        issuer: Some(issuer.slug.clone()),
        ..Filter::default()
    };
    Ok(IssuerView {
        spellings: issuers::spellings(&state.pool, &issuer.slug).await?,
        per_month: issuers::per_month(&state.pool, &issuer.slug).await?,
        listing: listing::load_if_asked(&state.pool, &filter, issuer.communiques, page).await?,
        issuer,
    })
}
