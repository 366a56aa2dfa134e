//! Request extractors whose rejections are our own `Error`, so a malformed
//! query or path gets the same French 400 (or JSON error) as every other
//! mistake. clippy.toml bans axum's raw `Query` and `Path` in handlers.

#![allow(
    clippy::disallowed_types,
    reason = "the one place that wraps axum's raw extractors"
)]

use axum::extract::FromRequestParts;
use axum::extract::rejection::{PathRejection, QueryRejection};

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
        Error::BadRequest(format!("Adresse invalide : {}", r.body_text()))
    }
}

#[cfg(test)]
mod tests {
    use super::query_message;

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
