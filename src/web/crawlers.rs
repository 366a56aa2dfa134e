//! For crawlers and browsers: `robots.txt`, `opensearch.xml` (so browsers offer
//! the search box) and the sitemap (an index of parts beyond
//! `SITEMAP_PART_URLS` URLs).

use std::fmt::Write;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::error::Error;
use super::request::Path;
use super::state::AppState;
use super::urls;
use crate::db::sitemap::{self, Entry};

/// URLs one sitemap file lists, at most. The protocol allows 50,000; a
/// part of 50,000 was 8 MB and took 123 ms to read and write at a million
/// communiqués (a row per URL, from the wide table of texts), where every
/// route is to answer within 20 ms. Parts of 5,000 (about 0.8 MB) are
/// WordPress's 2,000 and Yoast's 1,000 in spirit: a crawler reads more
/// files, each at once.
pub const SITEMAP_PART_URLS: i64 = 5_000;

fn typed(content_type: &'static str, body: String) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// `s` escaped for XML text and attributes, onto `out`.
fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
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

/// Part `part` (from 0) of the URLs, `per_part` a part.
async fn urlset(state: &AppState, part: i64, per_part: i64) -> Result<String, Error> {
    let base = xml_escape(&state.public_url);
    // A communiqué's line is about 130 bytes and the address.
    let mut xml = String::with_capacity(per_part as usize * (140 + base.len()));
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    if part == 0 {
        for p in PAGES {
            let _ = writeln!(xml, "  <url><loc>{base}{p}</loc></url>");
        }
    }
    // The fixed pages take the first places of part 0.
    let fixed = PAGES.len() as i64;
    let (limit, offset) = if part == 0 {
        (per_part - fixed, 0)
    } else {
        (per_part, part * per_part - fixed)
    };
    for entry in sitemap::entries(&state.pool, limit, offset).await? {
        let (path, lastmod) = match entry {
            Entry::Communique { slug, date } => (urls::communique(&slug), date),
            Entry::Person { slug } => (urls::person(&slug), None),
            Entry::Country { code } => (urls::country(&code), None),
            Entry::Issuer { slug } => (urls::issuer(&slug), None),
        };
        xml.push_str("  <url><loc>");
        xml.push_str(&base);
        push_escaped(&mut xml, &path);
        xml.push_str("</loc>");
        if let Some(d) = lastmod {
            let _ = write!(xml, "<lastmod>{d}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Ok(xml)
}

/// URLs a part lists: the state's, and at least one besides the fixed
/// pages the first part starts with.
fn part_urls(state: &AppState) -> i64 {
    state.sitemap_part_urls.max(PAGES.len() as i64 + 1)
}

async fn total(state: &AppState) -> Result<i64, Error> {
    Ok(sitemap::count(&state.pool).await? + PAGES.len() as i64)
}

pub async fn sitemap(State(state): State<AppState>) -> Result<Response, Error> {
    let total = total(&state).await?;
    let per_part = part_urls(&state);
    if total <= per_part {
        return Ok(typed(
            "application/xml; charset=utf-8",
            urlset(&state, 0, per_part).await?,
        ));
    }
    let parts = (total + per_part - 1) / per_part;
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

/// `/sitemap-{n}.xml`, from 1, when the archive has more URLs than a part
/// holds.
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
    let per_part = part_urls(&state);
    if total <= per_part || (n - 1).saturating_mul(per_part) >= total {
        return Err(Error::NotFound(format!(
            "Aucun sitemap « sitemap-{name} »."
        )));
    }
    Ok(typed(
        "application/xml; charset=utf-8",
        urlset(&state, n - 1, per_part).await?,
    ))
}
