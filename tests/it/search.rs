//! Search on the real seeds: French analysis, the query language, typo
//! tolerance, filters, facets, snippets, the JSON shape, bad input, and the
//! index swap.

use axum::http::StatusCode;
use serde_json::Value;
use tempfile::TempDir;

use crate::support::{
    assert_status, get, get_json, get_on, ingest_blocking, seed_files, seeds_dir,
};

async fn search(query: &str) -> Value {
    get_json(&format!("/api/v1/recherche?{query}"), StatusCode::OK).await
}

fn slugs(v: &Value) -> Vec<String> {
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["slug"].as_str().unwrap().to_owned())
        .collect()
}

fn total(v: &Value) -> i64 {
    v["meta"]["total"].as_i64().unwrap()
}

const CEREMONY: &str = "2026-01-06-ceremonie-de-presentation-des-lettres-de-creance-au-palais-de";
const COPIES: &str = "2026-01-05-presentation-des-lettres-de-creance-les-pays-bas-et-la-chine";
const JAPAN: &str = "2025-12-30-cooperation-bilaterale-mali-japon-le-programme-tokten-au-coeur-des";

#[tokio::test]
async fn french_analysis_case_accents_stems_elisions_hyphens() {
    // Case and accents: "goita" finds GOÏTA and Goïta.
    assert_eq!(total(&search("q=goita").await), 9);
    // "cooperation" finds "coopération".
    assert!(slugs(&search("q=cooperation").await).contains(&JAPAN.to_owned()));
    // Stems: "ambassadeurs" finds a text that only says "Ambassadeur".
    let r = search("q=ambassadeurs&per_page=100").await;
    assert!(slugs(&r).contains(&JAPAN.to_owned()));
    assert!(!r["meta"]["approximate"].as_bool().unwrap());
    // Elisions: "d'Iran", "l’Ambassadeur".
    assert_eq!(slugs(&search("q=d%27Iran").await), [CEREMONY]);
    assert!(slugs(&search("q=l%E2%80%99Ambassadeur+iranien").await).contains(&CEREMONY.to_owned()));
    // Hyphenated words, whole and by part.
    assert_eq!(slugs(&search("q=sino-maliennes").await), [CEREMONY]);
    assert_eq!(slugs(&search("q=sino").await), [CEREMONY]);
    assert_eq!(total(&search("q=Pays-Bas").await), 2);
    assert!(slugs(&search("q=bas").await).contains(&COPIES.to_owned()));
}

#[tokio::test]
async fn the_headline_weighs_more_than_the_body() {
    let r = search("q=Russie").await;
    let first = r["data"][0]["title"].as_str().unwrap();
    assert!(first.contains("Russie"), "{first}");
}

#[tokio::test]
async fn and_phrases_exclusion_or() {
    // Words are ANDed.
    assert_eq!(total(&search("q=qatar+japon").await), 0);
    assert_eq!(total(&search("q=Qatar+OR+Japon").await), 2);
    assert_eq!(total(&search("q=%22lettres+de+cr%C3%A9ance%22").await), 2);
    // A phrase in the wrong order matches nothing, and gets no tolerant retry.
    let r = search("q=%22cr%C3%A9ance+lettres%22").await;
    assert_eq!(
        (total(&r), r["meta"]["approximate"].as_bool()),
        (0, Some(false))
    );
    assert_eq!(slugs(&search("q=cr%C3%A9ance+-Iran").await), [COPIES]);
    assert_eq!(total(&search("q=lettres+-chine").await), 0);
}

#[tokio::test]
async fn typos_get_approximate_results_that_say_so() {
    let r = search("q=Kamisoko").await;
    assert!(r["meta"]["approximate"].as_bool().unwrap());
    assert_eq!(total(&r), 1);
    let page = get("/recherche?q=cooperatoin").await;
    let words = page.words();
    assert!(words.contains("Aucun résultat exact pour « cooperatoin »."));
    assert!(words.contains("Résultats approchés :"));
    assert!(
        !search("q=goita").await["meta"]["approximate"]
            .as_bool()
            .unwrap()
    );
}

#[tokio::test]
async fn filters_sort_and_facets() {
    assert_eq!(total(&search("personne=li-xiang").await), 2);
    assert_eq!(total(&search("q=russie&pays=bf").await), 1);
    assert_eq!(
        total(&search("q=russie&du=2025-01-01&au=2025-12-31").await),
        2
    );
    let by_date = search("q=russie&tri=date").await;
    let dates: Vec<&str> = by_date["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-07-30", "2025-06-24", "2023-07-29"]);

    let r = search("q=russie").await;
    let facets = &r["meta"]["facets"];
    let ru = facets["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == "RU")
        .unwrap();
    assert_eq!(
        (ru["count"].as_u64(), ru["label"].as_str()),
        (Some(3), Some("Russie"))
    );
    assert_eq!(ru["url"], "/api/v1/recherche?q=russie&pays=ru");
    let goita = facets["persons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == "assimi-goita")
        .unwrap();
    assert_eq!(goita["count"], 3);
    let years: Vec<(&str, u64)> = facets["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["value"].as_str().unwrap(), f["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(years, [("2025", 2), ("2023", 1)]);
    // A facet link narrows the search.
    assert_eq!(
        total(&get_json(ru["url"].as_str().unwrap(), StatusCode::OK).await),
        3
    );
    let page = get("/recherche?q=russie").await;
    // Askama escapes "&" as "&#38;".
    assert!(
        page.body
            .contains("href=\"/recherche?q=russie&#38;pays=ru\"")
    );
}

#[tokio::test]
async fn each_facet_count_is_the_total_of_its_filter() {
    for q in ["q=coop%C3%A9ration", "q=pr%C3%A9sident", "q=russie"] {
        let r = search(q).await;
        let facets = &r["meta"]["facets"];
        let mut checked = 0;
        for kind in ["countries", "persons"] {
            for f in facets[kind].as_array().unwrap() {
                let narrowed = get_json(f["url"].as_str().unwrap(), StatusCode::OK).await;
                assert_eq!(Some(total(&narrowed)), f["count"].as_i64(), "{q} {f}");
                checked += 1;
            }
        }
        assert!(checked > 0, "{q}: no facet to check");
    }
}

#[tokio::test]
async fn results_show_snippets_persons_countries_and_the_json_shape() {
    let r = search("q=ambassadeurs&per_page=2").await;
    let hit = &r["data"][0];
    for key in [
        "slug",
        "title",
        "date",
        "issuer",
        "url",
        "api_url",
        "snippet_html",
        "persons",
        "countries",
    ] {
        assert!(hit.get(key).is_some(), "{key}");
    }
    assert!(
        hit["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<mark>Ambassadeur")
    );
    assert_eq!(r["meta"]["per_page"], 2);
    assert_eq!(
        r["meta"]["next"],
        "/api/v1/recherche?q=ambassadeurs&page=2&per_page=2"
    );
    assert_eq!(r["meta"]["query"], "ambassadeurs");
    let page = get("/recherche?q=ambassadeurs").await;
    assert!(page.body.contains("<mark>Ambassadeur</mark>"));
    assert!(page.body.contains("href=\"/personnes/"));
}

#[tokio::test]
async fn the_header_search_box_keeps_what_was_typed() {
    let r = get("/recherche?q=coop%C3%A9ration+Japon").await;
    assert!(
        r.body
            .contains("name=\"q\" value=\"coopération Japon\" placeholder=\"Rechercher…\"")
    );
    for page in ["/", "/communiques", "/personnes", "/pays", "/dates"] {
        assert!(
            get(page).await.body.contains("action=\"/recherche\""),
            "{page}"
        );
    }
}

#[tokio::test]
async fn any_input_is_safe() {
    for q in [
        "%22unbalanced",
        "%22",
        "-",
        "OR",
        "AND+OR+NOT",
        "title:russie",
        "body:%5B1+TO+5%5D",
        "russie%5E3",
        "%F0%9F%92%A5%F0%9F%87%B2%F0%9F%87%B1",
        "%00%07%1B",
        "((((",
        "*",
        "~2",
        "%E2%80%AE",
    ] {
        let api = get(&format!("/api/v1/recherche?q={q}")).await;
        assert_status(&api, StatusCode::OK, q);
        let html = get(&format!("/recherche?q={q}")).await;
        assert_status(&html, StatusCode::OK, q);
    }
    let long = "mot+".repeat(2600);
    let r = get(&format!("/recherche?q={long}")).await;
    assert_status(&r, StatusCode::BAD_REQUEST, "10 KB query");
    assert!(r.body.contains("La recherche est trop longue"));
    let api = get_json(
        &format!("/api/v1/recherche?q={long}"),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(api["error"]["status"], 400);
    for (uri, status) in [
        ("/recherche?q=x&tri=hasard", StatusCode::BAD_REQUEST),
        ("/recherche?q=x&page=0", StatusCode::BAD_REQUEST),
        ("/recherche?q=russie&page=99", StatusCode::NOT_FOUND),
        ("/recherche?q=x&pays=zz", StatusCode::NOT_FOUND),
        ("/recherche?q=x&du=demain", StatusCode::BAD_REQUEST),
    ] {
        assert_status(&get(uri).await, status, uri);
    }
    let r = get("/recherche?q=%F0%9F%92%A5").await;
    assert!(r.body.contains("ne contient aucun mot à chercher"));
}

#[tokio::test]
async fn snippets_escape_the_text_around_marks() {
    let dir = TempDir::new().unwrap();
    let input = TempDir::new().unwrap();
    let file = input.path().join("piege.txt");
    std::fs::write(
        &file,
        "Visite du ministre à Kayes\n\nLe ministre a visité ce lundi 3 mars 2025 le chantier <script>alert('x')</script> du pont de Kayes avec les partenaires & amis.\n",
    )
    .unwrap();
    ingest_blocking(dir.path(), &[file]);
    let r = get_on(dir.path(), "/api/v1/recherche?q=chantier").await;
    let v: Value = serde_json::from_str(&r.body).unwrap();
    let snippet = v["data"][0]["snippet_html"].as_str().unwrap();
    assert!(snippet.contains("<mark>chantier</mark>"), "{snippet}");
    assert!(
        snippet.contains("&lt;script&gt;") && !snippet.contains("<script>"),
        "{snippet}"
    );
    let page = get_on(dir.path(), "/recherche?q=chantier").await;
    assert!(!page.body.contains("<script>alert"));
}

#[test]
fn the_index_is_swapped_whole_and_follows_the_archive() {
    let dir = TempDir::new().unwrap();
    let files = seed_files();
    ingest_blocking(dir.path(), &files[..3]);
    let pointer = dir.path().join("index").join("CURRENT");
    let first = std::fs::read_to_string(&pointer).unwrap();
    assert!(dir.path().join("index").join(first.trim()).is_dir());
    // The same input again: nothing to rebuild.
    ingest_blocking(dir.path(), &files[..3]);
    assert_eq!(std::fs::read_to_string(&pointer).unwrap(), first);
    // New files: a new index replaces the old one, which is removed.
    ingest_blocking(dir.path(), &[seeds_dir()]);
    let second = std::fs::read_to_string(&pointer).unwrap();
    assert_ne!(first, second);
    let folders: Vec<String> = std::fs::read_dir(dir.path().join("index"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders, [second.trim().to_owned()]);
}

/// Approximate results are highlighted and say how the archive spells the
/// words; the French operators OU, ET, SAUF read as OR, AND and -; each
/// filter is a chip that removes it alone; the form narrows by issuer and
/// dates; a help page says all this.
#[tokio::test]
async fn typos_french_operators_chips_and_help() {
    let approx = get_json("/api/v1/recherche?q=ambassaduers", StatusCode::OK).await;
    assert_eq!(approx["meta"]["approximate"], true);
    let hits = approx["data"].as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        let s = h["snippet_html"].as_str().unwrap();
        assert!(
            s.contains("<mark>"),
            "an approximate hit is highlighted: {s}"
        );
    }
    let suggested = approx["meta"]["did_you_mean"]["query"].as_str().unwrap();
    assert!(suggested.starts_with("ambassadeur"), "{suggested}");
    let again = get_json(
        approx["meta"]["did_you_mean"]["url"].as_str().unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        again["meta"]["approximate"], false,
        "the suggestion finds exactly"
    );
    let page = get("/recherche?q=ambassaduers").await;
    assert!(
        page.words()
            .contains("Vouliez-vous dire <a href=\"/recherche?q=ambassadeur")
    );
    let exact = get_json("/api/v1/recherche?q=ambassadeurs", StatusCode::OK).await;
    assert!(exact["meta"]["did_you_mean"].is_null());

    let total = |v: &serde_json::Value| v["meta"]["total"].as_i64().unwrap();
    let or = get_json("/api/v1/recherche?q=Qatar+OR+Japon", StatusCode::OK).await;
    let ou = get_json("/api/v1/recherche?q=Qatar+OU+Japon", StatusCode::OK).await;
    let qatar = get_json("/api/v1/recherche?q=Qatar", StatusCode::OK).await;
    assert_eq!(total(&ou), total(&or));
    assert!(total(&ou) > total(&qatar));
    let minus = get_json("/api/v1/recherche?q=ambassadeur+-Japon", StatusCode::OK).await;
    let sauf = get_json("/api/v1/recherche?q=ambassadeur+SAUF+Japon", StatusCode::OK).await;
    assert_eq!(total(&sauf), total(&minus));
    let all = get_json("/api/v1/recherche?q=ambassadeur", StatusCode::OK).await;
    assert!(total(&sauf) < total(&all));
    let et = get_json("/api/v1/recherche?q=ambassadeur+ET+Japon", StatusCode::OK).await;
    let both = get_json("/api/v1/recherche?q=ambassadeur+Japon", StatusCode::OK).await;
    assert_eq!(total(&et), total(&both));

    let chips = get("/recherche?q=mali&pays=ru&du=2020-01-01").await;
    let body = chips.body.replace("&#38;", "&").replace("&amp;", "&");
    assert!(body.contains("<ul class=\"chips\""));
    assert!(body.contains(
        "<a href=\"/recherche?q=mali&du=2020-01-01\" aria-label=\"Retirer le filtre Pays"
    ));
    assert!(body.contains(
        "<a href=\"/recherche?q=mali&pays=ru\" aria-label=\"Retirer le filtre Depuis le"
    ));
    assert!(body.contains("Retirer tous les filtres"));
    assert!(
        !body.contains("Filtres :"),
        "no line of filters with stray dots"
    );
    for field in [
        "name=\"emetteur\"",
        "name=\"du\" value=\"2020-01-01\"",
        "name=\"au\"",
    ] {
        assert!(body.contains(field), "{field}");
    }
    assert!(body.contains("<option value=\"bip-maeci\">BIP/MAECI</option>"));

    let help = get("/recherche/aide").await;
    assert_status(&help, StatusCode::OK, "/recherche/aide");
    assert!(help.words().contains("Qatar OU Japon") && help.words().contains("SAUF"));
    assert!(
        get("/recherche")
            .await
            .body
            .contains("href=\"/recherche/aide\"")
    );
}
