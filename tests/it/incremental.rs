//! Ingests that cost what they add: an archive grown run by run updates its
//! counts and its search index for what each run changed, in place of
//! rebuilding them, and holds the same counts and answers every search as
//! the same archive with both built anew.

use std::fs;
use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use communiques::ingest::{self, IndexWork};
use tempfile::TempDir;

use crate::support::{app, get_from, ingest_blocking, seed_files};

fn dev_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        fs::read_dir(crate::support::repo().join("tests/fixtures/dev/raw"))
            .expect("tests/fixtures/dev/raw")
            .map(|e| e.expect("readable entry").path())
            .collect();
    files.sort();
    files
}

/// The same database in another data folder, its counts and its index
/// built anew.
fn rebuilt_copy(data: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    let db = communiques::db::database_path(data);
    fs::copy(&db, communiques::db::database_path(to)).unwrap();
    let to = to.to_path_buf();
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            let pool = communiques::db::open_for_writing(&communiques::db::database_path(&to))
                .await
                .unwrap();
            // Counts of another version: the upgrade counts everything anew.
            sqlx::query("UPDATE archive_meta SET value = 'stale' WHERE key = 'aggregates'")
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
            ingest::upgrade(&to).await.unwrap()
        })
    })
    .join()
    .unwrap();
}

/// Every row of the tables computed at ingest, and the counts kept in the
/// persons', countries' and archive's rows, as text.
async fn aggregates(data: &Path) -> Vec<(String, Vec<String>)> {
    let pool = communiques::db::open_read_only(&communiques::db::database_path(data))
        .await
        .unwrap();
    let mut out = Vec::new();
    for table in [
        "listed_group",
        "listed_month",
        "person_group",
        "country_group",
        "issuer_group",
        "person_month",
        "country_month",
        "issuer_month",
        "person_country",
        "person_pair",
        "person_role",
        "issuer",
        "issuer_spelling",
    ] {
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(&pool)
                .await
                .unwrap();
        let row = columns
            .iter()
            .map(|c| format!("quote({c})"))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT {row} FROM {table} ORDER BY 1"))
                .fetch_all(&pool)
                .await
                .unwrap();
        let mut rows = rows;
        rows.sort();
        out.push((table.to_owned(), rows));
    }
    for (name, sql) in [
        (
            "person",
            "SELECT id || ',' || communiques FROM person ORDER BY id",
        ),
        (
            "country",
            "SELECT code || ',' || partner || ',' || mentioned FROM country ORDER BY code",
        ),
        (
            "listed",
            "SELECT value FROM archive_meta WHERE key = 'listed'",
        ),
    ] {
        let rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
        out.push((name.to_owned(), rows));
    }
    pool.close().await;
    out
}

/// Every search worth asking of an archive: each person's name, each
/// country as a filter, words of every kind of communiqué, a phrase, sorted
/// by date, and an issuer filter.
async fn searches(app: &axum::Router) -> Vec<String> {
    let mut uris: Vec<String> = [
        "coopération",
        "ministre",
        "ambassadeur",
        "sécurité",
        "\"premier ministre\"",
        "président OU transition",
    ]
    .iter()
    .map(|q| format!("/api/v1/recherche?q={}", urlencode(q)))
    .collect();
    uris.push("/api/v1/recherche?q=ministre&tri=date".to_owned());
    let persons = get_from(app, "/api/v1/personnes?per_page=100").await;
    let persons: serde_json::Value = serde_json::from_str(&persons.body).unwrap();
    for p in persons["data"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        uris.push(format!("/api/v1/recherche?q={}", urlencode(name)));
    }
    let countries = get_from(app, "/api/v1/pays").await;
    let countries: serde_json::Value = serde_json::from_str(&countries.body).unwrap();
    for c in countries["data"].as_array().unwrap() {
        let code = c["code"].as_str().unwrap();
        uris.push(format!("/api/v1/recherche?q=ministre&pays={code}"));
    }
    let issuers = get_from(app, "/api/v1/emetteurs").await;
    let issuers: serde_json::Value = serde_json::from_str(&issuers.body).unwrap();
    for i in issuers["data"].as_array().unwrap() {
        let slug = i["slug"].as_str().unwrap();
        uris.push(format!("/api/v1/recherche?q=le&emetteur={slug}"));
    }
    uris
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn an_archive_grown_run_by_run_counts_and_searches_like_one_built_anew() {
    let dir = TempDir::new().unwrap();
    let grown = dir.path().join("grown");
    let files = dev_files();
    let (first, rest) = files.split_at(40);
    let (second, third) = rest.split_at(25);
    assert_eq!(
        ingest_blocking(&grown, first).index,
        IndexWork::Rebuilt(listed_count(&grown).await),
        "a new archive's index is built"
    );
    for run in [second, third, &seed_files()[..]] {
        let summary = ingest_blocking(&grown, run);
        assert!(!summary.failed(), "{:?}", summary.errors);
        assert!(
            matches!(summary.index, IndexWork::Updated { added, .. } if added > 0),
            "{}",
            summary.index
        );
    }
    // Nothing new: nothing to write.
    assert_eq!(ingest_blocking(&grown, second).index, IndexWork::Unchanged);

    let anew = dir.path().join("anew");
    rebuilt_copy(&grown, &anew);
    let (counted, recounted) = (aggregates(&grown).await, aggregates(&anew).await);
    for ((table, a), (_, b)) in counted.iter().zip(&recounted) {
        assert!(!a.is_empty(), "{table} has rows");
        assert_eq!(a, b, "{table}: updated run by run, and counted anew");
    }
    let (grown, anew) = (app(&grown).await, app(&anew).await);
    let uris = searches(&grown).await;
    assert!(uris.len() > 40, "{} searches", uris.len());
    let mut hits = 0;
    for uri in &uris {
        let uri = format!("{uri}&per_page=100");
        let (a, b) = (get_from(&grown, &uri).await, get_from(&anew, &uri).await);
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        let (a, b) = (found(&a.body), found(&b.body));
        assert_eq!(a, b, "{uri}");
        hits += a.0;
    }
    assert!(hits > 100, "the searches find communiqués ({hits})");
}

/// What a search found: its total, its counts, and the communiqués of its
/// page as a set when the page holds them all. Scores, and so the order of
/// equal matches, follow term statistics that count removed documents
/// until segments merge: the order is not compared.
fn found(body: &str) -> (u64, serde_json::Value, Vec<String>) {
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    let total = json["meta"]["total"].as_u64().unwrap();
    let mut slugs: Vec<String> = json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["slug"].as_str().unwrap().to_owned())
        .collect();
    slugs.sort();
    if total as usize > slugs.len() {
        slugs.clear();
    }
    (total, json["meta"]["facets"].clone(), slugs)
}

/// The number of listed communiqués of the archive in `data`.
async fn listed_count(data: &Path) -> usize {
    let app = app(data).await;
    let list = get_from(&app, "/api/v1/communiques?per_page=1").await;
    let json: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    json["meta"]["total"].as_u64().unwrap() as usize
}
