//! The files ingest read, where they were and as they were (`file_seen`):
//! a file found again at the same path with the same size and
//! modification time is the file whose hash was recorded, and need not be
//! read to be recognised (what git, rsync and make do).

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, Transaction};

/// Rows per statement: 4 values each, far below SQLite's limit.
const ROWS_PER_STATEMENT: usize = 500;

/// A file as the file system describes it, without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStat {
    /// Its absolute path, as the system spells it.
    pub path: Vec<u8>,
    pub size: i64,
    /// Nanoseconds since the Unix epoch.
    pub modified: i64,
}

/// The SHA-256 recorded for each of `files` whose path, size and time are
/// those recorded.
pub async fn recognised(
    tx: &mut Transaction<'_, Sqlite>,
    files: &[&FileStat],
) -> Result<HashMap<Vec<u8>, String>, sqlx::Error> {
    let mut found = HashMap::new();
    for chunk in files.chunks(ROWS_PER_STATEMENT) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "SELECT path, size, modified, sha256 FROM file_seen WHERE path IN ",
        );
        super::push_list(&mut q, chunk.iter().map(|f| f.path.clone()));
        let rows: Vec<(Vec<u8>, i64, i64, String)> =
            q.build_query_as().fetch_all(&mut **tx).await?;
        let asked: HashMap<&[u8], &FileStat> =
            chunk.iter().map(|f| (f.path.as_slice(), *f)).collect();
        for (path, size, modified, sha256) in rows {
            let same = asked
                .get(path.as_slice())
                .is_some_and(|f| f.size == size && f.modified == modified);
            if same {
                found.insert(path, sha256);
            }
        }
    }
    Ok(found)
}

/// Records files read and their SHA-256 (replacing what was recorded at
/// their paths).
pub async fn record(
    tx: &mut Transaction<'_, Sqlite>,
    files: &[(&FileStat, &str)],
) -> Result<(), sqlx::Error> {
    for chunk in files.chunks(ROWS_PER_STATEMENT) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT OR REPLACE INTO file_seen (path, size, modified, sha256) ",
        );
        q.push_values(chunk, |mut b, (f, sha256)| {
            b.push_bind(f.path.clone())
                .push_bind(f.size)
                .push_bind(f.modified)
                .push_bind(sha256.to_string());
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}
