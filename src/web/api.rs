//! The JSON twins of the pages under `/api/v1`. Response structs live beside
//! their handlers: they are the public contract, distinct from database rows.

pub mod communiques;
pub mod countries;
pub mod dates;
pub mod index;
pub mod persons;
pub mod search;

use serde::Serialize;

use super::pagination::Pagination;
use super::state::ArchiveInfo;

/// The envelope of every list: `{"data": [...], "meta": {...}}`.
#[derive(Debug, Serialize)]
pub struct ListBody<T: Serialize> {
    pub data: Vec<T>,
    pub meta: ListMeta,
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
    /// `base` is the endpoint's path; page links keep `per_page`.
    pub fn new(base: &str, total: i64, p: Pagination, archive: &ArchiveInfo) -> Self {
        Self::with_query(base, "", total, p, archive)
    }

    /// `query` holds the filters to keep, each followed by "&".
    pub fn with_query(
        base: &str,
        query: &str,
        total: i64,
        p: Pagination,
        archive: &ArchiveInfo,
    ) -> Self {
        let link = |n: i64| format!("{base}?{query}page={n}&per_page={}", p.per_page);
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
