//! Issuers as entities, on the archive of the real seeds: the offices that
//! sign communiqués, their pages and JSON twins, the `emetteur` filter on
//! every listing, and bylines kept apart as authors.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{assert_status, get, get_json};

async fn issuers() -> Vec<Value> {
    let body = get_json("/api/v1/emetteurs", StatusCode::OK).await;
    let data = body["data"].as_array().unwrap().clone();
    assert_eq!(body["meta"]["total"], data.len());
    data
}

#[tokio::test]
async fn every_issuer_lists_exactly_the_communiques_it_signed() {
    let all = issuers().await;
    assert!(all.len() >= 5, "{all:?}");
    let counts: Vec<i64> = all
        .iter()
        .map(|i| i["communiques"].as_i64().unwrap())
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most prolific first"
    );
    let page = get("/emetteurs").await;
    assert_status(&page, StatusCode::OK, "/emetteurs");
    for issuer in &all {
        let slug = issuer["slug"].as_str().unwrap();
        let url = issuer["url"].as_str().unwrap();
        assert_eq!(url, format!("/emetteurs/{slug}"));
        assert!(page.body.contains(&format!("href=\"{url}\"")), "{url}");
        // Its listing holds what it counts, and each line names it.
        let list = get_json(
            &format!("/api/v1/communiques?emetteur={slug}&per_page=100"),
            StatusCode::OK,
        )
        .await;
        assert_eq!(list["meta"]["total"], issuer["communiques"], "{slug}");
        for c in list["data"].as_array().unwrap() {
            assert_eq!(c["issuer_api_url"], issuer["api_url"], "{slug}: {c}");
        }
        let detail = get_json(issuer["api_url"].as_str().unwrap(), StatusCode::OK).await;
        assert_eq!(detail["name"], issuer["name"]);
        let spelled: i64 = detail["spellings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["count"].as_i64().unwrap())
            .sum();
        assert!(spelled >= issuer["communiques"].as_i64().unwrap(), "{slug}");
        let html = get(url).await;
        assert_status(&html, StatusCode::OK, url);
        assert_eq!(
            html.body.matches("<li class=\"card\">").count() as i64,
            issuer["communiques"].as_i64().unwrap().min(20),
            "{url}"
        );
    }
    // Every listed communiqué with an issuing body is on one issuer's list.
    let listed = get_json("/api/v1/communiques?per_page=100", StatusCode::OK).await;
    let with_issuer = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["issuer_api_url"].is_null())
        .count() as i64;
    assert_eq!(with_issuer, counts.iter().sum::<i64>());
}

#[tokio::test]
async fn spellings_of_one_office_are_one_issuer() {
    let detail = get_json("/api/v1/emetteurs/bip-maeci", StatusCode::OK).await;
    assert_eq!(detail["name"], "BIP/MAECI");
    let spellings: Vec<&str> = detail["spellings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["spelling"].as_str().unwrap())
        .collect();
    assert!(spellings.contains(&"BIP/MAECI"), "{spellings:?}");
    assert!(
        spellings.contains(&"Bureau de l’Information et de la Presse/MAECI"),
        "{spellings:?}"
    );
    let page = get("/emetteurs/bip-maeci").await;
    assert!(page.body.contains("<h1>BIP/MAECI</h1>"));
    assert!(
        page.body
            .contains("«&nbsp;Bureau de l’Information et de la Presse/MAECI&nbsp;»")
    );
    assert!(
        page.body
            .contains("href=\"/communiques.atom?emetteur=bip-maeci\""),
        "the issuer's feed is announced"
    );
}

#[tokio::test]
async fn a_byline_is_an_author_never_an_issuer() {
    let listed = get_json("/api/v1/communiques?per_page=100", StatusCode::OK).await;
    let page = get("/communiques?page=1").await;
    let mut bylines = 0;
    for c in listed["data"].as_array().unwrap() {
        let Some(author) = c["author"].as_str() else {
            continue;
        };
        bylines += 1;
        assert!(
            !page.body.contains(&format!("class=\"issuer\">{author}<")),
            "{author} shown as an issuer"
        );
        let permalink = get(c["url"].as_str().unwrap()).await;
        assert!(
            permalink
                .words()
                .contains(&format!("Auteur : <strong>{author}</strong>")),
            "{author}"
        );
        assert!(
            !permalink
                .body
                .contains(&format!("Émetteur : <strong>{author}"))
        );
    }
    assert!(bylines > 0, "the seeds hold a signed article");
    assert!(page.words().contains("Auteur : Kader Toé"));
}

#[tokio::test]
async fn the_issuer_filter_narrows_lists_feeds_exports_and_search() {
    let n = get_json("/api/v1/emetteurs/bip-maeci", StatusCode::OK).await["communiques"]
        .as_i64()
        .unwrap();
    let html = get("/communiques?emetteur=bip-maeci").await;
    assert_status(&html, StatusCode::OK, "listing");
    assert!(html.body.contains("émis par BIP/MAECI"));
    assert_eq!(html.body.matches("<li class=\"card\">").count() as i64, n);
    let feed = get("/communiques.atom?emetteur=bip-maeci").await;
    assert_eq!(feed.body.matches("<entry>").count() as i64, n);
    let csv = get("/api/v1/communiques.csv?emetteur=bip-maeci").await;
    assert_status(&csv, StatusCode::OK, "csv");
    let ndjson = get("/api/v1/communiques.ndjson?emetteur=bip-maeci").await;
    assert_eq!(ndjson.body.lines().count() as i64, n);
    // With another filter, the listing is computed rather than precomputed.
    let both = get_json(
        "/api/v1/communiques?emetteur=bip-maeci&du=2000-01-01",
        StatusCode::OK,
    )
    .await;
    assert_eq!(both["meta"]["total"].as_i64().unwrap(), n);
    assert_eq!(
        both["meta"]["next"],
        Value::Null,
        "one page: {}",
        both["meta"]
    );
    let search = get_json(
        "/api/v1/recherche?q=ambassadeurs&emetteur=bip-maeci",
        StatusCode::OK,
    )
    .await;
    let hits = search["data"].as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        assert_eq!(h["issuer_api_url"], "/api/v1/emetteurs/bip-maeci", "{h}");
    }
    let unfiltered = get_json("/api/v1/recherche?q=ambassadeurs", StatusCode::OK).await;
    assert!(unfiltered["meta"]["total"].as_i64() > search["meta"]["total"].as_i64());

    for uri in [
        "/communiques?emetteur=inconnu",
        "/api/v1/communiques?emetteur=inconnu",
        "/communiques.atom?emetteur=inconnu",
        "/api/v1/communiques.csv?emetteur=inconnu",
        "/recherche?q=mali&emetteur=inconnu",
        "/emetteurs/inconnu",
        "/api/v1/emetteurs/inconnu",
    ] {
        let r = get(uri).await;
        assert_status(&r, StatusCode::NOT_FOUND, uri);
        assert!(
            r.words()
                .contains("Aucun émetteur n’a pour adresse « inconnu »."),
            "{uri}: {}",
            r.body
        );
    }
}
