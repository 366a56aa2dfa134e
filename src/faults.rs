//! Crashes at chosen moments, for the tests: how they check that a crash at
//! any moment of an ingest leaves the archive and a running server as they
//! were.

/// Ends the process at once, as a power cut or `kill -9` would, when the
/// environment variable `COMMUNIQUES_CRASH_AT` names this moment of an ingest
/// ("batch", "commit", "index").
pub fn crash_point(moment: &str) {
    if std::env::var_os("COMMUNIQUES_CRASH_AT").is_some_and(|m| m == moment) {
        std::process::abort();
    }
}
