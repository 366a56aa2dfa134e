//! Rendered answers kept in memory. The archive changes only at an ingest,
//! and the key holds the archive version, so an answer is reused until then;
//! the cache is bounded in bytes and evicts the least useful entries. It sits
//! inside compression (it keeps plain bytes) and outside the error pages, and
//! keeps only complete 200 answers of a known, modest size: streamed exports
//! pass through.

use std::sync::Arc;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::caching::ArchiveVersion;
use super::state::AppState;

/// Larger answers are rendered each time.
const MAX_ENTRY: u64 = 512 * 1024;

struct Entry {
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone)]
struct ByBytes;

impl quick_cache::Weighter<String, Arc<Entry>> for ByBytes {
    fn weight(&self, key: &String, entry: &Arc<Entry>) -> u64 {
        // The headers' share, roughly: never zero.
        (key.len() + entry.body.len() + 256) as u64
    }
}

pub struct ResponseCache(quick_cache::sync::Cache<String, Arc<Entry>, ByBytes>);

impl ResponseCache {
    pub fn new(bytes: u64) -> Self {
        let items = (bytes / 16_384).max(16) as usize;
        Self(quick_cache::sync::Cache::with_weighter(
            items, bytes, ByBytes,
        ))
    }
}

pub async fn middleware(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(cache) = state.cache.clone() else {
        return next.run(request).await;
    };
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let version = request
        .extensions()
        .get::<ArchiveVersion>()
        .map(|v| v.0.clone())
        .unwrap_or_default();
    let key = format!("{version}\n{}", request.uri());
    if let Some(hit) = cache.0.get(&key) {
        let mut response = Response::new(Body::from(hit.body.clone()));
        *response.headers_mut() = hit.headers.clone();
        return response;
    }
    let response = next.run(request).await;
    let size = response.body().size_hint().exact();
    if response.status() != StatusCode::OK || size.is_none_or(|n| n > MAX_ENTRY) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_ENTRY as usize).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    cache.0.insert(
        key,
        Arc::new(Entry {
            headers: parts.headers.clone(),
            body: body.clone(),
        }),
    );
    Response::from_parts(parts, Body::from(body))
}
