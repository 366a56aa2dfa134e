//! Every endpoint that `/api/v1` lists, called and checked against the
//! conventions written in API.md.

use axum::http::{StatusCode, header};
use serde_json::Value;

use crate::support::{get, get_json};

/// A callable URL for a documented endpoint: sample values in the templates.
fn sample(path: &str) -> String {
    let path = path
        .replace("/api/v1/communiques/{slug}/comparer/{other}", "/api/v1/communiques/2025-06-24-le-mali-refuse-qu-on-lui-impose-ses-partenaires-et-assume-le-choix-de/comparer/2025-06-24-rencontre-entre-le-president-de-la-transition-et-la-communaute")
        .replace("/api/v1/communiques/{slug}", "/api/v1/communiques/2026-01-06-ceremonie-de-presentation-des-lettres-de-creance-au-palais-de")
        .replace("/api/v1/emetteurs/{slug}", "/api/v1/emetteurs/bip-maeci")
        .replace("emetteur={slug}", "emetteur=bip-maeci")
        .replace("{slug}", "li-xiang")
        .replace("{code}", "cn")
        .replace("{yyyy-mm-dd}", "2026-01-06")
        .replace("{yyyy}", "2026")
        .replace("{mm}", "01")
        .replace("nom|communiques", "nom")
        .replace("pertinence|date", "pertinence");
    // "q=" empty would search nothing: give it a word.
    path.replace("recherche?q=&", "recherche?q=ambassadeur&")
}

fn keys_are_snake_case(v: &Value, at: &str) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                assert!(
                    k.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{at}: key {k:?} is not snake_case"
                );
                keys_are_snake_case(child, &format!("{at}.{k}"));
            }
        }
        Value::Array(items) => items.iter().for_each(|i| keys_are_snake_case(i, at)),
        _ => {}
    }
}

fn dates_are_iso(v: &Value, at: &str) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if k == "date" {
                    if let Some(d) = child.as_str() {
                        let b = d.as_bytes();
                        assert!(
                            b.len() == 10 && b[4] == b'-' && b[7] == b'-',
                            "{at}.date = {d}"
                        );
                    } else {
                        assert!(child.is_null(), "{at}.date");
                    }
                }
                dates_are_iso(child, &format!("{at}.{k}"));
            }
        }
        Value::Array(items) => items.iter().for_each(|i| dates_are_iso(i, at)),
        _ => {}
    }
}

#[tokio::test]
async fn every_documented_endpoint_follows_the_contract() {
    let index = get_json("/api/v1", StatusCode::OK).await;
    assert!(
        index["archive_version"]
            .as_str()
            .is_some_and(|v| !v.is_empty())
    );
    assert!(
        index["archive_updated_at"]
            .as_str()
            .is_some_and(|v| v.contains('T'))
    );
    let endpoints: Vec<String> = index["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_owned())
        .collect();
    assert!(endpoints.len() >= 10, "{endpoints:?}");
    for documented in &endpoints {
        let uri = sample(documented);
        if uri.contains(".ndjson") || uri.contains(".csv") {
            let r = get(&uri).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            continue;
        }
        let r = get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        assert!(r.content_type.starts_with("application/json"), "{uri}");
        let v: Value = serde_json::from_str(&r.body).unwrap();
        keys_are_snake_case(&v, &uri);
        dates_are_iso(&v, &uri);
        if let Some(meta) = v.get("meta") {
            // A list: the envelope.
            assert!(v["data"].is_array(), "{uri}: data is a list");
            assert!(meta["total"].is_i64(), "{uri}: meta.total");
            assert!(
                meta["archive_version"].is_string() && meta["archive_updated_at"].is_string(),
                "{uri}: version and date"
            );
            if meta.get("page").is_some() {
                for key in ["page", "per_page", "next", "prev"] {
                    assert!(meta.get(key).is_some(), "{uri}: meta.{key}");
                }
                assert!(meta["per_page"].as_i64().unwrap() <= 100);
            }
        } else if uri != "/api/v1" {
            // One item: an object with the archive's version and date.
            assert!(v.get("data").is_none(), "{uri}");
            assert!(
                v["archive_version"].is_string() && v["archive_updated_at"].is_string(),
                "{uri}: version and date"
            );
        }
    }
    // Paginated lists say where the next page is, in JSON and in a Link header.
    let r = get("/api/v1/personnes?per_page=2").await;
    assert!(
        r.headers[header::LINK]
            .to_str()
            .unwrap()
            .contains("rel=\"next\"")
    );
}

#[tokio::test]
async fn errors_have_one_shape_everywhere_in_the_api() {
    for uri in [
        "/api/v1/communiques?page=abc",
        "/api/v1/communiques?per_page=500",
        "/api/v1/communiques/inconnu",
        "/api/v1/dates/2025/13",
        "/api/v1/personnes?tri=x",
        "/api/v1/personnes/inconnu",
        "/api/v1/pays/xyz",
        "/api/v1/recherche?q=x&tri=x",
        "/api/v1/communiques.ndjson?du=hier",
        "/api/v1/rien",
    ] {
        let r = get(uri).await;
        assert!(r.status.is_client_error(), "{uri}: {}", r.status);
        let v: Value =
            serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("{uri}: JSON error"));
        assert_eq!(v["error"]["status"], r.status.as_u16(), "{uri}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{uri}"
        );
    }
}
