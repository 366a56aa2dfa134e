//! The HTTP server: `router(state)` builds the whole application (pages, JSON
//! API, static files, error rendering, compression, tracing); `serve` runs it.

pub mod about;
pub mod api;
pub mod caching;
pub mod calendar;
pub mod chart;
pub mod citation;
pub mod communiques;
pub mod countries;
pub mod crawlers;
pub mod dates;
pub mod diff;
pub mod error;
pub mod exports;
pub mod feeds;
pub mod filters;
pub mod home;
pub mod issuers;
pub mod listen;
pub mod listing;
pub mod pagination;
pub mod persons;
pub mod request;
pub mod response_cache;
pub mod search;
pub mod state;
pub mod urls;
pub mod view;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware;
use axum::routing::get;
use tower_http::classify::SharedClassifier;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use state::{AppState, Live};

/// How often a running server looks for an archive version an ingest made.
const VERSION_CHECK: Duration = Duration::from_secs(2);

/// Static files change only with a new build; a day of caching is safe.
const STATIC_CACHE: &str = "public, max-age=86400";

/// What pages may load: their stylesheet and script from the archive, the
/// charts' inline SVG, nothing from elsewhere, and no framing by other sites.
/// JSON-LD is data, not a script, and needs no allowance.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Another site a reader follows a link to learns the archive, not the page.
const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// The copy buttons' script, in the binary.
const COPY_SCRIPT: &str = include_str!("../static/copy.js");

async fn copy_script() -> impl axum::response::IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, STATIC_CACHE),
        ],
        COPY_SCRIPT,
    )
}

/// The application with every route and layer, on one state of the archive.
pub fn router(state: AppState) -> Router {
    router_on(Live::new(state))
}

/// The application serving whichever state `live` holds (`Live::refresh`).
pub fn router_on(live: Live) -> Router {
    let state = live.current();
    // Plain names are cached a day; the fingerprinted stylesheet a year.
    let files = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(STATIC_CACHE),
        ))
        .service(ServeDir::new(&state.static_dir));
    let statics = Router::new()
        .route("/v/{name}", get(caching::stylesheet))
        .route("/copy.js", get(copy_script))
        .fallback_service(files)
        .with_state(live.clone());
    Router::new()
        .route("/", get(home::show))
        .route("/communiques", get(communiques::html::index))
        .route("/communiques/{slug}", get(communiques::html::show))
        .route(
            "/communiques/{slug}/comparer/{other}",
            get(communiques::html::compare),
        )
        .route("/dates", get(dates::html::years))
        .route("/dates/{year}", get(dates::html::year))
        .route("/dates/{year}/{month}", get(dates::html::month))
        .route("/personnes", get(persons::html::index))
        .route("/personnes/{slug}", get(persons::html::show))
        .route("/pays", get(countries::html::index))
        .route("/pays/{code}", get(countries::html::show))
        .route("/a-propos", get(about::html::show))
        .route("/emetteurs", get(issuers::html::index))
        .route("/emetteurs/{slug}", get(issuers::html::show))
        .route("/communiques.atom", get(feeds::communiques))
        .route("/recherche.atom", get(feeds::search))
        .route("/robots.txt", get(crawlers::robots))
        .route("/opensearch.xml", get(crawlers::opensearch))
        .route("/sitemap.xml", get(crawlers::sitemap))
        .route("/sitemap-{n}", get(crawlers::sitemap_part))
        .route("/recherche", get(search::html::show))
        .route("/recherche/aide", get(search::html::help))
        .route("/api/v1/recherche", get(search::json::index))
        .route("/api/v1", get(api::index::show))
        .route("/api/v1/communiques", get(communiques::json::index))
        .route("/api/v1/communiques/{slug}", get(communiques::json::show))
        .route(
            "/api/v1/communiques/{slug}/comparer/{other}",
            get(communiques::json::compare),
        )
        .route("/api/v1/communiques.ndjson", get(exports::ndjson))
        .route("/api/v1/communiques.csv", get(exports::csv))
        .route("/api/v1/personnes", get(persons::json::index))
        .route("/api/v1/personnes/{slug}", get(persons::json::show))
        .route("/api/v1/pays", get(countries::json::index))
        .route("/api/v1/pays/{code}", get(countries::json::show))
        .route("/api/v1/a-propos", get(about::json::show))
        .route("/api/v1/emetteurs", get(issuers::json::index))
        .route("/api/v1/emetteurs/{slug}", get(issuers::json::show))
        .route("/api/v1/dates", get(dates::json::years))
        .route("/api/v1/dates/{year}", get(dates::json::year))
        .route("/api/v1/dates/{year}/{month}", get(dates::json::month))
        .fallback(error::not_found)
        .with_state(live.clone())
        .nest("/static", statics)
        .layer(middleware::from_fn_with_state(live.clone(), error::render))
        .layer(middleware::from_fn_with_state(
            live.clone(),
            response_cache::middleware,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static(REFERRER_POLICY),
        ))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(live, caching::etag))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(10),
        ))
        // A span per request at the debug level only: at the info level its
        // fields were formatted for every request, to be read by the few
        // that log. Internal errors are logged by `error::render` with the
        // request; every 5xx (a timeout too) by the layer's `on_failure`,
        // but the 503s of an archive being replaced (`error::Failures`).
        .layer(
            TraceLayer::new(SharedClassifier::new(error::Failures)).make_span_with(
                |req: &Request<_>| {
                    // The fields are read only when the span is enabled.
                    tracing::debug_span!(
                        "request",
                        method = %req.method(),
                        uri = %req.uri(),
                        matched_path = req
                            .extensions()
                            .get::<axum::extract::MatchedPath>()
                            .map(axum::extract::MatchedPath::as_str)
                    )
                },
            ),
        )
}

/// Opens the archive in `data_dir` read-only and serves it on `addr` until
/// Ctrl-C or SIGTERM.
pub async fn serve(
    data_dir: &Path,
    static_dir: &Path,
    addr: SocketAddr,
    public_url: Option<&str>,
    cache_mb: u64,
    search_window: Option<usize>,
) -> anyhow::Result<()> {
    let public_url = public_url.map_or_else(|| format!("http://{addr}"), str::to_owned);
    let mut state = AppState::open(data_dir, static_dir, &public_url)
        .await?
        .with_cache_bytes(cache_mb * 1024 * 1024);
    state.search_window = search_window.unwrap_or(crate::search::window::WINDOW);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    tracing::info!(addr = %listener.local_addr()?, version = %state.archive.version, "serving the archive");
    eprintln!("Archive servie sur http://{}/", listener.local_addr()?);
    let live = Live::new(state);
    live.clone().watch(VERSION_CHECK);
    listen::serve(
        listener,
        router_on(live),
        listen::Limits::default(),
        shutdown_signal(),
    )
    .await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
