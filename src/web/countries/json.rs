//! The countries' JSON twins: `/api/v1/pays` and `/api/v1/pays/{code}`.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use super::MENTIONED_SHOWN;
use crate::db::countries::CountryRow;
use crate::domain::country::CountryCode;
use crate::web::api::Summary;
use crate::web::api::{MonthCount, PersonCount, month_counts, person_counts};
use crate::web::error::Error;
use crate::web::pagination::Pagination;
use crate::web::request::{Code, Path};
use crate::web::state::AppState;
use crate::web::urls::{self, Params};

#[derive(Debug, Serialize)]
pub struct CountrySummary {
    /// ISO 3166-1 alpha-2.
    pub code: CountryCode,
    pub name: String,
    /// Listed communiqués where the country is a partner.
    pub partner: i64,
    /// Listed communiqués that only name it.
    pub mentioned: i64,
    pub url: String,
    pub api_url: String,
}

impl From<&CountryRow> for CountrySummary {
    fn from(c: &CountryRow) -> Self {
        Self {
            code: c.code,
            name: c.name.clone(),
            partner: c.partner,
            mentioned: c.mentioned,
            url: urls::country(&c.code),
            api_url: urls::api::country(&c.code),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CountriesMeta {
    pub total: i64,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

#[derive(Debug, Serialize)]
pub struct CountriesBody {
    pub data: Vec<CountrySummary>,
    pub meta: CountriesMeta,
}

pub async fn index(State(state): State<AppState>) -> Result<Json<CountriesBody>, Error> {
    let list = super::index(&state).await?;
    Ok(Json(CountriesBody {
        meta: CountriesMeta {
            total: list.len() as i64,
            archive_version: state.archive.version.clone(),
            archive_updated_at: state.archive.updated_at.clone(),
        },
        data: list.iter().map(CountrySummary::from).collect(),
    }))
}

#[derive(Debug, Serialize)]
pub struct CountryDetail {
    #[serde(flatten)]
    pub country: CountrySummary,
    /// The latest communiqués where it is a partner, then those that only name it.
    pub partner_communiques: Vec<Summary>,
    pub mentioned_communiques: Vec<Summary>,
    /// Every communiqué naming it, newest first, page by page.
    pub communiques_api_url: String,
    pub persons: Vec<PersonCount>,
    pub per_month: Vec<MonthCount>,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

pub async fn show(
    State(state): State<AppState>,
    Path(Code(code)): Path<Code>,
) -> Result<Json<CountryDetail>, Error> {
    let first = Pagination {
        page: 1,
        per_page: MENTIONED_SHOWN,
    };
    let view = super::show(&state, code, first).await?;
    let c = view.country;
    Ok(Json(CountryDetail {
        partner_communiques: view.partners.rows.iter().map(Summary::from).collect(),
        mentioned_communiques: view.mentioned.rows.iter().map(Summary::from).collect(),
        communiques_api_url: Params {
            country: Some(c.code),
            ..Params::default()
        }
        .at(urls::api::COMMUNIQUES),
        persons: person_counts(view.persons),
        per_month: month_counts(&view.per_month),
        country: CountrySummary::from(&c),
        archive_version: state.archive.version.clone(),
        archive_updated_at: state.archive.updated_at.clone(),
    }))
}
