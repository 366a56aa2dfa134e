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
        Error::BadRequest(format!(
            "Paramètres de requête invalides : {}",
            r.body_text()
        ))
    }
}

impl From<PathRejection> for Error {
    fn from(r: PathRejection) -> Self {
        Error::BadRequest(format!("Adresse invalide : {}", r.body_text()))
    }
}
