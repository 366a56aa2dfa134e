//! The addresses a sitemap lists: every permalink, person and country page.

use sqlx::SqlitePool;

/// How many URLs the archive has: communiqués (every version has its
/// permalink), persons, countries.
pub async fn count(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM communique)
              + (SELECT COUNT(*) FROM person WHERE communiques > 0)
              + (SELECT COUNT(*) FROM country WHERE partner + mentioned > 0)",
    )
    .fetch_one(pool)
    .await
}

/// (path, last modification date if known), in a stable order, one slice.
pub async fn paths(
    pool: &SqlitePool,
    limit: i64,
    offset: i64,
) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT path, lastmod FROM (
            SELECT 0 AS k, id AS n, '/communiques/' || slug AS path, date AS lastmod FROM communique
            UNION ALL SELECT 1, id, '/personnes/' || slug, NULL FROM person WHERE communiques > 0
            UNION ALL SELECT 2, 0, '/pays/' || lower(code), NULL FROM country WHERE partner + mentioned > 0
         ) ORDER BY k, n, path LIMIT ? OFFSET ?",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await
}
