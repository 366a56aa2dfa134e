//! What the archive holds, counted for the "À propos" page: communiqués,
//! versions, persons, countries, issuers, and the dumps they were read from.

/// The archive's totals.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Totals {
    /// Listed communiqués (a group of versions counts once).
    pub listed: i64,
    /// Every text stored, versions included.
    pub texts: i64,
    pub files: i64,
    pub persons: i64,
    pub countries: i64,
    pub issuers: i64,
}

pub async fn totals(pool: &super::Pool) -> Result<Totals, sqlx::Error> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM communique WHERE id = group_id) AS listed,
                (SELECT COUNT(*) FROM communique) AS texts,
                (SELECT COUNT(DISTINCT file) FROM source) AS files,
                (SELECT COUNT(*) FROM person WHERE communiques > 0) AS persons,
                (SELECT COUNT(*) FROM country WHERE partner + mentioned > 0) AS countries,
                (SELECT COUNT(*) FROM issuer WHERE communiques > 0) AS issuers",
    )
    .fetch_one(pool)
    .await
}

/// A dump: its name, the texts read from it, its first and last date.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FileRow {
    pub file: String,
    pub texts: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// The dumps with the most texts first, at most `limit`.
pub async fn files(pool: &super::Pool, limit: i64) -> Result<Vec<FileRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.file, COUNT(DISTINCT s.communique_id) AS texts,
                min(c.date) AS first_date, max(c.date) AS last_date
         FROM source s JOIN communique c ON c.id = s.communique_id
         GROUP BY s.file ORDER BY texts DESC, s.file LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}
