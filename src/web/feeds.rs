//! Atom 1.0 feeds (RFC 4287) for the latest communiqués and for every filter a
//! reader can build: a person, a country, dates, a search. Entry ids are the
//! permalinks, so a reader never sees an entry twice.

use std::fmt::Write;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::error::Error;
use super::filters;
use super::listing;
use super::pagination::Pagination;
use super::request::Query;
use super::request::query::{ListQuery, SearchOrder, SearchQuery};
use super::search::run;
use super::state::AppState;
use super::urls;
use super::view::{display_title, excerpt};
use crate::db::communiques::ListRow;

/// Entries per feed: the newest.
pub const FEED_ENTRIES: i64 = 50;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An RFC 3339 time for a stored date, or the archive's time when undated.
fn updated(date: Option<time::Date>, archive_time: &str) -> String {
    date.map_or_else(|| archive_time.to_owned(), |d| format!("{d}T00:00:00Z"))
}

fn feed(
    state: &AppState,
    title: &str,
    self_path: &str,
    html_path: &str,
    rows: &[ListRow],
) -> Response {
    let base = &state.public_url;
    let archive_time = if state.archive.updated_at.is_empty() {
        "1970-01-01T00:00:00Z".to_owned()
    } else {
        state.archive.updated_at.clone()
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n",
    );
    let _ = writeln!(xml, "  <id>{}</id>", esc(&format!("{base}{self_path}")));
    let _ = writeln!(xml, "  <title>{}</title>", esc(title));
    let _ = writeln!(xml, "  <updated>{}</updated>", esc(&archive_time));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&format!("{base}{self_path}"))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&format!("{base}{html_path}"))
    );
    let _ = writeln!(
        xml,
        "  <author><name>Archive des communiqués</name></author>"
    );
    let _ = writeln!(
        xml,
        "  <generator>communiques, archive {}</generator>",
        esc(&state.archive.version)
    );
    for r in rows {
        let url = format!("{base}/communiques/{}", r.slug);
        let _ = writeln!(xml, "  <entry>");
        let _ = writeln!(xml, "    <id>{}</id>", esc(&url));
        let _ = writeln!(
            xml,
            "    <title>{}</title>",
            esc(&display_title(r.title.as_deref(), &r.lead))
        );
        let _ = writeln!(
            xml,
            "    <updated>{}</updated>",
            esc(&updated(r.date, &archive_time))
        );
        if let Some(d) = &r.date {
            let _ = writeln!(xml, "    <published>{d}T00:00:00Z</published>");
        }
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            esc(&url)
        );
        if let Some(issuer) = &r.issuer {
            let _ = writeln!(xml, "    <author><name>{}</name></author>", esc(issuer));
        }
        let _ = writeln!(xml, "    <summary>{}</summary>", esc(&excerpt(&r.lead)));
        let _ = writeln!(xml, "  </entry>");
    }
    xml.push_str("</feed>\n");
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/atom+xml; charset=utf-8"),
        )],
        xml,
    )
        .into_response()
}

/// `/communiques.atom?personne=&pays=&du=&au=`.
pub async fn communiques(
    State(state): State<AppState>,
    Query(asked): Query<ListQuery>,
) -> Result<Response, Error> {
    let filters = filters::resolve(&state.pool, &asked.filters).await?;
    let first = Pagination {
        page: 1,
        per_page: FEED_ENTRIES,
    };
    let list = listing::load(&state, &filters.filter, first).await?;
    let mut title = String::from("Communiqués");
    if let Some(p) = &filters.person {
        title.push_str(&format!(" nommant {}", p.name));
    }
    if let Some(c) = &filters.country {
        title.push_str(&format!(" nommant le pays {}", c.name));
    }
    if let Some(i) = &filters.issuer {
        title.push_str(&format!(" émis par {}", i.name));
    }
    Ok(feed(
        &state,
        &title,
        &filters.params.at(urls::FEED),
        &filters.params.at(urls::COMMUNIQUES),
        &list.rows,
    ))
}

/// `/recherche.atom?q=…`: the newest communiqués matching a search.
pub async fn search(
    State(state): State<AppState>,
    Query(mut asked): Query<SearchQuery>,
) -> Result<Response, Error> {
    // A feed is the newest entries, whatever order or page was asked.
    asked.order = SearchOrder::Date;
    let newest = Pagination {
        page: 1,
        per_page: FEED_ENTRIES,
    };
    let r = run(&state, &asked, newest).await?;
    let rows: Vec<ListRow> = r.hits.into_iter().map(|h| h.row).collect();
    Ok(feed(
        &state,
        &format!("Recherche « {} » — communiqués", r.q.trim()),
        &r.params.at(urls::SEARCH_FEED),
        &r.params.at(urls::SEARCH),
        &rows,
    ))
}
