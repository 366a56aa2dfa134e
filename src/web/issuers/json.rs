//! The issuers' JSON twins: `/api/v1/emetteurs` and `/api/v1/emetteurs/{slug}`.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::web::api::{IssuerSummary, MonthCount, month_counts};
use crate::web::error::Error;
use crate::web::request::Path;
use crate::web::state::AppState;
use crate::web::urls::{self, Params};

#[derive(Debug, Serialize)]
pub struct IssuersMeta {
    pub total: usize,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

#[derive(Debug, Serialize)]
pub struct IssuersBody {
    pub data: Vec<IssuerSummary>,
    pub meta: IssuersMeta,
}

pub async fn index(State(state): State<AppState>) -> Result<Json<IssuersBody>, Error> {
    let list = super::index(&state).await?;
    Ok(Json(IssuersBody {
        data: list.iter().map(IssuerSummary::from).collect(),
        meta: IssuersMeta {
            total: list.len(),
            archive_version: state.archive.version.clone(),
            archive_updated_at: state.archive.updated_at.clone(),
        },
    }))
}

#[derive(Debug, Serialize)]
pub struct SpellingCount {
    /// The tag as written at the end of a communiqué.
    pub spelling: String,
    pub count: i64,
}

/// One issuer: the tags written for it, its months, and where to find its
/// communiqués.
#[derive(Debug, Serialize)]
pub struct IssuerDetail {
    #[serde(flatten)]
    pub issuer: IssuerSummary,
    pub spellings: Vec<SpellingCount>,
    pub per_month: Vec<MonthCount>,
    /// Its communiqués, newest first.
    pub communiques_api_url: String,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<IssuerDetail>, Error> {
    let view = super::show(&state, &slug, None).await?;
    Ok(Json(IssuerDetail {
        spellings: view
            .spellings
            .into_iter()
            .map(|(spelling, count)| SpellingCount { spelling, count })
            .collect(),
        per_month: month_counts(&view.per_month),
        communiques_api_url: Params::default()
            .with_issuer(&view.issuer.slug)
            .at(urls::api::COMMUNIQUES),
        issuer: IssuerSummary::from(&view.issuer),
        archive_version: state.archive.version.clone(),
        archive_updated_at: state.archive.updated_at.clone(),
    }))
}
