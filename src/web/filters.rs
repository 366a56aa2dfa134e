//! The filters of a listing resolved: the person and the country they name
//! looked up (unknown, a French 404), the filter of the listing they select
//! and the parameters its links carry. Reading and checking the query string
//! (a 400) is `request::query`'s.

use time::Date;

use super::error::Error;
use super::request::query::Filters;
use super::urls::Params;
use crate::db::Pool;
use crate::db::communiques::{CountryFilter, Filter};
use crate::db::issuers::{self, IssuerRow};
use crate::db::persons::{self, PersonRow};
use crate::domain::country::{self, Country, CountryCode};

/// Filters checked and resolved.
pub struct Resolved {
    pub filter: Filter,
    pub person: Option<PersonRow>,
    pub country: Option<Country>,
    pub issuer: Option<IssuerRow>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// The filters as links carry them (`urls::Params`).
    pub params: Params,
}

impl Resolved {
    pub fn is_filtered(&self) -> bool {
        self.params != Params::default()
    }
}

/// A country of the gazetteer other than the archive's own, or a French 404.
pub fn known_country(code: CountryCode) -> Result<&'static Country, Error> {
    country::by_code(code)
        .filter(|c| c.code != country::HOME)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "Aucun pays partenaire n’a pour code « {} ».",
                code.lower()
            ))
        })
}

/// An issuer by its slug, or a French 404.
pub async fn known_issuer(pool: &Pool, slug: &str) -> Result<IssuerRow, Error> {
    issuers::by_slug(pool, slug)
        .await?
        .filter(|i| i.communiques > 0)
        .ok_or_else(|| Error::NotFound(format!("Aucun émetteur n’a pour adresse « {slug} ».")))
}

/// The person, the country and the issuer the filters name, looked up (an
/// unknown one is a 404), and the filter of the listing they select.
pub async fn resolve(pool: &Pool, asked: &Filters) -> Result<Resolved, Error> {
    let person = match &asked.person {
        None => None,
        Some(slug) => Some(persons::by_slug(pool, slug).await?.ok_or_else(|| {
            Error::NotFound(format!("Aucune personne n’a pour adresse « {slug} »."))
        })?),
    };
    let country = match asked.country {
        None => None,
        Some(code) => Some(known_country(code)?.clone()),
    };
    let issuer = match &asked.issuer {
        None => None,
        Some(slug) => Some(known_issuer(pool, slug).await?),
    };
    Ok(Resolved {
        filter: Filter {
            from: asked.from,
            to: asked.to,
            person_id: person.as_ref().map(|p| p.id),
            country: country.as_ref().map(|c| CountryFilter::Any(c.code)),
            issuer: issuer.as_ref().map(|i| i.slug.clone()),
        },
        params: Params {
            person: person.as_ref().map(|p| p.slug.clone()),
            country: country.as_ref().map(|c| c.code),
            issuer: issuer.as_ref().map(|i| i.slug.clone()),
            from: asked.from,
            to: asked.to,
            ..Params::default()
        },
        person,
        country,
        issuer,
        from: asked.from,
        to: asked.to,
    })
}
