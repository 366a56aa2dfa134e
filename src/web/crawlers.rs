//! For crawlers and browsers: `robots.txt`, `opensearch.xml` (so browsers offer
//! the search box) and the sitemap (an index of parts beyond 50,000 URLs).

use std::fmt::Write;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::error::Error;
use super::request::Path;
use super::state::AppState;
use super::urls;
use crate::db::sitemap::{self, Entry};

/// The most URLs one sitemap file may list.
pub const SITEMAP_URLS: i64 = 50_000;

fn typed(content_type: &'static str, body: String) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub async fn robots(State(state): State<AppState>) -> Response {
    typed(
        "text/plain; charset=utf-8",
        format!(
            "User-agent: *\nAllow: /\n# Search results are endless combinations of the pages below.\nDisallow: {}\nDisallow: {}\n\nSitemap: {}{}\n",
            urls::SEARCH,
            urls::api::SEARCH,
            state.public_url,
            urls::SITEMAP
        ),
    )
}

pub async fn opensearch(State(state): State<AppState>) -> Response {
    let base = xml_escape(&state.public_url);
    typed(
        "application/opensearchdescription+xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>Communiqués</ShortName>
  <Description>Rechercher dans les communiqués officiels</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Language>fr</Language>
  <Url type="text/html" method="get" template="{base}{search}?q={{searchTerms}}"/>
  <Url type="application/json" method="get" template="{base}{api}?q={{searchTerms}}"/>
</OpenSearchDescription>
"#,
            search = urls::SEARCH,
            api = urls::api::SEARCH,
        ),
    )
}

/// The fixed pages every sitemap starts with.
const PAGES: &[&str] = &[
    urls::HOME,
    urls::COMMUNIQUES,
    urls::DATES,
    urls::PERSONS,
    urls::COUNTRIES,
    urls::ISSUERS,
    urls::ABOUT,
];

async fn urlset(state: &AppState, part: i64) -> Result<String, Error> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let base = xml_escape(&state.public_url);
    if part == 0 {
        for p in PAGES {
            let _ = writeln!(xml, "  <url><loc>{base}{p}</loc></url>");
        }
    }
    // The fixed pages take the first places of part 0.
    let fixed = PAGES.len() as i64;
    let (limit, offset) = if part == 0 {
        (SITEMAP_URLS - fixed, 0)
    } else {
        (SITEMAP_URLS, part * SITEMAP_URLS - fixed)
    };
    for entry in sitemap::entries(&state.pool, limit, offset).await? {
        let (path, lastmod) = match entry {
            Entry::Communique { slug, date } => (urls::communique(&slug), date),
            Entry::Person { slug } => (urls::person(&slug), None),
            Entry::Country { code } => (urls::country(&code), None),
            Entry::Issuer { slug } => (urls::issuer(&slug), None),
        };
        let _ = write!(xml, "  <url><loc>{base}{}</loc>", xml_escape(&path));
        if let Some(d) = lastmod {
            let _ = write!(xml, "<lastmod>{d}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Ok(xml)
}

async fn total(state: &AppState) -> Result<i64, Error> {
    Ok(sitemap::count(&state.pool).await? + PAGES.len() as i64)
}

pub async fn sitemap(State(state): State<AppState>) -> Result<Response, Error> {
    let total = total(&state).await?;
    if total <= SITEMAP_URLS {
        return Ok(typed(
            "application/xml; charset=utf-8",
            urlset(&state, 0).await?,
        ));
    }
    let parts = (total + SITEMAP_URLS - 1) / SITEMAP_URLS;
    let base = xml_escape(&state.public_url);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for n in 1..=parts {
        let _ = writeln!(
            xml,
            "  <sitemap><loc>{base}/sitemap-{n}.xml</loc></sitemap>"
        );
    }
    xml.push_str("</sitemapindex>\n");
    Ok(typed("application/xml; charset=utf-8", xml))
}

/// `/sitemap-{n}.xml`, from 1, when the archive has more than 50,000 URLs.
pub async fn sitemap_part(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, Error> {
    let n: i64 = name
        .strip_suffix(".xml")
        .and_then(|s| s.parse().ok())
        .filter(|&n| n >= 1)
        .ok_or_else(|| Error::NotFound(format!("Aucun sitemap « sitemap-{name} ».")))?;
    let total = total(&state).await?;
    if total <= SITEMAP_URLS || (n - 1) * SITEMAP_URLS >= total {
        return Err(Error::NotFound(format!(
            "Aucun sitemap « sitemap-{name} »."
        )));
    }
    Ok(typed(
        "application/xml; charset=utf-8",
        urlset(&state, n - 1).await?,
    ))
}
