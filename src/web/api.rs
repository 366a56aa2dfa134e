//! What every JSON twin under `/api/v1` shares: the envelope of a list and
//! its page links, and the counts several families show. Response structs
//! live beside their handlers (`web::<family>::json`): they are the public
//! contract, distinct from database rows.

pub mod index;

use axum::Json;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::chart::fill_months;
use super::pagination::Pagination;
use super::state::ArchiveInfo;
use super::urls;
use super::urls::Params;
use super::view::{display_title, excerpt};
use crate::db::communiques::ListRow;
use crate::db::issuers::IssuerRow;
use crate::db::persons::PersonRow;
use crate::domain::slug::issuer_slug;

/// The envelope of every list: `{"data": [...], "meta": {...}}`.
#[derive(Debug, Serialize)]
pub struct ListBody<T: Serialize> {
    pub data: Vec<T>,
    pub meta: ListMeta,
}

/// A list answers with its JSON and a `Link` header (RFC 8288) to the pages
/// around it, as the API contract says.
impl<T: Serialize> IntoResponse for ListBody<T> {
    fn into_response(self) -> Response {
        let link = self.meta.link_header();
        let mut response = Json(self).into_response();
        if let Some(v) = link.and_then(|l| HeaderValue::from_str(&l).ok()) {
            response.headers_mut().insert(header::LINK, v);
        }
        response
    }
}

/// Pagination facts of a list; `next` and `prev` are links, null at the ends.
#[derive(Debug, Serialize)]
pub struct ListMeta {
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub next: Option<String>,
    pub prev: Option<String>,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

impl ListMeta {
    /// `<…>; rel="next", <…>; rel="prev"`, or nothing on a single page.
    pub fn link_header(&self) -> Option<String> {
        let parts: Vec<String> = [(&self.next, "next"), (&self.prev, "prev")]
            .into_iter()
            .filter_map(|(url, rel)| url.as_ref().map(|u| format!("<{u}>; rel=\"{rel}\"")))
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// `path` is the endpoint's path; page links keep `per_page`.
    pub fn new(path: &str, total: i64, p: Pagination, archive: &ArchiveInfo) -> Self {
        Self::with_params(path, &Params::default(), total, p, archive)
    }

    /// Page links keep `params` (`urls::Params::api_page`).
    pub fn with_params(
        path: &str,
        params: &Params,
        total: i64,
        p: Pagination,
        archive: &ArchiveInfo,
    ) -> Self {
        let link = |n: i64| params.api_page(path, n, p.per_page);
        Self {
            total,
            page: p.page,
            per_page: p.per_page,
            next: p.has_next(total).then(|| link(p.page + 1)),
            prev: (p.page > 1).then(|| link(p.page - 1)),
            archive_version: archive.version.clone(),
            archive_updated_at: archive.updated_at.clone(),
        }
    }
}

/// A person named with another person or a country, and how often (shared
/// by the persons' and the countries' JSON).
#[derive(Debug, Serialize)]
pub struct PersonCount {
    pub name: String,
    pub slug: String,
    pub count: i64,
    pub url: String,
}

/// Communiqués of one month naming a person or a country.
#[derive(Debug, Serialize)]
pub struct MonthCount {
    /// "2025-06".
    pub month: String,
    pub count: i64,
}

/// Monthly counts as JSON, months without communiqués included.
pub fn month_counts(months: &[(String, i64)]) -> Vec<MonthCount> {
    fill_months(months)
        .into_iter()
        .map(|(y, m, count)| MonthCount {
            month: format!("{y:04}-{m:02}"),
            count,
        })
        .collect()
}

/// Related persons as JSON.
pub fn person_counts(rows: Vec<(PersonRow, i64)>) -> Vec<PersonCount> {
    rows.into_iter()
        .map(|(p, count)| PersonCount {
            url: urls::api::person(&p.slug),
            name: p.name,
            slug: p.slug,
            count,
        })
        .collect()
}

/// A communiqué in a list.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub slug: String,
    pub title: Option<String>,
    /// The title, or the first words when there is none.
    pub display_title: String,
    /// ISO 8601 (YYYY-MM-DD), null when unknown.
    pub date: Option<String>,
    /// The issuer's tag as written.
    pub issuer: Option<String>,
    /// The issuer's JSON, when the tag names an issuing body.
    pub issuer_api_url: Option<String>,
    /// A signed byline: the author, never the issuer.
    pub author: Option<String>,
    pub excerpt: String,
    pub other_versions: i64,
    pub url: String,
    pub api_url: String,
}

impl From<&ListRow> for Summary {
    fn from(r: &ListRow) -> Self {
        Self {
            display_title: display_title(r.title.as_deref(), &r.lead),
            title: r.title.clone(),
            date: r.date.map(|d| d.to_string()),
            issuer: r.issuer.clone(),
            issuer_api_url: r
                .issuer_body
                .as_deref()
                .map(issuer_slug)
                .filter(|s| !s.is_empty())
                .map(|s| urls::api::issuer(&s)),
            author: r.author.clone(),
            excerpt: excerpt(&r.lead),
            other_versions: r.other_versions,
            url: urls::communique(&r.slug),
            api_url: urls::api::communique(&r.slug),
            slug: r.slug.clone(),
        }
    }
}

/// An issuer in a list (the issuers' index, the "À propos" counts).
#[derive(Debug, Serialize)]
pub struct IssuerSummary {
    pub slug: String,
    /// The issuing body, as most often written ("BIP/MAECI").
    pub name: String,
    /// Listed communiqués one of whose versions it signed.
    pub communiques: i64,
    pub url: String,
    pub api_url: String,
}

impl From<&IssuerRow> for IssuerSummary {
    fn from(i: &IssuerRow) -> Self {
        Self {
            slug: i.slug.clone(),
            name: i.name.clone(),
            communiques: i.communiques,
            url: urls::issuer(&i.slug),
            api_url: urls::api::issuer(&i.slug),
        }
    }
}
