//! The persons' pages: `/personnes` (everyone, A–Z or by number of
//! communiqués) and `/personnes/{slug}`.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::PERSONS_PER_PAGE;
use crate::db::countries::CountryRow;
use crate::db::persons::{PersonOrder, PersonRow};
use crate::domain::person::family_first;
use crate::web::chart::Chart;
use crate::web::error::Error;
use crate::web::pagination::DEFAULT_PER_PAGE;
use crate::web::request::query::{IndexQuery, Paging};
use crate::web::request::{Path, Query};
use crate::web::state::AppState;
use crate::web::urls::{self, Params};
use crate::web::view::render;
use crate::web::view::{Card, Downloads, Layout, Pager};

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
    /// A–Z: the persons under the initial of their family name.
    letters: Vec<(String, Vec<Filed>)>,
    pager: Pager,
}

/// A person as the A–Z index files them: (person, family name, given names).
type Filed = (PersonRow, String, String);

/// The persons of an A–Z page under the initials of their family names.
fn by_initial(
    persons: &[PersonRow],
    keys: &std::collections::HashMap<i64, String>,
) -> Vec<(String, Vec<Filed>)> {
    let mut letters: Vec<(String, Vec<Filed>)> = Vec::new();
    for p in persons {
        let key = keys.get(&p.id).map_or("", String::as_str);
        let (family, given) = family_first(&p.name, key);
        let initial = key
            .chars()
            .find(|c| c.is_alphanumeric())
            .map_or_else(|| "#".to_owned(), |c| c.to_uppercase().to_string());
        match letters.last_mut() {
            Some((letter, list)) if *letter == initial => list.push((p.clone(), family, given)),
            _ => letters.push((initial, vec![(p.clone(), family, given)])),
        }
    }
    letters
}

pub async fn index(
    State(state): State<AppState>,
    Query(IndexQuery { order, paging }): Query<IndexQuery>,
) -> Result<Html<String>, Error> {
    let pagination = paging.sized(PERSONS_PER_PAGE);
    let view = super::index(&state, order, pagination).await?;
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
        layout: Layout::new(&state.archive, "Les personnes").in_section(urls::PERSONS),
        total: view.total,
        by_count,
        letters: if by_count {
            Vec::new()
        } else {
            by_initial(&view.persons, &view.sort_keys)
        },
        persons: view.persons,
        pager: Pager::with_params(
            urls::PERSONS,
            &params,
            pagination.page,
            pagination.last_page(view.total),
        ),
        params,
        by_count_params,
    })
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
        .ok_or_else(|| Error::Internal("the person's page asked for a listing".into()))?;
    let person = view.person;
    render(&ShowPage {
        layout: Layout::new(&state.archive, &person.name).in_section(urls::PERSONS),
        aliases: view.aliases,
        roles: view.roles,
        countries: view.countries,
        persons: view.persons,
        chart: Chart::monthly(&view.per_month),
        total: list.total,
        cards: list.rows.iter().map(Card::from).collect(),
        pager: Pager::new(
            &urls::person(&person.slug),
            pagination.page,
            pagination.last_page(list.total),
        ),
        listing: Params::default().with_person(&person.slug),
        downloads: Downloads::listing(&Params::default().with_person(&person.slug)),
        person,
    })
}
