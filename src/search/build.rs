//! Building the index from SQLite: written in a new folder beside the live one
//! and swapped in whole by renaming `CURRENT`, so a server never sees a half
//! built index. The folder name says what it was built from; a build whose
//! result is already live does nothing.

use std::fs;
use std::path::Path;

use sqlx::SqlitePool;
use tantivy::{Index, IndexWriter, TantivyDocument};

use super::{SCHEMA_VERSION, SearchError, current_pointer, register, schema};
use crate::db;
use crate::domain::rules::ENTITIES_VERSION;

/// Memory for the writer: enough for a large batch, small for two cores.
/// Memory for the index writer, shared by its threads: large enough that a
/// million communiqués make few segments, small enough for the ingest's
/// memory bound.
const WRITER_BYTES: usize = 384 * 1024 * 1024;
/// Communiqués read from SQLite per chunk.
const CHUNK: i64 = 2_000;

/// Days since 1970-01-01 of "YYYY-MM-DD".
pub fn day_number(date: &str) -> Option<i64> {
    crate::domain::french::parse_iso_date(date).map(|d| i64::from(d.to_julian_day()) - 2_440_588)
}

/// Makes the index of `data_dir` match its database. Returns whether it built.
/// The index folder of an archive version, for the current schema and rules.
fn index_name(archive_version: &str) -> String {
    format!("{archive_version}-e{}-s{SCHEMA_VERSION}", ENTITIES_VERSION)
}

/// Is the live index of `data_dir` that of `archive_version`?
pub fn is_live(data_dir: &Path, archive_version: &str) -> bool {
    let name = index_name(archive_version);
    fs::read_to_string(current_pointer(data_dir)).is_ok_and(|live| live.trim() == name)
        && data_dir.join("index").join(&name).is_dir()
}

pub async fn build(data_dir: &Path, pool: &SqlitePool) -> Result<bool, SearchError> {
    let version = db::meta::archive_version(pool).await?.unwrap_or_default();
    if is_live(data_dir, &version) {
        return Ok(false);
    }
    let name = index_name(&version);
    let root = data_dir.join("index");
    let pointer = current_pointer(data_dir);
    fs::create_dir_all(&root)?;
    let tmp = root.join(format!("build-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp)?;
    }
    fs::create_dir_all(&tmp)?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(&tmp, schema)?;
    register(&index);
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(threads(), WRITER_BYTES)?;
    let mut after = 0;
    let mut count = 0usize;
    loop {
        let docs = db::search::docs_after(pool, after, CHUNK).await?;
        let Some(last) = docs.last() else { break };
        after = last.id;
        count += docs.len();
        add_docs(&writer, &f, &docs)?;
    }
    crate::faults::crash_point("index");
    writer.commit()?;
    writer.wait_merging_threads()?;
    // Swap: the finished folder takes its name, then CURRENT points to it.
    let live = root.join(&name);
    if live.exists() {
        fs::remove_dir_all(&live)?;
    }
    fs::rename(&tmp, &live)?;
    let next = root.join("CURRENT.next");
    fs::write(&next, &name)?;
    fs::rename(&next, &pointer)?;
    // Older folders: a running server keeps the files it has open.
    for entry in fs::read_dir(&root)?.flatten() {
        let path = entry.path();
        if path.is_dir() && path != live {
            let _ = fs::remove_dir_all(path);
        }
    }
    tracing::info!(index = %name, communiques = count, "search index built");
    Ok(true)
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
}

fn add_docs(
    writer: &IndexWriter<TantivyDocument>,
    f: &super::Fields,
    docs: &[db::search::SearchDoc],
) -> Result<(), SearchError> {
    for d in docs {
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, d.id as u64);
        for t in &d.titles {
            doc.add_text(f.text, t);
            doc.add_text(f.title, t);
            doc.add_text(f.folded, t);
        }
        for b in &d.bodies {
            doc.add_text(f.text, b);
            doc.add_text(f.folded, b);
        }
        for (id, names) in &d.persons {
            doc.add_text(f.text, names);
            doc.add_u64(f.person_ids, *id as u64);
        }
        for (code, name) in &d.countries {
            doc.add_text(f.text, name);
            doc.add_u64(f.country_codes, super::facets::pack_code(code));
        }
        let day = d.date.as_deref().and_then(day_number);
        doc.add_i64(f.date, day.unwrap_or(i64::MIN));
        let year = d.date.as_deref().and_then(|s| s.get(..4)?.parse().ok());
        doc.add_u64(f.year, year.unwrap_or(0));
        writer.add_document(doc)?;
    }
    Ok(())
}
