//! The persons, `/personnes` and `/personnes/{slug}`: what each page loads
//! (a view the HTML page, `html`, and its JSON twin, `json`, both render),
//! with the order's 400 and an unknown person's 404.

pub mod html;
pub mod json;

use std::collections::HashMap;

use super::error::Error;
use super::listing::{self, Listing, RELATED_SHOWN};
use super::pagination::Pagination;
use super::state::AppState;
use crate::db::communiques::Filter;
use crate::db::countries::CountryRow;
use crate::db::person_page;
use crate::db::persons::{self, PersonOrder, PersonRow};

/// Persons per page of the HTML index.
pub const PERSONS_PER_PAGE: i64 = 100;

/// A page of the index, in one order.
pub struct IndexView {
    pub total: i64,
    pub persons: Vec<PersonRow>,
    /// Their sort keys ("family given", folded), by id: the A–Z index files
    /// them by family name.
    pub sort_keys: HashMap<i64, String>,
}

pub async fn index(
    state: &AppState,
    order: PersonOrder,
    pagination: Pagination,
) -> Result<IndexView, Error> {
    let total = persons::count(&state.pool).await?;
    pagination.check(total)?;
    let persons =
        persons::list(&state.pool, order, pagination.per_page, pagination.offset()).await?;
    let ids: Vec<i64> = persons.iter().map(|p| p.id).collect();
    let sort_keys = persons::sort_keys(&state.pool, &ids).await?;
    Ok(IndexView {
        total,
        persons,
        sort_keys,
    })
}

/// One person: spellings, functions, countries and persons named with
/// them, their months, and a page of their communiqués.
pub struct PersonView {
    pub person: PersonRow,
    pub aliases: Vec<String>,
    /// (function as written, communiqués).
    pub roles: Vec<(String, i64)>,
    pub countries: Vec<(CountryRow, i64)>,
    pub persons: Vec<(PersonRow, i64)>,
    /// ("2025-06", listed communiqués naming them).
    pub per_month: Vec<(String, i64)>,
    /// A page of their communiqués, when asked for.
    pub listing: Option<Listing>,
}

/// A person by slug, or a French 404; with page `page` of their
/// communiqués when given.
pub async fn show(
    state: &AppState,
    slug: &str,
    page: Option<Pagination>,
) -> Result<PersonView, Error> {
    let found = person_page::by_slug(&state.pool, slug, RELATED_SHOWN)
        .await?
        .ok_or_else(|| Error::NotFound(format!("Aucune personne n’a pour adresse « {slug} ».")))?;
    let filter = Filter {
        person_id: Some(found.person.id),
        ..Filter::default()
    };
    Ok(PersonView {
        listing: listing::load_if_asked(&state.pool, &filter, found.person.communiques, page)
            .await?,
        aliases: found.aliases,
        roles: found.roles,
        countries: found.countries,
        persons: found.persons,
        per_month: found.months.dated(),
        person: found.person,
    })
}
