//! For the database's own tests: an empty archive with every migration, a
//! scratch table in a transaction, and what SQLite plans for a statement.

use sqlx::{Sqlite, SqlitePool, Transaction};

/// A migrated archive holding nothing, in a folder removed with it.
pub async fn empty_archive() -> (tempfile::TempDir, SqlitePool) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = super::open_for_writing(&super::database_path(dir.path()))
        .await
        .expect("an empty archive");
    (dir, pool)
}

/// A transaction on an empty archive holding a temporary table `t` of
/// `columns` ("n INTEGER, word TEXT"), for helpers that write or read any
/// table.
pub async fn scratch_table(columns: &str) -> (tempfile::TempDir, Transaction<'static, Sqlite>) {
    let (dir, pool) = empty_archive().await;
    let mut tx = pool.begin().await.expect("a transaction");
    sqlx::query(&format!("CREATE TEMP TABLE t ({columns})"))
        .execute(&mut *tx)
        .await
        .expect("a temporary table");
    (dir, tx)
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

/// The steps of `plan` that read a whole table or index, but for the small
/// tables (a row per person, country, issuer, month or key of the archive's
/// facts): what a page must never do, as it grows with the archive. A table
/// given another name in the statement is named so in the plan, and counts
/// as large.
pub fn scans_of_large_tables(plan: &str) -> Vec<&str> {
    const SMALL: &[&str] = &[
        "person",
        "country",
        "issuer",
        "archive_meta",
        "listed_month",
    ];
    plan.lines()
        .filter(|step| {
            let mut words = step.split_whitespace();
            words.next() == Some("SCAN")
                && words.next().is_some_and(|table| {
                    !table.starts_with('(') && table != "CONSTANT" && !SMALL.contains(&table)
                })
        })
        .collect()
}
