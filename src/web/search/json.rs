//! `/api/v1/recherche`: the search as JSON.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::{FacetValue, run};
use crate::domain::country::CountryCode;
use crate::web::api::{ListMeta, Summary};
use crate::web::error::Error;
use crate::web::request::Query;
use crate::web::request::query::SearchQuery;
use crate::web::state::AppState;
use crate::web::urls;

#[derive(Debug, Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub communique: Summary,
    /// The best passage, HTML-escaped, matched words in `<mark>`.
    pub snippet_html: String,
    pub persons: Vec<String>,
    /// ISO codes.
    pub countries: Vec<CountryCode>,
}

#[derive(Debug, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: u64,
    /// The search narrowed to this value.
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct Facets {
    /// The counts cover every match; false when they cover the `total`
    /// newest only (`total_relation` "gte").
    pub exact: bool,
    pub countries: Vec<FacetCount>,
    pub persons: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
}

#[derive(Debug, Serialize)]
pub struct SearchMeta {
    #[serde(flatten)]
    pub list: ListMeta,
    pub query: String,
    /// "eq": `total` is the number of matches. "gte": more match; `total`
    /// is how many the search looked at, the newest, among which it ranks
    /// and counts, as Elasticsearch's `hits.total.relation` says.
    pub total_relation: &'static str,
    /// No exact match: these results tolerate typos.
    pub approximate: bool,
    /// For approximate results, the words as the archive spells them.
    pub did_you_mean: Option<Suggestion>,
    pub facets: Facets,
}

#[derive(Debug, Serialize)]
pub struct Suggestion {
    pub query: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct SearchBody {
    pub data: Vec<SearchHit>,
    pub meta: SearchMeta,
}

fn counts(values: Vec<FacetValue>) -> Vec<FacetCount> {
    values
        .into_iter()
        .map(|v| FacetCount {
            url: v.narrowed.at(urls::api::SEARCH),
            value: v.key,
            label: v.label,
            count: v.count,
        })
        .collect()
}

pub async fn index(
    State(state): State<AppState>,
    Query(asked): Query<SearchQuery>,
) -> Result<Response, Error> {
    let r = run(&state, &asked, asked.paging.api()).await?;
    let meta = ListMeta::with_params(
        urls::api::SEARCH,
        &r.params,
        r.total,
        r.pagination,
        &state.archive,
    );
    let link = meta.link_header();
    let body = SearchBody {
        data: r
            .hits
            .into_iter()
            .map(|h| SearchHit {
                communique: Summary::from(&h.row),
                snippet_html: h.snippet_html,
                persons: h.persons.into_iter().map(|p| p.name).collect(),
                countries: h.countries.into_iter().map(|c| c.code).collect(),
            })
            .collect(),
        meta: SearchMeta {
            list: meta,
            query: r.q,
            total_relation: if r.exact { "eq" } else { "gte" },
            approximate: r.approximate,
            did_you_mean: r.suggestion.map(|(query, params)| Suggestion {
                url: params.at(urls::api::SEARCH),
                query,
            }),
            facets: Facets {
                exact: r.exact,
                countries: counts(r.countries),
                persons: counts(r.persons),
                years: counts(r.years),
            },
        },
    };
    let mut response = Json(body).into_response();
    if let Some(v) = link.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LINK, v);
    }
    Ok(response)
}
