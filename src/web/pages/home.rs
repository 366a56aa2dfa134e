//! `/`: the latest communiqués and the way into the archive by date.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use crate::db::communiques::{self, Span};
use crate::db::dates;
use crate::web::error::Error;
use crate::web::pages::render;
use crate::web::state::AppState;
use crate::web::view::{Card, Layout};

/// How many communiqués the home page shows.
const LATEST: i64 = 8;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    layout: Layout<'a>,
    total: i64,
    latest: Vec<Card>,
    years: Vec<(i64, i64)>,
}

pub async fn show(State(state): State<AppState>) -> Result<Html<String>, Error> {
    let total = communiques::count_listed(&state.pool, Span::ALL).await?;
    let latest = communiques::list(&state.pool, Span::ALL, LATEST, 0).await?;
    let years = dates::years(&state.pool).await?;
    render(&HomePage {
        layout: Layout::new(&state.archive, "Archive des communiqués officiels"),
        total,
        latest: latest.iter().map(Card::from).collect(),
        years,
    })
}
