//! Reading communiqués: the listing (one line per group of versions, newest
//! first, undated last), one communiqué by slug, its sources, its other
//! versions and its neighbours in the listing.

use sqlx::SqlitePool;

/// A line of a listing.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ListRow {
    pub slug: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    /// The start of the body, for an excerpt.
    pub lead: String,
    /// How many other versions of the same event the archive holds.
    pub other_versions: i64,
}

/// One communiqué in full.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommuniqueRow {
    pub id: i64,
    pub slug: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub date_basis: Option<String>,
    pub issuer: Option<String>,
    pub body: String,
    pub kind: String,
    pub group_id: i64,
    pub sort_key: String,
}

/// Where a communiqué was read from.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SourceRow {
    pub file: String,
    pub position: i64,
    pub first_line: i64,
    pub last_line: i64,
}

/// A span of `sort_key` values: everything, or one month.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    pub from: &'a str,
    pub until: &'a str,
}

impl Span<'_> {
    pub const ALL: Span<'static> = Span {
        from: "0000-00-00",
        until: "9999-99-99",
    };
}

const LIST_COLUMNS: &str = "c.slug, c.title, c.date, c.issuer, substr(c.body, 1, 600) AS lead,
    (SELECT COUNT(*) FROM communique v WHERE v.group_id = c.id) - 1 AS other_versions";

/// Number of listed communiqués (a group of versions counts once) in a span.
pub async fn count_listed(pool: &SqlitePool, span: Span<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM communique WHERE id = group_id AND sort_key >= ? AND sort_key < ?",
    )
    .bind(span.from)
    .bind(span.until)
    .fetch_one(pool)
    .await
}

/// A page of the listing, newest first, undated last.
pub async fn list(
    pool: &SqlitePool,
    span: Span<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<ListRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {LIST_COLUMNS} FROM communique c
         WHERE c.id = c.group_id AND c.sort_key >= ? AND c.sort_key < ?
         ORDER BY c.sort_key DESC, c.slug LIMIT ? OFFSET ?"
    ))
    .bind(span.from)
    .bind(span.until)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await
}

/// One communiqué by its permanent slug.
pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Option<CommuniqueRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, slug, title, date, date_basis, issuer, body, kind, group_id, sort_key
         FROM communique WHERE slug = ?",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await
}

/// Every source of a communiqué, in the order files were given.
pub async fn sources(pool: &SqlitePool, id: i64) -> Result<Vec<SourceRow>, sqlx::Error> {
    sqlx::query_as("SELECT file, position, first_line, last_line FROM source WHERE communique_id = ? ORDER BY id")
        .bind(id)
        .fetch_all(pool)
        .await
}

/// The other versions of the same event, the listed one first.
pub async fn other_versions(
    pool: &SqlitePool,
    c: &CommuniqueRow,
) -> Result<Vec<ListRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {LIST_COLUMNS} FROM communique c
         WHERE c.group_id = ? AND c.id <> ?
         ORDER BY c.id = c.group_id DESC, c.slug"
    ))
    .bind(c.group_id)
    .bind(c.id)
    .fetch_all(pool)
    .await
}

/// The listed communiqués just older and just newer than `c` in the listing.
pub async fn neighbours(
    pool: &SqlitePool,
    c: &CommuniqueRow,
) -> Result<(Option<ListRow>, Option<ListRow>), sqlx::Error> {
    let older = sqlx::query_as(&format!(
        "SELECT {LIST_COLUMNS} FROM communique c
         WHERE c.id = c.group_id AND c.id <> ?1
           AND (c.sort_key < ?2 OR (c.sort_key = ?2 AND c.slug > ?3))
         ORDER BY c.sort_key DESC, c.slug LIMIT 1"
    ))
    .bind(c.group_id)
    .bind(&c.sort_key)
    .bind(&c.slug)
    .fetch_optional(pool)
    .await?;
    let newer = sqlx::query_as(&format!(
        "SELECT {LIST_COLUMNS} FROM communique c
         WHERE c.id = c.group_id AND c.id <> ?1
           AND (c.sort_key > ?2 OR (c.sort_key = ?2 AND c.slug < ?3))
         ORDER BY c.sort_key ASC, c.slug DESC LIMIT 1"
    ))
    .bind(c.group_id)
    .bind(&c.sort_key)
    .bind(&c.slug)
    .fetch_optional(pool)
    .await?;
    Ok((older, newer))
}
