//! The binary itself: `extract` output and exit statuses, `ingest`'s summary.

use std::process::Command;

use tempfile::TempDir;

use crate::support::{repo, seed_files};

fn communiques() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_communiques"));
    cmd.current_dir(repo()).env("RUST_LOG", "error");
    cmd
}

#[test]
fn extract_prints_one_json_line_per_article() {
    let out = communiques()
        .arg("extract")
        .args(seed_files())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 17);
    let first = lines[0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "author",
            "body",
            "countries",
            "date",
            "file",
            "index",
            "issuer",
            "issuer_body",
            "persons",
            "title"
        ]
    );
    assert_eq!(
        lines[0]["persons"],
        serde_json::json!([
            "Assimi Goïta",
            "Mohammed Bin Abdulaziz Al-Khulaifi",
            "Abdoulaye Diop",
            "Alousséni Sanou"
        ])
    );
    assert_eq!(
        lines[0]["countries"],
        serde_json::json!([{"code": "QA", "role": "partner"}])
    );
    assert_eq!(lines[0]["title"], serde_json::Value::Null);
    assert_eq!(lines[16]["date"], "2025-07-30");
    assert!(
        lines[9]["body"].as_str().unwrap().contains("\n\n")
            || lines[6]["body"].as_str().unwrap().contains("\n\n")
    );
}

#[test]
fn extract_names_a_bad_file_and_fails() {
    let dir = TempDir::new().unwrap();
    let empty = dir.path().join("vide.txt");
    std::fs::write(&empty, "\n\n").unwrap();
    let out = communiques()
        .arg("extract")
        .arg(&empty)
        .arg(&seed_files()[2])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("vide.txt: empty file"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1,
        "the good file is still read"
    );
}

#[test]
fn ingest_prints_a_summary_and_its_exit_status_says_if_anything_failed() {
    let dir = TempDir::new().unwrap();
    let out = communiques()
        .arg("--data")
        .arg(dir.path())
        .arg("ingest")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("5 files read, 17 articles: 17 new communiqués"),
        "{stdout}"
    );
    assert!(stdout.contains("1 versions grouped"), "{stdout}");

    let out = communiques()
        .arg("--data")
        .arg(dir.path())
        .args(["ingest", "seeds", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/folder"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 new communiqués"));
}

/// `extract --explain` tells each line's role and why, and each article's
/// date candidates with the one chosen.
#[test]
fn extract_explain_gives_the_reasons() {
    let dev = repo().join("tests/fixtures/dev/raw/101.txt");
    let out = communiques()
        .args(["extract", "--explain"])
        .arg(&dev)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // The headline, chosen for a reason; its breadcrumb copy, chrome.
    let headline = text
        .lines()
        .position(|l| l.contains(" headline ") && l.contains("Dakar : Macky Sall"))
        .unwrap_or_else(|| panic!("no headline line:\n{text}"));
    assert!(
        text.lines()
            .nth(headline + 1)
            .unwrap()
            .contains("best headline candidate")
    );
    assert!(
        text.lines()
            .any(|l| l.contains(" chrome ") && l.contains("News Diplomatie Article")),
        "{text}"
    );
    // The page date is a candidate; the event date is chosen.
    assert!(
        text.contains("candidate 2020-11-14 in the body: \"samedi 14 novembre 2020\""),
        "{text}"
    );
    assert!(text.contains("chosen 2020-11-14"), "{text}");
}

/// Every file under `dir` with its size and modification time.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, (u64, std::time::SystemTime)> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.display().to_string(),
                    (meta.len(), meta.modified().unwrap()),
                );
            }
        }
    }
    out
}

/// GET `path` on `port` over a real socket; the whole reply, once the server
/// answers (within 60 s).
fn http_get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            write!(
                s,
                "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut reply = String::new();
            if s.read_to_string(&mut reply).is_ok() && !reply.is_empty() {
                return reply;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no answer on port {port}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// `serve` on a current archive starts and answers without writing a byte in
/// the data folder: a replica can serve it mounted read-only. Started from a
/// folder that is not the repository's, it serves its stylesheet and script
/// from the binary.
#[test]
fn serve_on_a_current_archive_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let status = communiques()
        .arg("--data")
        .arg(&data)
        .args(["ingest", "seeds"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    for (path, _) in tree(&data).iter().filter(|(p, _)| p.ends_with(".lock")) {
        std::fs::remove_file(path).unwrap();
    }
    let before = tree(&data);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = communiques()
        .arg("--data")
        .arg(&data)
        .arg("serve")
        .arg("--addr")
        .arg(format!("127.0.0.1:{port}"))
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let home = http_get(port, "/");
    let stylesheet = home
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page links its stylesheet")
        .to_owned();
    let answers: Vec<String> = [
        "/recherche?q=mali",
        "/api/v1/communiques",
        &stylesheet,
        "/static/copy.js",
    ]
    .iter()
    .map(|p| http_get(port, p))
    .chain([home])
    .collect();
    server.kill().unwrap();
    server.wait().unwrap();
    for a in &answers {
        assert!(a.starts_with("HTTP/1.1 200"), "{}", &a[..a.len().min(300)]);
    }
    assert!(answers[2].contains("text/css"), "{}", &answers[2][..300]);
    assert_eq!(before, tree(&data), "serve wrote in the data folder");
}

/// An ingest killed at any moment (after a batch is written, just before the
/// commit, while the index is built) leaves a running server answering the
/// previous archive, without a 5xx, and a restart finds the archive (it never
/// takes it for an empty folder and ingests the seeds into it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_at_any_moment_of_an_ingest_leaves_the_archive_served() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let corpus = dir.path().join("corpus");
    communiques_bench::corpus::generate(3_000, 5, &corpus).unwrap();
    let first = crate::support::ingest_blocking(&data, &crate::support::seed_files());
    let state = communiques::web::AppState::open(
        &data,
        &crate::support::repo().join("static"),
        "http://archive.test",
    )
    .await
    .unwrap();
    let live = communiques::web::Live::new(state);
    let app = communiques::web::router_on(live.clone());
    for moment in ["batch", "commit", "index"] {
        let status = communiques()
            .arg("--data")
            .arg(&data)
            .arg("ingest")
            .arg(&corpus)
            .env("COMMUNIQUES_CRASH_AT", moment)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(!status.success(), "{moment}: the ingest was killed");
        for uri in ["/", "/communiques", "/api/v1", "/recherche?q=mali"] {
            let r = crate::support::get_from(&app, uri).await;
            assert_eq!(r.status, axum::http::StatusCode::OK, "{moment}: {uri}");
        }
        assert!(
            communiques::db::has_archive(&data).await,
            "{moment}: the archive is still found"
        );
        // Nothing whole to switch to: not a commit, or not its index.
        assert!(!live.refresh().await.unwrap(), "{moment}");
        let served: serde_json::Value =
            serde_json::from_str(&crate::support::get_from(&app, "/api/v1").await.body).unwrap();
        assert_eq!(
            served["archive_version"],
            first.version.as_str(),
            "{moment}: the previous archive"
        );
    }
    // Killed before its commit, a run stores nothing; killed while indexing,
    // its rows are stored and the next run builds their index.
    let again = crate::support::ingest_blocking(&data, &crate::support::seed_files());
    assert_ne!(again.version, first.version);
    assert!(again.errors.is_empty(), "{:?}", again.errors);
    let pool = communiques::db::open_read_only(&communiques::db::database_path(&data))
        .await
        .unwrap();
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communique")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(n > i64::try_from(first.added).unwrap(), "{n}");
    assert!(communiques::search::build::is_live(&data, &again.version));
}

/// A database file that cannot be read is never taken for an empty folder:
/// `serve` says so and stops, and does not ingest the seeds into it.
#[test]
fn serve_never_takes_an_unreadable_archive_for_an_empty_folder() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let db = communiques::db::database_path(&data);
    std::fs::write(&db, b"not a database, but something is here").unwrap();
    let out = communiques()
        .arg("--data")
        .arg(&data)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot be read"), "{stderr}");
    assert!(!stderr.contains("ingesting"), "{stderr}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        b"not a database, but something is here"
    );
}

/// Not a check by itself: when `COMMUNIQUES_TEST_HOT_JOURNAL` names a
/// database, changes many of its pages in one transaction with a page cache
/// of one page (so the changes reach the file) and dies before committing:
/// the state an ingest killed in the middle of its commit leaves.
#[test]
fn hot_journal_helper() {
    let Some(path) = std::env::var_os("COMMUNIQUES_TEST_HOT_JOURNAL") else {
        return;
    };
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(path);
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts)
            .await
            .unwrap();
        let mut conn = pool.acquire().await.unwrap();
        for statement in ["PRAGMA cache_size = 1", "BEGIN"] {
            sqlx::query(statement).execute(&mut *conn).await.unwrap();
        }
        for _ in 0..30 {
            sqlx::query("UPDATE communique SET body = body || ' ajout'")
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        std::process::abort();
    });
}

/// A writer killed in the middle of its commit leaves a journal that must be
/// rolled back: the running server does it and answers the previous archive,
/// instead of failing every query ("attempt to write a readonly database").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_rolls_back_what_a_writer_killed_mid_commit_left() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    crate::support::ingest_blocking(&data, &crate::support::seed_files());
    let app = crate::support::app(&data).await;
    let db = communiques::db::database_path(&data);
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["cli::hot_journal_helper", "--exact", "--test-threads=1"])
        .env("COMMUNIQUES_TEST_HOT_JOURNAL", &db)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the writer died");
    let journal = db.with_extension("sqlite-journal");
    assert!(journal.is_file(), "a journal is left to roll back");
    for uri in [
        "/communiques",
        "/recherche?q=mali",
        "/api/v1/communiques",
        "/personnes",
    ] {
        let r = crate::support::get_from(&app, uri).await;
        assert_eq!(r.status, axum::http::StatusCode::OK, "{uri}");
    }
    assert!(!journal.exists(), "rolled back");
}
