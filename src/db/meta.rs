//! The archive's own facts: its version (a hash of its contents) and the time
//! of the ingest that last changed it.

use sqlx::{Sqlite, SqliteExecutor, Transaction};

const VERSION: &str = "version";
const UPDATED_AT: &str = "updated_at";
/// The version of the aggregates the archive holds (see `db::aggregates`).
pub const AGGREGATES: &str = "aggregates";
/// How many communiqués are listed (groups of versions), counted at ingest.
pub const LISTED: &str = "listed";
/// How many texts are stored, versions included, counted at ingest.
pub const TEXTS: &str = "texts";
/// How many dumps the texts were read from (`file_holding`'s rows).
pub const FILES: &str = "files";

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

/// The sum kept of every communiqué's content hash (`record_version`).
const CONTENT_SUM: &str = "content_sum";

/// What one content hash adds to the sum: the first 16 bytes of its SHA-256.
fn summand(content_hash: &str) -> u128 {
    let digest = crate::domain::hash::sha256(content_hash.as_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_be_bytes(first)
}

/// Records a new state of the archive after a run that added communiqués
/// with the content hashes `added`. The version is a hash of the sum of
/// every communiqué's content hash (summed as numbers, wrapping), so equal
/// contents give equal versions whatever the order they came in, and a run
/// adds its own hashes to the sum kept instead of reading the archive's.
pub async fn record_version<'a>(
    tx: &mut Transaction<'_, Sqlite>,
    now: &str,
    added: impl Iterator<Item = &'a str>,
) -> Result<String, sqlx::Error> {
    let kept = get(&mut **tx, CONTENT_SUM)
        .await?
        .and_then(|s| u128::from_str_radix(&s, 16).ok());
    let sum = match kept {
        Some(sum) => added.fold(sum, |sum, h| sum.wrapping_add(summand(h))),
        // Archives made before the sum was kept: counted once from all.
        None => {
            let hashes: Vec<String> = sqlx::query_scalar("SELECT content_hash FROM communique")
                .fetch_all(&mut **tx)
                .await?;
            hashes
                .iter()
                .fold(0u128, |sum, h| sum.wrapping_add(summand(h)))
        }
    };
    let sum = format!("{sum:032x}");
    let version = crate::domain::hash::hex_sha256(sum.as_bytes())[..16].to_owned();
    for (key, value) in [
        (CONTENT_SUM, sum.as_str()),
        (VERSION, version.as_str()),
        (UPDATED_AT, now),
    ] {
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
