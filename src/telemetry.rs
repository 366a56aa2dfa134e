//! Logging: one tracing subscriber for the process, filtered by `RUST_LOG`.

use tracing_subscriber::EnvFilter;

/// Installs the subscriber; logs go to standard error so that standard output
/// stays clean for `extract`'s JSON Lines.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("communiques=info,tower_http=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}
