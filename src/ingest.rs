//! The ingest pipeline: read → segment → date → dedupe → store.
//!
//! Files are read and parsed in batches, on every core; a bad file is
//! reported (naming it), counted and skipped, and the others go on. Every
//! batch is stored in the run's one transaction, committed at the end.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use tracing::instrument;

use crate::analysis::{parse, read};
use crate::db::{self, store::ParsedFile};

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
            "{} files read, {} articles: {} new communiqués, {} duplicates merged, {} already archived; {} versions grouped under another report of their event; {} errors; archive version {}",
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
    let outcome = db::store::store(&pool, &[], &now).await;
    let indexed = match outcome {
        Ok(_) => crate::search::build::build(data_dir, &pool)
            .await
            .map(|_| ()),
        Err(e) => Err(e.into()),
    };
    pool.close().await;
    indexed.map_err(IngestError::from)
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
    let source = read::read_file(&file.path).map_err(|e| e.to_string())?;
    let articles = parse::parse(&source).map_err(|e| e.to_string())?;
    Ok(ParsedFile {
        path: file.name.clone(),
        sha256: source.sha256,
        articles,
    })
}

/// A file and what parsing it gave: its articles, or the message naming it.
type ParseOutcome = (read::InputFile, Result<ParsedFile, String>);

/// Parses a batch of files on every core: each file with its outcome, and the
/// time it took.
fn parse_batch(batch: Vec<read::InputFile>) -> (Vec<ParseOutcome>, Duration) {
    let started = Instant::now();
    let results = crate::parallel::map(&batch, parse_input);
    (batch.into_iter().zip(results).collect(), started.elapsed())
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
    /// Grouping versions, recounting, committing.
    pub finish: crate::db::store::FinishTimings,
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
            self.finish.group.as_secs_f64(),
            self.finish.count.as_secs_f64(),
            self.finish.commit.as_secs_f64(),
            self.index.as_secs_f64()
        )
    }
}

/// Ingests `paths` into the archive in `data_dir`. Errors in input files are in
/// the summary; only a failure of the database itself is an `Err`, and then
/// nothing of this run is stored.
#[instrument(skip_all, fields(data = %data_dir.display()))]
pub async fn run(data_dir: &Path, paths: &[PathBuf]) -> Result<Summary, IngestError> {
    let (files, read_errors) = read::collect_files(paths);
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
    let outcome = store_all(&pool, &files, &bar, &mut summary).await;
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
    let indexed = crate::search::build::build(data_dir, &pool).await;
    summary.timings.index = started.elapsed();
    pool.close().await;
    if let Err(e) = indexed {
        let message = format!("{}: {e}", data_dir.display());
        eprintln!("error: {message}");
        summary.errors.push(message);
    }
    summary.added = outcome.added;
    summary.duplicates = outcome.duplicates;
    summary.already_stored = outcome.already_stored;
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

/// Parses and stores `files` batch by batch in one transaction. The next batch
/// is parsed (on every core) while the current one is stored (on one), so the
/// two steps overlap.
async fn store_all(
    pool: &sqlx::SqlitePool,
    files: &[read::InputFile],
    bar: &ProgressBar,
    summary: &mut Summary,
) -> Result<db::store::StoreOutcome, sqlx::Error> {
    let mut writer = db::store::Writer::begin(pool).await?;
    let mut batches = files.chunks(BATCH_FILES).map(<[read::InputFile]>::to_vec);
    let spawn =
        |batch: Vec<read::InputFile>| tokio::task::spawn_blocking(move || parse_batch(batch));
    let mut next = batches.next().map(spawn);
    while let Some(task) = next.take() {
        let (results, parsing) = task
            .await
            .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
        summary.timings.parse += parsing;
        next = batches.next().map(spawn);
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
        writer.add(&parsed).await?;
        crate::faults::crash_point("batch");
        summary.timings.store += started.elapsed();
        bar.inc(in_batch);
        bar.set_message(summary.articles.to_string());
    }
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let outcome = writer.finish(&now).await?;
    summary.timings.finish = outcome.finish;
    Ok(outcome)
}
