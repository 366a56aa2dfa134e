//! Exports: every listed communiqué a filter selects, in listing order, read
//! in chunks by keyset so that memory stays constant whatever the archive size.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use time::Date;

use super::communiques::{Filter, push_selected};
use super::decode;
use crate::domain::article::ArticleKind;
use crate::domain::country::{CountryCode, CountryRole};
use crate::domain::date::DateBasis;

/// One exported communiqué: what the archive stores about it.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub slug: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub date_basis: Option<DateBasis>,
    pub issuer: Option<String>,
    pub kind: ArticleKind,
    pub body: String,
    /// Canonical names, in order of mention.
    pub persons: Vec<String>,
    /// Countries in order of mention, with their role.
    pub countries: Vec<(CountryCode, CountryRole)>,
    /// Slugs of the other versions of the event.
    pub versions: Vec<String>,
    /// Where it was read: "file#position".
    pub sources: Vec<String>,
    pub sort_key: String,
}

impl<'r> sqlx::FromRow<'r, SqliteRow> for ExportRow {
    fn from_row(row: &'r SqliteRow) -> Result<Self, sqlx::Error> {
        let text = |s: &str| Ok(s.to_owned());
        Ok(Self {
            slug: row.try_get("slug")?,
            title: row.try_get("title")?,
            date: row.try_get("date")?,
            date_basis: decode::optional(row, "date_basis")?,
            issuer: row.try_get("issuer")?,
            kind: decode::column(row, "kind")?,
            body: row.try_get("body")?,
            persons: decode::separated(row, "persons", text)?,
            countries: decode::separated(row, "countries", |pair| {
                let (code, role) = pair
                    .split_once(':')
                    .ok_or_else(|| format!("not code:role: {pair:?}"))?;
                Ok((
                    CountryCode::try_from(code.to_owned())?,
                    CountryRole::try_from(role.to_owned())?,
                ))
            })?,
            versions: decode::separated(row, "versions", text)?,
            sources: decode::separated(row, "sources", text)?,
            sort_key: row.try_get("sort_key")?,
        })
    }
}

/// Where the previous chunk ended: (sort_key, slug) of its last row.
pub type Cursor = (String, String);

/// The next `limit` rows after `after`.
pub async fn chunk(
    pool: &super::Pool,
    filter: &Filter,
    after: Option<&Cursor>,
    limit: i64,
) -> Result<Vec<ExportRow>, sqlx::Error> {
    let mut q: QueryBuilder<'_, Sqlite> = QueryBuilder::new(
        "SELECT c.slug, c.title, c.date,
         CASE WHEN c.date_from_version = 1 THEN 'version' ELSE c.date_basis END AS date_basis, c.issuer, c.kind, c.body, c.sort_key,
           (SELECT group_concat(name, char(31)) FROM (SELECT p.name FROM person_mention m JOIN person p ON p.id = m.person_id
              WHERE m.communique_id = c.id ORDER BY m.position)) AS persons,
           (SELECT group_concat(x, char(31)) FROM (SELECT m.code || ':' || m.role AS x FROM country_mention m
              WHERE m.communique_id = c.id ORDER BY m.position)) AS countries,
           (SELECT group_concat(slug, char(31)) FROM (SELECT v.slug FROM communique v
              WHERE v.group_id = c.id AND v.id <> c.id ORDER BY v.slug)) AS versions,
           (SELECT group_concat(x, char(31)) FROM (SELECT s.file || '#' || s.position AS x FROM source s
              WHERE s.communique_id = c.id ORDER BY s.id)) AS sources
         FROM (",
    );
    // The chunk's entries where the listing reads them, after the cursor:
    // one bound on the key (a range of the index), then the slug within it.
    push_selected(pool, &mut q, filter).await?;
    if let Some((key, slug)) = after {
        q.push(" AND sort_key <= ")
            .push_bind(key.clone())
            .push(" AND (sort_key < ")
            .push_bind(key.clone())
            .push(" OR slug > ")
            .push_bind(slug.clone())
            .push(")");
    }
    q.push(" ORDER BY sort_key DESC, slug LIMIT ")
        .push_bind(limit)
        .push(") page JOIN communique c ON c.id = page.id ORDER BY page.sort_key DESC, page.slug");
    q.build_query_as().fetch_all(pool).await
}
