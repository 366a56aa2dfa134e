//! Writing the index from the documents the ingest driver reads from SQLite,
//! anew or as an update of the live index (its files linked, the changed
//! documents removed and added again): either way in a new folder beside the
//! live one, swapped in whole by renaming `CURRENT`, so a server never sees
//! a half-written index. The folder name says what it was built from; a
//! build whose result is already live does nothing.

use std::fs;
use std::path::{Path, PathBuf};

use tantivy::indexer::{LogMergePolicy, NoMergePolicy};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::{SCHEMA_VERSION, SearchError, current_pointer, register, schema};
use crate::domain::country::CountryCode;
use crate::domain::rules::ENTITIES_VERSION;

/// Memory for the index writer, shared by its threads: large enough that a
/// million communiqués make few segments, small enough for the ingest's
/// memory bound.
const WRITER_BYTES: usize = 384 * 1024 * 1024;

/// Documents an update writes again whatever the size of the index: about
/// a second of work, never worth a rebuild.
const UPDATE_AT_MOST: usize = 10_000;

/// Segments an update's merges may take, at most, in documents. A merged
/// segment is out of date order (tantivy stacks the segments it merges), so
/// searches read it whole (`window`): only small segments are merged.
const MERGE_DOCS_AT_MOST: usize = 4_000;

/// Days since 1970-01-01: how the index stores a date.
pub fn day_of(date: time::Date) -> i64 {
    i64::from(date.to_julian_day()) - 2_440_588
}

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

/// Has `data_dir` a live index, of whichever version: asked without the
/// database (which a first ingest may hold locked), to know whether an
/// archive written there may be whole yet.
pub fn has_live_index(data_dir: &Path) -> bool {
    fs::read_to_string(current_pointer(data_dir)).is_ok_and(|live| {
        !live.trim().is_empty() && data_dir.join("index").join(live.trim()).is_dir()
    })
}

/// A listed communiqué as the index takes it: every version's titles and
/// bodies, the persons (id, name and every spelling) and countries (code,
/// name) any version names, and the group's date.
#[derive(Debug, Default)]
pub struct Document {
    pub id: i64,
    pub date: Option<time::Date>,
    pub titles: Vec<String>,
    pub bodies: Vec<String>,
    pub persons: Vec<(i64, String)>,
    pub countries: Vec<(CountryCode, String)>,
    /// The slugs of the issuers of its versions.
    pub issuers: Vec<String>,
}

/// An index being built in its own folder, fed documents chunk by chunk;
/// `finish` makes it live.
pub struct Build {
    writer: IndexWriter<TantivyDocument>,
    fields: super::Fields,
    root: PathBuf,
    tmp: PathBuf,
    pointer: PathBuf,
    name: String,
    count: usize,
    removed: usize,
}

impl Build {
    /// Starts the index of `archive_version` in `data_dir` from nothing;
    /// None when it is already live.
    pub fn start(data_dir: &Path, archive_version: &str) -> Result<Option<Self>, SearchError> {
        if is_live(data_dir, archive_version) {
            return Ok(None);
        }
        let (root, tmp) = Self::new_folder(data_dir)?;
        let (schema, _) = schema();
        let index = Index::create_in_dir(&tmp, schema)?;
        let build = Self::writing(data_dir, root, tmp, index, archive_version)?;
        // Each segment keeps the newest-first order it is fed in; merging
        // would stack them out of order.
        build.writer.set_merge_policy(Box::new(NoMergePolicy));
        Ok(Some(build))
    }

    /// Starts the index of `archive_version` from the live one, when that is
    /// the index of `previous_version` (made by the same schema and rules):
    /// its files are linked into the new folder, where `remove` and `add`
    /// change only the documents given. None when the live index is another,
    /// or when `changes` documents are many (`UPDATE_AT_MOST`) and more than
    /// a quarter of it, where building anew costs less.
    pub fn update(
        data_dir: &Path,
        previous_version: &str,
        archive_version: &str,
        changes: usize,
    ) -> Result<Option<Self>, SearchError> {
        if !is_live(data_dir, previous_version) || is_live(data_dir, archive_version) {
            return Ok(None);
        }
        let live = data_dir.join("index").join(index_name(previous_version));
        let (root, tmp) = Self::new_folder(data_dir)?;
        for entry in fs::read_dir(&live)? {
            let entry = entry?;
            let name = entry.file_name();
            // The writer's locks belong to the folder that holds them.
            if name.to_string_lossy().ends_with(".lock") || !entry.file_type()?.is_file() {
                continue;
            }
            // Segment files are never written again once made, and tantivy
            // replaces its meta files by renaming: a link shares them safely.
            let target = tmp.join(&name);
            if fs::hard_link(entry.path(), &target).is_err() {
                fs::copy(entry.path(), &target)?;
            }
        }
        let index = Index::open_in_dir(&tmp)?;
        let documents = index.reader()?.searcher().num_docs();
        if changes > UPDATE_AT_MOST && changes as u64 > documents / 4 {
            fs::remove_dir_all(&tmp)?;
            return Ok(None);
        }
        let build = Self::writing(data_dir, root, tmp, index, archive_version)?;
        let mut merges = LogMergePolicy::default();
        merges.set_max_docs_before_merge(MERGE_DOCS_AT_MOST);
        build.writer.set_merge_policy(Box::new(merges));
        Ok(Some(build))
    }

    /// A fresh folder for a build beside the live one: `(root, folder)`.
    fn new_folder(data_dir: &Path) -> Result<(PathBuf, PathBuf), SearchError> {
        let root = data_dir.join("index");
        fs::create_dir_all(&root)?;
        let tmp = root.join(format!("build-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp)?;
        }
        fs::create_dir_all(&tmp)?;
        Ok((root, tmp))
    }

    fn writing(
        data_dir: &Path,
        root: PathBuf,
        tmp: PathBuf,
        index: Index,
        archive_version: &str,
    ) -> Result<Self, SearchError> {
        register(&index);
        let (_, fields) = schema();
        let writer = index.writer_with_num_threads(threads(), WRITER_BYTES)?;
        Ok(Self {
            writer,
            fields,
            root,
            tmp,
            pointer: current_pointer(data_dir),
            name: index_name(archive_version),
            count: 0,
            removed: 0,
        })
    }

    /// Removes the documents of these communiqués (those not there are
    /// ignored); documents added after this are kept.
    pub fn remove(&mut self, ids: &[i64]) {
        self.removed += ids.len();
        for &id in ids {
            self.writer
                .delete_term(Term::from_field_u64(self.fields.id, id as u64));
        }
    }

    /// Adds documents (written on every core), newest first: each segment
    /// keeps the order it is fed in, which searches rely on to stop early.
    pub fn add(&mut self, docs: &[Document]) -> Result<(), SearchError> {
        self.count += docs.len();
        add_docs(&self.writer, &self.fields, docs)
    }

    /// Commits, gives the finished folder its name, points `CURRENT` to it
    /// and removes older folders.
    pub fn finish(mut self) -> Result<(), SearchError> {
        crate::faults::crash_point("index");
        self.writer.commit()?;
        self.writer.wait_merging_threads()?;
        // Swap: the finished folder takes its name, then CURRENT points to it.
        let live = self.root.join(&self.name);
        if live.exists() {
            fs::remove_dir_all(&live)?;
        }
        fs::rename(&self.tmp, &live)?;
        let next = self.root.join("CURRENT.next");
        fs::write(&next, &self.name)?;
        fs::rename(&next, &self.pointer)?;
        // Older folders: a running server keeps the files it has open.
        for entry in fs::read_dir(&self.root)?.flatten() {
            let path = entry.path();
            if path.is_dir() && path != live {
                let _ = fs::remove_dir_all(path);
            }
        }
        tracing::info!(
            index = %self.name,
            removed = self.removed,
            added = self.count,
            "search index written"
        );
        Ok(())
    }
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
}

fn add_docs(
    writer: &IndexWriter<TantivyDocument>,
    f: &super::Fields,
    docs: &[Document],
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
            doc.add_u64(f.country_codes, super::facets::pack_code(*code));
        }
        for slug in &d.issuers {
            doc.add_text(f.issuers, slug);
        }
        doc.add_i64(f.date, d.date.map_or(i64::MIN, day_of));
        let year = d.date.and_then(|d| u64::try_from(d.year()).ok());
        doc.add_u64(f.year, year.unwrap_or(0));
        writer.add_document(doc)?;
    }
    Ok(())
}
