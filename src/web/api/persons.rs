//! `/api/v1/personnes` and `/api/v1/personnes/{slug}`.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use super::{ListBody, ListMeta};
use crate::db::countries as country_db;
use crate::db::persons::{self, PersonRow};
use crate::domain::country::CountryCode;
use crate::web::chart::fill_months;
use crate::web::error::Error;
use crate::web::pages::persons::{IndexParams, order, person};
use crate::web::pagination::Pagination;
use crate::web::request::{Path, Query};
use crate::web::state::AppState;
use crate::web::urls::{self, Params};

/// A person in a list.
#[derive(Debug, Serialize)]
pub struct PersonSummary {
    pub name: String,
    pub slug: String,
    /// Listed communiqués naming the person.
    pub communiques: i64,
    pub url: String,
    pub api_url: String,
}

impl From<&PersonRow> for PersonSummary {
    fn from(p: &PersonRow) -> Self {
        Self {
            name: p.name.clone(),
            slug: p.slug.clone(),
            communiques: p.communiques,
            url: urls::person(&p.slug),
            api_url: urls::api::person(&p.slug),
        }
    }
}

pub async fn index(
    State(state): State<AppState>,
    Query(params): Query<IndexParams>,
) -> Result<ListBody<PersonSummary>, Error> {
    let order = order(params.tri.as_deref())?;
    let pagination = Pagination::parse(params.page.as_deref(), params.per_page.as_deref())?;
    let total = persons::count(&state.pool).await?;
    pagination.check(total)?;
    let list = persons::list(&state.pool, order, pagination.per_page, pagination.offset()).await?;
    let params = Params {
        order: (order == persons::PersonOrder::Count).then_some("communiques"),
        ..Params::default()
    };
    Ok(ListBody {
        data: list.iter().map(PersonSummary::from).collect(),
        meta: ListMeta::with_params(
            urls::api::PERSONS,
            &params,
            total,
            pagination,
            &state.archive,
        ),
    })
}

#[derive(Debug, Serialize)]
pub struct RoleCount {
    pub role: String,
    pub count: i64,
}

#[derive(Debug, Serialize)]
pub struct CountryCount {
    pub code: CountryCode,
    pub name: String,
    pub count: i64,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct PersonCount {
    pub name: String,
    pub slug: String,
    pub count: i64,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct MonthCount {
    /// "2025-06".
    pub month: String,
    pub count: i64,
}

/// One person: spellings, functions, related countries and persons, and where
/// to find their communiqués.
#[derive(Debug, Serialize)]
pub struct PersonDetail {
    pub name: String,
    pub slug: String,
    pub aliases: Vec<String>,
    pub roles: Vec<RoleCount>,
    pub communiques: i64,
    /// The communiqués naming the person, newest first.
    pub communiques_api_url: String,
    pub countries: Vec<CountryCount>,
    pub persons: Vec<PersonCount>,
    pub per_month: Vec<MonthCount>,
    pub url: String,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

/// Monthly counts as JSON, months without communiqués included.
pub fn month_counts(months: &[(String, i64)]) -> Vec<MonthCount> {
    fill_months(months)
        .into_iter()
        .map(|(y, m, count)| MonthCount {
            month: format!("{y:04}-{m:02}"),
            count,
        })
        .collect()
}

/// Related persons as JSON.
pub fn person_counts(rows: Vec<(PersonRow, i64)>) -> Vec<PersonCount> {
    rows.into_iter()
        .map(|(p, count)| PersonCount {
            url: urls::api::person(&p.slug),
            name: p.name,
            slug: p.slug,
            count,
        })
        .collect()
}

/// How many related persons and countries the detail lists.
const RELATED: i64 = 10;

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<PersonDetail>, Error> {
    let p = person(&state, &slug).await?;
    let months = persons::per_month(&state.pool, p.id).await?;
    Ok(Json(PersonDetail {
        aliases: persons::aliases(&state.pool, &p).await?,
        roles: persons::roles(&state.pool, p.id)
            .await?
            .into_iter()
            .map(|(role, count)| RoleCount { role, count })
            .collect(),
        communiques: p.communiques,
        communiques_api_url: Params::default()
            .with_person(&p.slug)
            .at(urls::api::COMMUNIQUES),
        countries: country_db::with_person(&state.pool, p.id, RELATED)
            .await?
            .into_iter()
            .map(|(c, count)| CountryCount {
                url: urls::api::country(&c.code),
                code: c.code,
                name: c.name,
                count,
            })
            .collect(),
        persons: person_counts(persons::co_named(&state.pool, p.id, RELATED).await?),
        per_month: month_counts(&months),
        url: urls::person(&p.slug),
        name: p.name,
        slug: p.slug,
        archive_version: state.archive.version.clone(),
        archive_updated_at: state.archive.updated_at.clone(),
    }))
}
