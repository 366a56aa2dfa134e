//! The query strings of lists, searches and indexes, read into typed
//! requests: each value is checked as it is read, a wrong one is a French 400
//! that names its parameter, and an empty value (`?page=`) counts as absent.
//! Handlers receive `Paging`, `ListQuery`, `SearchQuery` or `IndexQuery`,
//! never the text of a parameter.

use std::fmt;

use serde::{Deserialize, Deserializer, de};
use time::Date;

use super::Code;
use crate::db::persons::PersonOrder;
use crate::domain::country::CountryCode;
use crate::domain::french::parse_iso_date;
use crate::search::query::{MAX_QUERY_CHARS, Words};
use crate::web::pagination::{DEFAULT_PER_PAGE, MAX_PER_PAGE, Pagination};

/// Marks a message of ours inside the deserializer's error, so that the
/// rejection shows it as written (`request::query_message`) rather than as
/// one of serde's.
pub(super) const OWN: &str = "[communiques] ";

/// Our French message, as a deserializer error.
struct Said(String);

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{OWN}{}", self.0)
    }
}

/// Reads a value with `read`, trimmed; an empty or blank one is absent.
fn optional<'de, D, T>(
    d: D,
    read: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    match Option::<String>::deserialize(d)? {
        Some(s) if !s.trim().is_empty() => read(s.trim())
            .map(Some)
            .map_err(|m| de::Error::custom(Said(m))),
        _ => Ok(None),
    }
}

fn page<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    optional(d, |s| {
        s.parse::<i64>()
            .ok()
            .filter(|n| (1..=1_000_000_000).contains(n))
            .ok_or_else(|| {
                format!("Le paramètre « page » doit être un entier positif (reçu « {s} »).")
            })
    })
}

fn per_page<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    optional(d, |s| {
        s.parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_PER_PAGE).contains(n))
            .ok_or_else(|| {
                format!(
                    "Le paramètre « per_page » doit être un entier de 1 à {MAX_PER_PAGE} (reçu « {s} »)."
                )
            })
    })
}

/// A person's or an issuer's address, as given (an unknown one is the
/// loader's 404).
fn slug<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    optional(d, |s| Ok(s.to_owned()))
}

fn country<'de, D: Deserializer<'de>>(d: D) -> Result<Option<CountryCode>, D::Error> {
    optional(d, |s| Code::parse(s).map(|Code(code)| code))
}

fn date(name: &str, s: &str) -> Result<Date, String> {
    parse_iso_date(s).filter(|_| s.len() == 10).ok_or_else(|| {
        format!("Le paramètre « {name} » doit être une date AAAA-MM-JJ (reçu « {s} »).")
    })
}

fn since<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    optional(d, |s| date("du", s))
}

fn until<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    optional(d, |s| date("au", s))
}

fn search_order<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SearchOrder>, D::Error> {
    optional(d, |s| match s {
        "pertinence" => Ok(SearchOrder::Relevance),
        "date" => Ok(SearchOrder::Date),
        other => Err(format!(
            "Le paramètre « tri » vaut « pertinence » ou « date » (reçu « {other} »)."
        )),
    })
}

fn person_order<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PersonOrder>, D::Error> {
    optional(d, |s| match s {
        "nom" => Ok(PersonOrder::Name),
        "communiques" => Ok(PersonOrder::Count),
        other => Err(format!(
            "Le paramètre « tri » vaut « nom » ou « communiques » (reçu « {other} »)."
        )),
    })
}

/// The words of a search as typed (not trimmed: the page shows them back),
/// at most `MAX_QUERY_CHARS` characters.
fn search_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let q = Option::<String>::deserialize(d)?;
    if let Some(q) = &q
        && q.chars().count() > MAX_QUERY_CHARS
    {
        return Err(de::Error::custom(Said(format!(
            "La recherche est trop longue ({} caractères ; {MAX_QUERY_CHARS} au plus).",
            q.chars().count()
        ))));
    }
    Ok(q)
}

/// `page` (from 1) and `per_page` (1 to `MAX_PER_PAGE`), as asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Paging {
    #[serde(deserialize_with = "page")]
    page: Option<i64>,
    #[serde(deserialize_with = "per_page")]
    per_page: Option<i64>,
}

impl Paging {
    /// An API list's page: the size asked for, or the default.
    pub fn api(self) -> Pagination {
        self.sized(self.per_page.unwrap_or(DEFAULT_PER_PAGE))
    }

    /// An HTML page's: its size is the page's own, whatever was asked.
    pub fn sized(self, per_page: i64) -> Pagination {
        Pagination {
            page: self.page.unwrap_or(1),
            per_page,
        }
    }
}

/// A listing's filters: a person's slug, a country, an issuer's slug,
/// inclusive dates
/// (`du` never after `au`). Whether the person and the country exist is
/// the loader's question (`filters::resolve`, a 404).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub person: Option<String>,
    pub country: Option<CountryCode>,
    /// An issuer's slug.
    pub issuer: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Filters {
    fn checked(self) -> Result<Self, Said> {
        if let (Some(f), Some(t)) = (self.from, self.to)
            && f > t
        {
            return Err(Said(format!(
                "La date « du » ({f}) est après la date « au » ({t})."
            )));
        }
        Ok(self)
    }
}

/// How search results come: best first, or newest first (`tri=date`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SearchOrder {
    #[default]
    Relevance,
    Date,
}

/// `?page=&per_page=&personne=&pays=&emetteur=&du=&au=`: a listing, its feed, its
/// exports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawList")]
pub struct ListQuery {
    pub paging: Paging,
    pub filters: Filters,
}

/// `?q=&personne=&pays=&emetteur=&du=&au=&tri=&page=&per_page=`: a search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawSearch")]
pub struct SearchQuery {
    /// What was typed, shown back on the page.
    pub text: String,
    /// What of it the index can search (`search::query::Words`).
    pub words: Words,
    pub order: SearchOrder,
    pub paging: Paging,
    pub filters: Filters,
}

/// `?tri=&page=&per_page=`: the persons' index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(from = "RawIndex")]
pub struct IndexQuery {
    pub order: PersonOrder,
    pub paging: Paging,
}

// The raw forms, as serde reads them; each refuses a parameter given twice.

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawList {
    #[serde(deserialize_with = "page")]
    page: Option<i64>,
    #[serde(deserialize_with = "per_page")]
    per_page: Option<i64>,
    #[serde(deserialize_with = "slug")]
    personne: Option<String>,
    #[serde(deserialize_with = "country")]
    pays: Option<CountryCode>,
    #[serde(deserialize_with = "slug")]
    emetteur: Option<String>,
    #[serde(deserialize_with = "since")]
    du: Option<Date>,
    #[serde(deserialize_with = "until")]
    au: Option<Date>,
}

impl TryFrom<RawList> for ListQuery {
    type Error = Said;

    fn try_from(r: RawList) -> Result<Self, Said> {
        Ok(Self {
            paging: Paging {
                page: r.page,
                per_page: r.per_page,
            },
            filters: Filters {
                person: r.personne,
                country: r.pays,
                issuer: r.emetteur,
                from: r.du,
                to: r.au,
            }
            .checked()?,
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawSearch {
    #[serde(deserialize_with = "search_text")]
    q: Option<String>,
    #[serde(deserialize_with = "search_order")]
    tri: Option<SearchOrder>,
    #[serde(flatten)]
    list: RawList,
}

impl TryFrom<RawSearch> for SearchQuery {
    type Error = Said;

    fn try_from(r: RawSearch) -> Result<Self, Said> {
        let text = r.q.unwrap_or_default();
        let ListQuery { paging, filters } = ListQuery::try_from(r.list)?;
        Ok(Self {
            words: Words::read(&text),
            text,
            order: r.tri.unwrap_or_default(),
            paging,
            filters,
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawIndex {
    #[serde(deserialize_with = "person_order")]
    tri: Option<PersonOrder>,
    #[serde(deserialize_with = "page")]
    page: Option<i64>,
    #[serde(deserialize_with = "per_page")]
    per_page: Option<i64>,
}

impl From<RawIndex> for IndexQuery {
    fn from(r: RawIndex) -> Self {
        Self {
            order: r.tri.unwrap_or(PersonOrder::Name),
            paging: Paging {
                page: r.page,
                per_page: r.per_page,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// A query string as a handler gets it, or the message of its 400.
    fn read<T: serde::de::DeserializeOwned>(q: &str) -> Result<T, String> {
        let uri: axum::http::Uri = ["/?", q].concat().parse().unwrap();
        axum::extract::Query::<T>::try_from_uri(&uri)
            .map(|q| q.0)
            .map_err(|r| super::super::query_message(&r.body_text()))
    }

    fn refused<T: serde::de::DeserializeOwned + fmt::Debug>(q: &str) -> String {
        read::<T>(q).unwrap_err()
    }

    #[test]
    fn pages_default_and_are_checked() {
        let p: Paging = read("").unwrap();
        assert_eq!(
            p.api(),
            Pagination {
                page: 1,
                per_page: DEFAULT_PER_PAGE
            }
        );
        let p: Paging = read("page=&per_page=100").unwrap();
        assert_eq!(p.api().per_page, 100);
        assert_eq!(p.sized(7).per_page, 7, "a page's size is its own");
        let p: Paging = read("page=3&per_page=10").unwrap();
        assert_eq!(p.api().offset(), 20);
        for bad in ["abc", "-1", "0", "1.5", "99999999999999999999"] {
            assert_eq!(
                refused::<Paging>(&format!("page={bad}")),
                format!("Le paramètre « page » doit être un entier positif (reçu « {bad} »).")
            );
        }
        for bad in ["0", "101", "x"] {
            assert!(refused::<Paging>(&format!("per_page={bad}")).contains("« per_page »"));
        }
    }

    #[test]
    fn filters_are_typed_and_their_dates_in_order() {
        let q: ListQuery = read("personne=assimi-goita&pays=RU&du=2025-01-01&au=").unwrap();
        assert_eq!(
            q.filters,
            Filters {
                person: Some("assimi-goita".into()),
                country: CountryCode::parse("RU"),
                issuer: None,
                from: Some(date!(2025 - 01 - 01)),
                to: None,
            }
        );
        assert!(
            refused::<ListQuery>("du=2025-1-1").contains("« du » doit être une date AAAA-MM-JJ")
        );
        assert!(refused::<ListQuery>("au=demain").contains("« au »"));
        assert!(refused::<ListQuery>("pays=rus").contains("deux lettres"));
        assert_eq!(
            refused::<ListQuery>("du=2025-02-01&au=2025-01-01"),
            "La date « du » (2025-02-01) est après la date « au » (2025-01-01)."
        );
    }

    #[test]
    fn a_search_reads_its_words_once_and_its_order() {
        let q: SearchQuery = read("q=%C2%AB+d%C3%AEner+%C2%BB+%7Bx%7D&tri=date").unwrap();
        assert_eq!(q.text, "« dîner » {x}");
        assert_eq!(q.words, Words::read("« dîner » {x}"));
        assert_eq!(q.order, SearchOrder::Date);
        let q: SearchQuery = read("tri=").unwrap();
        assert_eq!(q.order, SearchOrder::Relevance);
        assert!(q.words.is_empty());
        assert!(refused::<SearchQuery>("tri=hasard").contains("« pertinence » ou « date »"));
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert!(refused::<SearchQuery>(&long).starts_with("La recherche est trop longue"));
    }

    #[test]
    fn the_persons_index_reads_its_order() {
        let q: IndexQuery = read("tri=communiques&page=2").unwrap();
        assert_eq!(q.order, PersonOrder::Count);
        assert_eq!(q.paging.sized(100).offset(), 100);
        assert_eq!(read::<IndexQuery>("").unwrap().order, PersonOrder::Name);
        assert!(refused::<IndexQuery>("tri=age").contains("« nom » ou « communiques »"));
    }

    #[test]
    fn a_parameter_given_twice_is_refused() {
        let twice = |name: &str| {
            format!("Le paramètre « {name} » est donné plusieurs fois : donnez-le une seule fois.")
        };
        assert_eq!(refused::<ListQuery>("page=1&page=2"), twice("page"));
        assert_eq!(refused::<SearchQuery>("q=a&q=b"), twice("q"));
        assert_eq!(
            refused::<SearchQuery>("q=a&du=2025-01-01&du=2025-01-02"),
            twice("du")
        );
        assert_eq!(refused::<IndexQuery>("tri=nom&tri=nom"), twice("tri"));
    }
}
