//! The JSON twins of the archive by date: `/api/v1/dates`,
//! `/api/v1/dates/{yyyy}`, `/api/v1/dates/{yyyy}/{mm}`.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::web::api::Summary;
use crate::web::api::{ListBody, ListMeta};
use crate::web::error::Error;
use crate::web::request::query::Paging;
use crate::web::request::{MonthNumber, Path, Query, Year};
use crate::web::state::AppState;
use crate::web::urls;

#[derive(Debug, Serialize)]
pub struct YearCount {
    pub year: i64,
    pub count: i64,
    pub url: String,
    pub api_url: String,
}

#[derive(Debug, Serialize)]
pub struct YearsMeta {
    /// Dated communiqués, each group of versions once.
    pub total: i64,
    pub undated: i64,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

#[derive(Debug, Serialize)]
pub struct YearsBody {
    pub data: Vec<YearCount>,
    pub meta: YearsMeta,
}

pub async fn years(State(state): State<AppState>) -> Result<Json<YearsBody>, Error> {
    let view = super::years(&state).await?;
    Ok(Json(YearsBody {
        meta: YearsMeta {
            total: view.years.iter().map(|(_, c)| c).sum(),
            undated: view.undated,
            archive_version: state.archive.version.clone(),
            archive_updated_at: state.archive.updated_at.clone(),
        },
        data: view
            .years
            .into_iter()
            .map(|(year, count)| YearCount {
                year,
                count,
                url: urls::year(year),
                api_url: urls::api::year(year),
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize)]
pub struct MonthCount {
    pub month: i64,
    pub count: i64,
    pub url: String,
    pub api_url: String,
}

#[derive(Debug, Serialize)]
pub struct YearMeta {
    pub year: i32,
    pub total: i64,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

#[derive(Debug, Serialize)]
pub struct YearBody {
    pub data: Vec<MonthCount>,
    pub meta: YearMeta,
}

pub async fn year(
    State(state): State<AppState>,
    Path(year): Path<Year>,
) -> Result<Json<YearBody>, Error> {
    let view = super::year(&state, year).await?;
    let year = view.year;
    Ok(Json(YearBody {
        meta: YearMeta {
            year,
            total: view.total(),
            archive_version: state.archive.version.clone(),
            archive_updated_at: state.archive.updated_at.clone(),
        },
        data: view
            .months
            .into_iter()
            .map(|(month, count)| MonthCount {
                month: i64::from(u8::from(month)),
                count,
                url: urls::month(i64::from(year), month),
                api_url: urls::api::month(i64::from(year), month),
            })
            .collect(),
    }))
}

pub async fn month(
    State(state): State<AppState>,
    Path((year, month)): Path<(Year, MonthNumber)>,
    Query(paging): Query<Paging>,
) -> Result<ListBody<Summary>, Error> {
    let pagination = paging.api();
    let view = super::month(&state, year, month, pagination).await?;
    let list = &view.listing;
    Ok(ListBody {
        data: list.rows.iter().map(Summary::from).collect(),
        meta: ListMeta::new(
            &urls::api::month(i64::from(view.year), view.month),
            list.total,
            pagination,
            &state.archive,
        ),
    })
}
