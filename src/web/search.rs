//! The search, `/recherche`: what its page (`html`), its JSON twin (`json`)
//! and its feed load: the parameters read and checked, the search run off
//! the async threads, the hits loaded from SQLite with their snippets,
//! persons and countries, and the facet values with the search each narrows
//! to.

pub mod html;
pub mod json;

use serde::Deserialize;

use super::AppState;
use super::error::Error;
use super::filters::{self, ListParams, Resolved};
use super::pagination::Pagination;
use super::urls::Params;
use crate::db::communiques::ListRow;
use crate::db::{communiques, countries, persons};
use crate::domain::country;
use crate::search::query::{MAX_QUERY_CHARS, Request, sanitize};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub q: Option<String>,
    pub personne: Option<String>,
    pub pays: Option<String>,
    pub du: Option<String>,
    pub au: Option<String>,
    pub tri: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// One hit, ready to show.
pub struct Hit {
    pub row: ListRow,
    /// Escaped text with `<mark>` around matched words.
    pub snippet_html: String,
    pub persons: Vec<persons::MentionRow>,
    pub countries: Vec<countries::MentionRow>,
}

/// A facet value: what it is, how many results have it, the narrowed search.
pub struct FacetValue {
    pub key: String,
    pub label: String,
    pub count: u64,
    /// The search with this value as one more filter.
    pub narrowed: Params,
}

pub struct Results {
    pub q: String,
    /// The words read from `q`, empty when it held nothing to search.
    pub words: String,
    pub by_date: bool,
    pub filters: Resolved,
    pub pagination: Pagination,
    pub total: i64,
    pub approximate: bool,
    pub hits: Vec<Hit>,
    pub countries: Vec<FacetValue>,
    pub persons: Vec<FacetValue>,
    pub years: Vec<FacetValue>,
    /// This search's parameters, as its links carry them.
    pub params: Params,
}

pub async fn run(
    state: &AppState,
    params: &SearchParams,
    default_per_page: bool,
) -> Result<Results, Error> {
    let q = params.q.clone().unwrap_or_default();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::BadRequest(format!(
            "La recherche est trop longue ({} caractères ; {MAX_QUERY_CHARS} au plus).",
            q.chars().count()
        )));
    }
    let by_date = match params
        .tri
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None | Some("pertinence") => false,
        Some("date") => true,
        Some(other) => {
            return Err(Error::BadRequest(format!(
                "Le paramètre « tri » vaut « pertinence » ou « date » (reçu « {other} »)."
            )));
        }
    };
    let per_page = if default_per_page {
        None
    } else {
        params.per_page.as_deref()
    };
    let pagination = Pagination::parse(params.page.as_deref(), per_page)?;
    let list = ListParams {
        personne: params.personne.clone(),
        pays: params.pays.clone(),
        du: params.du.clone(),
        au: params.au.clone(),
        ..ListParams::default()
    };
    let filters = filters::resolve(&state.pool, &list).await?;
    let request = Request {
        q: q.clone(),
        person: filters.person.as_ref().map(|p| p.id),
        country: filters.country.as_ref().map(|c| c.code),
        from: filters.from,
        to: filters.to,
        by_date,
        offset: pagination.offset() as usize,
        limit: pagination.per_page as usize,
    };
    let words = sanitize(&q);
    let search = state.search.clone();
    let outcome = if words.is_empty() && !filters.is_filtered() {
        // Nothing to search for ("💥", "-"): no result rather than everything.
        None
    } else {
        Some(
            tokio::task::spawn_blocking(move || search.search(&request))
                .await
                .map_err(|e| Error::Internal(e.to_string()))?
                .map_err(|e| Error::Internal(e.to_string()))?,
        )
    };
    let Some(outcome) = outcome else {
        return Ok(Results {
            q,
            words,
            by_date,
            filters,
            pagination,
            total: 0,
            approximate: false,
            hits: Vec::new(),
            countries: Vec::new(),
            persons: Vec::new(),
            years: Vec::new(),
            params: Params::default(),
        });
    };
    let total = outcome.total as i64;
    if total > 0 {
        pagination.check(total)?;
    }
    let rows = communiques::rows_by_ids(&state.pool, &outcome.ids).await?;
    let bodies = communiques::group_bodies(&state.pool, &outcome.ids).await?;
    let mut people = persons::in_communiques(&state.pool, &outcome.ids).await?;
    let mut places = countries::in_communiques(&state.pool, &outcome.ids).await?;
    let mut hits = Vec::with_capacity(rows.len());
    for (id, row) in rows {
        let body = bodies.get(&id).map_or(row.lead.as_str(), String::as_str);
        hits.push(Hit {
            snippet_html: outcome.snippet_html(body),
            persons: people.remove(&id).unwrap_or_default(),
            countries: places.remove(&id).unwrap_or_default(),
            row,
        });
    }

    let params = Params {
        q: Some(q.clone()),
        order: by_date.then_some("date"),
        ..filters.params.clone()
    };
    let mut countries_facet = Vec::new();
    for (code, count) in &outcome.countries {
        let label = country::by_code(*code).map_or_else(|| code.to_string(), |c| c.name.clone());
        countries_facet.push(FacetValue {
            narrowed: params.with_country(*code),
            key: code.to_string(),
            label,
            count: *count,
        });
    }
    let ids: Vec<i64> = outcome.persons.iter().map(|(id, _)| *id).collect();
    let named = persons::by_ids(&state.pool, &ids).await?;
    let mut persons_facet = Vec::new();
    for (id, count) in &outcome.persons {
        let Some(p) = named.iter().find(|p| p.id == *id) else {
            continue;
        };
        persons_facet.push(FacetValue {
            narrowed: params.with_person(&p.slug),
            key: p.slug.clone(),
            label: p.name.clone(),
            count: *count,
        });
    }
    let years = outcome
        .years
        .iter()
        .map(|(year, count)| FacetValue {
            narrowed: year
                .parse()
                .map_or_else(|_| params.clone(), |y| params.with_year(y)),
            key: year.clone(),
            label: year.clone(),
            count: *count,
        })
        .collect();
    Ok(Results {
        q,
        words,
        by_date,
        filters,
        pagination,
        total,
        approximate: outcome.approximate,
        hits,
        countries: countries_facet,
        persons: persons_facet,
        years,
        params,
    })
}
