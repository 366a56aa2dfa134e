//! The archive's own facts: its version (a hash of its contents) and the time
//! of the ingest that last changed it.

use sqlx::{Sqlite, SqliteExecutor, Transaction};

const VERSION: &str = "version";
const UPDATED_AT: &str = "updated_at";
/// The version of the aggregates the archive holds (see `db::aggregates`).
pub const AGGREGATES: &str = "aggregates";
/// How many communiqués are listed (groups of versions), counted at ingest.
pub const LISTED: &str = "listed";

/// The number of listed communiqués, counted at ingest.
pub async fn listed(db: impl SqliteExecutor<'_>) -> Result<Option<i64>, sqlx::Error> {
    Ok(get(db, LISTED).await?.and_then(|v| v.parse().ok()))
}

/// The archive's version hash, if an ingest has completed.
pub async fn archive_version(db: impl SqliteExecutor<'_>) -> Result<Option<String>, sqlx::Error> {
    get(db, VERSION).await
}

/// When the archive last changed (RFC 3339, UTC).
pub async fn updated_at(db: impl SqliteExecutor<'_>) -> Result<Option<String>, sqlx::Error> {
    get(db, UPDATED_AT).await
}

pub async fn get(db: impl SqliteExecutor<'_>, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM archive_meta WHERE key = ?")
        .bind(key)
        .fetch_optional(db)
        .await
}

/// Records a new state of the archive: the version is the hash of every
/// communiqué's content hash, in order, so equal contents give equal versions.
pub async fn record_version(
    tx: &mut Transaction<'_, Sqlite>,
    now: &str,
) -> Result<String, sqlx::Error> {
    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT content_hash FROM communique ORDER BY content_hash")
            .fetch_all(&mut **tx)
            .await?;
    let version = crate::domain::hash::hex_sha256(hashes.join("\n").as_bytes())[..16].to_owned();
    for (key, value) in [(VERSION, version.as_str()), (UPDATED_AT, now)] {
        set(tx, key, value).await?;
    }
    Ok(version)
}

pub async fn set(
    tx: &mut Transaction<'_, Sqlite>,
    key: &str,
    value: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO archive_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
