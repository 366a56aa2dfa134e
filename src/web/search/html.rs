//! `/recherche`: the search page.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::{FacetValue, Hit, Results, run};
use crate::domain::country::CountryRole;
use crate::web::error::Error;
use crate::web::pagination::DEFAULT_PER_PAGE;
use crate::web::request::Query;
use crate::web::request::query::SearchQuery;
use crate::web::state::AppState;
use crate::web::urls::{self, Params};
use crate::web::view::render;
use crate::web::view::{Card, Downloads, Layout, Pager};

/// A hit as the page shows it.
struct Line {
    card: Card,
    snippet_html: String,
    persons: Vec<(String, String)>,
    countries: Vec<(String, String, bool)>,
}

impl From<Hit> for Line {
    fn from(h: Hit) -> Self {
        Self {
            card: Card::from(&h.row),
            snippet_html: h.snippet_html,
            persons: h
                .persons
                .into_iter()
                .map(|p| (urls::person(&p.slug), p.name))
                .collect(),
            countries: h
                .countries
                .into_iter()
                .map(|c| {
                    (
                        urls::country(&c.code),
                        c.name,
                        c.role == CountryRole::Partner,
                    )
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    layout: Layout<'a>,
    q: String,
    by_date: bool,
    searched: bool,
    nothing_to_search: bool,
    total: i64,
    approximate: bool,
    lines: Vec<Line>,
    countries: Vec<FacetValue>,
    persons: Vec<FacetValue>,
    years: Vec<FacetValue>,
    filters: crate::web::filters::Resolved,
    pager: Pager,
    downloads: Downloads,
    /// This search without its filters.
    unfiltered: Params,
}

pub async fn show(
    State(state): State<AppState>,
    Query(asked): Query<SearchQuery>,
) -> Result<Html<String>, Error> {
    let pagination = asked.paging.sized(DEFAULT_PER_PAGE);
    let r: Results = run(&state, &asked, pagination).await?;
    let searched = !r.q.trim().is_empty() || r.filters.is_filtered();
    let nothing_to_search =
        !r.q.trim().is_empty() && r.nothing_to_search && !r.filters.is_filtered();
    let title = if r.q.trim().is_empty() {
        "Recherche".to_owned()
    } else {
        format!("Recherche : {}", r.q.trim())
    };
    let mut layout = Layout::new(&state.archive, &title);
    layout.query = r.q.clone();
    let last = r.pagination.last_page(r.total);
    render(&SearchPage {
        layout,
        pager: Pager::with_params(urls::SEARCH, &r.params, r.pagination.page, last),
        downloads: Downloads::search(&r.params),
        unfiltered: Params {
            q: Some(r.q.clone()),
            ..Params::default()
        },
        q: r.q,
        by_date: r.by_date,
        searched,
        nothing_to_search,
        total: r.total,
        approximate: r.approximate,
        lines: r.hits.into_iter().map(Line::from).collect(),
        countries: r.countries,
        persons: r.persons,
        years: r.years,
        filters: r.filters,
    })
}
