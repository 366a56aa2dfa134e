//! `/api/v1/communiques.ndjson` and `.csv`: any filtered list, streamed chunk
//! by chunk (memory stays constant whatever the archive's size).

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;

use super::error::Error;
use super::filters::{self, ListParams};
use super::request::Query;
use super::state::AppState;
use crate::db::communiques::Filter;
use crate::db::export::{Cursor, chunk};
use crate::export::{CHUNK, Format, header as first_line, render};

pub async fn ndjson(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Response, Error> {
    stream(state, params, Format::Ndjson).await
}

pub async fn csv(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Response, Error> {
    stream(state, params, Format::Csv).await
}

/// Where the stream is: the cursor of the next chunk, or the end.
enum Step {
    Next { after: Option<Cursor>, first: bool },
    Done,
}

async fn stream(state: AppState, params: ListParams, format: Format) -> Result<Response, Error> {
    let filters = filters::resolve(&state.pool, &params).await?;
    let filter: Filter = filters.filter;
    let pool = state.pool.clone();
    // Fused: compression polls the body once more after its end.
    let body = futures_util::stream::unfold(
        Step::Next {
            after: None,
            first: true,
        },
        move |step| {
            let (pool, filter) = (pool.clone(), filter.clone());
            async move {
                let Step::Next { after, first } = step else {
                    return None;
                };
                let mut text = if first {
                    first_line(format)
                } else {
                    String::new()
                };
                match chunk(&pool, &filter, after.as_ref(), CHUNK).await {
                    Ok(rows) => {
                        text.push_str(&render(format, &rows));
                        let next = match rows.last() {
                            Some(last) if rows.len() as i64 == CHUNK => Step::Next {
                                after: Some((last.sort_key.clone(), last.slug.clone())),
                                first: false,
                            },
                            _ => Step::Done,
                        };
                        Some((Ok::<Bytes, std::io::Error>(Bytes::from(text)), next))
                    }
                    Err(e) => {
                        // Headers are sent: the broken stream is how the client learns it.
                        tracing::error!(error = %e, "export stream");
                        Some((Err(std::io::Error::other(e)), Step::Done))
                    }
                }
            }
        },
    )
    .fuse();
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
