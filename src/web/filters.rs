//! The filters of a listing, read from the query string and checked:
//! `personne` (a person's slug), `pays` (an ISO code), `du` and `au` (dates,
//! inclusive). An unknown person or country is a 404, a malformed value a 400;
//! an empty value means absent.

use crate::db::Pool;
use serde::Deserialize;
use time::Date;

use super::error::Error;
use super::request::Code;
use super::urls::Params;
use super::view::parse_date;
use crate::db::communiques::{CountryFilter, Filter};
use crate::db::persons::{self, PersonRow};
use crate::domain::country::{self, Country, CountryCode};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListParams {
    pub page: Option<String>,
    pub per_page: Option<String>,
    pub personne: Option<String>,
    pub pays: Option<String>,
    pub du: Option<String>,
    pub au: Option<String>,
}

/// Filters checked and resolved.
pub struct Resolved {
    pub filter: Filter,
    pub person: Option<PersonRow>,
    pub country: Option<Country>,
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

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn date_param(name: &str, v: &Option<String>) -> Result<Option<Date>, Error> {
    present(v)
        .map(|s| {
            parse_date(s).filter(|_| s.len() == 10).ok_or_else(|| {
                Error::BadRequest(format!(
                    "Le paramètre « {name} » doit être une date AAAA-MM-JJ (reçu « {s} »)."
                ))
            })
        })
        .transpose()
}

/// A country by its code in a URL ("ru"): 400 if not a code, 404 if unknown.
pub fn country_code(code: &str) -> Result<&'static Country, Error> {
    let Code(parsed) = Code::parse(code).map_err(Error::BadRequest)?;
    known_country(parsed)
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

pub async fn resolve(pool: &Pool, params: &ListParams) -> Result<Resolved, Error> {
    let mut query = Params::default();
    let mut filter = Filter::default();
    let person = match present(&params.personne) {
        None => None,
        Some(slug) => {
            let p = persons::by_slug(pool, slug).await?.ok_or_else(|| {
                Error::NotFound(format!("Aucune personne n’a pour adresse « {slug} »."))
            })?;
            filter.person_id = Some(p.id);
            query.person = Some(p.slug.clone());
            Some(p)
        }
    };
    let country = match present(&params.pays) {
        None => None,
        Some(code) => {
            let c = country_code(code)?;
            filter.country = Some(CountryFilter::Any(c.code));
            query.country = Some(c.code);
            Some(c.clone())
        }
    };
    let from = date_param("du", &params.du)?;
    let to = date_param("au", &params.au)?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(Error::BadRequest(format!(
            "La date « du » ({f}) est après la date « au » ({t})."
        )));
    }
    if let Some(f) = from {
        filter.from = Some(f.to_string());
        query.from = Some(f);
    }
    if let Some(t) = to {
        filter.until = Some(t.next_day().unwrap_or(t).to_string());
        query.to = Some(t);
    }
    Ok(Resolved {
        filter,
        person,
        country,
        from,
        to,
        params: query,
    })
}
