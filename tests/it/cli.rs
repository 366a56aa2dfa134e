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
