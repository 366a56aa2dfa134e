//! The countries, `/pays` and `/pays/{code}`: what each page loads (a view
//! the HTML page, `html`, and its JSON twin, `json`, both render), with the
//! 404 of a country the archive never names.

pub mod html;
pub mod json;

use super::error::Error;
use super::filters::known_country;
use super::listing::{self, Listing, RELATED_SHOWN};
use super::pagination::Pagination;
use super::state::AppState;
use crate::db::communiques::{CountryFilter, Filter};
use crate::db::countries::{self, CountryRow};
use crate::db::persons::{self, PersonRow};
use crate::domain::country::CountryCode;

/// Communiqués that only name the country, shown under the partner ones.
pub const MENTIONED_SHOWN: i64 = 20;

/// Every country the archive names, partners first.
pub async fn index(state: &AppState) -> Result<Vec<CountryRow>, Error> {
    Ok(countries::list(&state.pool).await?)
}

/// One country: a page of the communiqués where it is a partner, the first
/// of those that only name it, the persons named with it, its months.
pub struct CountryView {
    pub country: CountryRow,
    pub partners: Listing,
    pub mentioned: Listing,
    pub persons: Vec<(PersonRow, i64)>,
    /// ("2025-06", listed communiqués naming it).
    pub per_month: Vec<(String, i64)>,
}

/// A country by its code: 404 when unknown or never named.
pub async fn show(
    state: &AppState,
    code: CountryCode,
    partners_page: Pagination,
) -> Result<CountryView, Error> {
    let known = known_country(code)?;
    let country = countries::by_code(&state.pool, known.code)
        .await?
        .filter(|c| c.partner + c.mentioned > 0)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "Aucun communiqué de l’archive ne nomme le pays {}.",
                known.name
            ))
        })?;
    let named = |f: CountryFilter| Filter {
        country: Some(f),
        ..Filter::default()
    };
    let partners = listing::load_counted(
        &state.pool,
        &named(CountryFilter::Partner(country.code)),
        country.partner,
        partners_page,
    )
    .await?;
    let first = Pagination {
        page: 1,
        per_page: MENTIONED_SHOWN,
    };
    let mentioned = listing::load_counted(
        &state.pool,
        &named(CountryFilter::MentionedOnly(country.code)),
        country.mentioned,
        first,
    )
    .await?;
    Ok(CountryView {
        persons: persons::with_country(&state.pool, country.code, RELATED_SHOWN).await?,
        per_month: countries::per_month(&state.pool, country.code).await?,
        partners,
        mentioned,
        country,
    })
}
