//! `/a-propos`: what the archive holds (counts by year, issuer and dump),
//! how it is built from its dumps, and how to cite it; a view its page,
//! `html`, and its JSON twin, `json`, both render.

pub mod html;
pub mod json;

use super::error::Error;
use super::state::AppState;
use crate::db::communiques::{self, Filter};
use crate::db::dates;
use crate::db::holdings::{self, FileRow, Totals};
use crate::db::issuers::IssuerRow;

/// Dumps the page lists, the largest first.
pub const FILES_SHOWN: i64 = 50;

pub struct AboutView {
    pub totals: Totals,
    /// (year, listed communiqués), newest first.
    pub years: Vec<(i64, i64)>,
    pub undated: i64,
    pub issuers: Vec<IssuerRow>,
    pub files: Vec<FileRow>,
    /// The newest communiqué's slug, to show what a permanent address is.
    pub example: Option<String>,
}

pub async fn load(state: &AppState) -> Result<AboutView, Error> {
    Ok(AboutView {
        totals: holdings::totals(&state.pool).await?,
        years: dates::years(&state.pool).await?,
        undated: dates::undated(&state.pool).await?,
        issuers: state.archive.issuers.to_vec(),
        files: holdings::files(&state.pool, FILES_SHOWN).await?,
        example: communiques::list(&state.pool, &Filter::default(), 1, 0)
            .await?
            .into_iter()
            .next()
            .map(|r| r.slug),
    })
}
