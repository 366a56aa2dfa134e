//! HTTP caching. The archive changes only at an ingest, so every successful
//! GET answer carries a strong ETag made of the archive version (read again
//! whenever the database file changes: an ingest under a running server
//! changes it), the URL and the
//! content encoding, with a short `Cache-Control`; a matching `If-None-Match`
//! gets a 304 with no body. The stylesheet is also served under a name that
//! holds its content hash, cached for a year as immutable.

use std::path::Path;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::Error;
use super::request;
use super::state::{AppState, Live};
use super::urls;
use crate::domain::hash::hex_sha256;

/// Pages and JSON may be reused for five minutes, then revalidated by ETag.
const PAGE_CACHE: &str = "public, max-age=300";
/// Fingerprinted files never change under their name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Whether one of the `If-None-Match` values asks for `etag`.
fn matches(if_none_match: &[HeaderValue], etag: &str) -> bool {
    if_none_match.iter().any(|v| {
        v.to_str()
            .is_ok_and(|s| s.split(',').map(str::trim).any(|t| t == "*" || t == etag))
    })
}

/// The archive version read for a request, for the layers inside this one.
#[derive(Debug, Clone)]
pub struct ArchiveVersion(pub String);

pub async fn etag(State(live): State<Live>, mut request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    // Only what the tag and its check need: most requests have no
    // `If-None-Match` (an empty list allocates nothing).
    let conditions: Vec<HeaderValue> = request
        .headers()
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .cloned()
        .collect();
    let url = request.uri().clone();
    // A new version is taken up as soon as it is whole (one `stat` when
    // nothing changed); the background check covers an idle server.
    if let Err(e) = live.refresh().await {
        tracing::warn!(error = %e, "the archive's new version is not served yet");
    }
    // The version being served, not the database's: between an ingest's
    // commit and its index, pages still render the old version, and must not
    // be kept (or tagged) under the new one.
    let archive = std::sync::Arc::clone(&live.current().archive);
    let version = &archive.version;
    request
        .extensions_mut()
        .insert(ArchiveVersion(version.clone()));
    let mut response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let encoding = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
        .to_owned();
    let tag = format!(
        "\"{}\"",
        &hex_sha256(format!("{version}\n{url}\n{encoding}").as_bytes())[..24]
    );
    let Ok(value) = HeaderValue::from_str(&tag) else {
        return response;
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, value.clone());
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(PAGE_CACHE));
    }
    if matches(&conditions, &tag) {
        let mut not_modified = Response::new(Body::empty());
        *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
        for name in [header::ETAG, header::CACHE_CONTROL, header::VARY] {
            if let Some(v) = response.headers().get(&name) {
                not_modified.headers_mut().insert(name, v.clone());
            }
        }
        return not_modified;
    }
    response
}

/// The stylesheet, read once: its bytes and its fingerprinted path.
#[derive(Debug, Clone)]
pub struct Stylesheet {
    pub href: String,
    bytes: std::sync::Arc<Vec<u8>>,
}

/// The stylesheet built into the binary, so that it serves from any folder.
const EMBEDDED_STYLESHEET: &[u8] = include_bytes!("../../static/style.css");

impl Stylesheet {
    /// Reads `style.css` from the static folder when it holds one (to work on
    /// the stylesheet without rebuilding), else takes the embedded copy; its
    /// href carries its hash.
    pub fn load(static_dir: &Path) -> std::io::Result<Self> {
        let path = static_dir.join("style.css");
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => EMBEDDED_STYLESHEET.to_vec(),
            Err(e) => return Err(e),
        };
        let hash = &hex_sha256(&bytes)[..12];
        Ok(Self {
            href: urls::stylesheet(&format!("style.{hash}.css")),
            bytes: std::sync::Arc::new(bytes),
        })
    }
}

/// `/static/v/style.{hash}.css`: the stylesheet under its fingerprinted name.
pub async fn stylesheet(
    State(state): State<AppState>,
    request::Path(name): request::Path<String>,
) -> Result<Response, Error> {
    if urls::stylesheet(&name) != state.archive.stylesheet.href {
        return Err(Error::NotFound(format!(
            "Aucun fichier statique « {name} »."
        )));
    }
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE)),
        ],
        state.archive.stylesheet.bytes.as_ref().clone(),
    )
        .into_response())
}
