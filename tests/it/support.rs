//! Helpers: the shared fixture archive, fresh archives, and requests driven
//! through the real router with `tower::ServiceExt::oneshot`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use communiques::ingest::{self, Summary};
use communiques::web::{AppState, router};
use http_body_util::BodyExt;
use tempfile::TempDir;
use tower::ServiceExt;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds_dir() -> PathBuf {
    repo().join("seeds")
}

/// Every seed file, sorted.
pub fn seed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("seeds/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// Runs an ingest on its own runtime, so it can be called from any test.
pub fn ingest_blocking(data: &Path, paths: &[PathBuf]) -> Summary {
    ingest_blocking_with(data, paths, ingest::Options::default())
}

/// `ingest_blocking` with options.
pub fn ingest_blocking_with(data: &Path, paths: &[PathBuf], options: ingest::Options) -> Summary {
    let (data, paths) = (data.to_path_buf(), paths.to_vec());
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new()
            .expect("a runtime starts")
            .block_on(ingest::run_with(&data, &paths, options))
            .expect("the database works")
    })
    .join()
    .expect("the ingest thread does not panic")
}

/// An archive of `articles` generated ones (the bench's corpus, from
/// `seed`), ingested into a folder of its own, and its server's reads.
pub async fn generated_archive(articles: usize, seed: u64) -> (TempDir, communiques::db::Pool) {
    let dir = TempDir::new().unwrap();
    let (data, corpus) = (dir.path().join("data"), dir.path().join("corpus"));
    communiques_bench::corpus::generate(articles, seed, &corpus).unwrap();
    ingest_blocking(&data, &[corpus]);
    let pool = communiques::db::open_read_only(&communiques::db::database_path(&data))
        .await
        .unwrap();
    (dir, pool)
}

/// The archive of the seeds, ingested once for the whole test binary.
pub fn fixture() -> &'static Path {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = TempDir::new().expect("a temp dir");
        let summary = ingest_blocking(dir.path(), &[seeds_dir()]);
        assert!(
            !summary.failed(),
            "seeds ingest without errors: {:?}",
            summary.errors
        );
        dir
    })
    .path()
}

/// Runs `statements` on the archive in `data` as a writer, to put it in
/// the state a test needs (older rules' rows, stale counts, keys lost, a
/// damaged table).
pub async fn alter(data: &Path, statements: &[&str]) {
    let pool = communiques::db::open_for_writing(&communiques::db::database_path(data))
        .await
        .expect("the archive opens for writing");
    for statement in statements {
        sqlx::query(statement)
            .execute(&pool)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
    pool.close().await;
}

/// An app over the archive in `data`.
pub async fn app(data: &Path) -> axum::Router {
    let state = AppState::open(data, &repo().join("static"), "http://archive.test")
        .await
        .expect("the archive opens");
    router(state)
}

/// The state of an app over the seeds, without the page cache.
pub async fn seeds_state() -> AppState {
    let mut state = AppState::open(fixture(), &repo().join("static"), "http://archive.test")
        .await
        .expect("the archive opens");
    state.cache = None;
    state
}

pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    /// The body with its non-breaking spaces (French typography) as plain
    /// ones, for tests about wording rather than typesetting.
    pub fn words(&self) -> String {
        self.body
            .replace(['\u{a0}', '\u{202f}'], " ")
            .replace("&nbsp;", " ")
    }
}

async fn reply(response: Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    Reply {
        status,
        content_type,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// GET `uri` on the fixture archive.
pub async fn get(uri: &str) -> Reply {
    get_on(fixture(), uri).await
}

/// GET `uri` on the archive in `data`.
pub async fn get_on(data: &Path, uri: &str) -> Reply {
    get_from(&app(data).await, uri).await
}

/// GET `uri` on a router a test keeps (to watch it across an ingest).
pub async fn get_from(app: &axum::Router, uri: &str) -> Reply {
    let request = Request::get(uri)
        .body(Body::empty())
        .expect("a valid request");
    reply(
        app.clone()
            .oneshot(request)
            .await
            .expect("the router answers"),
    )
    .await
}

/// GET with extra headers.
pub async fn get_with(uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut builder = Request::get(uri);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let request = builder.body(Body::empty()).expect("a valid request");
    let response = app(fixture())
        .await
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    Reply {
        status,
        content_type: headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
        headers,
        body: String::new(),
    }
}

/// GET a JSON document; asserts the status and content type.
pub async fn get_json(uri: &str, status: StatusCode) -> serde_json::Value {
    let r = get(uri).await;
    assert_status(&r, status, uri);
    assert!(
        r.content_type.starts_with("application/json"),
        "{uri}: {}",
        r.content_type
    );
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {}", r.body))
}

pub fn assert_status(r: &Reply, status: StatusCode, uri: &str) {
    assert_eq!(
        r.status,
        status,
        "{uri}: {}",
        &r.body[..r.body.len().min(500)]
    );
}

/// Every slug the archive of `data` holds: the listed ones and their versions.
pub async fn all_slugs(data: &Path) -> Vec<String> {
    let list = get_on(data, "/api/v1/communiques?per_page=100").await;
    let list: serde_json::Value = serde_json::from_str(&list.body).expect("JSON");
    let mut slugs = Vec::new();
    for item in list["data"].as_array().expect("data is a list") {
        let slug = item["slug"].as_str().expect("slug").to_owned();
        let detail = get_on(data, &format!("/api/v1/communiques/{slug}")).await;
        let detail: serde_json::Value = serde_json::from_str(&detail.body).expect("JSON");
        for v in detail["versions"].as_array().expect("versions") {
            slugs.push(v["slug"].as_str().expect("slug").to_owned());
        }
        slugs.push(slug);
    }
    slugs.sort();
    slugs.dedup();
    slugs
}
