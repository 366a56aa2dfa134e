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

/// A phrase's words are marked where the phrase is, not wherever one of
/// them is: "de" is in every paragraph, and was marked in all of them.
#[tokio::test]
async fn a_phrase_is_marked_where_it_stands_not_its_words_alone() {
    let r = search("q=%22lettres+de+cr%C3%A9ance%22").await;
    let hits = r["data"].as_array().unwrap();
    assert!(!hits.is_empty());
    for hit in hits {
        let snippet = hit["snippet_html"].as_str().unwrap();
        let marked: Vec<String> = snippet
            .split("<mark>")
            .skip(1)
            .map(|m| m.split("</mark>").next().unwrap().to_lowercase())
            .collect();
        assert!(!marked.is_empty(), "{snippet}");
        for run in marked.chunks(3) {
            assert_eq!(run, ["lettres", "de", "créance"], "{snippet}");
        }
    }
    // Words outside a phrase are marked wherever they are.
    let r = search("q=lettres+de").await;
    let snippet = r["data"][0]["snippet_html"].as_str().unwrap();
    assert!(
        snippet.matches("<mark>").count()
            > snippet
                .matches("<mark>lettres</mark> <mark>de</mark>")
                .count()
                * 2,
        "{snippet}"
    );
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

/// Every hit names the persons and countries its communiqué's page names,
/// in the same order, and its snippet is cut from its text: the hits are
/// read in one query, each list a JSON array inside it.
#[tokio::test]
async fn hits_name_what_their_communiques_name() {
    let mut persons_seen = 0;
    let mut countries_seen = 0;
    for q in [
        "q=ambassadeur&per_page=50",
        "q=coop%C3%A9ration&per_page=50",
    ] {
        let r = search(q).await;
        let hits = r["data"].as_array().unwrap();
        assert!(hits.len() > 5, "{q}");
        for hit in hits {
            let page = get_json(hit["api_url"].as_str().unwrap(), StatusCode::OK).await;
            let names: Vec<&Value> = page["persons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| &p["name"])
                .collect();
            let codes: Vec<&Value> = page["countries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| &c["code"])
                .collect();
            let hit_names: Vec<&Value> = hit["persons"].as_array().unwrap().iter().collect();
            let hit_codes: Vec<&Value> = hit["countries"].as_array().unwrap().iter().collect();
            assert_eq!(hit_names, names, "{}", hit["slug"]);
            assert_eq!(hit_codes, codes, "{}", hit["slug"]);
            persons_seen += names.len();
            countries_seen += codes.len();
            let snippet = hit["snippet_html"].as_str().unwrap();
            assert!(snippet.contains("<mark>"), "{}: {snippet}", hit["slug"]);
        }
    }
    assert!(persons_seen > 10 && countries_seen > 5);
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

/// An app over the seeds whose searches look at `window` hits at most.
async fn app_with_window(window: usize) -> axum::Router {
    let mut state = crate::support::seeds_state().await;
    state.search_window = window;
    communiques::web::router(state)
}

async fn search_on(app: &axum::Router, query: &str) -> Value {
    let uri = format!("/api/v1/recherche?{query}");
    let r = crate::support::get_from(app, &uri).await;
    assert_status(&r, StatusCode::OK, &uri);
    serde_json::from_str(&r.body).unwrap()
}

/// Past its window a search says so: "plus de N" and "gte" for the total,
/// the counts marked as those of the N newest, the date order exact (the N
/// newest are the first N of the full list), relevance ranked among them,
/// and no page past them.
#[tokio::test]
async fn a_search_past_its_window_says_how_much_it_looked_at() {
    let full = search("q=Mali&tri=date&per_page=100").await;
    let all = slugs(&full);
    assert!(all.len() > 6, "a word most seeds have: {}", all.len());
    assert_eq!(full["meta"]["total_relation"], "eq");
    assert_eq!(full["meta"]["facets"]["exact"], true);

    let app = app_with_window(5).await;
    let by_date = search_on(&app, "q=Mali&tri=date&per_page=100").await;
    assert_eq!(total(&by_date), 5);
    assert_eq!(by_date["meta"]["total_relation"], "gte");
    assert_eq!(by_date["meta"]["facets"]["exact"], false);
    assert_eq!(slugs(&by_date), all[..5], "the newest five, in order");
    let years: i64 = by_date["meta"]["facets"]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["count"].as_i64().unwrap())
        .sum();
    assert!(years <= 5, "counts are among the five looked at: {years}");

    let ranked = slugs(&search_on(&app, "q=Mali&per_page=100").await);
    let mut sorted = ranked.clone();
    sorted.sort();
    let mut newest = all[..5].to_vec();
    newest.sort();
    assert_eq!(sorted, newest, "relevance ranks the five newest");

    // Pages stop at the window: 5 hits of 2 make 3 pages.
    let third = search_on(&app, "q=Mali&tri=date&per_page=2&page=3").await;
    assert_eq!(slugs(&third), all[4..5]);
    let past = crate::support::get_from(&app, "/api/v1/recherche?q=Mali&per_page=2&page=4").await;
    assert_status(&past, StatusCode::NOT_FOUND, "page 4");

    // A window as large as the matches: exact again.
    let exact = search_on(
        &app_with_window(all.len()).await,
        "q=Mali&tri=date&per_page=100",
    )
    .await;
    assert_eq!(exact["meta"]["total_relation"], "eq");
    assert_eq!(slugs(&exact), all);

    // The page says it in words.
    let page = crate::support::get_from(&app, "/recherche?q=Mali").await;
    let words = page.words();
    assert!(words.contains("Plus de 5 résultats."), "{words}");
    assert!(words.contains("Classés par pertinence parmi les 5 plus récents"));
    assert!(words.contains("Parmi les 5 résultats les plus récents"));
    let page = get("/recherche?q=Mali").await.words();
    assert!(!page.contains("Plus de"), "exact totals are plain");
}

/// The window is the newest hits whatever the segments: those written
/// newest first (a build) are streamed, one written out of order (an
/// update) is read whole, deleted documents are skipped, and every prefix
/// of the window is the prefix of the full newest-first list.
#[test]
fn the_window_is_the_newest_hits_across_sorted_and_unsorted_segments() {
    use communiques::search::SearchIndex;
    use communiques::search::build::{Build, Document};
    use communiques::search::window;
    use tantivy::query::AllQuery;

    let dir = TempDir::new().unwrap();
    let day = |n: i64| time::Date::from_julian_day(2_460_000 + n as i32).unwrap();
    let doc = |id: i64, days: i64| Document {
        id,
        date: Some(day(days)),
        titles: vec![format!("Communiqué {id}")],
        bodies: vec!["Texte.".to_owned()],
        ..Document::default()
    };
    // A build: 40 documents, newest first, dated 1..=40 (id = day).
    let mut build = Build::start(dir.path(), "v1").unwrap().unwrap();
    build
        .add(&(1..=40).rev().map(|n| doc(n, n)).collect::<Vec<_>>())
        .unwrap();
    build.finish().unwrap();
    // An update out of date order (oldest first), interleaving the build's
    // dates, and removing three of the build's documents.
    let mut update = Build::update(dir.path(), "v1", "v2", 12).unwrap().unwrap();
    update.remove(&[40, 21, 2]);
    let added: Vec<Document> = (0..12).map(|i| doc(100 + i, 3 * i + 2)).collect();
    update.add(&added).unwrap();
    update.finish().unwrap();

    let index = SearchIndex::open(dir.path()).unwrap();
    let searcher = index.reader.searcher();
    let tables = index.entities.of(&searcher).unwrap();
    assert!(tables.len() >= 2, "a build's segments and an update's");
    assert!(tables.iter().any(|t| t.newest_first()));
    assert!(tables.iter().any(|t| !t.newest_first()));

    let mut expected: Vec<(i64, i64)> = (1..=40)
        .filter(|n| ![40, 21, 2].contains(n))
        .map(|n| (n, n))
        .chain((0..12).map(|i| (3 * i + 2, 100 + i)))
        .collect();
    expected.sort_by_key(|e| std::cmp::Reverse(e.0));
    let id_of = |hit: &window::Hit| {
        searcher
            .segment_reader(hit.segment)
            .fast_fields()
            .u64("id")
            .unwrap()
            .first(hit.doc)
            .unwrap() as i64
    };
    for limit in [1, 5, 20, expected.len() - 1, expected.len(), 100] {
        let w = window::newest(&searcher, &tables, &AllQuery, false, limit).unwrap();
        let got: Vec<i64> = w.hits.iter().map(|h| i64::from(h.day)).collect();
        // The index keeps days since 1970-01-01 (Julian day 2,440,588).
        let days: Vec<i64> = expected
            .iter()
            .take(limit)
            .map(|&(n, _)| 2_460_000 + n - 2_440_588)
            .collect();
        assert_eq!(got, days, "limit {limit}");
        assert_eq!(w.complete, limit >= expected.len(), "limit {limit}");
        // Days the build and the update share: both documents, once each.
        let ids: std::collections::BTreeSet<i64> = w.hits.iter().map(id_of).collect();
        assert_eq!(ids.len(), w.hits.len(), "no hit twice");
        assert!(
            !ids.contains(&40) && !ids.contains(&21),
            "deleted documents are skipped"
        );
    }
}

/// Every search index the ingest writes is newest first, segment by
/// segment: what lets a search stream them.
#[test]
fn an_ingest_writes_every_segment_newest_first() {
    let index = communiques::search::SearchIndex::open(crate::support::fixture()).unwrap();
    let searcher = index.reader.searcher();
    let tables = index.entities.of(&searcher).unwrap();
    assert!(!tables.is_empty());
    assert!(tables.iter().all(|t| t.newest_first()));
}

/// Searches run a few at a time (`AppState::searching`): with every turn
/// taken, a search waits, a page that searches nothing does not, and the
/// search is answered as soon as a turn is free.
#[tokio::test]
async fn searches_wait_their_turn_and_other_pages_do_not() {
    let state = crate::support::seeds_state().await;
    let searching = state.searching.clone();
    let app = communiques::web::router(state);
    let turns = searching.available_permits() as u32;
    assert!(turns >= 2, "two turns per core at least: {turns}");
    let taken = searching.clone().acquire_many_owned(turns).await.unwrap();

    let waiting = tokio::spawn({
        let app = app.clone();
        async move { crate::support::get_from(&app, "/api/v1/recherche?q=Mali").await }
    });
    let home = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        crate::support::get_from(&app, "/"),
    )
    .await
    .expect("a page that searches nothing is not held up");
    assert_status(&home, StatusCode::OK, "/");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(!waiting.is_finished(), "the search waits for a turn");

    drop(taken);
    let r = tokio::time::timeout(std::time::Duration::from_secs(10), waiting)
        .await
        .expect("answered once a turn is free")
        .unwrap();
    assert_status(&r, StatusCode::OK, "/api/v1/recherche?q=Mali");
    assert!(total(&serde_json::from_str(&r.body).unwrap()) > 0);
    assert_eq!(
        searching.available_permits() as u32,
        turns,
        "every turn given back"
    );
}
