//! The countries' pages: `/pays` (partners first) and `/pays/{code}`.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use crate::db::countries::CountryRow;
use crate::db::persons::PersonRow;
use crate::web::chart::Chart;
use crate::web::error::Error;
use crate::web::pagination::DEFAULT_PER_PAGE;
use crate::web::request::query::Paging;
use crate::web::request::{Code, Path, Query};
use crate::web::state::AppState;
use crate::web::urls::{self, Params};
use crate::web::view::render;
use crate::web::view::{Card, Downloads, Layout, Pager};

#[derive(Template)]
#[template(path = "countries/index.html")]
struct IndexPage<'a> {
    layout: Layout<'a>,
    partners: Vec<CountryRow>,
    mentioned: Vec<CountryRow>,
}

pub async fn index(State(state): State<AppState>) -> Result<Html<String>, Error> {
    let (partners, mentioned) = super::index(&state)
        .await?
        .into_iter()
        .partition(|c| c.partner > 0);
    render(&IndexPage {
        layout: Layout::new(&state.archive, "Les pays partenaires").in_section(urls::COUNTRIES),
        partners,
        mentioned,
    })
}

#[derive(Template)]
#[template(path = "countries/show.html")]
struct ShowPage<'a> {
    layout: Layout<'a>,
    country: CountryRow,
    /// The listing of the communiqués naming it.
    listing: Params,
    chart: Option<Chart>,
    persons: Vec<(PersonRow, i64)>,
    partner_total: i64,
    partner_cards: Vec<Card>,
    pager: Pager,
    mentioned_total: i64,
    mentioned_cards: Vec<Card>,
    downloads: Downloads,
}

pub async fn show(
    State(state): State<AppState>,
    Path(Code(code)): Path<Code>,
    Query(paging): Query<Paging>,
) -> Result<Html<String>, Error> {
    let pagination = paging.sized(DEFAULT_PER_PAGE);
    let view = super::show(&state, code, pagination).await?;
    let country = view.country;
    render(&ShowPage {
        layout: Layout::new(&state.archive, &country.name).in_section(urls::COUNTRIES),
        chart: Chart::monthly(&view.per_month),
        persons: view.persons,
        partner_total: view.partners.total,
        partner_cards: view.partners.rows.iter().map(Card::from).collect(),
        pager: Pager::new(
            &urls::country(&country.code),
            pagination.page,
            pagination.last_page(view.partners.total),
        ),
        mentioned_total: view.mentioned.total,
        mentioned_cards: view.mentioned.rows.iter().map(Card::from).collect(),
        listing: Params::default().with_country(country.code),
        downloads: Downloads::listing(&Params::default().with_country(country.code)),
        country,
    })
}
