//! What the archive holds, counted for the "À propos" page: communiqués,
//! versions, persons, countries, issuers, and the dumps they were read from.

/// The archive's totals.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// The communiqués, the texts and the dumps come from the counts the
/// ingest keeps (`archive_meta`, `file_holding`): counted here, they read
/// every communiqué and every source of the archive. An archive from
/// before the texts were kept counts them, until its next ingest.
pub async fn totals(pool: &super::Pool) -> Result<Totals, sqlx::Error> {
    let (listed, texts, files, persons, countries, issuers): (
        Option<i64>,
        Option<i64>,
        i64,
        i64,
        i64,
        i64,
    ) = sqlx::query_as(TOTALS)
        .bind(super::meta::LISTED)
        .bind(super::meta::TEXTS)
        .bind(super::meta::FILES)
        .fetch_one(pool)
        .await?;
    let count = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).fetch_one(pool);
    Ok(Totals {
        listed: match listed {
            Some(n) => n,
            None => count("SELECT COUNT(*) FROM communique WHERE id = group_id").await?,
        },
        texts: match texts {
            Some(n) => n,
            None => count("SELECT COUNT(*) FROM communique").await?,
        },
        files,
        persons,
        countries,
        issuers,
    })
}

const TOTALS: &str = "SELECT (SELECT CAST(value AS INTEGER) FROM archive_meta WHERE key = ?),
        (SELECT CAST(value AS INTEGER) FROM archive_meta WHERE key = ?),
        coalesce((SELECT CAST(value AS INTEGER) FROM archive_meta WHERE key = ?), 0),
        (SELECT COUNT(*) FROM person WHERE communiques > 0),
        (SELECT COUNT(*) FROM country WHERE partner + mentioned > 0),
        (SELECT COUNT(*) FROM issuer WHERE communiques > 0)";

/// A dump: its name, the texts read from it, its first and last date.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FileRow {
    pub file: String,
    pub texts: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// The dumps with the most texts first, at most `limit` (`file_holding`,
/// kept by the ingest).
pub async fn files(pool: &super::Pool, limit: i64) -> Result<Vec<FileRow>, sqlx::Error> {
    sqlx::query_as(FILES).bind(limit).fetch_all(pool).await
}

const FILES: &str = "SELECT file, texts, first_date, last_date FROM file_holding
         ORDER BY texts DESC, file LIMIT ?";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{empty_archive, plan, scans_of_large_tables};

    #[tokio::test]
    async fn the_holdings_are_read_from_the_counts_kept_not_the_whole_archive() {
        let (_dir, pool) = empty_archive().await;
        let totals = plan(&pool, TOTALS).await;
        assert!(scans_of_large_tables(&totals).is_empty(), "{totals}");
        // The largest dumps first, from their index: walked in order and
        // left at the limit, never all of them sorted.
        let files = plan(&pool, FILES).await;
        assert_eq!(
            files, "SCAN file_holding USING INDEX file_holding_by_texts",
            "{files}"
        );
        pool.close().await;
    }
}
