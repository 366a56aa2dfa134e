//! Exports: NDJSON and CSV streams hold exactly what is stored, for the whole
//! archive or a filter, across chunks; the command line writes the same.

use std::process::Command;

use axum::http::StatusCode;
use serde_json::Value;
use tempfile::TempDir;

use crate::support::{assert_status, get, get_json, get_on, ingest_blocking};

/// RFC 4180: quoted fields, doubled quotes, CRLF between records; the byte
/// order mark that opens the file is not part of its first field.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a CSV opens with a byte order mark, for spreadsheets");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[tokio::test]
async fn ndjson_re_reads_equal_to_what_is_stored() {
    let r = get("/api/v1/communiques.ndjson").await;
    assert_status(&r, StatusCode::OK, "ndjson");
    assert_eq!(r.content_type, "application/x-ndjson; charset=utf-8");
    let lines: Vec<Value> = r
        .body
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 16);
    for line in &lines {
        let slug = line["slug"].as_str().unwrap();
        let stored = get_json(&format!("/api/v1/communiques/{slug}"), StatusCode::OK).await;
        for key in ["title", "date", "date_basis", "issuer", "kind", "body"] {
            assert_eq!(line[key], stored[key], "{slug}: {key}");
        }
        let persons: Vec<&Value> = stored["persons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| &p["name"])
            .collect();
        assert_eq!(
            line["persons"]
                .as_array()
                .unwrap()
                .iter()
                .collect::<Vec<_>>(),
            persons,
            "{slug}"
        );
        let countries: Vec<(Value, Value)> = stored["countries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["code"].clone(), c["role"].clone()))
            .collect();
        let exported: Vec<(Value, Value)> = line["countries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["code"].clone(), c["role"].clone()))
            .collect();
        let mut a = countries.clone();
        let mut b = exported.clone();
        a.sort_by_key(|x| x.0.to_string());
        b.sort_by_key(|x| x.0.to_string());
        assert_eq!(a, b, "{slug}");
        let versions: Vec<&Value> = stored["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| &v["slug"])
            .collect();
        assert_eq!(
            line["versions"].as_array().unwrap().len(),
            versions.len(),
            "{slug}"
        );
    }
}

#[tokio::test]
async fn csv_re_reads_equal_to_what_is_stored_and_filters_apply() {
    let r = get("/api/v1/communiques.csv").await;
    assert_eq!(r.content_type, "text/csv; charset=utf-8");
    let rows = parse_csv(&r.body);
    assert_eq!(rows[0][0], "slug");
    assert_eq!(rows.len(), 1 + 16);
    let body_at = rows[0].iter().position(|c| c == "body").unwrap();
    for row in &rows[1..] {
        let stored = get_json(&format!("/api/v1/communiques/{}", row[0]), StatusCode::OK).await;
        assert_eq!(row[body_at], stored["body"].as_str().unwrap(), "{}", row[0]);
        assert_eq!(row[1], stored["title"].as_str().unwrap_or(""));
    }
    assert_eq!(
        get("/api/v1/communiques.ndjson?pays=ru")
            .await
            .body
            .lines()
            .count(),
        3
    );
    assert_eq!(
        parse_csv(&get("/api/v1/communiques.csv?personne=li-xiang").await.body).len(),
        1 + 2
    );
    assert_status(
        &get("/api/v1/communiques.csv?pays=xyz").await,
        StatusCode::BAD_REQUEST,
        "pays=xyz",
    );
}

/// 1,200 one-article communiqués on different days, in three files.
fn many(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let mut files = Vec::new();
    for f in 0..3 {
        let mut text = String::new();
        for i in 0..400 {
            let n = f * 400 + i;
            let (year, month, day) = (2000 + n / 336, months[(n / 28) % 12], 1 + n % 28);
            text.push_str(&format!(
                "Communiqué numéro {n} sur la séance de travail\n\nLe ministre a présidé le {day} {month} {year} la séance de travail numéro {n} consacrée au budget. MAECI\n\n"
            ));
        }
        let path = dir.join(format!("lot-{f}.txt"));
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    files
}

#[tokio::test]
async fn exports_cross_chunks_and_the_command_line_writes_the_same() {
    let data = TempDir::new().unwrap();
    let input = TempDir::new().unwrap();
    let summary = ingest_blocking(data.path(), &many(input.path()));
    assert_eq!(summary.added, 1200, "{:?}", summary.errors);
    let lines: Vec<String> = get_on(data.path(), "/api/v1/communiques.ndjson")
        .await
        .body
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["slug"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(lines.len(), 1200);
    let unique: std::collections::BTreeSet<&String> = lines.iter().collect();
    assert_eq!(unique.len(), 1200, "no row twice across chunks");

    let out = data.path().join("export.csv");
    let status = Command::new(env!("CARGO_BIN_EXE_communiques"))
        .arg("--data")
        .arg(data.path())
        .args(["export", "--format", "csv", "--out"])
        .arg(&out)
        .env("RUST_LOG", "error")
        .status()
        .unwrap();
    assert!(status.success());
    let cli = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        cli,
        get_on(data.path(), "/api/v1/communiques.csv").await.body,
        "the command line writes what the API streams"
    );
    assert_eq!(parse_csv(&cli).len(), 1 + 1200);
    // Compressed, across chunks: the same bytes once decoded.
    for encoding in ["gzip", "br"] {
        let (served, text) = decoded(data.path(), "/api/v1/communiques.csv", encoding).await;
        assert_eq!(served.as_deref(), Some(encoding));
        assert_eq!(text, cli, "{encoding}");
    }
}

/// The body of `uri` on the archive in `data` asked for with `encoding`,
/// decoded, and the encoding it was served in.
async fn decoded(data: &std::path::Path, uri: &str, encoding: &str) -> (Option<String>, String) {
    use std::io::Read;

    use axum::body::Body;
    use axum::http::{Request, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let request = Request::get(uri)
        .header(header::ACCEPT_ENCODING, encoding)
        .body(Body::empty())
        .unwrap();
    let response = crate::support::app(data)
        .await
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{uri} {encoding}");
    let served = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let mut text = String::new();
    match served.as_deref() {
        Some("gzip") => {
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut text)
                .unwrap();
        }
        Some("br") => {
            brotli::Decompressor::new(&bytes[..], 4096)
                .read_to_string(&mut text)
                .unwrap();
        }
        None => text = String::from_utf8(bytes.to_vec()).unwrap(),
        Some(other) => panic!("{uri}: unexpected encoding {other}"),
    }
    (served, text)
}

/// Every export is whole under compression: what a client asking for gzip
/// or brotli decodes holds a line per communiqué listed (and the CSV header).
#[tokio::test]
async fn exports_are_whole_under_compression() {
    let total = get_json("/api/v1/communiques", StatusCode::OK).await["meta"]["total"]
        .as_u64()
        .unwrap() as usize;
    for (uri, header_lines) in [
        ("/api/v1/communiques.ndjson", 0),
        ("/api/v1/communiques.csv", 1),
    ] {
        for encoding in ["gzip", "br", "identity"] {
            let (served, text) = decoded(crate::support::fixture(), uri, encoding).await;
            if encoding != "identity" {
                assert_eq!(served.as_deref(), Some(encoding), "{uri}: compressed");
            }
            let lines = if uri.ends_with(".csv") {
                parse_csv(&text).len()
            } else {
                text.lines().count()
            };
            assert_eq!(lines, total + header_lines, "{uri} {encoding}");
        }
    }
}
