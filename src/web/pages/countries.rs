//! `/pays` (the countries the archive names, partners first) and `/pays/{code}`.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use serde::Deserialize;

use crate::db::communiques::{CountryFilter, Filter};
use crate::db::countries::{self, CountryRow};
use crate::db::persons::{self as person_db, PersonRow};
use crate::web::chart::monthly_svg;
use crate::web::error::Error;
use crate::web::filters::country_code;
use crate::web::listing;
use crate::web::pages::render;
use crate::web::pagination::Pagination;
use crate::web::request::{Path, Query};
use crate::web::state::AppState;
use crate::web::urls::{self, Params};
use crate::web::view::{Card, Layout, Pager};

/// Communiqués that only name the country, shown under the partner ones.
pub const MENTIONED_SHOWN: i64 = 20;
const RELATED: i64 = 10;

#[derive(Template)]
#[template(path = "countries/index.html")]
struct IndexPage<'a> {
    layout: Layout<'a>,
    partners: Vec<CountryRow>,
    mentioned: Vec<CountryRow>,
}

pub async fn index(State(state): State<AppState>) -> Result<Html<String>, Error> {
    let (partners, mentioned) = countries::list(&state.pool)
        .await?
        .into_iter()
        .partition(|c| c.partner > 0);
    render(&IndexPage {
        layout: Layout::new(&state.archive, "Les pays partenaires"),
        partners,
        mentioned,
    })
}

/// A country of the archive by the code in its URL: 400 if not a code, 404 if
/// unknown or never named.
pub async fn country(state: &AppState, code: &str) -> Result<CountryRow, Error> {
    let known = country_code(code)?;
    countries::by_code(&state.pool, known.code)
        .await?
        .filter(|c| c.partner + c.mentioned > 0)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "Aucun communiqué de l’archive ne nomme le pays {}.",
                known.name
            ))
        })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShowParams {
    pub page: Option<String>,
}

#[derive(Template)]
#[template(path = "countries/show.html")]
struct ShowPage<'a> {
    layout: Layout<'a>,
    country: CountryRow,
    /// The listing of the communiqués naming it.
    listing: Params,
    chart: String,
    persons: Vec<(PersonRow, i64)>,
    partner_total: i64,
    partner_cards: Vec<Card>,
    pager: Pager,
    mentioned_total: i64,
    mentioned_cards: Vec<Card>,
}

pub async fn show(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Html<String>, Error> {
    let country = country(&state, &code).await?;
    let pagination = Pagination::parse(params.page.as_deref(), None)?;
    let partner = Filter {
        country: Some(CountryFilter::Partner(country.code)),
        ..Filter::default()
    };
    let mentioned = Filter {
        country: Some(CountryFilter::MentionedOnly(country.code)),
        ..Filter::default()
    };
    let partners = listing::load(&state.pool, &partner, pagination).await?;
    let first = Pagination {
        page: 1,
        per_page: MENTIONED_SHOWN,
    };
    let mentions = listing::load(&state.pool, &mentioned, first).await?;
    render(&ShowPage {
        layout: Layout::new(&state.archive, &country.name),
        chart: monthly_svg(&countries::per_month(&state.pool, country.code).await?),
        persons: person_db::with_country(&state.pool, country.code, RELATED).await?,
        partner_total: partners.total,
        partner_cards: partners.rows.iter().map(Card::from).collect(),
        pager: Pager::new(
            &urls::country(&country.code),
            pagination.page,
            pagination.last_page(partners.total),
        ),
        mentioned_total: mentions.total,
        mentioned_cards: mentions.rows.iter().map(Card::from).collect(),
        listing: Params {
            country: Some(country.code),
            ..Params::default()
        },
        country,
    })
}
