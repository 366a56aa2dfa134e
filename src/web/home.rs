//! `/`: the latest communiqués and the way into the archive by date.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use crate::db::communiques::{self, Filter};
use crate::db::countries::{self as country_db, CountryRow};
use crate::db::dates;
use crate::db::persons::{self as person_db, PersonOrder, PersonRow};
use crate::web::error::Error;
use crate::web::state::AppState;
use crate::web::urls;
use crate::web::view::render;
use crate::web::view::{Card, Layout};

/// How many communiqués the home page shows.
const LATEST: i64 = 8;
/// How many partners and persons the side column shows.
const TOP: usize = 8;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    layout: Layout<'a>,
    total: i64,
    latest: Vec<Card>,
    years: Vec<(i64, i64)>,
    partners: Vec<CountryRow>,
    persons: Vec<PersonRow>,
}

pub async fn show(State(state): State<AppState>) -> Result<Html<String>, Error> {
    let all = Filter::default();
    let total = communiques::count_listed(&state.pool, &all).await?;
    let latest = communiques::list(&state.pool, &all, LATEST, 0).await?;
    let mut partners = country_db::list(&state.pool).await?;
    partners.retain(|c| c.partner > 0);
    partners.truncate(TOP);
    let persons = person_db::list(&state.pool, PersonOrder::Count, TOP as i64, 0).await?;
    let years = dates::years(&state.pool).await?;
    render(&HomePage {
        layout: Layout::new(&state.archive, "Archive des communiqués officiels"),
        total,
        latest: latest.iter().map(Card::from).collect(),
        years,
        partners,
        persons,
    })
}
