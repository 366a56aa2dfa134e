//! What a request carries, read into types: extractors whose rejections are
//! our own `Error`, so a malformed query or path gets the same French 400 (or
//! JSON error) as every other mistake (clippy.toml bans axum's raw `Query`
//! and `Path` in handlers), and the values of addresses (`Year`,
//! `MonthNumber`) whose French message is written once, here. The query
//! strings are read into typed requests by `query`.

#![allow(
    clippy::disallowed_types,
    reason = "the one place that wraps axum's raw extractors"
)]

pub mod query;

use axum::extract::FromRequestParts;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::{PathRejection, QueryRejection};
use serde::{Deserialize, Deserializer, de};
use time::Month;

use crate::domain::country::CountryCode;

use super::error::Error;

#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(Error))]
pub struct Query<T>(pub T);

#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(Error))]
pub struct Path<T>(pub T);

impl From<QueryRejection> for Error {
    fn from(r: QueryRejection) -> Self {
        Error::BadRequest(query_message(&r.body_text()))
    }
}

/// The deserializer's message about a query string, in French: which
/// parameter is given twice, missing or of the wrong kind.
fn query_message(text: &str) -> String {
    // serde names the field between backquotes: "duplicate field `page`".
    let field = |prefix: &str| {
        text.split_once(prefix)
            .and_then(|(_, rest)| rest.split('`').nth(1))
            .map(str::to_owned)
    };
    // Our readers' own messages (`query::OWN`) are shown as written.
    if let Some((_, ours)) = text.split_once(query::OWN) {
        return ours.to_owned();
    }
    if let Some(name) = field("duplicate field") {
        format!("Le paramètre « {name} » est donné plusieurs fois : donnez-le une seule fois.")
    } else if let Some(name) = field("missing field") {
        format!("Le paramètre « {name} » manque.")
    } else if let Some(name) = field("unknown field") {
        format!("Le paramètre « {name} » n’existe pas ici.")
    } else {
        "Paramètres de requête illisibles : écrivez-les nom=valeur, séparés par « & ».".to_owned()
    }
}

impl From<PathRejection> for Error {
    fn from(r: PathRejection) -> Self {
        // A value type's own message (`Year`, `MonthNumber`) is the answer.
        if let PathRejection::FailedToDeserializePathParams(e) = &r
            && let ErrorKind::Message(message) = e.kind()
        {
            return Error::BadRequest(message.clone());
        }
        Error::BadRequest(format!("Adresse invalide : {}", r.body_text()))
    }
}

/// A country's code in an address or a parameter, two letters in either
/// case: `/pays/ru`, `pays=RU`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code(pub CountryCode);

impl Code {
    pub fn parse(s: &str) -> Result<Self, String> {
        CountryCode::parse(s).map(Self).ok_or_else(|| {
            format!(
                "Un pays se désigne par son code ISO à deux lettres, comme « ru » (reçu « {s} »)."
            )
        })
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(de::Error::custom)
    }
}

/// A year of an address, four digits: `/dates/2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year(pub i32);

impl Year {
    pub fn parse(s: &str) -> Result<Self, String> {
        s.parse::<i32>()
            .ok()
            .filter(|y| s.len() == 4 && (1000..=9999).contains(y))
            .map(Self)
            .ok_or_else(|| format!("L’année doit s’écrire sur quatre chiffres (reçu « {s} »)."))
    }
}

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(de::Error::custom)
    }
}

/// A month of an address, 1 (or 01) to 12: `/dates/2025/06`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthNumber(pub Month);

impl MonthNumber {
    pub fn parse(s: &str) -> Result<Self, String> {
        s.parse::<u8>()
            .ok()
            .filter(|_| s.len() <= 2)
            .and_then(|m| Month::try_from(m).ok())
            .map(Self)
            .ok_or_else(|| format!("Le mois doit être un nombre de 01 à 12 (reçu « {s} »)."))
    }
}

impl<'de> Deserialize<'de> for MonthNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_months_of_addresses_say_what_is_wrong_in_french() {
        assert_eq!(Year::parse("2025"), Ok(Year(2025)));
        assert_eq!(MonthNumber::parse("06"), Ok(MonthNumber(Month::June)));
        assert_eq!(MonthNumber::parse("6"), Ok(MonthNumber(Month::June)));
        for bad in ["25", "02025", "abcd", "-200", ""] {
            let e = Year::parse(bad).unwrap_err();
            assert!(e.contains("quatre chiffres") && e.contains(bad), "{e}");
        }
        assert_eq!(
            Code::parse("ru").map(|c| c.0.as_str().to_owned()),
            Ok("RU".into())
        );
        assert!(Code::parse("rus").unwrap_err().contains("deux lettres"));
        for bad in ["0", "13", "001", "juin"] {
            let e = MonthNumber::parse(bad).unwrap_err();
            assert!(e.contains("de 01 à 12"), "{e}");
        }
    }

    #[test]
    fn query_errors_are_told_in_french_with_the_parameter() {
        assert_eq!(
            query_message("Failed to deserialize query string: duplicate field `page`"),
            "Le paramètre « page » est donné plusieurs fois : donnez-le une seule fois."
        );
        assert_eq!(
            query_message("Failed to deserialize query string: missing field `q`"),
            "Le paramètre « q » manque."
        );
        let other = query_message("Failed to deserialize query string: invalid type: map");
        assert!(
            other.starts_with("Paramètres de requête illisibles"),
            "{other}"
        );
    }
}
