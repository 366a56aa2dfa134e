//! `/api/v1/communiques.ndjson` and `.csv`: any filtered list, streamed chunk
//! by chunk (memory stays constant whatever the archive's size).

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;

use super::error::Error;
use super::filters;
use super::request::Query;
use super::request::query::ListQuery;
use super::state::AppState;
use crate::export::{Format, chunks};

pub async fn ndjson(
    State(state): State<AppState>,
    Query(asked): Query<ListQuery>,
) -> Result<Response, Error> {
    stream(state, asked, Format::Ndjson).await
}

pub async fn csv(
    State(state): State<AppState>,
    Query(asked): Query<ListQuery>,
) -> Result<Response, Error> {
    stream(state, asked, Format::Csv).await
}

async fn stream(state: AppState, asked: ListQuery, format: Format) -> Result<Response, Error> {
    let filters = filters::resolve(&state.pool, &asked.filters).await?;
    let body = chunks(state.pool.clone(), filters.filter, format).map(|chunk| match chunk {
        Ok(chunk) => Ok(Bytes::from(chunk.text)),
        Err(e) => {
            // Headers are sent: the broken stream is how the client learns it.
            tracing::error!(error = %e, "export stream");
            Err(std::io::Error::other(e))
        }
    });
    let (content_type, name) = match format {
        Format::Ndjson => ("application/x-ndjson; charset=utf-8", "communiques.ndjson"),
        Format::Csv => ("text/csv; charset=utf-8", "communiques.csv"),
    };
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{name}\""))
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        Body::from_stream(body),
    )
        .into_response())
}
