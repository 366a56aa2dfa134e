//! The issuers' pages: `/emetteurs` (every office, the most prolific first)
//! and `/emetteurs/{slug}`.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use crate::db::issuers::IssuerRow;
use crate::web::chart::Chart;
use crate::web::error::Error;
use crate::web::pagination::DEFAULT_PER_PAGE;
use crate::web::request::query::Paging;
use crate::web::request::{Path, Query};
use crate::web::state::AppState;
use crate::web::urls::{self, Params};
use crate::web::view::render;
use crate::web::view::{Card, Downloads, Layout, Pager};

#[derive(Template)]
#[template(path = "issuers/index.html")]
struct IndexPage<'a> {
    layout: Layout<'a>,
    issuers: Vec<IssuerRow>,
}

pub async fn index(State(state): State<AppState>) -> Result<Html<String>, Error> {
    render(&IndexPage {
        layout: Layout::new(&state.archive, "Les émetteurs").in_section(urls::ISSUERS),
        issuers: super::index(&state).await?,
    })
}

#[derive(Template)]
#[template(path = "issuers/show.html")]
struct ShowPage<'a> {
    layout: Layout<'a>,
    issuer: IssuerRow,
    /// The listing of its communiqués.
    listing: Params,
    spellings: Vec<(String, i64)>,
    chart: Option<Chart>,
    total: i64,
    cards: Vec<Card>,
    pager: Pager,
    downloads: Downloads,
}

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(paging): Query<Paging>,
) -> Result<Html<String>, Error> {
    let pagination = paging.sized(DEFAULT_PER_PAGE);
    let view = super::show(&state, &slug, Some(pagination)).await?;
    let list = view
        .listing
        .ok_or_else(|| Error::Internal("the issuer's page asked for a listing".into()))?;
    let issuer = view.issuer;
    render(&ShowPage {
        layout: Layout::new(&state.archive, &issuer.name).in_section(urls::ISSUERS),
        spellings: view.spellings,
        chart: Chart::monthly(&view.per_month),
        total: list.total,
        cards: list.rows.iter().map(Card::from).collect(),
        pager: Pager::new(
            &urls::issuer(&issuer.slug),
            pagination.page,
            pagination.last_page(list.total),
        ),
        listing: Params::default().with_issuer(&issuer.slug),
        downloads: Downloads::listing(&Params::default().with_issuer(&issuer.slug)),
        issuer,
    })
}
