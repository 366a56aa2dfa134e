//! `/api/v1`: the index of the API, so a program can discover its endpoints.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::web::state::AppState;

#[derive(Serialize)]
pub struct IndexBody {
    pub name: &'static str,
    pub version: &'static str,
    pub archive_version: String,
    pub archive_updated_at: String,
    pub endpoints: Vec<Endpoint>,
}

#[derive(Serialize)]
pub struct Endpoint {
    pub path: &'static str,
    pub description: &'static str,
}

const ENDPOINTS: &[(&str, &str)] = &[
    (
        "/api/v1/communiques?page=&per_page=",
        "Communiqués, newest first, undated last; a group of versions of one event is listed once",
    ),
    (
        "/api/v1/communiques/{slug}",
        "One communiqué with its sources, other versions and neighbours",
    ),
    (
        "/api/v1/communiques/{slug}/comparer/{other}",
        "Two versions of one event compared word by word: each text as runs, those only it has marked",
    ),
    (
        "/api/v1/communiques?personne={slug}&pays={code}&emetteur={slug}&du={yyyy-mm-dd}&au={yyyy-mm-dd}",
        "Filters, combined: a person, a country, an issuer, a date range (inclusive); the same on the feed and the exports",
    ),
    (
        "/api/v1/personnes?tri=nom|communiques&page=&per_page=",
        "Persons named in communiqués, A–Z by family name or by number of communiqués",
    ),
    (
        "/api/v1/personnes/{slug}",
        "One person: spellings, functions, related countries and persons, communiqués per month",
    ),
    (
        "/api/v1/pays",
        "Countries named in communiqués, partners first, with counts",
    ),
    (
        "/api/v1/pays/{code}",
        "One country (ISO 3166-1 alpha-2): latest communiqués as partner and as mentioned, related persons",
    ),
    (
        "/api/v1/emetteurs",
        "Issuers: the offices that sign communiqués, the most prolific first",
    ),
    (
        "/api/v1/emetteurs/{slug}",
        "One issuer: the tags written for it, communiqués per month",
    ),
    (
        "/api/v1/recherche?q=&personne=&pays=&emetteur=&du=&au=&tri=pertinence|date&page=&per_page=",
        "Full-text search (French stemming, accents ignored; \"phrases\", -exclusion, OR), with snippets and facet counts",
    ),
    (
        "/api/v1/a-propos",
        "What the archive holds: totals, communiqués per year and per issuer, the largest dumps",
    ),
    ("/api/v1/dates", "Number of communiqués per year"),
    (
        "/api/v1/dates/{yyyy}",
        "Number of communiqués per month of a year",
    ),
    (
        "/api/v1/dates/{yyyy}/{mm}?page=&per_page=",
        "Communiqués of a month",
    ),
];

pub async fn show(State(state): State<AppState>) -> Json<IndexBody> {
    Json(IndexBody {
        name: "communiques",
        version: "v1",
        archive_version: state.archive.version.clone(),
        archive_updated_at: state.archive.updated_at.clone(),
        endpoints: ENDPOINTS
            .iter()
            .map(|&(path, description)| Endpoint { path, description })
            .collect(),
    })
}
