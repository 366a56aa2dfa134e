//! What every handler shares: the read-only pool and the archive's identity.

use std::path::{Path, PathBuf};

use anyhow::Context;
use sqlx::SqlitePool;
use std::sync::Arc;

use crate::search::SearchIndex;

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
}

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
        })
    }
}
