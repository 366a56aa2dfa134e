//! For the database's own tests: an empty archive with every migration, and
//! what SQLite plans for a statement.

use sqlx::SqlitePool;

/// A migrated archive holding nothing, in a folder removed with it.
pub async fn empty_archive() -> (tempfile::TempDir, SqlitePool) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = super::open_for_writing(&super::database_path(dir.path()))
        .await
        .expect("an empty archive");
    (dir, pool)
}

/// SQLite's plan for `sql`, one step a line (its parameters left unbound).
pub async fn plan(pool: &SqlitePool, sql: &str) -> String {
    let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
        .fetch_all(pool)
        .await
        .expect("a statement SQLite can plan");
    rows.into_iter()
        .map(|(.., detail)| detail)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The steps of `plan` that read a whole table or index of the archive's
/// largest (communiqués, their sources and mentions): what a page must
/// never do, as it grows with the archive.
pub fn scans_of_large_tables(plan: &str) -> Vec<&str> {
    const LARGE: &[&str] = &["communique", "source", "person_mention", "country_mention"];
    plan.lines()
        .filter(|step| {
            step.split_whitespace()
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| w[0] == "SCAN" && LARGE.contains(&w[1]))
        })
        .collect()
}
