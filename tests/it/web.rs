//! Every route through the real router: status, content type, key content,
//! French errors and JSON error shapes, bad parameters; one test over a socket.

use axum::http::StatusCode;
use serde_json::Value;
use tempfile::TempDir;

use crate::support::{assert_status, get, get_from, get_json, get_on, get_with, ingest_blocking};

const HTML: &str = "text/html; charset=utf-8";
const MOSCOW: &str = "2025-06-24-rencontre-entre-le-president-de-la-transition-et-la-communaute";

#[tokio::test]
async fn home_lists_the_latest_communiques() {
    let r = get("/").await;
    assert_status(&r, StatusCode::OK, "/");
    assert_eq!(r.content_type, HTML);
    assert!(r.body.contains("<html lang=\"fr\">"));
    assert!(r.body.contains("16 communiqués"));
    assert!(r.body.contains("jeudi 8 janvier 2026"), "newest first");
    assert!(r.body.contains("href=\"/dates/2020\""));
    assert!(r.body.contains("Version de l’archive"));
}

#[tokio::test]
async fn the_listing_is_newest_first_with_undated_last_and_paginated() {
    let r = get("/communiques").await;
    assert_status(&r, StatusCode::OK, "/communiques");
    let jan8 = r.body.find("jeudi 8 janvier 2026").unwrap();
    let y2020 = r.body.find("samedi 14 novembre 2020").unwrap();
    assert!(jan8 < y2020);
    assert_eq!(r.body.matches("<li class=\"card\">").count(), 16);

    let page = get_json("/api/v1/communiques?per_page=5&page=2", StatusCode::OK).await;
    assert_eq!(page["meta"]["total"], 16);
    assert_eq!(page["meta"]["page"], 2);
    assert_eq!(page["meta"]["per_page"], 5);
    assert_eq!(
        page["meta"]["next"],
        "/api/v1/communiques?page=3&per_page=5"
    );
    assert_eq!(
        page["meta"]["prev"],
        "/api/v1/communiques?page=1&per_page=5"
    );
    assert_eq!(page["data"].as_array().unwrap().len(), 5);
    let last = get_json("/api/v1/communiques?per_page=5&page=4", StatusCode::OK).await;
    assert_eq!(last["meta"]["next"], Value::Null);
    assert_eq!(last["data"].as_array().unwrap().len(), 1);
    let dates: Vec<String> =
        get_json("/api/v1/communiques?per_page=100", StatusCode::OK).await["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["date"].as_str().unwrap_or("").to_owned())
            .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
}

#[tokio::test]
async fn a_communique_page_has_everything_a_reader_cites() {
    let uri = format!("/communiques/{MOSCOW}");
    let r = get(&uri).await;
    assert_status(&r, StatusCode::OK, &uri);
    assert_eq!(r.content_type, HTML);
    for needle in [
        "<h1>Rencontre entre le Président de la Transition et la communauté malienne en Fédération de Russie</h1>",
        "<time datetime=\"2025-06-24\">mardi 24 juin 2025</time>",
        "Autres versions de cet événement",
        "Kader Toé",
        "000_4b2723939d2ec689.txt</code>, article n° 2 (lignes 8 à 9)",
        "Plus récent",
        "Plus ancien",
        &format!("href=\"/api/v1/communiques/{MOSCOW}\""),
    ] {
        assert!(r.body.contains(needle), "{needle} missing");
    }
    let paragraphs = r.body.matches("<p>").count();
    assert!(paragraphs >= 1);

    // The page date is said to be one.
    let r = get("/communiques/2025-07-30-mali-russie-assimi-goita-renforce-les-axes-de-cooperation-bilaterale").await;
    assert!(
        r.body.contains("date de publication de la page"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn a_communique_as_json() {
    let c = get_json(&format!("/api/v1/communiques/{MOSCOW}"), StatusCode::OK).await;
    assert_eq!(c["slug"], MOSCOW);
    assert_eq!(c["date"], "2025-06-24");
    assert_eq!(c["date_basis"], "body");
    assert_eq!(c["issuer"], Value::Null);
    assert_eq!(c["kind"], "main");
    assert_eq!(c["url"], format!("/communiques/{MOSCOW}"));
    assert!(
        c["body"]
            .as_str()
            .unwrap()
            .starts_with("Dans le cadre de sa visite officielle")
    );
    assert_eq!(c["sources"][0]["position"], 1);
    assert_eq!(c["sources"][0]["first_line"], 8);
    assert_eq!(c["versions"].as_array().unwrap().len(), 1);
    // A signed byline is the author, never the issuer.
    assert_eq!(c["versions"][0]["author"], "Kader Toé");
    assert!(c["versions"][0]["issuer"].is_null());
    assert!(c["older"]["slug"].is_string() && c["newer"]["slug"].is_string());
    assert!(c["archive_version"].as_str().unwrap().len() == 16);
}

/// The permalink loads its lists in one query: following each listed
/// communiqué's "older" and "newer" walks the listing in its order, and each
/// record's versions are the others of its group, the listed one first.
#[tokio::test]
async fn each_record_links_its_neighbours_in_listing_order_and_its_versions() {
    let listed: Vec<String> =
        get_json("/api/v1/communiques?per_page=100", StatusCode::OK).await["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["slug"].as_str().unwrap().to_owned())
            .collect();
    assert!(listed.len() > 2);
    for (i, slug) in listed.iter().enumerate() {
        let c = get_json(&format!("/api/v1/communiques/{slug}"), StatusCode::OK).await;
        let newer = i.checked_sub(1).map(|j| listed[j].as_str());
        let older = listed.get(i + 1).map(String::as_str);
        assert_eq!(c["newer"]["slug"].as_str(), newer, "newer than {slug}");
        assert_eq!(c["older"]["slug"].as_str(), older, "older than {slug}");
        for v in c["versions"].as_array().unwrap() {
            let other = get_json(v["api_url"].as_str().unwrap(), StatusCode::OK).await;
            let back: Vec<&str> = other["versions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w["slug"].as_str().unwrap())
                .collect();
            // Every other version lists the listed one first.
            assert_eq!(
                back.first(),
                Some(&slug.as_str()),
                "versions of {}",
                v["slug"]
            );
        }
        assert!(
            !c["sources"].as_array().unwrap().is_empty(),
            "{slug} has sources"
        );
    }
}

/// The page links its neighbours by the headline the API gives them
/// (`display_title`): the title, or the first words of the text of a
/// communiqué with none or with a title of white space only, which the
/// page's statement reads only then.
#[tokio::test]
async fn a_page_links_its_neighbours_by_their_headline_titled_or_not() {
    let dir = TempDir::new().unwrap();
    ingest_blocking(dir.path(), &[crate::support::seeds_dir()]);
    let listed = || async {
        let app = crate::support::app(dir.path()).await;
        let page = crate::support::get_from(&app, "/api/v1/communiques?per_page=100").await;
        let page: Value = serde_json::from_str(&page.body).unwrap();
        page["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["slug"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let slugs = listed().await;
    assert!(slugs.len() > 4);
    // Two neighbours of the third lose their titles: one NULL, one blank.
    crate::support::alter(
        dir.path(),
        &[
            &format!(
                "UPDATE communique SET title = NULL WHERE slug = '{}'",
                slugs[1]
            ),
            &format!(
                "UPDATE communique SET title = ' \t ' WHERE slug = '{}'",
                slugs[3]
            ),
        ],
    )
    .await;
    let app = crate::support::app(dir.path()).await;
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&#34;")
            .replace('\'', "&#39;")
    };
    let mut untitled = std::collections::BTreeSet::new();
    for slug in &slugs {
        let html = crate::support::get_from(&app, &format!("/communiques/{slug}")).await;
        let api = crate::support::get_from(&app, &format!("/api/v1/communiques/{slug}")).await;
        let api: Value = serde_json::from_str(&api.body).unwrap();
        for (side, rel, label) in [
            ("newer", "prev", "← Plus récent"),
            ("older", "next", "Plus ancien →"),
        ] {
            let n = &api[side];
            if n.is_null() {
                assert!(
                    !html.body.contains(&format!("rel=\"{rel}\"")),
                    "{slug}: no {side}"
                );
                continue;
            }
            let headline = n["display_title"].as_str().unwrap();
            assert!(
                !headline.trim().is_empty(),
                "{slug}: the {side} has a headline"
            );
            if n["title"].as_str().is_none_or(|t| t.trim().is_empty()) {
                untitled.insert(n["slug"].as_str().unwrap().to_owned());
            }
            let link = format!(
                "<a rel=\"{rel}\" href=\"{}\"><span>{label}</span>{}</a>",
                n["url"].as_str().unwrap(),
                escape(headline)
            );
            assert!(html.body.contains(&link), "{slug}: {link}");
        }
    }
    assert!(
        untitled.contains(&slugs[1]) && untitled.contains(&slugs[3]),
        "the two made untitled were linked: {untitled:?}"
    );
}

#[tokio::test]
async fn the_date_archive() {
    let r = get("/dates").await;
    assert_status(&r, StatusCode::OK, "/dates");
    assert!(r.body.contains("href=\"/dates/2025\""));
    let r = get("/dates/2025").await;
    assert_status(&r, StatusCode::OK, "/dates/2025");
    assert!(r.body.contains(">décembre 2025<") && r.body.contains("href=\"/dates/2025/12\""));
    // Months newest first, as the years are; the years around are linked.
    assert!(r.body.find(">décembre 2025<") < r.body.find(">février 2025<"));
    assert!(
        r.body.contains("rel=\"prev\" href=\"/dates/2024\"")
            && r.body.contains("rel=\"next\" href=\"/dates/2026\"")
    );
    let r = get("/dates/2025/12").await;
    assert_status(&r, StatusCode::OK, "/dates/2025/12");
    assert_eq!(r.body.matches("<li class=\"card\">").count(), 4);

    let years = get_json("/api/v1/dates", StatusCode::OK).await;
    assert_eq!(years["meta"]["total"], 16);
    assert_eq!(years["meta"]["undated"], 0);
    assert_eq!(years["data"][0]["year"], 2026);
    assert_eq!(years["data"][0]["count"], 5);
    let months = get_json("/api/v1/dates/2025", StatusCode::OK).await;
    let counts: Vec<(i64, i64)> = months["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["month"].as_i64().unwrap(), m["count"].as_i64().unwrap()))
        .collect();
    assert_eq!(counts, [(2, 1), (6, 1), (7, 2), (12, 4)]);
    let month = get_json("/api/v1/dates/2025/07", StatusCode::OK).await;
    assert_eq!(month["meta"]["total"], 2);
}

/// A month or a year inside the archive's span has its page even when empty:
/// a 200 that says so, with the months (or years) around it; dates on cards
/// and permalinks lead to their month, and a communiqué has its breadcrumbs.
#[tokio::test]
async fn empty_periods_say_so_and_dates_lead_to_their_month() {
    let empty = get("/dates/2025/03").await;
    assert_status(&empty, StatusCode::OK, "/dates/2025/03");
    assert!(
        empty
            .words()
            .contains("Aucun communiqué daté de mars 2025 dans l’archive.")
    );
    assert!(empty.body.contains("rel=\"prev\" href=\"/dates/2025/02\""));
    assert!(empty.body.contains("rel=\"next\" href=\"/dates/2025/04\""));
    let json = get_json("/api/v1/dates/2025/03", StatusCode::OK).await;
    assert_eq!(json["meta"]["total"], 0);
    assert_eq!(json["data"].as_array().map(Vec::len), Some(0));
    // Every month bar of a chart leads to a page that answers.
    let year = get("/dates/2025").await;
    for m in 1..=12 {
        let href = format!("/dates/2025/{m:02}");
        assert!(year.body.contains(&format!("<a href=\"{href}\"")), "{href}");
        assert_status(&get(&href).await, StatusCode::OK, &href);
    }
    // The calendar marks the days with communiqués, each linked to their list.
    assert_eq!(year.body.matches("<caption>").count(), 12);
    let marked: Vec<&str> = year
        .body
        .split("<td><a href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(!marked.is_empty());
    let days_total: i64 = get_json("/api/v1/dates/2025", StatusCode::OK).await["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["count"].as_i64().unwrap())
        .sum();
    let mut listed = 0;
    for href in &marked {
        let api = format!(
            "/api/v1{}",
            href.replace("&#38;", "&").replace("&amp;", "&")
        );
        let day = get_json(&api, StatusCode::OK).await;
        let n = day["meta"]["total"].as_i64().unwrap();
        assert!(n > 0, "{api}");
        listed += n;
    }
    assert_eq!(
        listed, days_total,
        "the marked days hold the year's communiqués"
    );
    // The last month of the span has no next one, the first no previous one.
    let years = get_json("/api/v1/dates", StatusCode::OK).await;
    let newest = years["data"][0]["year"].as_i64().unwrap();
    let newest_page = get(&format!("/dates/{newest}")).await;
    assert!(!newest_page.body.contains("rel=\"next\""));

    let list = get("/communiques").await;
    let first = get_json("/api/v1/communiques?per_page=1", StatusCode::OK).await;
    let date = first["data"][0]["date"].as_str().unwrap();
    let month = format!("/dates/{}/{}", &date[..4], &date[5..7]);
    assert!(list.body.contains(&format!(
        "<a class=\"date\" href=\"{month}\"><time datetime=\"{date}\">"
    )));
    let permalink = get(first["data"][0]["url"].as_str().unwrap()).await;
    assert!(permalink.body.contains(&format!(
        "<p class=\"crumbs\"><a href=\"/\">Accueil</a> › <a href=\"/communiques\">Communiqués</a> › <a href=\"/dates/{}\">{}</a> › <a href=\"{month}\">",
        &date[..4],
        &date[..4]
    )));
    assert!(
        permalink
            .body
            .contains(&format!("<a class=\"date\" href=\"{month}\">"))
    );
}

/// The page and its JSON twin render one loaded view: the same counts, and
/// the same French message for a year or a month that is wrong or beyond
/// the archive's span.
#[tokio::test]
async fn date_pages_and_their_json_twins_agree_and_refuse_alike() {
    let page = get("/dates/2025/12").await;
    let json = get_json("/api/v1/dates/2025/12", StatusCode::OK).await;
    let cards = page.body.matches("<li class=\"card\">").count();
    assert_eq!(json["meta"]["total"].as_u64(), Some(cards as u64));
    for (path, status, message) in [
        (
            "/dates/25",
            StatusCode::BAD_REQUEST,
            "quatre chiffres (reçu « 25 »)",
        ),
        (
            "/dates/2025/13",
            StatusCode::BAD_REQUEST,
            "de 01 à 12 (reçu « 13 »)",
        ),
        (
            "/dates/1999",
            StatusCode::NOT_FOUND,
            "Aucun communiqué daté de 1999",
        ),
        ("/dates/1999/03", StatusCode::NOT_FOUND, "daté de mars 1999"),
    ] {
        let html = get(path).await;
        assert_status(&html, status, path);
        assert!(html.words().contains(message), "{path}: {}", html.body);
        let api = format!("/api/v1{path}");
        let json = get_json(&api, status).await;
        let said = json["error"]["message"].as_str().unwrap_or_default();
        assert!(said.contains(message), "{api}: {json}");
    }
}

#[tokio::test]
async fn the_api_index_lists_its_endpoints() {
    let index = get_json("/api/v1", StatusCode::OK).await;
    assert_eq!(index["version"], "v1");
    let paths: Vec<&str> = index["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("/api/v1/communiques/{slug}"))
    );
}

#[tokio::test]
async fn wrong_parameters_are_400_or_404_in_french_never_500() {
    let cases: &[(&str, StatusCode)] = &[
        ("/communiques?page=abc", StatusCode::BAD_REQUEST),
        ("/communiques?page=-1", StatusCode::BAD_REQUEST),
        ("/communiques?page=0", StatusCode::BAD_REQUEST),
        (
            "/communiques?page=99999999999999999999999",
            StatusCode::BAD_REQUEST,
        ),
        ("/communiques?page=1000", StatusCode::NOT_FOUND),
        ("/communiques/n-existe-pas", StatusCode::NOT_FOUND),
        ("/dates/2025/13", StatusCode::BAD_REQUEST),
        ("/dates/2025/00", StatusCode::BAD_REQUEST),
        ("/dates/abcd", StatusCode::BAD_REQUEST),
        ("/dates/1999", StatusCode::NOT_FOUND),
        ("/dates/1999/01", StatusCode::NOT_FOUND),
        ("/nulle-part", StatusCode::NOT_FOUND),
    ];
    for (uri, status) in cases {
        let r = get(uri).await;
        assert_status(&r, *status, uri);
        assert_eq!(r.content_type, HTML, "{uri}");
        assert!(
            r.body.contains(&format!("Erreur {}", status.as_u16())),
            "{uri}"
        );
        assert!(r.body.contains("Retour à l’accueil"), "{uri}");
    }
    // An empty value means absent.
    assert_status(
        &get("/communiques?page=").await,
        StatusCode::OK,
        "/communiques?page=",
    );
    let r = get("/communiques?page=abc").await;
    assert!(
        r.words()
            .contains("Le paramètre « page » doit être un entier positif (reçu « abc »)")
    );
}

/// Every address that reads a query string refuses a malformed value with the
/// same French 400 naming the parameter, the page and its JSON twin alike;
/// an empty value is absent everywhere.
#[tokio::test]
async fn malformed_query_values_get_one_french_400_naming_the_parameter() {
    let cases: &[(&str, &str)] = &[
        (
            "page=0",
            "Le paramètre « page » doit être un entier positif (reçu « 0 »).",
        ),
        (
            "per_page=500",
            "Le paramètre « per_page » doit être un entier de 1 à 100",
        ),
        (
            "du=2025-6-1",
            "Le paramètre « du » doit être une date AAAA-MM-JJ",
        ),
        (
            "au=demain",
            "Le paramètre « au » doit être une date AAAA-MM-JJ",
        ),
        ("pays=russie", "code ISO à deux lettres"),
        (
            "du=2025-02-01&au=2025-01-01",
            "La date « du » (2025-02-01) est après la date « au » (2025-01-01).",
        ),
        (
            "page=1&page=2",
            "Le paramètre « page » est donné plusieurs fois",
        ),
    ];
    let listings = [
        "/communiques",
        "/api/v1/communiques",
        "/communiques.atom",
        "/api/v1/communiques.csv",
        "/recherche",
        "/api/v1/recherche",
        "/recherche.atom",
    ];
    for path in listings {
        for (query, message) in cases {
            let uri = format!("{path}?{query}");
            let r = get(&uri).await;
            assert_status(&r, StatusCode::BAD_REQUEST, &uri);
            assert!(r.words().contains(message), "{uri}: {}", r.body);
        }
        let blank = format!("{path}?page=&per_page=&personne=&pays=&du=&au=");
        assert_status(&get(&blank).await, StatusCode::OK, &blank);
    }
    let paged = [
        "/personnes",
        "/api/v1/personnes",
        "/dates/2025/06",
        "/api/v1/dates/2025/06",
        "/pays/ru",
    ];
    for path in paged {
        let uri = format!("{path}?page=x");
        let r = get(&uri).await;
        assert_status(&r, StatusCode::BAD_REQUEST, &uri);
        assert!(r.words().contains("« page »"), "{uri}: {}", r.body);
    }
    for (uri, message) in [
        ("/recherche?q=mali&tri=hasard", "« pertinence » ou « date »"),
        ("/api/v1/personnes?tri=age", "« nom » ou « communiques »"),
    ] {
        let r = get(uri).await;
        assert_status(&r, StatusCode::BAD_REQUEST, uri);
        assert!(r.words().contains(message), "{uri}: {}", r.body);
    }
}

#[tokio::test]
async fn api_errors_are_json() {
    let cases: &[(&str, StatusCode)] = &[
        ("/api/v1/communiques?page=abc", StatusCode::BAD_REQUEST),
        ("/api/v1/communiques?per_page=101", StatusCode::BAD_REQUEST),
        ("/api/v1/communiques?per_page=0", StatusCode::BAD_REQUEST),
        ("/api/v1/communiques?page=1000", StatusCode::NOT_FOUND),
        ("/api/v1/communiques/n-existe-pas", StatusCode::NOT_FOUND),
        ("/api/v1/dates/2025/13", StatusCode::BAD_REQUEST),
        ("/api/v1/dates/1999", StatusCode::NOT_FOUND),
        ("/api/v1/nulle-part", StatusCode::NOT_FOUND),
    ];
    for (uri, status) in cases {
        let body = get_json(uri, *status).await;
        assert_eq!(body["error"]["status"], status.as_u16(), "{uri}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{uri}"
        );
        assert_eq!(
            body.as_object().unwrap().len(),
            1,
            "{uri}: only the error key"
        );
    }
}

#[tokio::test]
async fn static_files_are_cached_and_text_is_compressed() {
    let r = get("/static/style.css").await;
    assert_status(&r, StatusCode::OK, "/static/style.css");
    assert!(r.content_type.starts_with("text/css"));
    assert_eq!(r.headers["cache-control"], "public, max-age=86400");
    assert!(get("/static/absent.css").await.status == StatusCode::NOT_FOUND);
    let r = get_with("/communiques", &[("accept-encoding", "gzip")]).await;
    assert_eq!(r.headers["content-encoding"], "gzip");
    let r = get_with("/api/v1/communiques", &[("accept-encoding", "br")]).await;
    assert_eq!(r.headers["content-encoding"], "br");
    assert_eq!(r.headers["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn text_from_the_input_is_escaped() {
    let dir = TempDir::new().unwrap();
    let input = TempDir::new().unwrap();
    let file = input.path().join("piege.txt");
    std::fs::write(
        &file,
        "Visite <script>alert('x')</script> du ministre & des partenaires\n\nLe ministre a visité ce lundi 3 mars 2025 le chantier <b>du pont</b> de Kayes avec les partenaires.\n",
    )
    .unwrap();
    ingest_blocking(dir.path(), &[file]);
    let r = get_on(dir.path(), "/communiques").await;
    assert!(!r.body.contains("<script>alert"), "{}", r.body);
    assert!(r.body.contains("&lt;script&gt;") || r.body.contains("&#60;script&#62;"));
    let slug = "2025-03-03-visite-script-alert-x-script-du-ministre-des-partenaires";
    let r = get_on(dir.path(), &format!("/communiques/{slug}")).await;
    assert_status(&r, StatusCode::OK, slug);
    assert!(!r.body.contains("<b>du pont</b>"));
}

#[tokio::test]
async fn serves_over_a_real_socket() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = crate::support::app(crate::support::fixture()).await;
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /api/v1/communiques?per_page=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    server.abort();
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    assert!(response.contains("content-type: application/json"));
    assert!(response.contains("\"total\":16"));
}

/// Every answer carries a Content-Security-Policy that allows only the
/// archive's own stylesheet and script (no framing by other sites) and a
/// Referrer-Policy; the pages run no inline script, so they work under it.
#[tokio::test]
async fn pages_work_under_a_strict_content_security_policy() {
    let list = get_json("/api/v1/communiques?per_page=1", StatusCode::OK).await;
    let slug = list["data"][0]["slug"].as_str().unwrap().to_owned();
    let page = format!("/communiques/{slug}");
    for uri in [
        page.as_str(),
        "/",
        "/personnes/assimi-goita",
        "/api/v1/communiques",
        "/static/copy.js",
    ] {
        let r = get(uri).await;
        assert_status(&r, StatusCode::OK, uri);
        let csp = r.headers["content-security-policy"].to_str().unwrap();
        for directive in [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{uri}: {csp}");
        }
        assert_eq!(
            r.headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{uri}"
        );
    }
    let r = get(&page).await;
    assert!(
        r.body
            .contains("<script src=\"/static/copy.js\" defer></script>")
    );
    // Every other script is data (JSON-LD), which a policy does not run.
    for tag in r.body.split("<script").skip(1) {
        assert!(
            tag.starts_with(" src=\"/static/") || tag.starts_with(" type=\"application/ld+json\""),
            "inline script: <script{}",
            &tag[..tag.len().min(80)]
        );
    }
    assert!(!r.body.contains(" style=\""), "no inline style");
    let js = get("/static/copy.js").await;
    assert!(js.content_type.starts_with("text/javascript"));
    assert!(js.body.contains("button.copy"));
}

/// Serving a current archive writes nothing in its data folder (no lock
/// file, no journal), so replicas can serve it mounted read-only; an archive
/// left by older rules says what needs bringing up to date.
#[tokio::test]
async fn serving_writes_nothing_in_the_data_folder() {
    use std::collections::BTreeMap;
    use std::path::Path;

    fn tree(dir: &Path, out: &mut BTreeMap<String, (u64, std::time::SystemTime)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::metadata(&path).unwrap();
            if meta.is_dir() {
                tree(&path, out);
            } else {
                out.insert(
                    path.display().to_string(),
                    (meta.len(), meta.modified().unwrap()),
                );
            }
        }
    }

    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    ingest_blocking(&data, &[crate::support::seeds_dir()]);
    // The ingest's own lock files: a reader that locks would make them again.
    let mut before = BTreeMap::new();
    tree(&data, &mut before);
    for path in before.keys().filter(|p| p.ends_with(".lock")) {
        std::fs::remove_file(path).unwrap();
    }
    let mut before = BTreeMap::new();
    tree(&data, &mut before);
    assert!(
        communiques::ingest::upgrade_needed(&data)
            .await
            .unwrap()
            .is_empty()
    );
    for uri in [
        "/",
        "/communiques",
        "/recherche?q=coop%C3%A9ration",
        "/api/v1/recherche?q=mali",
        "/personnes/assimi-goita",
    ] {
        assert_status(&get_on(&data, uri).await, StatusCode::OK, uri);
    }
    let mut after = BTreeMap::new();
    tree(&data, &mut after);
    assert_eq!(before, after, "serving wrote in the data folder");

    // Older rules' rows: named, not served as they are.
    crate::support::alter(
        &data,
        &["UPDATE communique SET reading_version = 0 WHERE id = 1"],
    )
    .await;
    assert_eq!(
        communiques::ingest::upgrade_needed(&data).await.unwrap(),
        ["communiqués read by older rules"]
    );
    std::fs::remove_file(data.join("index").join("CURRENT")).unwrap();
    assert_eq!(
        communiques::ingest::upgrade_needed(&data).await.unwrap(),
        ["communiqués read by older rules", "search index"]
    );
}

/// Slow and idle clients hold nothing for long: a connection that sends half
/// its headers, or nothing, is closed after the header deadline, and while
/// more of them than the connection cap are open, another client is still
/// answered, within a bounded time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_clients_do_not_lock_others_out() {
    use std::time::{Duration, Instant};

    use communiques::web::listen::{Limits, serve};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = Limits {
        header_read: Duration::from_millis(300),
        max_connections: 8,
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = crate::support::app(crate::support::fixture()).await;
    let server = tokio::spawn(serve(listener, router, limits, async {
        let _ = stopped.await;
    }));

    // Four times the cap: half-sent requests, silent connections, and kept
    // alive ones gone quiet after a request.
    let mut slow = Vec::new();
    for _ in 0..2 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /robots.txt HTTP/1.1\r\nHost: archive.test\r\n\r\n")
            .await
            .unwrap();
        slow.push(s);
    }
    for i in 0..30 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        if i % 2 == 0 {
            s.write_all(b"GET / HTTP/1.1\r\nHost: archive.test\r\n")
                .await
                .unwrap();
        }
        slow.push(s);
    }
    let started = Instant::now();
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /api/v1 HTTP/1.1\r\nHost: archive.test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut reply = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), s.read_to_end(&mut reply))
        .await
        .expect("answered in time")
        .unwrap();
    assert!(
        reply.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&reply)
    );
    let waited = started.elapsed();
    // Every slow connection is closed by the server: reading ends.
    for (i, mut s) in slow.into_iter().enumerate() {
        let mut rest = Vec::new();
        tokio::time::timeout(Duration::from_secs(20), s.read_to_end(&mut rest))
            .await
            .unwrap_or_else(|_| panic!("connection {i} still open"))
            .ok();
    }
    stop.send(()).unwrap();
    server.await.unwrap();
    eprintln!("answered after {waited:?} behind 32 slow clients and a cap of 8");
}

/// An ingest under a running server is picked up whole, by itself: the
/// version, footers and search switch together once the new index is live,
/// and ETags change with them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_server_switches_to_the_version_an_ingest_made() {
    use axum::body::Body;
    use axum::http::Request;
    use communiques::web::{AppState, Live, router_on};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let seeds = crate::support::seed_files();
    ingest_blocking(&data, &seeds[..1]);
    let state = AppState::open(
        &data,
        &crate::support::repo().join("static"),
        "http://archive.test",
    )
    .await
    .unwrap();
    let live = Live::new(state);
    let app = router_on(live.clone());
    let fetch = |uri: &'static str| {
        let app = app.clone();
        async move {
            let r = app
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let etag = r
                .headers()
                .get("etag")
                .map(|v| v.to_str().unwrap().to_owned());
            let body = r.into_body().collect().await.unwrap().to_bytes();
            (etag, serde_json::from_slice::<Value>(&body).unwrap())
        }
    };
    let (etag_before, before) = fetch("/api/v1").await;
    let (_, found_before) = fetch("/api/v1/recherche?q=mali").await;
    assert!(!live.refresh().await.unwrap(), "nothing new yet");

    let run = ingest_blocking(&data, &seeds);
    assert!(run.added > 0);
    assert!(
        live.refresh().await.unwrap(),
        "the new version is switched to"
    );
    let (etag_after, after) = fetch("/api/v1").await;
    assert_eq!(after["archive_version"], run.version.as_str());
    assert_ne!(after["archive_version"], before["archive_version"]);
    assert_ne!(etag_after, etag_before);
    let (_, found_after) = fetch("/api/v1/recherche?q=mali").await;
    assert!(
        found_after["meta"]["total"].as_u64() > found_before["meta"]["total"].as_u64(),
        "search reads the new index: {} then {}",
        found_before["meta"]["total"],
        found_after["meta"]["total"]
    );
    assert!(!live.refresh().await.unwrap(), "switched once");
}

/// A data folder swapped under a running server (moved away, a new archive
/// ingested at its path): while the new archive's first transaction is
/// open, reads of the old file are refused with a French 503 that says when
/// to come back, and the new transaction's journal is left alone (a read
/// through the path took it for a crashed one: the commit then failed and
/// the old file was overwritten). Once the new archive is whole the server
/// serves it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_whose_archive_is_swapped_waits_for_the_new_one_and_serves_it() {
    use communiques::web::{AppState, Live, router_on};

    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let seeds = crate::support::seed_files();
    let first = ingest_blocking(&data, &seeds[..1]);
    let state = AppState::open(
        &data,
        &crate::support::repo().join("static"),
        "http://archive.test",
    )
    .await
    .unwrap()
    .with_cache_bytes(0);
    let live = Live::new(state);
    let app = router_on(live.clone());
    assert_status(
        &get_from(&app, "/api/v1/communiques").await,
        StatusCode::OK,
        "before",
    );

    std::fs::rename(&data, dir.path().join("old")).unwrap();
    let path = data.join("archive.sqlite");
    let writer = communiques::db::open_for_writing(&path).await.unwrap();
    let mut tx = writer.begin().await.unwrap();
    // A small page cache spills the transaction's pages to the file, which
    // first syncs its journal: the journal then looks like a crash's.
    sqlx::query("PRAGMA cache_size = 2")
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query(
        "CREATE TABLE filler AS WITH RECURSIVE n(i) AS
           (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i FROM n",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    let journal = data.join("archive.sqlite-journal");
    assert!(journal.is_file(), "the new archive's transaction is open");

    // Past the lease of the last read's snapshot, a read would begin anew.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let (logs, guard) = Captured::start();
    for uri in ["/api/v1/communiques", "/"] {
        let r = get_from(&app, uri).await;
        assert_status(&r, StatusCode::SERVICE_UNAVAILABLE, uri);
        assert_eq!(r.headers["retry-after"], "5", "{uri}");
        assert!(r.words().contains("en cours de remplacement"), "{}", r.body);
    }
    drop(guard);
    // Expected while a swap lasts: not a failure in the log, request by
    // request (the trace layer logged each one as an error).
    let logs = logs.text();
    assert!(!logs.contains("ERROR"), "{logs}");
    let json: Value = serde_json::from_str(&get_from(&app, "/api/v1").await.body).unwrap();
    assert_eq!(
        json["archive_version"],
        first.version.as_str(),
        "what the old file said"
    );
    assert!(
        !live.take_up_replaced_file().await.unwrap(),
        "not whole yet"
    );
    assert!(journal.is_file(), "the new archive's journal is left alone");
    tx.commit()
        .await
        .expect("the new archive's commit goes through");
    writer.close().await;
    assert!(
        !live.take_up_replaced_file().await.unwrap(),
        "committed, but no archive version nor index yet"
    );

    let second = ingest_blocking(&data, &seeds);
    assert!(second.added > 0);
    assert!(
        !live.refresh().await.unwrap(),
        "refresh leaves it to the watch"
    );
    assert!(
        live.take_up_replaced_file().await.unwrap(),
        "the whole new archive is served"
    );
    let index: Value = serde_json::from_str(&get_from(&app, "/api/v1").await.body).unwrap();
    assert_eq!(index["archive_version"], second.version.as_str());
    assert_ne!(second.version, first.version);
    assert_status(
        &get_from(&app, "/api/v1/communiques").await,
        StatusCode::OK,
        "after",
    );
    assert!(
        !live.take_up_replaced_file().await.unwrap(),
        "switched once"
    );

    // The old file, moved away, was never read through the new path.
    let old = communiques::db::open_read_only(&dir.path().join("old").join("archive.sqlite"))
        .await
        .unwrap();
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM communique")
        .fetch_one(&old)
        .await
        .unwrap();
    assert_eq!(kept as usize, first.added);
}

/// Log lines written while a test runs on its own thread.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Captured {
    /// Captures what is logged on this thread until the guard is dropped.
    fn start() -> (Self, tracing::subscriber::DefaultGuard) {
        let logs = Self::default();
        let sink = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || sink.clone())
            .with_ansi(false)
            .finish();
        (logs, tracing::subscriber::set_default(subscriber))
    }

    /// What was logged so far.
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn an_internal_failure_is_a_french_500_that_leaks_nothing_and_is_logged_with_its_request() {
    let dir = TempDir::new().unwrap();
    let summary = ingest_blocking(dir.path(), &[crate::support::seeds_dir()]);
    assert!(!summary.failed(), "{:?}", summary.errors);
    // A table every communiqué page reads is gone (a damaged archive).
    crate::support::alter(dir.path(), &["DROP TABLE source"]).await;

    let (logs, _guard) = Captured::start();
    let page = get_on(dir.path(), &format!("/communiques/{MOSCOW}")).await;
    assert_status(&page, StatusCode::INTERNAL_SERVER_ERROR, "a page");
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    assert!(
        page.words().contains("Une erreur interne est survenue"),
        "{}",
        page.body
    );
    let json = get_on(dir.path(), &format!("/api/v1/communiques/{MOSCOW}")).await;
    assert_status(&json, StatusCode::INTERNAL_SERVER_ERROR, "its JSON");
    let body: Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(body["error"]["status"], 500);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Une erreur interne")
    );
    for reply in [&page.body, &json.body] {
        assert!(
            !reply.contains("source"),
            "no internal text reaches the reader: {reply}"
        );
    }

    let logs = logs.text();
    let failures: Vec<&str> = logs
        .lines()
        .filter(|l| l.contains("internal error"))
        .collect();
    assert_eq!(failures.len(), 2, "one line per failed request:\n{logs}");
    for (line, path) in failures.iter().zip([
        format!("/communiques/{MOSCOW}"),
        format!("/api/v1/communiques/{MOSCOW}"),
    ]) {
        assert!(line.contains("ERROR"), "{line}");
        assert!(line.contains("method=GET"), "{line}");
        assert!(line.contains(&format!("path={path}")), "{line}");
        assert!(
            line.contains("no such table: source"),
            "what went wrong: {line}"
        );
    }
}
