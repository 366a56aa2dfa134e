//! The ingest driver, on top of every layer: read → segment → extract
//! (`analysis`) → dedupe (`versions`) → store (`db::store`) → index
//! (`search::build`).
//!
//! Files are read and parsed in batches, on every core; a bad file is
//! reported (naming it), counted and skipped, and the others go on. Every
//! batch is stored in the run's one transaction, committed at the end; then
//! the index is built from what was committed.

mod reread;
mod versions;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use tracing::instrument;

use crate::analysis::{address, parse, read};
use crate::db::files_seen::FileStat;
use crate::db::store::{NewArticle, NewFile, Reading, StoreOutcome, Writer};
use crate::db::{self, store::FinishTimings};
use crate::search::build::{Build, Document};
use versions::Versions;

/// A file read and parsed, ready to store.
#[derive(Debug)]
pub struct ParsedFile {
    pub path: String,
    pub sha256: String,
    /// The page it was copied from, when it says (`analysis::address`).
    pub address: Option<String>,
    pub articles: Vec<parse::Article>,
}

impl ParsedFile {
    /// The file as the store writes it.
    fn to_store(&self) -> NewFile<'_> {
        NewFile {
            path: &self.path,
            sha256: &self.sha256,
            address: self.address.as_deref(),
            articles: self.articles.iter().map(to_store).collect(),
        }
    }
}

/// An article as the store writes it.
fn to_store(a: &parse::Article) -> NewArticle<'_> {
    NewArticle {
        position: a.index,
        first_line: a.first_line,
        last_line: a.last_line,
        reading: reading(a),
        body: &a.body,
        raw: &a.raw,
        content_hash: &a.content_hash,
        kind: a.kind,
        persons: &a.persons,
        countries: &a.countries,
    }
}

/// What the reading rules read in an article, as the store writes it.
fn reading(a: &parse::Article) -> Reading<'_> {
    Reading {
        title: a.title.as_deref(),
        date: a.date,
        date_basis: a.date_basis,
        issuer: a.issuer.as_deref(),
        issuer_body: a.issuer_body.as_deref(),
        author: a.author.as_deref(),
        yearless: a.yearless,
    }
}

/// What an ingest run did, printed at its end.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files: usize,
    pub articles: usize,
    pub added: usize,
    pub duplicates: usize,
    pub already_stored: usize,
    pub versions: usize,
    pub errors: Vec<String>,
    pub version: String,
    pub index: IndexWork,
    pub timings: Timings,
}

impl Summary {
    pub fn failed(&self) -> bool {
        !self.errors.is_empty()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} files read, {} articles: {} new communiqués, {} duplicates merged, {} already archived; {} versions grouped under another report of their event; {} errors; archive version {}; {}",
            self.files,
            self.articles,
            self.added,
            self.duplicates,
            self.already_stored,
            self.versions,
            self.errors.len(),
            if self.version.is_empty() {
                "-"
            } else {
                &self.version
            },
            self.index,
        )
    }
}

/// What must be brought up to date before the archive in `data_dir` is
/// served (`db::stale_parts`, and a search index that is not the archive's);
/// empty when it is current. Reads only.
pub async fn upgrade_needed(data_dir: &Path) -> Result<Vec<&'static str>, IngestError> {
    let pool = db::open_read_only(&db::database_path(data_dir)).await?;
    let read = async {
        let stale = db::stale_parts(&pool).await?;
        let version = db::meta::archive_version(&pool).await?;
        Ok::<_, sqlx::Error>((stale, version))
    }
    .await;
    pool.close().await;
    let (mut stale, version) = read?;
    if !crate::search::build::is_live(data_dir, &version.unwrap_or_default()) {
        stale.push("search index");
    }
    Ok(stale)
}

/// Brings an existing archive up to date before serving: migrations, and the
/// entities of communiqués read by older rules. Changes nothing otherwise.
pub async fn upgrade(data_dir: &Path) -> Result<(), IngestError> {
    let pool = db::open_for_writing(&db::database_path(data_dir)).await?;
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let outcome = async {
        let writer = Writer::begin(&pool).await?;
        let writer = bring_up_to_date(writer, Versions::default()).await?;
        writer.finish(&now).await
    }
    .await;
    let indexed = match outcome {
        Ok(_) => index(data_dir, &pool, None).await.map(|_| ()),
        Err(e) => Err(e.into()),
    };
    pool.close().await;
    indexed
}

/// A failure of the archive itself (not of an input file): nothing of the run
/// is stored in the database.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),
}

/// Reads and parses one file given by itself; the error message names the
/// file.
pub fn parse_path(path: &Path) -> Result<ParsedFile, String> {
    parse_input(&read::InputFile::given(path))
}

/// Reads and parses one file to ingest; the error message names the file
/// where it is, the archive keeps its name.
pub fn parse_input(file: &read::InputFile) -> Result<ParsedFile, String> {
    let (bytes, sha256) = read_hashed(file)?;
    parse_bytes(file, &bytes, sha256)
}

/// The bytes of a file and their SHA-256, or the message naming it.
fn read_hashed(file: &read::InputFile) -> Result<(Vec<u8>, String), String> {
    let bytes = read::read_bytes(&file.path).map_err(|e| e.to_string())?;
    let sha256 = crate::domain::hash::hex_sha256(&bytes);
    Ok((bytes, sha256))
}

/// Decodes and parses the bytes of a file whose hash was taken.
fn parse_bytes(file: &read::InputFile, bytes: &[u8], sha256: String) -> Result<ParsedFile, String> {
    let source = read::decode_hashed(&file.path, bytes, sha256).map_err(|e| e.to_string())?;
    let articles = parse::parse(&source).map_err(|e| e.to_string())?;
    Ok(ParsedFile {
        path: file.name.clone(),
        address: address::page_address(&source.text),
        sha256: source.sha256,
        articles,
    })
}

/// A file and what parsing it gave: its articles, or the message naming it.
type ParseOutcome = (read::InputFile, Result<ParsedFile, String>);

/// A file read and hashed (or the message naming it), not yet decoded.
type ReadOutcome = (read::InputFile, Result<(Vec<u8>, String), String>);

/// Reads and hashes a batch of files on every core: what tells a file
/// archived by an earlier run before anything of it is parsed.
fn read_batch(batch: Vec<read::InputFile>) -> (Vec<ReadOutcome>, Duration) {
    let started = Instant::now();
    let results = crate::parallel::map(&batch, read_hashed);
    (batch.into_iter().zip(results).collect(), started.elapsed())
}

/// Parses files read, on every core: each file with its outcome, and the
/// time it took.
fn parse_batch(batch: Vec<ReadOutcome>) -> (Vec<ParseOutcome>, Duration) {
    let started = Instant::now();
    // Beside the store of the batch before: the store bounds the run.
    let results = crate::parallel::map_giving_way(&batch, |(file, read)| {
        let (bytes, sha256) = read.as_ref().map_err(Clone::clone)?;
        parse_bytes(file, bytes, sha256.clone())
    });
    let outcomes = batch
        .into_iter()
        .map(|(file, _)| file)
        .zip(results)
        .collect();
    (outcomes, started.elapsed())
}

/// Files parsed (in parallel) and stored per batch: bounds the memory a run
/// holds, whatever the size of the corpus.
const BATCH_FILES: usize = 512;

/// Where an ingest run spent its time, wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Reading, decoding, segmenting, dating and extracting entities; this
    /// runs while the previous batch is stored, so it overlaps `store`.
    pub parse: Duration,
    /// Writing communiqués, sources and mentions.
    pub store: Duration,
    /// Reading stale communiqués again, dating from versions, grouping.
    pub group: Duration,
    /// Recounting, committing.
    pub finish: FinishTimings,
    /// Building the search index.
    pub index: Duration,
}

impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "read and parse {:.1} s (beside the store), store {:.1} s, group {:.1} s, count {:.1} s, commit {:.1} s, index {:.1} s",
            self.parse.as_secs_f64(),
            self.store.as_secs_f64(),
            self.group.as_secs_f64(),
            self.finish.count.as_secs_f64(),
            self.finish.commit.as_secs_f64(),
            self.index.as_secs_f64()
        )
    }
}

/// How an ingest run reads its files.
#[derive(Debug, Default, Clone, Copy)]
pub struct Options {
    /// Read and hash every file, those found as an earlier run read them
    /// included.
    pub rehash: bool,
}

/// Ingests `paths` into the archive in `data_dir` (`run_with`, files found
/// as an earlier run read them recognised without reading them).
pub async fn run(data_dir: &Path, paths: &[PathBuf]) -> Result<Summary, IngestError> {
    run_with(data_dir, paths, Options::default()).await
}

/// Ingests `paths` into the archive in `data_dir`. Errors in input files are in
/// the summary; only a failure of the database itself is an `Err`, and then
/// nothing of this run is stored.
#[instrument(skip_all, fields(data = %data_dir.display()))]
pub async fn run_with(
    data_dir: &Path,
    paths: &[PathBuf],
    options: Options,
) -> Result<Summary, IngestError> {
    let started = Instant::now();
    let (files, read_errors) = read::collect_files(paths);
    tracing::debug!(files = files.len(), elapsed = ?started.elapsed(), "files found");
    for e in &read_errors {
        eprintln!("error: {e}");
    }
    let mut summary = Summary {
        errors: read_errors.iter().map(ToString::to_string).collect(),
        ..Summary::default()
    };
    let bar = ProgressBar::new(files.len() as u64).with_style(
        ProgressStyle::with_template(
            "{spinner} {bar:30} {pos}/{len} files, {msg} articles, {per_sec}, {eta} left",
        )
        .expect("a constant template parses"),
    );
    let pool = db::open_for_writing(&db::database_path(data_dir)).await?;
    db::for_bulk_writes(&pool).await?;
    let outcome = store_all(&pool, &files, options, &bar, &mut summary).await;
    bar.finish_and_clear();
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => {
            pool.close().await;
            return Err(e.into());
        }
    };
    // The index follows the database; a failure here leaves the previous
    // index live and is reported, and the next run builds it again.
    let started = Instant::now();
    let changes = outcome
        .previous_version
        .as_deref()
        .map(|previous_version| IndexChanges {
            previous_version,
            groups: &outcome.changed_groups,
        });
    let indexed = index(data_dir, &pool, changes).await;
    summary.timings.index = started.elapsed();
    pool.close().await;
    match indexed {
        Ok(work) => summary.index = work,
        Err(e) => {
            let message = format!("{}: {e}", data_dir.display());
            eprintln!("error: {message}");
            summary.errors.push(message);
        }
    }
    summary.added = outcome.added;
    summary.duplicates = outcome.duplicates;
    summary.already_stored += outcome.already_stored;
    summary.versions = outcome.versions;
    summary.version = outcome.version;
    tracing::info!(
        files = summary.files,
        articles = summary.articles,
        added = summary.added,
        errors = summary.errors.len(),
        timings = %summary.timings,
        "ingest finished"
    );
    Ok(summary)
}

/// Parses and stores `files` batch by batch in one transaction. Each batch
/// is read and hashed first, and only the files no earlier run archived are
/// parsed; the next batch is parsed (on every core) while the current one is
/// stored (on one), so the two steps overlap.
async fn store_all(
    pool: &sqlx::SqlitePool,
    files: &[read::InputFile],
    options: Options,
    bar: &ProgressBar,
    summary: &mut Summary,
) -> Result<StoreOutcome, sqlx::Error> {
    let mut writer = Writer::begin(pool).await?;
    // Before any batch keeps its grouping keys.
    writer
        .ensure_grouping_rules(&versions::grouping_rules())
        .await?;
    let mut versions = Versions::default();
    let mut batches = files.chunks(BATCH_FILES).map(<[read::InputFile]>::to_vec);
    let mut parsing = None;
    loop {
        let next = match batches.next() {
            Some(batch) => Some(parse_new(&mut writer, batch, options.rehash, bar, summary).await?),
            None => None,
        };
        if let Some(task) = parsing.take() {
            store_parsed(&mut writer, &mut versions, task, bar, summary).await?;
        }
        match next {
            Some(task) => parsing = Some(task),
            None => break,
        }
    }
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let started = Instant::now();
    let writer = bring_up_to_date(writer, versions).await?;
    summary.timings.group = started.elapsed();
    let outcome = writer.finish(&now).await?;
    summary.timings.finish = outcome.finish;
    Ok(outcome)
}

/// A batch being parsed on every core.
type Parsing = tokio::task::JoinHandle<(Vec<ParseOutcome>, Duration)>;

/// Reads and hashes a batch, counts the files an earlier run archived, and
/// starts parsing the others. Unless `rehash`, a file found as an earlier
/// run read it (same path, size and modification time: `db::files_seen`)
/// is recognised by the hash recorded then, without reading it.
async fn parse_new(
    writer: &mut Writer,
    batch: Vec<read::InputFile>,
    rehash: bool,
    bar: &ProgressBar,
    summary: &mut Summary,
) -> Result<Parsing, sqlx::Error> {
    let started = Instant::now();
    let (batch, stats, settled) = tokio::task::spawn_blocking(move || {
        // A file changed after this is not recorded as seen.
        let settled = unix_nanos(std::time::SystemTime::now()).saturating_sub(SETTLED_NANOS);
        let stats = crate::parallel::map(&batch, stat);
        (batch, stats, settled)
    })
    .await
    .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
    let mut to_read = Vec::with_capacity(batch.len());
    let mut to_read_stats = Vec::with_capacity(batch.len());
    let recorded = if rehash {
        HashMap::new()
    } else {
        let asked: Vec<&FileStat> = stats.iter().flatten().collect();
        writer.files_recognised(&asked).await?
    };
    let shas: Vec<&str> = recorded.values().map(String::as_str).collect();
    let known = writer.files_known(&shas).await?;
    for (input, stat) in batch.into_iter().zip(stats) {
        let articles = stat
            .as_ref()
            .and_then(|s| recorded.get(&s.path))
            .and_then(|sha| known.get(sha));
        match articles {
            Some(&articles) => {
                summary.files += 1;
                summary.articles += articles;
                summary.already_stored += articles;
                bar.inc(1);
            }
            None => {
                to_read.push(input);
                to_read_stats.push(stat);
            }
        }
    }
    summary.timings.parse += started.elapsed();
    let (read, reading) = tokio::task::spawn_blocking(move || read_batch(to_read))
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
    summary.timings.parse += reading;
    let seen: Vec<(&FileStat, &str)> = read
        .iter()
        .zip(&to_read_stats)
        .filter_map(|((_, result), stat)| {
            let (_, sha) = result.as_ref().ok()?;
            let stat = stat.as_ref().filter(|s| s.modified < settled)?;
            Some((stat, sha.as_str()))
        })
        .collect();
    writer.files_read(&seen).await?;
    let hashes: Vec<&str> = read
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok().map(|(_, sha)| sha.as_str()))
        .collect();
    let started = Instant::now();
    let known = writer.files_known(&hashes).await?;
    tracing::trace!(elapsed = ?started.elapsed(), known = known.len(), "archived files recognised");
    let mut new = Vec::with_capacity(read.len());
    for (input, result) in read {
        match result.as_ref().ok().and_then(|(_, sha)| known.get(sha)) {
            Some(&articles) => {
                summary.files += 1;
                summary.articles += articles;
                summary.already_stored += articles;
                bar.inc(1);
            }
            None => new.push((input, result)),
        }
    }
    Ok(tokio::task::spawn_blocking(move || parse_batch(new)))
}

/// How long before it is read a file must have last changed to be
/// recorded as seen: a change within the same tick of a coarse clock
/// would leave its time as recorded.
const SETTLED_NANOS: i64 = 2_000_000_000;

/// Nanoseconds since the Unix epoch (0 before it, the largest after 2262).
fn unix_nanos(t: std::time::SystemTime) -> i64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// A file as the file system describes it, when it can.
fn stat(file: &read::InputFile) -> Option<FileStat> {
    let path = std::path::absolute(&file.path).ok()?;
    let meta = std::fs::metadata(&path).ok()?;
    Some(FileStat {
        size: i64::try_from(meta.len()).ok()?,
        modified: unix_nanos(meta.modified().ok()?),
        path: path.into_os_string().into_encoded_bytes(),
    })
}

/// Stores a batch once parsed: its files' new communiqués, and the errors
/// of those that could not be read.
async fn store_parsed(
    writer: &mut Writer,
    versions: &mut Versions,
    task: Parsing,
    bar: &ProgressBar,
    summary: &mut Summary,
) -> Result<(), sqlx::Error> {
    let (results, parsing) = task
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
    summary.timings.parse += parsing;
    let in_batch = results.len() as u64;
    let mut parsed = Vec::with_capacity(results.len());
    for (input, result) in results {
        match result {
            Ok(file) => {
                summary.files += 1;
                summary.articles += file.articles.len();
                tracing::debug!(file = %input.path.display(), articles = file.articles.len(), "parsed");
                parsed.push(file);
            }
            Err(message) => {
                bar.suspend(|| eprintln!("error: {message}"));
                summary.errors.push(message);
            }
        }
    }
    let started = Instant::now();
    let to_store: Vec<NewFile> = parsed.iter().map(ParsedFile::to_store).collect();
    for created in writer.add(&to_store).await? {
        let file = &parsed[created.file];
        versions.created(
            &file.articles[created.article],
            created.id,
            &created.slug,
            &file.sha256,
        );
    }
    versions.keep_batch(writer).await?;
    crate::faults::crash_point("batch");
    summary.timings.store += started.elapsed();
    bar.inc(in_batch);
    bar.set_message(summary.articles.to_string());
    Ok(())
}

/// What ingest does after the last batch, and an upgrade alone: reads
/// again what older rules read, dates the days without a year from their
/// versions, groups versions on the dates touched, and re-reads stale
/// entities.
async fn bring_up_to_date(
    mut writer: Writer,
    mut versions: Versions,
) -> Result<Writer, sqlx::Error> {
    let started = Instant::now();
    let rewritten = reread::readings(&mut writer, &mut versions).await?;
    tracing::debug!(rewritten, "headlines and dates read again");
    let dated = versions.date_waiting(&mut writer).await?;
    tracing::debug!(dated, "days without a year dated by a version");
    versions.group(&mut writer).await?;
    tracing::debug!(elapsed = ?started.elapsed(), "versions grouped");
    let reread = reread::entities(&mut writer).await?;
    tracing::debug!(reread, "entities read again");
    Ok(writer)
}

/// Communiqués read from SQLite per chunk when indexing.
const INDEX_CHUNK: i64 = 2_000;

/// What indexing a run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum IndexWork {
    /// The live index was the archive's already.
    #[default]
    Unchanged,
    /// Built anew: this many documents.
    Rebuilt(usize),
    /// The live index updated: documents of changed groups removed, and
    /// written again for those still listed.
    Updated { removed: usize, added: usize },
}

impl fmt::Display for IndexWork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unchanged => write!(f, "search index unchanged"),
            Self::Rebuilt(n) => write!(f, "search index built anew ({n} communiqués)"),
            Self::Updated { removed, added } => write!(
                f,
                "search index updated ({removed} documents replaced or removed, {added} written)"
            ),
        }
    }
}

/// What a run changed, for the index: the version it started from and the
/// groups whose documents changed (`StoreOutcome::changed_groups`).
struct IndexChanges<'a> {
    previous_version: &'a str,
    groups: &'a [i64],
}

/// Makes the search index of `data_dir` match its database. Nothing to do
/// when the archive version's index is live; an update of the live index
/// when it is the one `changes` started from; otherwise built anew, read
/// from SQLite in keyset chunks (`db::index_feed`).
async fn index(
    data_dir: &Path,
    pool: &sqlx::SqlitePool,
    changes: Option<IndexChanges<'_>>,
) -> Result<IndexWork, IngestError> {
    let version = db::meta::archive_version(pool).await?.unwrap_or_default();
    let mut names = db::index_feed::Names::default();
    if let Some(changes) = changes {
        let update = Build::update(
            data_dir,
            changes.previous_version,
            &version,
            changes.groups.len(),
        )?;
        if let Some(mut build) = update {
            build.remove(changes.groups);
            let mut added = 0;
            let listed = db::index_feed::newest_first(pool, changes.groups).await?;
            for chunk in listed.chunks(INDEX_CHUNK as usize) {
                let rows = db::index_feed::docs_of(pool, chunk, &mut names).await?;
                added += rows.len();
                let docs: Vec<Document> = rows.into_iter().map(document).collect();
                build.add(&docs)?;
            }
            build.finish()?;
            return Ok(IndexWork::Updated {
                removed: changes.groups.len(),
                added,
            });
        }
    }
    let Some(mut build) = Build::start(data_dir, &version)? else {
        return Ok(IndexWork::Unchanged);
    };
    let mut after = None;
    let mut added = 0;
    loop {
        let (rows, next) =
            db::index_feed::newest_after(pool, after.as_ref(), INDEX_CHUNK, &mut names).await?;
        if rows.is_empty() {
            break;
        }
        after = next;
        added += rows.len();
        let docs: Vec<Document> = rows.into_iter().map(document).collect();
        build.add(&docs)?;
    }
    build.finish()?;
    Ok(IndexWork::Rebuilt(added))
}

/// A row of the index feed as the index takes it.
fn document(row: db::index_feed::IndexRow) -> Document {
    Document {
        id: row.id,
        date: row.date,
        titles: row.titles,
        bodies: row.bodies,
        persons: row.persons,
        countries: row.countries,
        issuers: row.issuers,
    }
}
