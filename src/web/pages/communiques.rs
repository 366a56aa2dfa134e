//! `/communiques` (the listing) and `/communiques/{slug}` (the permalink).

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use serde::Deserialize;

use crate::db::communiques::{SourceRow, Span};
use crate::web::error::Error;
use crate::web::extract::{Path, Query};
use crate::web::listing;
use crate::web::pages::render;
use crate::web::pagination::Pagination;
use crate::web::state::AppState;
use crate::web::view::{Card, Layout, Pager, display_title, long_date};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListParams {
    page: Option<String>,
}

#[derive(Template)]
#[template(path = "communiques/index.html")]
struct IndexPage<'a> {
    layout: Layout<'a>,
    total: i64,
    cards: Vec<Card>,
    pager: Pager,
}

pub async fn index(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Html<String>, Error> {
    let pagination = Pagination::parse(params.page.as_deref(), None)?;
    let list = listing::load(&state.pool, Span::ALL, pagination).await?;
    let title = match pagination.page {
        1 => "Tous les communiqués".to_owned(),
        n => format!("Tous les communiqués — page {n}"),
    };
    render(&IndexPage {
        layout: Layout::new(&state.archive, &title),
        total: list.total,
        cards: list.rows.iter().map(Card::from).collect(),
        pager: Pager::new(
            "/communiques",
            pagination.page,
            pagination.last_page(list.total),
        ),
    })
}

#[derive(Template)]
#[template(path = "communiques/show.html")]
struct ShowPage<'a> {
    layout: Layout<'a>,
    slug: String,
    title: String,
    has_title: bool,
    date_iso: Option<String>,
    date_long: String,
    /// Said when the date is the page's, not one the text gives.
    date_note: Option<&'static str>,
    issuer: Option<String>,
    related: bool,
    paragraphs: Vec<String>,
    sources: Vec<SourceRow>,
    versions: Vec<Card>,
    older: Option<Card>,
    newer: Option<Card>,
}

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Html<String>, Error> {
    let full = listing::communique(&state.pool, &slug).await?;
    let c = full.communique;
    let title = display_title(c.title.as_deref(), &c.body);
    render(&ShowPage {
        layout: Layout::new(&state.archive, &title),
        has_title: c.title.is_some(),
        title,
        date_long: long_date(c.date.as_deref()),
        date_note: (c.date_basis.as_deref() == Some("page_date"))
            .then_some("date de publication de la page : le texte ne date pas l’événement"),
        date_iso: c.date,
        issuer: c.issuer,
        related: c.kind == "related",
        paragraphs: c.body.split("\n\n").map(str::to_owned).collect(),
        sources: full.sources,
        versions: full.versions.iter().map(Card::from).collect(),
        older: full.older.as_ref().map(Card::from),
        newer: full.newer.as_ref().map(Card::from),
        slug: c.slug,
    })
}
