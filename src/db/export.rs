//! Exports: every listed communiqué a filter selects, in listing order, read
//! in chunks by keyset so that memory stays constant whatever the archive size.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::communiques::{Filter, push_filter};

/// One exported communiqué: what the archive stores about it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportRow {
    pub slug: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub date_basis: Option<String>,
    pub issuer: Option<String>,
    pub kind: String,
    pub body: String,
    /// Canonical names, "; "-separated, in order of mention.
    pub persons: Option<String>,
    /// "RU:partner; BF:mentioned".
    pub countries: Option<String>,
    /// Slugs of the other versions of the event, "; "-separated.
    pub versions: Option<String>,
    /// Source files and positions, "file#position", "; "-separated.
    pub sources: Option<String>,
    pub sort_key: String,
}

/// Where the previous chunk ended: (sort_key, slug) of its last row.
pub type Cursor = (String, String);

/// The next `limit` rows after `after`.
pub async fn chunk(
    pool: &SqlitePool,
    filter: &Filter,
    after: Option<&Cursor>,
    limit: i64,
) -> Result<Vec<ExportRow>, sqlx::Error> {
    let mut q: QueryBuilder<'_, Sqlite> = QueryBuilder::new(
        "SELECT c.slug, c.title, c.date,
         CASE WHEN c.date_from_version = 1 THEN 'version' ELSE c.date_basis END AS date_basis, c.issuer, c.kind, c.body, c.sort_key,
           (SELECT group_concat(name, '; ') FROM (SELECT p.name FROM person_mention m JOIN person p ON p.id = m.person_id
              WHERE m.communique_id = c.id ORDER BY m.position)) AS persons,
           (SELECT group_concat(x, '; ') FROM (SELECT m.code || ':' || m.role AS x FROM country_mention m
              WHERE m.communique_id = c.id ORDER BY m.position)) AS countries,
           (SELECT group_concat(slug, '; ') FROM (SELECT v.slug FROM communique v
              WHERE v.group_id = c.id AND v.id <> c.id ORDER BY v.slug)) AS versions,
           (SELECT group_concat(x, '; ') FROM (SELECT s.file || '#' || s.position AS x FROM source s
              WHERE s.communique_id = c.id ORDER BY s.id)) AS sources
         FROM communique c",
    );
    push_filter(&mut q, filter);
    if let Some((key, slug)) = after {
        q.push(" AND (c.sort_key < ")
            .push_bind(key.clone())
            .push(" OR (c.sort_key = ")
            .push_bind(key.clone())
            .push(" AND c.slug > ")
            .push_bind(slug.clone())
            .push("))");
    }
    q.push(" ORDER BY c.sort_key DESC, c.slug LIMIT ")
        .push_bind(limit);
    q.build_query_as().fetch_all(pool).await
}
