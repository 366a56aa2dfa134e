//! What the archive says of itself: the "À propos" page and its JSON twin,
//! whose counts agree with the lists, and the page a dump was copied from,
//! shown with a communiqué's sources.

use axum::http::StatusCode;
use tempfile::TempDir;

use crate::support::{assert_status, get, get_json, get_on, ingest_blocking};

#[tokio::test]
async fn the_about_page_counts_what_the_lists_hold() {
    let about = get_json("/api/v1/a-propos", StatusCode::OK).await;
    let listed = get_json("/api/v1/communiques?per_page=1", StatusCode::OK).await;
    assert_eq!(about["communiques"], listed["meta"]["total"]);
    let by_year: i64 = about["by_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["count"].as_i64().unwrap())
        .sum();
    assert_eq!(
        by_year + about["undated"].as_i64().unwrap(),
        about["communiques"].as_i64().unwrap()
    );
    let issuers = get_json("/api/v1/emetteurs", StatusCode::OK).await;
    assert_eq!(about["issuers"], issuers["meta"]["total"]);
    assert_eq!(about["by_issuer"], issuers["data"]);
    let texts: i64 = about["by_file"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["texts"].as_i64().unwrap())
        .sum();
    assert!(
        texts >= about["texts"].as_i64().unwrap(),
        "every text has a file"
    );
    assert_eq!(
        about["files"].as_u64().unwrap() as usize,
        about["by_file"].as_array().unwrap().len(),
        "the seeds are fewer than the files shown"
    );

    let page = get("/a-propos").await;
    assert_status(&page, StatusCode::OK, "/a-propos");
    let words = page.words();
    for needle in [
        "<h1>À propos de l’archive</h1>",
        "Comment l’archive est construite",
        "Comment citer",
        "href=\"/emetteurs/bip-maeci\"",
        "<code>seeds/000_4b2723939d2ec689.txt</code>",
    ] {
        assert!(words.contains(needle), "{needle}");
    }
    assert!(
        page.body
            .contains("<a href=\"/a-propos\" aria-current=\"page\">")
    );
}

#[tokio::test]
async fn a_dump_that_names_its_page_has_it_shown_with_its_sources() {
    let data = TempDir::new().unwrap();
    let input = TempDir::new().unwrap();
    let with = input.path().join("avec-adresse.txt");
    std::fs::write(
        &with,
        "https://journal.example.org/2025/06/12/audience-au-palais.html\n\n\
         Audience au palais de Koulouba\n\n\
         Le ministre des Affaires étrangères a reçu le jeudi 12 juin 2025 l’ambassadeur du Japon au Mali pour une séance de travail sur la coopération.\n",
    )
    .unwrap();
    let without = input.path().join("sans-adresse.txt");
    std::fs::write(
        &without,
        "Séance de travail au ministère\n\n\
         Le ministre de l’Économie a présidé le vendredi 13 juin 2025 une séance de travail consacrée au budget de l’État et aux recettes.\n",
    )
    .unwrap();
    let summary = ingest_blocking(data.path(), &[with, without]);
    assert_eq!(summary.added, 2, "{:?}", summary.errors);
    let list = get_on(data.path(), "/api/v1/communiques").await;
    let list: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    let mut seen = 0;
    for c in list["data"].as_array().unwrap() {
        let json = get_on(data.path(), c["api_url"].as_str().unwrap()).await;
        let json: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        let source = &json["sources"][0];
        let page = get_on(data.path(), c["url"].as_str().unwrap()).await;
        if source["file"] == "avec-adresse.txt" {
            seen += 1;
            let address = "https://journal.example.org/2025/06/12/audience-au-palais.html";
            assert_eq!(source["address"], address);
            assert!(
                page.body
                    .contains(&format!("copié de <a href=\"{address}\""))
            );
            assert!(
                !json["body"].as_str().unwrap().contains("https://"),
                "not part of the text"
            );
        } else {
            assert!(source["address"].is_null());
            assert!(!page.body.contains("copié de"));
        }
    }
    assert_eq!(seen, 1);
}
