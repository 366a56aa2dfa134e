//! `/api/v1/a-propos`: what the archive holds, as JSON.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::web::api::IssuerSummary;
use crate::web::error::Error;
use crate::web::state::AppState;
use crate::web::urls;

#[derive(Debug, Serialize)]
pub struct YearCount {
    pub year: i64,
    pub count: i64,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct FileCount {
    /// The dump's name, as the archive gives it.
    pub file: String,
    /// Texts read from it (versions included).
    pub texts: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AboutBody {
    /// Listed communiqués (a group of versions counts once).
    pub communiques: i64,
    /// Every text stored, versions included.
    pub texts: i64,
    pub files: i64,
    pub persons: i64,
    pub countries: i64,
    pub issuers: i64,
    pub undated: i64,
    pub by_year: Vec<YearCount>,
    pub by_issuer: Vec<IssuerSummary>,
    /// The largest dumps (at most `FILES_SHOWN`).
    pub by_file: Vec<FileCount>,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

pub async fn show(State(state): State<AppState>) -> Result<Json<AboutBody>, Error> {
    let v = super::load(&state).await?;
    Ok(Json(AboutBody {
        communiques: v.totals.listed,
        texts: v.totals.texts,
        files: v.totals.files,
        persons: v.totals.persons,
        countries: v.totals.countries,
        issuers: v.totals.issuers,
        undated: v.undated,
        by_year: v
            .years
            .iter()
            .map(|&(year, count)| YearCount {
                year,
                count,
                url: urls::api::year(year),
            })
            .collect(),
        by_issuer: v.issuers.iter().map(IssuerSummary::from).collect(),
        by_file: v
            .files
            .into_iter()
            .map(|f| FileCount {
                file: f.file,
                texts: f.texts,
                first_date: f.first_date,
                last_date: f.last_date,
            })
            .collect(),
        archive_version: state.archive.version.clone(),
        archive_updated_at: state.archive.updated_at.clone(),
    }))
}
