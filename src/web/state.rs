//! What every handler shares: the read-only pool and the archive's identity,
//! and `Live`, which switches them all to a new state of the archive when an
//! ingest under a running server is done (database and index together).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use crate::db::Pool;
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

type FileStamp = (Option<SystemTime>, u64);

impl VersionWatch {
    fn stamp(&self) -> FileStamp {
        std::fs::metadata(&self.path).map_or((None, 0), |m| (m.modified().ok(), m.len()))
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
        let pool = db::open_read_only(&path)
            .await
            .with_context(|| format!("opening {}", path.display()))?;
        let version = db::meta::archive_version(&pool).await?.unwrap_or_default();
        let updated_at = db::meta::updated_at(&pool).await?.unwrap_or_default();
        let issuers = db::issuers::all(&pool).await?.into();
        let search = SearchIndex::open(data_dir)?;
        Ok(Self {
            data_dir: data_dir.into(),
            search: Arc::new(search),
            pool,
            archive: Arc::new(ArchiveInfo {
                version,
                updated_at,
                issuers,
                stylesheet: crate::web::caching::Stylesheet::load(static_dir).with_context(
                    || format!("reading {}", static_dir.join("style.css").display()),
                )?,
            }),
            static_dir: static_dir.into(),
            public_url: public_url.trim_end_matches('/').into(),
            cache: Some(Arc::new(ResponseCache::new(DEFAULT_CACHE_BYTES))),
            search_window: crate::search::window::WINDOW,
            sitemap_part_urls: crate::web::crawlers::SITEMAP_PART_URLS,
            searching: Arc::new(tokio::sync::Semaphore::new(
                SEARCHES_PER_CORE * std::thread::available_parallelism().map_or(1, |n| n.get()),
            )),
            version: Arc::new(VersionWatch {
                path,
                seen: Mutex::new(None),
            }),
        })
    }

    /// The archive version now (it changes when an ingest commits).
    pub async fn current_version(&self) -> String {
        let stamp = self.version.stamp();
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
}

impl Live {
    pub fn new(state: AppState) -> Self {
        Self {
            current: Arc::new(std::sync::RwLock::new(state)),
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
    pub async fn refresh(&self) -> anyhow::Result<bool> {
        let state = self.current();
        let version = state.current_version().await;
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
        match self.current.write() {
            Ok(mut current) => *current = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
        tracing::info!(%version, "serving the archive's new version");
        Ok(true)
    }

    /// Calls `refresh` every `period`, for as long as the server runs.
    pub fn watch(self, period: std::time::Duration) {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
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
