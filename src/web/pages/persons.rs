//! `/personnes` (everyone, A–Z or by number of communiqués) and
//! `/personnes/{slug}` (a person's page).

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use serde::Deserialize;

use crate::db::communiques::Filter;
use crate::db::countries::{self as country_db, CountryRow};
use crate::db::persons::{self, PersonOrder, PersonRow};
use crate::web::chart::monthly_svg;
use crate::web::error::Error;
use crate::web::listing;
use crate::web::pages::render;
use crate::web::pagination::Pagination;
use crate::web::request::{Path, Query};
use crate::web::state::AppState;
use crate::web::urls::{self, Params};
use crate::web::view::{Card, Layout, Pager};

/// Persons per page of the index.
pub const PERSONS_PER_PAGE: i64 = 100;
/// How many related persons and countries a page shows.
const RELATED: i64 = 10;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct IndexParams {
    pub tri: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// `tri=nom` (the default) or `tri=communiques`.
pub fn order(tri: Option<&str>) -> Result<PersonOrder, Error> {
    match tri.map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("nom") => Ok(PersonOrder::Name),
        Some("communiques") => Ok(PersonOrder::Count),
        Some(other) => Err(Error::BadRequest(format!(
            "Le paramètre « tri » vaut « nom » ou « communiques » (reçu « {other} »)."
        ))),
    }
}

#[derive(Template)]
#[template(path = "persons/index.html")]
struct IndexPage<'a> {
    layout: Layout<'a>,
    total: i64,
    by_count: bool,
    /// The parameters of this order, and those of the order by count.
    params: Params,
    by_count_params: Params,
    persons: Vec<PersonRow>,
    pager: Pager,
}

pub async fn index(
    State(state): State<AppState>,
    Query(params): Query<IndexParams>,
) -> Result<Html<String>, Error> {
    let order = order(params.tri.as_deref())?;
    let mut pagination = Pagination::parse(params.page.as_deref(), None)?;
    pagination.per_page = PERSONS_PER_PAGE;
    let total = persons::count(&state.pool).await?;
    pagination.check(total)?;
    let list = persons::list(&state.pool, order, pagination.per_page, pagination.offset()).await?;
    let by_count = order == PersonOrder::Count;
    let by_count_params = Params {
        order: Some("communiques"),
        ..Params::default()
    };
    let params = if by_count {
        by_count_params.clone()
    } else {
        Params::default()
    };
    render(&IndexPage {
        layout: Layout::new(&state.archive, "Les personnes"),
        total,
        by_count,
        persons: list,
        pager: Pager::with_params(
            urls::PERSONS,
            &params,
            pagination.page,
            pagination.last_page(total),
        ),
        params,
        by_count_params,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShowParams {
    pub page: Option<String>,
}

#[derive(Template)]
#[template(path = "persons/show.html")]
struct ShowPage<'a> {
    layout: Layout<'a>,
    person: PersonRow,
    /// The listing of the communiqués naming them.
    listing: Params,
    aliases: Vec<String>,
    roles: Vec<(String, i64)>,
    countries: Vec<(CountryRow, i64)>,
    persons: Vec<(PersonRow, i64)>,
    chart: String,
    total: i64,
    cards: Vec<Card>,
    pager: Pager,
}

/// A person by slug, or a French 404.
pub async fn person(state: &AppState, slug: &str) -> Result<PersonRow, Error> {
    persons::by_slug(&state.pool, slug)
        .await?
        .ok_or_else(|| Error::NotFound(format!("Aucune personne n’a pour adresse « {slug} ».")))
}

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Html<String>, Error> {
    let person = person(&state, &slug).await?;
    let pagination = Pagination::parse(params.page.as_deref(), None)?;
    let filter = Filter {
        person_id: Some(person.id),
        ..Filter::default()
    };
    let list = listing::load(&state.pool, &filter, pagination).await?;
    render(&ShowPage {
        layout: Layout::new(&state.archive, &person.name),
        aliases: persons::aliases(&state.pool, &person).await?,
        roles: persons::roles(&state.pool, person.id).await?,
        countries: country_db::with_person(&state.pool, person.id, RELATED).await?,
        persons: persons::co_named(&state.pool, person.id, RELATED).await?,
        chart: monthly_svg(&persons::per_month(&state.pool, person.id).await?),
        total: list.total,
        cards: list.rows.iter().map(Card::from).collect(),
        pager: Pager::new(
            &urls::person(&person.slug),
            pagination.page,
            pagination.last_page(list.total),
        ),
        listing: Params::default().with_person(&person.slug),
        person,
    })
}
