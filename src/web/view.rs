//! What pages show, computed once from rows: display titles, French dates,
//! excerpts, links. HTML templates and JSON both read these helpers.

use askama::Template;
use axum::response::Html;

use super::error::Error;
use super::state::ArchiveInfo;
use super::urls::{self, Params};
use crate::db::communiques::ListRow;
use crate::domain::french;
use crate::domain::slug::issuer_slug;

/// Renders a page template.
pub(crate) fn render<T: Template>(page: &T) -> Result<Html<String>, Error> {
    render_with_room(page, 0)
}

/// The least a page's buffer is given: askama's hint counts only the
/// template's own text, and a page grown from it is copied at each doubling.
const PAGE_BYTES: usize = 16 * 1024;

/// Renders a page template into a buffer with `room` bytes more than a page
/// takes at least: what its texts will add, when they are long.
pub(crate) fn render_with_room<T: Template>(page: &T, room: usize) -> Result<Html<String>, Error> {
    let mut html = String::with_capacity(T::SIZE_HINT.max(PAGE_BYTES) + room);
    page.render_into(&mut html)?;
    Ok(Html(html))
}

/// The frame of every page: its title and the archive's identity for the footer.
pub struct Layout<'a> {
    pub title: String,
    pub stylesheet: &'a str,
    /// What the header's search box shows: the words of the current search.
    pub query: String,
    pub version: &'a str,
    pub updated: String,
    /// The section of the menu the page belongs to (its root address).
    pub section: Option<&'static str>,
}

/// The header's menu: (address, label).
const MENU: &[(&str, &str)] = &[
    (urls::COMMUNIQUES, "Tous les communiqués"),
    (urls::DATES, "Par date"),
    (urls::PERSONS, "Personnes"),
    (urls::COUNTRIES, "Pays"),
    (urls::ISSUERS, "Émetteurs"),
    (urls::api::ROOT, "API"),
    (urls::ABOUT, "À propos"),
];

impl<'a> Layout<'a> {
    pub fn new(archive: &'a ArchiveInfo, title: &str) -> Self {
        let updated = archive
            .updated_at
            .get(..10)
            .and_then(parse_date)
            .map(french::long_date)
            .unwrap_or_default();
        Self {
            stylesheet: &archive.stylesheet.href,
            query: String::new(),
            title: french::typeset(title),
            version: &archive.version,
            updated,
            section: None,
        }
    }

    /// The page belongs to the menu's section at `root` (`urls::PERSONS`…).
    pub fn in_section(mut self, root: &'static str) -> Self {
        self.section = Some(root);
        self
    }

    /// The menu: (address, label, is it the page's section).
    pub fn menu(&self) -> Vec<(&'static str, &'static str, bool)> {
        MENU.iter()
            .map(|&(href, label)| (href, label, self.section == Some(href)))
            .collect()
    }
}

pub use crate::domain::french::parse_iso_date as parse_date;

/// The long French form of a date, or "Date inconnue".
pub fn long_date(date: Option<time::Date>) -> String {
    date.map_or_else(|| "Date inconnue".to_owned(), french::long_date)
}

/// A headline to show: the title, or the first words of the body.
pub fn display_title(title: Option<&str>, body: &str) -> String {
    match title {
        Some(t) if !t.trim().is_empty() => t.to_owned(),
        _ => cut(body.split("\n\n").next().unwrap_or(body), 110),
    }
}

/// At most `max` characters, cut at a word boundary, with an ellipsis if cut.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    if let Some(space) = text[..end].rfind(' ') {
        end = space;
    }
    format!(
        "{}…",
        text[..end].trim_end_matches([',', ';', ':', '.', ' '])
    )
}

/// The first paragraph of a body, cut for a list.
pub fn excerpt(body: &str) -> String {
    cut(body.split("\n\n").next().unwrap_or(body), 260)
}

/// A communiqué in a list.
pub struct Card {
    pub href: String,
    pub title: String,
    pub date_iso: Option<String>,
    pub date_long: String,
    /// The month page of its date.
    pub date_href: Option<String>,
    /// The issuing office (its body, or the tag when no body was read).
    pub issuer: Option<String>,
    /// The issuer's page.
    pub issuer_href: Option<String>,
    /// A signed byline, shown as the author, never as the issuer.
    pub author: Option<String>,
    pub excerpt: String,
    pub other_versions: i64,
}

impl From<&ListRow> for Card {
    fn from(r: &ListRow) -> Self {
        Self {
            href: urls::communique(&r.slug),
            title: display_title(r.title.as_deref(), &r.lead),
            date_iso: r.date.map(|d| d.to_string()),
            date_long: long_date(r.date),
            date_href: r.date.map(month_href),
            issuer: r.issuer_body.clone().or_else(|| r.issuer.clone()),
            issuer_href: r.issuer_body.as_deref().and_then(issuer_href),
            author: r.author.clone(),
            excerpt: excerpt(&r.lead),
            other_versions: r.other_versions,
        }
    }
}

/// The page of a date's month.
pub fn month_href(date: time::Date) -> String {
    urls::month(i64::from(date.year()), date.month())
}

/// The page of the issuer a body names, when it has an address.
pub fn issuer_href(body: &str) -> Option<String> {
    let slug = issuer_slug(body);
    (!slug.is_empty()).then(|| urls::issuer(&slug))
}

/// What a page of communiqués offers to take away: its Atom feed and its
/// JSON, and for a listing its CSV and NDJSON exports, each with the page's
/// filters (`partials/_downloads.html`).
pub struct Downloads {
    /// "Ces communiqués", "Cette recherche".
    pub label: &'static str,
    pub feed: String,
    pub json: String,
    pub csv: Option<String>,
    pub ndjson: Option<String>,
}

impl Downloads {
    /// The listing `params` select.
    pub fn listing(params: &Params) -> Self {
        Self {
            label: "Ces communiqués",
            feed: params.at(urls::FEED),
            json: params.at(urls::api::COMMUNIQUES),
            csv: Some(params.at(urls::api::CSV)),
            ndjson: Some(params.at(urls::api::NDJSON)),
        }
    }

    /// A search: its feed and its JSON (the exports are of listings).
    pub fn search(params: &Params) -> Self {
        Self {
            label: "Cette recherche",
            feed: params.at(urls::SEARCH_FEED),
            json: params.at(urls::api::SEARCH),
            csv: None,
            ndjson: None,
        }
    }
}

/// Links to the pages around the current one.
pub struct Pager {
    pub page: i64,
    pub last_page: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// The pages of `path` without parameters.
    pub fn new(path: &str, page: i64, last_page: i64) -> Self {
        Self::with_params(path, &Params::default(), page, last_page)
    }

    /// The pages of `path` with `params` kept (`urls::Params::page`).
    pub fn with_params(path: &str, params: &Params, page: i64, last_page: i64) -> Self {
        let link = |n: i64| params.page(path, n);
        Self {
            page,
            last_page,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < last_page).then(|| link(page + 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_word_boundaries() {
        assert_eq!(cut("court", 10), "court");
        assert_eq!(cut("un deux trois quatre", 10), "un deux…");
        assert_eq!(
            display_title(None, "Le Président a reçu.\n\nSuite"),
            "Le Président a reçu."
        );
        assert_eq!(long_date(parse_date("2026-01-08")), "jeudi 8 janvier 2026");
        assert_eq!(long_date(None), "Date inconnue");
    }
}
