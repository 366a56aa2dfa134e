//! The persons' JSON twins: `/api/v1/personnes` and `/api/v1/personnes/{slug}`.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::db::persons::{PersonOrder, PersonRow};
use crate::domain::country::CountryCode;
use crate::web::api::{ListBody, ListMeta, month_counts, person_counts};
use crate::web::api::{MonthCount, PersonCount};
use crate::web::error::Error;
use crate::web::request::query::IndexQuery;
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
    Query(IndexQuery { order, paging }): Query<IndexQuery>,
) -> Result<ListBody<PersonSummary>, Error> {
    let pagination = paging.api();
    let view = super::index(&state, order, pagination).await?;
    let params = Params {
        order: (order == PersonOrder::Count).then_some("communiques"),
        ..Params::default()
    };
    Ok(ListBody {
        data: view.persons.iter().map(PersonSummary::from).collect(),
        meta: ListMeta::with_params(
            urls::api::PERSONS,
            &params,
            view.total,
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

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<PersonDetail>, Error> {
    let view = super::show(&state, &slug, None).await?;
    let p = view.person;
    Ok(Json(PersonDetail {
        aliases: view.aliases,
        roles: view
            .roles
            .into_iter()
            .map(|(role, count)| RoleCount { role, count })
            .collect(),
        communiques: p.communiques,
        communiques_api_url: Params::default()
            .with_person(&p.slug)
            .at(urls::api::COMMUNIQUES),
        countries: view
            .countries
            .into_iter()
            .map(|(c, count)| CountryCount {
                url: urls::api::country(&c.code),
                code: c.code,
                name: c.name,
                count,
            })
            .collect(),
        persons: person_counts(view.persons),
        per_month: month_counts(&view.per_month),
        url: urls::person(&p.slug),
        name: p.name,
        slug: p.slug,
        archive_version: state.archive.version.clone(),
        archive_updated_at: state.archive.updated_at.clone(),
    }))
}
