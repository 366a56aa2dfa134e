//! The communiqués' JSON twins: `/api/v1/communiques` and
//! `/api/v1/communiques/{slug}`.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::db::communiques::ListRow;
use crate::domain::article::ArticleKind;
use crate::domain::country::{CountryCode, CountryRole};
use crate::domain::date::DateBasis;
use crate::web::api::{ListBody, ListMeta, Summary};
use crate::web::error::Error;
use crate::web::request::query::ListQuery;
use crate::web::request::{Path, Query};
use crate::web::state::AppState;
use crate::web::urls;

/// Where a communiqué was read from.
#[derive(Debug, Serialize)]
pub struct Source {
    pub file: String,
    /// Article index in the file, from 0.
    pub position: i64,
    pub first_line: i64,
    pub last_line: i64,
    /// The page the file was copied from, when it says.
    pub address: Option<String>,
}

/// A person named in a communiqué.
#[derive(Debug, Serialize)]
pub struct PersonRef {
    pub name: String,
    pub slug: String,
    /// Functions written with the mention, as in the text.
    pub roles: Vec<String>,
    pub url: String,
    pub api_url: String,
}

/// A country named in a communiqué.
#[derive(Debug, Serialize)]
pub struct CountryRef {
    /// ISO 3166-1 alpha-2.
    pub code: CountryCode,
    pub name: String,
    /// "partner" or "mentioned".
    pub role: CountryRole,
    pub url: String,
    pub api_url: String,
}

/// One communiqué in full.
#[derive(Debug, Serialize)]
pub struct Detail {
    pub slug: String,
    pub title: Option<String>,
    pub date: Option<String>,
    /// Where the date comes from: "body", "title", "page_date" or "version".
    pub date_basis: Option<DateBasis>,
    pub issuer: Option<String>,
    /// The issuing body the tag names, one spelling for all ("BIP/MAECI").
    pub issuer_body: Option<String>,
    /// A signed byline: the author, never the issuer.
    pub author: Option<String>,
    /// "main", or "related" for a teaser listed after another article.
    pub kind: ArticleKind,
    /// Paragraphs separated by blank lines.
    pub body: String,
    pub url: String,
    pub sources: Vec<Source>,
    pub persons: Vec<PersonRef>,
    pub countries: Vec<CountryRef>,
    /// Other reports of the same event; the one listed first.
    pub versions: Vec<Summary>,
    pub older: Option<Summary>,
    pub newer: Option<Summary>,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

pub async fn index(
    State(state): State<AppState>,
    Query(asked): Query<ListQuery>,
) -> Result<ListBody<Summary>, Error> {
    let pagination = asked.paging.api();
    let super::IndexView {
        filters,
        listing: list,
    } = super::index(&state, &asked.filters, pagination).await?;
    Ok(ListBody {
        data: list.rows.iter().map(Summary::from).collect(),
        meta: ListMeta::with_params(
            urls::api::COMMUNIQUES,
            &filters.params,
            list.total,
            pagination,
            &state.archive,
        ),
    })
}

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Detail>, Error> {
    let full = super::show::<ListRow>(&state, &slug).await?;
    let c = full.communique;
    Ok(Json(Detail {
        url: urls::communique(&c.slug),
        slug: c.slug,
        title: c.title,
        date: c.date.map(|d| d.to_string()),
        date_basis: c.date_basis,
        issuer: c.issuer,
        issuer_body: c.issuer_body,
        author: c.author,
        kind: c.kind,
        body: c.body,
        sources: full
            .sources
            .into_iter()
            .map(|s| Source {
                file: s.file,
                position: s.position,
                first_line: s.first_line,
                last_line: s.last_line,
                address: s.address,
            })
            .collect(),
        persons: full
            .persons
            .into_iter()
            .map(|p| PersonRef {
                url: urls::person(&p.slug),
                api_url: urls::api::person(&p.slug),
                roles: p.roles.lines().map(str::to_owned).collect(),
                name: p.name,
                slug: p.slug,
            })
            .collect(),
        countries: full
            .countries
            .into_iter()
            .map(|c| CountryRef {
                url: urls::country(&c.code),
                api_url: urls::api::country(&c.code),
                code: c.code,
                name: c.name,
                role: c.role,
            })
            .collect(),
        versions: full.versions.iter().map(Summary::from).collect(),
        older: full.older.as_ref().map(Summary::from),
        newer: full.newer.as_ref().map(Summary::from),
        archive_version: state.archive.version.clone(),
        archive_updated_at: state.archive.updated_at.clone(),
    }))
}

/// A run of a version's text, and whether only this version has it.
#[derive(Debug, Serialize)]
pub struct RunJson {
    pub text: String,
    pub changed: bool,
}

#[derive(Debug, Serialize)]
pub struct CompareSide {
    pub slug: String,
    pub url: String,
    pub api_url: String,
    /// Words only this version has.
    pub words_only_here: usize,
    pub title: Vec<RunJson>,
    pub body: Vec<RunJson>,
}

/// Two versions of one event compared word by word: each text as runs,
/// those only it has marked `changed`.
#[derive(Debug, Serialize)]
pub struct CompareBody {
    pub left: CompareSide,
    pub right: CompareSide,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

pub async fn compare(
    State(state): State<AppState>,
    Path((left, right)): Path<(String, String)>,
) -> Result<Json<CompareBody>, Error> {
    let view = super::compare(&state, &left, &right).await?;
    let runs = |runs: Vec<crate::web::diff::Run>| {
        runs.into_iter()
            .map(|r| RunJson {
                text: r.text,
                changed: r.changed,
            })
            .collect()
    };
    let side = |slug: &str, title, body, only| CompareSide {
        url: urls::communique(slug),
        api_url: urls::api::communique(slug),
        slug: slug.to_owned(),
        words_only_here: only,
        title: runs(title),
        body: runs(body),
    };
    Ok(Json(CompareBody {
        left: side(
            &view.left.slug,
            view.titles.left,
            view.bodies.left,
            view.bodies.left_only,
        ),
        right: side(
            &view.right.slug,
            view.titles.right,
            view.bodies.right,
            view.bodies.right_only,
        ),
        archive_version: state.archive.version.clone(),
        archive_updated_at: state.archive.updated_at.clone(),
    }))
}
