//! The search, `/recherche`: what its page (`html`), its JSON twin (`json`)
//! and its feed load: the parameters read and checked, the search run off
//! the async threads, the hits loaded from SQLite with their snippets,
//! persons and countries, and the facet values with the search each narrows
//! to.

pub mod html;
pub mod json;

use super::AppState;
use super::error::Error;
use super::filters::{self, Resolved};
use super::pagination::Pagination;
use super::request::query::{SearchOrder, SearchQuery};
use super::urls::Params;
use crate::db::communiques::ListRow;
use crate::db::issuers::IssuerRow;
use crate::db::{countries, persons, search_hits};
use crate::domain::country;
use crate::search::query::Request;

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
    /// `q` held no word the index can search.
    pub nothing_to_search: bool,
    pub by_date: bool,
    pub filters: Resolved,
    pub pagination: Pagination,
    /// The number of matches when `exact`; otherwise the number the search
    /// looked at, the newest (`search::window`), and more match.
    pub total: i64,
    /// `total`, the counts and the ranking cover every match.
    pub exact: bool,
    pub approximate: bool,
    /// For approximate results, the words the archive spells where the query
    /// has typos ("Vouliez-vous dire …"), and that search.
    pub suggestion: Option<(String, Params)>,
    pub hits: Vec<Hit>,
    pub countries: Vec<FacetValue>,
    pub persons: Vec<FacetValue>,
    pub years: Vec<FacetValue>,
    /// This search's parameters, as its links carry them.
    pub params: Params,
}

/// Runs the search `asked` for page `pagination` (the caller's: an HTML
/// page, an API list and a feed size pages their own way).
pub async fn run(
    state: &AppState,
    asked: &SearchQuery,
    pagination: Pagination,
) -> Result<Results, Error> {
    let q = asked.text.clone();
    let by_date = asked.order == SearchOrder::Date;
    let filters = filters::resolve(&state.pool, &asked.filters).await?;
    let nothing_to_search = asked.words.is_empty();
    if nothing_to_search && !filters.is_filtered() {
        // Nothing to search for ("💥", "-"): no result rather than everything.
        return Ok(Results {
            q,
            nothing_to_search,
            by_date,
            filters,
            pagination,
            total: 0,
            exact: true,
            approximate: false,
            suggestion: None,
            hits: Vec::new(),
            countries: Vec::new(),
            persons: Vec::new(),
            years: Vec::new(),
            params: Params::default(),
        });
    }
    let request = Request {
        words: asked.words.clone(),
        person: filters.person.as_ref().map(|p| p.id),
        country: filters.country.as_ref().map(|c| c.code),
        issuer: filters.issuer.as_ref().map(|i| i.slug.clone()),
        from: filters.from,
        to: filters.to,
        by_date,
        offset: pagination.offset() as usize,
        limit: pagination.per_page as usize,
        window: state.search_window,
    };
    // Held while the index is searched and the hits read; the page renders
    // after, without it.
    let _running = state
        .searching
        .acquire()
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
    let search = state.search.clone();
    let outcome = tokio::task::spawn_blocking(move || search.search(&request))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
        .map_err(|e| Error::Internal(e.to_string()))?;
    let total = outcome.total as i64;
    if total > 0 {
        pagination.check(total)?;
    }
    let facet_persons: Vec<i64> = outcome.persons.iter().map(|(id, _)| *id).collect();
    let search_hits::HitsPage {
        hits: found,
        persons: named,
    } = search_hits::page(&state.pool, &outcome.ids, &facet_persons).await?;
    let suggestion = outcome
        .suggestion(found.iter().map(|h| h.bodies.as_str()))
        .map(|words| {
            let params = Params {
                q: Some(words.clone()),
                order: by_date.then_some("date"),
                ..filters.params.clone()
            };
            (words, params)
        });
    let hits: Vec<Hit> = found
        .into_iter()
        .map(|h| Hit {
            snippet_html: outcome.snippet_html(&h.bodies),
            persons: h.persons,
            countries: h.countries,
            row: h.line,
        })
        .collect();

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
        nothing_to_search,
        by_date,
        filters,
        pagination,
        total,
        exact: outcome.exact,
        approximate: outcome.approximate,
        suggestion,
        hits,
        countries: countries_facet,
        persons: persons_facet,
        years,
        params,
    })
}

/// What the search form offers to choose from: the issuers.
pub async fn form_choices(state: &AppState) -> Result<Vec<IssuerRow>, Error> {
    Ok(state.archive.issuers.to_vec())
}
