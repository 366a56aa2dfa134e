//! Errors as users see them: one enum of outcomes, one mapping to a status and
//! a French message, and two renderers chosen by path — `erreur.html` for pages,
//! `{"error": {"status", "message"}}` under `/api`.
//!
//! Handlers return `Error`; its response carries the outcome in an extension,
//! and the `render` middleware turns it into the page or the JSON.

use askama::Template;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use tower_http::classify::{
    ClassifiedResponse, ClassifyResponse, NeverClassifyEos, ServerErrorsAsFailures,
    ServerErrorsFailureClass,
};

use super::state::AppState;
use super::urls;
use super::view::Layout;
use crate::db;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("internal error: {0}")]
    Internal(String),
    /// The resource now lives under another last path segment (a
    /// communiqué's slug changed when better rules re-read it): 301.
    #[error("moved to {0}")]
    Moved(String),
    /// The archive cannot be read for now: its file was replaced under the
    /// server, which serves the new one once it is whole (`Live`): 503.
    #[error("unavailable: {0}")]
    Unavailable(String),
}

impl From<db::Error> for Error {
    fn from(e: db::Error) -> Self {
        if db::file_identity::is_file_replaced(&e) {
            Self::Unavailable(e.to_string())
        } else {
            Self::Internal(e.to_string())
        }
    }
}

/// Seconds a client is asked to wait before it asks again when the archive
/// is being replaced: about when the server next looks for the new one.
const RETRY_AFTER_SECONDS: &str = "5";

impl From<askama::Error> for Error {
    fn from(e: askama::Error) -> Self {
        Self::Internal(e.to_string())
    }
}

/// The outcome a response stands for, read by `render`.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: StatusCode,
    pub message: String,
    /// What went wrong inside, for the log only.
    pub detail: Option<String>,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, message, detail) = match self {
            Self::NotFound(what) => (StatusCode::NOT_FOUND, what, None),
            Self::Moved(slug) => (StatusCode::MOVED_PERMANENTLY, slug, None),
            Self::BadRequest(why) => (StatusCode::BAD_REQUEST, why, None),
            // Expected while an archive is swapped under the server: no
            // detail to log (`Live` logs the swap once; the trace layer
            // takes it for no failure, `Failures`).
            Self::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "L’archive est en cours de remplacement. Réessayez dans quelques secondes."
                    .to_owned(),
                None,
            ),
            // Logged by `render`, with the request; the user gets no
            // internal text.
            Self::Internal(detail) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Une erreur interne est survenue. Réessayez plus tard.".to_owned(),
                Some(detail),
            ),
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(Outcome {
            status,
            message,
            detail,
        });
        response
    }
}

/// The fallback route: nothing lives at this path.
pub async fn not_found(uri: Uri) -> Error {
    Error::NotFound(format!("Aucune page à l’adresse {}.", uri.path()))
}

#[derive(Template)]
#[template(path = "erreur.html")]
struct ErrorPage<'a> {
    layout: Layout<'a>,
    status: u16,
    heading: &'static str,
    /// The message, typeset for the page (the JSON keeps plain spaces).
    message: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    status: u16,
    message: &'a str,
}

/// Renders responses that carry an `Outcome`: JSON under `/api`, a page elsewhere.
pub async fn render(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // The address is kept as it came (a count of references), read only
    // when the answer is an error.
    let uri = request.uri().clone();
    let method = request.method().clone();
    let response = next.run(request).await;
    let Some(outcome) = response.extensions().get::<Outcome>().cloned() else {
        return response;
    };
    let path = uri.path();
    let api = path.starts_with("/api/") || path == "/api";
    let status = outcome.status;
    if let Some(detail) = &outcome.detail {
        // Logged once, here, with the request it failed: requests have no
        // span at the default level (`router`).
        tracing::error!(%method, %path, %detail, "internal error");
    }
    if status == StatusCode::MOVED_PERMANENTLY {
        // The same address with its last segment (the slug) made current.
        let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
        let location = format!("{parent}/{}", outcome.message);
        return (status, [(axum::http::header::LOCATION, location)]).into_response();
    }
    if api {
        let body = ErrorBody {
            error: ErrorDetail {
                status: status.as_u16(),
                message: &outcome.message,
            },
        };
        return with_retry_after((status, Json(body)).into_response());
    }
    let heading = match status {
        StatusCode::NOT_FOUND => "Page introuvable",
        StatusCode::BAD_REQUEST => "Requête incorrecte",
        StatusCode::SERVICE_UNAVAILABLE => "Archive momentanément indisponible",
        _ => "Erreur du serveur",
    };
    let page = ErrorPage {
        layout: Layout::new(&state.archive, heading),
        status: status.as_u16(),
        heading,
        message: crate::domain::french::typeset(&outcome.message),
    };
    with_retry_after(match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "rendering the error page");
            (status, outcome.message).into_response()
        }
    })
}

/// Which answers the trace layer logs as failures (at the error level):
/// every 5xx, as tower-http's `ServerErrorsAsFailures` has it, but a 503
/// that says when to ask again. That one is the archive being replaced
/// under the server, expected and logged once by `Live` as it happens; a
/// request that timed out is a 503 without `Retry-After`, and stays a
/// failure.
#[derive(Debug, Clone, Copy, Default)]
pub struct Failures;

impl ClassifyResponse for Failures {
    type FailureClass = ServerErrorsFailureClass;
    type ClassifyEos = NeverClassifyEos<ServerErrorsFailureClass>;

    fn classify_response<B>(
        self,
        response: &Response<B>,
    ) -> ClassifiedResponse<Self::FailureClass, Self::ClassifyEos> {
        if response.status() == StatusCode::SERVICE_UNAVAILABLE
            && response
                .headers()
                .contains_key(axum::http::header::RETRY_AFTER)
        {
            ClassifiedResponse::Ready(Ok(()))
        } else {
            ServerErrorsAsFailures::new().classify_response(response)
        }
    }

    fn classify_error<E: std::fmt::Display + 'static>(self, error: &E) -> Self::FailureClass {
        ServerErrorsAsFailures::new().classify_error(error)
    }
}

/// A 503 says when to ask again.
fn with_retry_after(mut response: Response) -> Response {
    if response.status() == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from_static(RETRY_AFTER_SECONDS),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_failure(response: &Response) -> bool {
        matches!(
            Failures.classify_response(response),
            ClassifiedResponse::Ready(Err(_))
        )
    }

    /// The classes of answers the log counts as failures: a server error is
    /// one, an archive being replaced (a 503 that says when to come back)
    /// is not, a request that timed out (a 503 that says nothing) is.
    #[test]
    fn only_unannounced_server_errors_are_failures() {
        let replaced = with_retry_after(StatusCode::SERVICE_UNAVAILABLE.into_response());
        assert!(!is_failure(&replaced), "{:?}", replaced.headers());
        assert!(is_failure(&StatusCode::SERVICE_UNAVAILABLE.into_response()));
        assert!(is_failure(
            &StatusCode::INTERNAL_SERVER_ERROR.into_response()
        ));
        assert!(!is_failure(&StatusCode::NOT_FOUND.into_response()));
        assert!(!is_failure(&StatusCode::OK.into_response()));
    }
}
