//! `/recherche`: the search page.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::{FacetValue, Hit, Results, run};
use crate::db::issuers::IssuerRow;
use crate::domain::country::CountryRole;
use crate::domain::french;
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
    /// `total` as French writes it.
    total_text: String,
    exact: bool,
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
    /// Each filter, and this search without it.
    chips: Vec<(String, String)>,
    /// "Vouliez-vous dire": the words, and their search.
    suggestion: Option<(String, String)>,
    issuers: Vec<IssuerRow>,
}

/// The active filters as removable chips: (what it is, the search without it).
fn chips(r: &Results) -> Vec<(String, String)> {
    let f = &r.filters;
    let base = Params {
        q: Some(r.q.clone()),
        order: r.by_date.then_some("date"),
        ..f.params.clone()
    };
    let without = |p: Params| p.at(urls::SEARCH);
    let mut out = Vec::new();
    if let Some(p) = &f.person {
        out.push((
            format!("Personne : {}", p.name),
            without(Params {
                person: None,
                ..base.clone()
            }),
        ));
    }
    if let Some(c) = &f.country {
        out.push((
            format!("Pays : {}", c.name),
            without(Params {
                country: None,
                ..base.clone()
            }),
        ));
    }
    if let Some(i) = &f.issuer {
        out.push((
            format!("Émetteur : {}", i.name),
            without(Params {
                issuer: None,
                ..base.clone()
            }),
        ));
    }
    if let Some(d) = f.from {
        out.push((
            format!("Depuis le {}", french::long_date(d)),
            without(Params {
                from: None,
                ..base.clone()
            }),
        ));
    }
    if let Some(d) = f.to {
        out.push((
            format!("Jusqu’au {}", french::long_date(d)),
            without(Params {
                to: None,
                ..base.clone()
            }),
        ));
    }
    out.into_iter()
        .map(|(label, href)| (french::typeset(&label), href))
        .collect()
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
    let chips = chips(&r);
    let issuers = super::form_choices(&state).await?;
    render(&SearchPage {
        chips,
        issuers,
        suggestion: r
            .suggestion
            .as_ref()
            .map(|(words, params)| (words.clone(), params.at(urls::SEARCH))),
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
        total_text: french::number(u64::try_from(r.total).unwrap_or(0)),
        exact: r.exact,
        approximate: r.approximate,
        lines: r.hits.into_iter().map(Line::from).collect(),
        countries: r.countries,
        persons: r.persons,
        years: r.years,
        filters: r.filters,
    })
}

#[derive(Template)]
#[template(path = "search_help.html")]
struct HelpPage<'a> {
    layout: Layout<'a>,
}

/// `/recherche/aide`: how to search.
pub async fn help(State(state): State<AppState>) -> Result<Html<String>, Error> {
    render(&HelpPage {
        layout: Layout::new(&state.archive, "Comment chercher"),
    })
}
