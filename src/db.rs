//! The SQLite archive: where it lives, opening it for writing (ingest) or
//! reading (serve), and the migrations. All SQL lives under `db/`.

pub mod aggregates;
pub mod bulk_insert;
pub mod communique_page;
pub mod communiques;
pub mod countries;
mod date_range;
pub mod dates;
pub mod decode;
pub mod export;
pub mod file_identity;
pub mod files_seen;
pub mod grouping_keys;
pub mod holdings;
pub mod index_feed;
pub mod issuers;
pub mod meta;
pub mod months;
pub mod new_rows;
pub mod person_page;
pub mod persons;
pub mod pool;
pub mod search_hits;
pub mod sitemap;
pub mod store;
#[cfg(test)]
pub(crate) mod testing;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;

/// The archive's connections (`pool::Pool`), and the error of any read or
/// write: what the layers above name, so that only `db` and the ingest
/// driver speak sqlx.
pub use pool::Pool;
pub type Error = sqlx::Error;
use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// Appends `(id, id, …)` to a query ending in `IN `, one bound value per id
/// (callers never pass an empty list: `IN ()` is no SQL).
pub fn push_ids(q: &mut sqlx::QueryBuilder<'_, sqlx::Sqlite>, ids: &[i64]) {
    push_list(q, ids.iter().copied());
}

/// `(?, ?, …)`, one parameter bound to each of `values`: an `IN` list.
pub fn push_list<'args, T>(
    q: &mut sqlx::QueryBuilder<'args, sqlx::Sqlite>,
    values: impl IntoIterator<Item = T>,
) where
    T: 'args + sqlx::Encode<'args, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    q.push("(");
    let mut list = q.separated(", ");
    for value in values {
        list.push_bind(value);
    }
    q.push(")");
}

/// The database file inside a data folder.
pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join("archive.sqlite")
}

/// Does `data_dir` hold an archive? A database file that cannot be read
/// counts as one: it is never mistaken for an empty folder (and never gets
/// the seeds ingested into it).
pub async fn has_archive(data_dir: &Path) -> bool {
    archive_found(data_dir).await.unwrap_or(true)
}

/// Whether `data_dir` holds an archive: a database with a recorded version
/// or with communiqués (a first ingest that never committed leaves neither).
/// An error when the file is there but cannot be read.
pub async fn archive_found(data_dir: &Path) -> Result<bool, sqlx::Error> {
    let path = database_path(data_dir);
    if !path.is_file() {
        return Ok(false);
    }
    let pool = open_read_only(&path).await?;
    let found = match meta::archive_version(&pool).await {
        Ok(Some(_)) => Ok(true),
        Ok(None) | Err(_) => {
            // No version row (or no table yet): any communiqué at all?
            let tables: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'communique'",
            )
            .fetch_one(&pool)
            .await?;
            if tables == 0 {
                Ok(false)
            } else {
                sqlx::query_scalar::<_, i64>(
                    "SELECT COUNT(*) FROM (SELECT 1 FROM communique LIMIT 1)",
                )
                .fetch_one(&pool)
                .await
                .map(|n| n > 0)
            }
        }
    };
    pool.close().await;
    found
}

fn options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::from_str("sqlite://")
        .expect("a constant URL parses")
        .filename(path)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
}

/// SQLite's page cache for ingest, in KiB.
const INGEST_CACHE_KIB: u32 = 256 * 1024;

/// Settings for a run that writes many rows (ingest, not the upgrade a server
/// does at start, which should stay small): a large ingest touches every index
/// of a multi-gigabyte file and sorts many rows, so it gets a page cache of
/// its own and sorts in memory rather than in temporary files.
pub async fn for_bulk_writes(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("PRAGMA cache_size = -{INGEST_CACHE_KIB}"))
        .execute(pool)
        .await?;
    sqlx::query("PRAGMA temp_store = MEMORY")
        .execute(pool)
        .await?;
    Ok(())
}

/// Opens (creating it if needed) the archive for ingest and brings its schema
/// up to date. One connection: ingest is one transaction.
pub async fn open_for_writing(path: &Path) -> Result<SqlitePool, sqlx::Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let opts = options(path)
        .create_if_missing(true)
        // A rollback journal, not WAL: read-only openers then need no -shm file.
        .journal_mode(SqliteJournalMode::Delete)
        .synchronous(SqliteSynchronous::Full);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// What of the archive `pool` reads older code left behind, if anything:
/// migrations not applied, communiqués read by older rules (headlines and
/// dates, entities), or counts of an older kind. Asked on a read-only handle,
/// so that a current archive is served without any write.
pub async fn stale_parts(pool: &Pool) -> Result<Vec<&'static str>, sqlx::Error> {
    let known = sqlx::migrate!("./migrations")
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or_default();
    let applied: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(pool)
            .await?;
    let mut stale = Vec::new();
    if applied.unwrap_or_default() < known {
        stale.push("schema migrations");
        // Newer columns may be missing: what follows cannot be asked.
        return Ok(stale);
    }
    let old_reading: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM communique WHERE reading_version < ? OR entities_version < ? LIMIT 1",
    )
    .bind(crate::domain::rules::READING_VERSION)
    .bind(crate::domain::rules::ENTITIES_VERSION)
    .fetch_optional(pool)
    .await?;
    if old_reading.is_some() {
        stale.push("communiqués read by older rules");
    }
    if meta::get(pool, meta::AGGREGATES).await?.as_deref() != Some(aggregates::VERSION) {
        stale.push("counts");
    }
    Ok(stale)
}

/// Opens the archive for reading only, for serving. Where the file can be
/// written, connections open it read-write but refuse every change
/// (`query_only`): the first of them then rolls back the journal an ingest
/// killed mid-commit left behind, which a read-only connection cannot do (it
/// failed every query with "attempt to write a readonly database"). On a
/// read-only mount, where no ingest runs, it is opened read-only. Reads take
/// connections of their own (`Pool::held`), up to `READ_CONNECTIONS`.
pub async fn open_read_only(path: &Path) -> Result<Pool, sqlx::Error> {
    let guarded = options(path)
        .read_only(false)
        .create_if_missing(false)
        .pragma("query_only", "ON");
    let (first, opts) = match guarded.connect().await {
        Ok(conn) => (conn, guarded),
        Err(_) => {
            let read_only = options(path).read_only(true);
            (read_only.connect().await?, read_only)
        }
    };
    Ok(Pool::held(opts, first, READ_CONNECTIONS))
}

/// Connections a server's reads hold, at most: as many as the reads SQLite
/// can run side by side on a few cores, with room for those waiting on the
/// disk.
const READ_CONNECTIONS: usize = 8;
