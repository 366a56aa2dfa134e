//! What every handler shares: the read-only pool and the archive's identity,
//! and `Live`, which switches them all to a new state of the archive when an
//! ingest under a running server is done (database and index together).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use crate::db::Pool;
use crate::db::file_identity::FileId;
use anyhow::Context;
use std::sync::Arc;

use crate::search::SearchIndex;
use crate::web::response_cache::ResponseCache;

use crate::db;

/// The archive's identity, shown in footers and JSON so a citation says which
/// state of the archive it saw.
#[derive(Debug, Clone)]
pub struct ArchiveInfo {
    pub version: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// The stylesheet every page links, under its fingerprinted name.
    pub stylesheet: crate::web::caching::Stylesheet,
    /// Every issuer, the most prolific first: the search form's choices and
    /// the issuers' page, read once per version rather than per request.
    pub issuers: Arc<[db::issuers::IssuerRow]>,
}

/// Cloned for every layer and handler of every request (axum hands each its
/// own), so every field is a count of references or a number: six strings
/// copied there five times a request were 1 % of a page's time.
#[derive(Clone)]
pub struct AppState {
    /// The data folder, to find the index of a new archive version.
    data_dir: Arc<Path>,
    pub pool: Pool,
    pub search: Arc<SearchIndex>,
    pub archive: Arc<ArchiveInfo>,
    pub static_dir: Arc<Path>,
    /// The archive's public address, without a trailing slash.
    pub public_url: Arc<str>,
    /// Rendered answers; `None` renders every request.
    pub cache: Option<Arc<ResponseCache>>,
    /// Hits a search looks at, at most (`search::window`).
    pub search_window: usize,
    /// URLs a sitemap file lists (`crawlers::SITEMAP_PART_URLS`).
    pub sitemap_part_urls: i64,
    /// Searches running at once (`web::search::run`), `SEARCHES_PER_CORE`
    /// per core; the others wait their turn, first come first served.
    pub searching: Arc<tokio::sync::Semaphore>,
    version: Arc<VersionWatch>,
}

/// The archive version, read again only when the database file changed (an
/// ingest under a running server): one `stat` per request, not one query.
struct VersionWatch {
    path: PathBuf,
    seen: Mutex<Option<(FileStamp, String)>>,
}

/// What one `stat` of the database file says: which file the path names
/// (`None`: none), when it was last written and its length.
type FileStamp = (Option<FileId>, Option<SystemTime>, u64);

impl VersionWatch {
    fn new(path: PathBuf) -> Self {
        Self {
            path,
            seen: Mutex::new(None),
        }
    }

    fn stamp(&self) -> FileStamp {
        std::fs::metadata(&self.path).map_or((None, None, 0), |m| {
            (Some(FileId::of(&m)), m.modified().ok(), m.len())
        })
    }
}

/// What a state reads from the archive when it opens it.
struct Opened {
    pool: Pool,
    version: String,
    updated_at: String,
    issuers: Arc<[db::issuers::IssuerRow]>,
    search: SearchIndex,
}

impl Opened {
    async fn read(data_dir: &Path) -> anyhow::Result<Self> {
        let path = db::database_path(data_dir);
        let pool = db::open_read_only(&path)
            .await
            .with_context(|| format!("opening {}", path.display()))?;
        let read = async {
            let version = db::meta::archive_version(&pool).await?.unwrap_or_default();
            let updated_at = db::meta::updated_at(&pool).await?.unwrap_or_default();
            let issuers = db::issuers::all(&pool).await?.into();
            anyhow::Ok((version, updated_at, issuers))
        }
        .await;
        let (version, updated_at, issuers) = match read {
            Ok(read) => read,
            Err(e) => {
                pool.close().await;
                return Err(e.context(format!("reading {}", path.display())));
            }
        };
        let search = match SearchIndex::open(data_dir) {
            Ok(search) => search,
            Err(e) => {
                pool.close().await;
                return Err(e.into());
            }
        };
        Ok(Self {
            pool,
            version,
            updated_at,
            issuers,
            search,
        })
    }

    /// The pool, the index and the archive's identity a state holds.
    fn parts(
        self,
        stylesheet: crate::web::caching::Stylesheet,
    ) -> (Pool, Arc<SearchIndex>, Arc<ArchiveInfo>) {
        let archive = ArchiveInfo {
            version: self.version,
            updated_at: self.updated_at,
            issuers: self.issuers,
            stylesheet,
        };
        (self.pool, Arc::new(self.search), Arc::new(archive))
    }
}

/// Searches run at once per core. A search is CPU-bound on several threads
/// (the index, SQLite's, the async ones): two per core keep the cores busy
/// while one waits on another thread. With every search let in, sixteen at
/// once shared two cores and each one finished late: side by side under 16
/// connections, two per core cut the p99 by a fifth to a third for about 5 %
/// fewer searches a second (BENCHMARKS.md, eighth round).
const SEARCHES_PER_CORE: usize = 2;

/// Memory for rendered answers unless told otherwise.
pub const DEFAULT_CACHE_BYTES: u64 = 64 * 1024 * 1024;

impl AppState {
    /// Opens the archive of `data_dir` read-only.
    pub async fn open(
        data_dir: &Path,
        static_dir: &Path,
        public_url: &str,
    ) -> anyhow::Result<Self> {
        let path = db::database_path(data_dir);
        if !path.is_file() {
            anyhow::bail!(
                "{}: no archive here; run `communiques ingest` first",
                path.display()
            );
        }
        let stylesheet = crate::web::caching::Stylesheet::load(static_dir)
            .with_context(|| format!("reading {}", static_dir.join("style.css").display()))?;
        let (pool, search, archive) = Opened::read(data_dir).await?.parts(stylesheet);
        Ok(Self {
            data_dir: data_dir.into(),
            search,
            pool,
            archive,
            static_dir: static_dir.into(),
            public_url: public_url.trim_end_matches('/').into(),
            cache: Some(Arc::new(ResponseCache::new(DEFAULT_CACHE_BYTES))),
            search_window: crate::search::window::WINDOW,
            sitemap_part_urls: crate::web::crawlers::SITEMAP_PART_URLS,
            searching: Arc::new(tokio::sync::Semaphore::new(
                SEARCHES_PER_CORE * std::thread::available_parallelism().map_or(1, |n| n.get()),
            )),
            version: Arc::new(VersionWatch::new(path)),
        })
    }

    /// This state on the archive `opened`, its settings kept.
    fn on(&self, opened: Opened) -> Self {
        let (pool, search, archive) = opened.parts(self.archive.stylesheet.clone());
        Self {
            search,
            pool,
            archive,
            version: Arc::new(VersionWatch::new(db::database_path(&self.data_dir))),
            ..self.clone()
        }
    }

    /// The archive version now (it changes when an ingest commits), as of
    /// the `stamp` of its file just taken.
    async fn current_version(&self, stamp: FileStamp) -> String {
        if let Ok(seen) = self.version.seen.lock()
            && let Some((at, version)) = seen.as_ref()
            && *at == stamp
        {
            return version.clone();
        }
        let version = db::meta::archive_version(&self.pool)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        if let Ok(mut seen) = self.version.seen.lock() {
            *seen = Some((stamp, version.clone()));
        }
        version
    }

    /// Sets the memory for rendered answers (0: none are kept).
    pub fn with_cache_bytes(mut self, bytes: u64) -> Self {
        self.cache = (bytes > 0).then(|| Arc::new(ResponseCache::new(bytes)));
        self
    }
}

/// The router's state: the `AppState` of the archive's current version.
/// Every request takes the state current when it starts, so a request never
/// mixes two versions; `refresh` switches to a new one once its index is live.
#[derive(Clone)]
pub struct Live {
    current: Arc<std::sync::RwLock<AppState>>,
    /// Whether the replacement of the archive's file was logged already.
    replaced_seen: Arc<AtomicBool>,
}

impl Live {
    pub fn new(state: AppState) -> Self {
        Self {
            current: Arc::new(std::sync::RwLock::new(state)),
            replaced_seen: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The state requests start with now.
    pub fn current(&self) -> AppState {
        match self.current.read() {
            Ok(state) => state.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Switches to the archive's new version when an ingest has committed
    /// one and made its search index live; true when it switched. Until the
    /// index is live the old version is served whole (footers, citations,
    /// search), as a request started before the switch finishes with it.
    /// One `stat` when nothing changed. When the archive's file was replaced
    /// it does nothing: see `take_up_replaced_file`.
    pub async fn refresh(&self) -> anyhow::Result<bool> {
        let state = self.current();
        let stamp = state.version.stamp();
        if state.pool.file_replaced_by(stamp.0) {
            return Ok(false);
        }
        let version = state.current_version(stamp).await;
        if version == state.archive.version
            || !crate::search::build::is_live(&state.data_dir, &version)
        {
            return Ok(false);
        }
        let search = SearchIndex::open(&state.data_dir)?;
        let updated_at = db::meta::updated_at(&state.pool).await?.unwrap_or_default();
        let issuers = db::issuers::all(&state.pool).await?.into();
        let next = AppState {
            search: Arc::new(search),
            archive: Arc::new(ArchiveInfo {
                version: version.clone(),
                updated_at,
                issuers,
                stylesheet: state.archive.stylesheet.clone(),
            }),
            ..state
        };
        self.switch_to(next);
        tracing::info!(%version, "serving the archive's new version");
        Ok(true)
    }

    /// When the archive's file was replaced or removed under the server (a
    /// data folder swapped for another, or removed and ingested anew),
    /// opens the file now at its path once that one is whole: committed (it
    /// has a version) and its index live. True when it switched. Until
    /// then the old file is not read (its reads are refused, 503), as a
    /// read through its path could roll back the new file's journal.
    pub async fn take_up_replaced_file(&self) -> anyhow::Result<bool> {
        let state = self.current();
        if !state.pool.file_replaced() {
            self.replaced_seen.store(false, Ordering::Relaxed);
            return Ok(false);
        }
        let path = db::database_path(&state.data_dir);
        if !self.replaced_seen.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                path = %path.display(),
                "the archive file was replaced or removed: its pages answer 503 until a whole archive is there"
            );
        }
        // Without a live index the new archive is not whole, and its
        // database may be held by its first ingest: not opened yet.
        if !path.is_file() || !crate::search::build::has_live_index(&state.data_dir) {
            return Ok(false);
        }
        let opened = Opened::read(&state.data_dir).await?;
        if opened.version.is_empty()
            || !crate::search::build::is_live(&state.data_dir, &opened.version)
        {
            opened.pool.close().await;
            return Ok(false);
        }
        let version = opened.version.clone();
        self.switch_to(state.on(opened));
        state.pool.close().await;
        self.replaced_seen.store(false, Ordering::Relaxed);
        tracing::info!(%version, path = %path.display(), "serving the archive file that replaced the one opened");
        Ok(true)
    }

    fn switch_to(&self, next: AppState) {
        match self.current.write() {
            Ok(mut current) => *current = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
    }

    /// Calls `take_up_replaced_file` and `refresh` every `period`, for as
    /// long as the server runs.
    pub fn watch(self, period: std::time::Duration) {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = self.take_up_replaced_file().await {
                    tracing::warn!(error = %e, "the archive file that replaced the one opened is not served yet");
                }
                if let Err(e) = self.refresh().await {
                    // An index being replaced as it is opened: next time.
                    tracing::warn!(error = %e, "the archive's new version is not served yet");
                }
            }
        });
    }
}

impl axum::extract::FromRef<Live> for AppState {
    fn from_ref(live: &Live) -> Self {
        live.current()
    }
}
