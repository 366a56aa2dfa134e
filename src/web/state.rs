//! What every handler shares: the read-only pool and the archive's identity.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use anyhow::Context;
use sqlx::SqlitePool;
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
}

#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub search: Arc<SearchIndex>,
    pub archive: ArchiveInfo,
    pub static_dir: PathBuf,
    /// The archive's public address, without a trailing slash.
    pub public_url: String,
    /// Rendered answers; `None` renders every request.
    pub cache: Option<Arc<ResponseCache>>,
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
        let search = SearchIndex::open(data_dir)?;
        Ok(Self {
            search: Arc::new(search),
            pool,
            archive: ArchiveInfo {
                version,
                updated_at,
                stylesheet: crate::web::caching::Stylesheet::load(static_dir).with_context(
                    || format!("reading {}", static_dir.join("style.css").display()),
                )?,
            },
            static_dir: static_dir.to_path_buf(),
            public_url: public_url.trim_end_matches('/').to_owned(),
            cache: Some(Arc::new(ResponseCache::new(DEFAULT_CACHE_BYTES))),
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
