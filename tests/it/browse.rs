//! Browsing by person and by country, the filters of the listing, and their
//! JSON twins, on the archive of the real seeds.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{assert_status, get, get_json};

const HTML: &str = "text/html; charset=utf-8";

#[tokio::test]
async fn everyone_a_to_z_and_by_number_of_communiques() {
    let r = get("/personnes").await;
    assert_status(&r, StatusCode::OK, "/personnes");
    assert_eq!(r.content_type, HTML);
    assert_eq!(r.body.matches("<li><a href=\"/personnes/").count(), 27);
    // A–Z by family name, written first, under its initial: Diop before
    // Goïta before Sanou.
    let at = |s: &str| r.body.find(s).unwrap_or_else(|| panic!("{s} missing"));
    let diop = at("<span class=\"family\">Diop</span>, Abdoulaye</a>");
    let goita = at("<span class=\"family\">Goïta</span>, Assimi</a>");
    let sanou = at("<span class=\"family\">Sanou</span>, Alousséni</a>");
    assert!(diop < goita && goita < sanou);
    assert!(at("<h2 class=\"letter\">D</h2>") < diop && diop < at("<h2 class=\"letter\">G</h2>"));
    // The letters come in order, each once.
    let letters: Vec<&str> = r
        .body
        .split("<h2 class=\"letter\">")
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .collect();
    let mut sorted = letters.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(letters, sorted);
    let by_count = get("/personnes?tri=communiques").await;
    let first = by_count.body.find("<li><a href=\"/personnes/").unwrap();
    assert!(by_count.body[first..].starts_with("<li><a href=\"/personnes/assimi-goita\">"));
    assert_status(
        &get("/personnes?tri=hasard").await,
        StatusCode::BAD_REQUEST,
        "tri=hasard",
    );

    let api = get_json(
        "/api/v1/personnes?tri=communiques&per_page=2",
        StatusCode::OK,
    )
    .await;
    assert_eq!(api["meta"]["total"], 27);
    assert_eq!(
        api["meta"]["next"],
        "/api/v1/personnes?tri=communiques&page=2&per_page=2"
    );
    assert_eq!(api["data"][0]["slug"], "assimi-goita");
    assert_eq!(api["data"][0]["communiques"], 9);
}

#[tokio::test]
async fn a_person_page_gathers_spellings_roles_partners_and_communiques() {
    let r = get("/personnes/assimi-goita").await;
    assert_status(&r, StatusCode::OK, "/personnes/assimi-goita");
    for needle in [
        "<h1>Assimi Goïta</h1>",
        "« GOITA »",
        "« Assimi GOÏTA »",
        "Président de la Transition",
        "href=\"/pays/ru\"",
        "href=\"/personnes/alousseni-sanou\"",
        "<div class=\"chart-scroll\"><div><svg width=",
        "Apparaît dans 9 communiqués",
    ] {
        assert!(r.words().contains(needle), "{needle} missing");
    }
    assert_eq!(r.body.matches("<li class=\"card\">").count(), 9);

    let p = get_json("/api/v1/personnes/alousseni-sanou", StatusCode::OK).await;
    assert_eq!(p["name"], "Alousséni Sanou");
    let aliases: Vec<&str> = p["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(aliases.contains(&"Alousseini Sanou"), "{aliases:?}");
    assert_eq!(p["communiques"], 2);
    assert_eq!(
        p["communiques_api_url"],
        "/api/v1/communiques?personne=alousseni-sanou"
    );
    assert!(
        p["per_month"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["month"] == "2025-02" && m["count"] == 1)
    );

    // A namesake stays apart, with his nickname as an alias.
    let biby = get_json(
        "/api/v1/personnes/cheick-ahmed-al-hassan-sanou",
        StatusCode::OK,
    )
    .await;
    assert!(
        biby["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Iron Biby")
    );
}

#[tokio::test]
async fn countries_partners_first_and_mali_never() {
    let r = get("/pays").await;
    assert_status(&r, StatusCode::OK, "/pays");
    assert!(r.body.contains("href=\"/pays/ru\">Russie</a>"));
    assert!(!r.body.contains("/pays/ml"));
    let list = get_json("/api/v1/pays", StatusCode::OK).await;
    let codes: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes[0], "RU");
    assert!(!codes.contains(&"ML"));
    for code in ["QA", "RU", "PS", "CA", "IR", "NL", "CN", "JP", "US"] {
        let c = list["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code)
            .unwrap();
        assert!(c["partner"].as_i64().unwrap() >= 1, "{code} is a partner");
    }

    let r = get("/pays/ru").await;
    assert_status(&r, StatusCode::OK, "/pays/ru");
    assert!(r.body.contains("<h1>Russie</h1>") && r.body.contains("Comme partenaire (3)"));
    assert!(
        r.body.contains("href=\"/personnes/vladimir-poutine\"")
            && r.body
                .contains("<div class=\"chart-scroll\"><div><svg width=")
    );
    let ru = get_json("/api/v1/pays/ru", StatusCode::OK).await;
    assert_eq!(ru["code"], "RU");
    assert_eq!(ru["partner_communiques"].as_array().unwrap().len(), 3);
    assert_eq!(ru["mentioned_communiques"].as_array().unwrap().len(), 0);
    assert_eq!(ru["persons"][0]["slug"], "assimi-goita");

    // Burkina Faso: a partner in the Moscow meeting, only named elsewhere.
    let bf = get_json("/api/v1/pays/BF", StatusCode::OK).await;
    assert_eq!(
        (bf["partner"].as_i64(), bf["mentioned"].as_i64()),
        (Some(1), Some(1))
    );
}

#[tokio::test]
async fn unknown_persons_and_countries() {
    for (uri, status) in [
        ("/personnes/personne-inconnue", StatusCode::NOT_FOUND),
        ("/pays/zz", StatusCode::NOT_FOUND),
        ("/pays/fr", StatusCode::NOT_FOUND),
        ("/pays/ml", StatusCode::NOT_FOUND),
        ("/pays/russie", StatusCode::BAD_REQUEST),
    ] {
        let r = get(uri).await;
        assert_status(&r, status, uri);
        assert_eq!(r.content_type, HTML, "{uri}");
        assert!(
            r.body.contains(&format!("Erreur {}", status.as_u16())),
            "{uri}"
        );
        let api = get_json(&format!("/api/v1{uri}"), status).await;
        assert_eq!(api["error"]["status"], status.as_u16());
    }
}

#[tokio::test]
async fn a_communique_links_its_persons_with_roles_and_its_countries() {
    let slug = "2026-01-06-ceremonie-de-presentation-des-lettres-de-creance-au-palais-de";
    let r = get(&format!("/communiques/{slug}")).await;
    assert!(r.body.contains("<a href=\"/personnes/li-xiang\">Li Xiang</a> <span class=\"role\">— Ambassadeur désigné de la République Populaire de Chine</span>"));
    assert!(r.body.contains("<a href=\"/pays/cn\" class=\"partner\""));
    let c = get_json(&format!("/api/v1/communiques/{slug}"), StatusCode::OK).await;
    let persons: Vec<&str> = c["persons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        persons,
        [
            "Assimi Goïta",
            "Mahmoud Khani Jooyabad",
            "Erik de Feijter",
            "Li Xiang"
        ]
    );
    assert_eq!(c["persons"][0]["roles"][0], "Président de la Transition");
    let countries: Vec<(&str, &str)> = c["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["code"].as_str().unwrap(), c["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        countries,
        [("IR", "partner"), ("NL", "partner"), ("CN", "partner")]
    );
}

#[tokio::test]
async fn filters_combine_and_survive_pagination() {
    let total = |v: &Value| v["meta"]["total"].as_i64().unwrap();
    let goita = get_json("/api/v1/communiques?personne=assimi-goita", StatusCode::OK).await;
    assert_eq!(total(&goita), 9);
    let with_russia = get_json(
        "/api/v1/communiques?personne=assimi-goita&pays=ru",
        StatusCode::OK,
    )
    .await;
    assert_eq!(total(&with_russia), 3);
    let in_2025 = get_json(
        "/api/v1/communiques?personne=assimi-goita&pays=RU&du=2025-01-01&au=2025-12-31&per_page=1",
        StatusCode::OK,
    )
    .await;
    assert_eq!(total(&in_2025), 2);
    assert_eq!(
        in_2025["meta"]["next"],
        "/api/v1/communiques?personne=assimi-goita&pays=ru&du=2025-01-01&au=2025-12-31&page=2&per_page=1"
    );
    // "au" is inclusive.
    let one_day = get_json(
        "/api/v1/communiques?du=2026-01-08&au=2026-01-08",
        StatusCode::OK,
    )
    .await;
    assert_eq!(total(&one_day), 2);

    let r = get("/communiques?personne=li-xiang&pays=nl").await;
    assert_status(&r, StatusCode::OK, "filtered page");
    assert!(
        r.body
            .contains("Communiqués nommant Li Xiang, nommant le pays Pays-Bas")
    );
    assert_eq!(r.body.matches("<li class=\"card\">").count(), 2);
    assert!(r.body.contains("name=\"personne\" value=\"li-xiang\""));

    for (uri, status) in [
        ("/communiques?du=2025-13-01", StatusCode::BAD_REQUEST),
        ("/communiques?du=hier", StatusCode::BAD_REQUEST),
        (
            "/communiques?du=2026-01-01&au=2025-01-01",
            StatusCode::BAD_REQUEST,
        ),
        ("/communiques?pays=xyz", StatusCode::BAD_REQUEST),
        ("/communiques?personne=inconnu", StatusCode::NOT_FOUND),
        ("/communiques?personne=&pays=&du=&au=", StatusCode::OK),
    ] {
        assert_status(&get(uri).await, status, uri);
    }
}

/// Every listing read page by page (ranked at ingest) gives the lines of the
/// same listing read at once, in the same order, each once.
#[tokio::test]
async fn ranked_pages_walk_each_listing_in_order() {
    let slugs = |v: &Value| -> Vec<String> {
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["slug"].as_str().unwrap().to_owned())
            .collect()
    };
    for filter in ["", "pays=ru&", "personne=assimi-goita&"] {
        let all = get_json(
            &format!("/api/v1/communiques?{filter}per_page=100"),
            StatusCode::OK,
        )
        .await;
        let whole = slugs(&all);
        let total = all["meta"]["total"].as_u64().unwrap() as usize;
        assert_eq!(whole.len(), total, "{filter}");
        assert!(total > 0, "{filter}");
        for per_page in [1, 2, 3] {
            let mut walked = Vec::new();
            for page in 1..=total.div_ceil(per_page) {
                let v = get_json(
                    &format!("/api/v1/communiques?{filter}per_page={per_page}&page={page}"),
                    StatusCode::OK,
                )
                .await;
                walked.extend(slugs(&v));
            }
            assert_eq!(walked, whole, "{filter} per_page={per_page}");
        }
    }
}

/// The partner and mention-only listings of a country page walk the same way.
#[tokio::test]
async fn ranked_country_roles_walk_in_order() {
    use communiques::db::communiques::{CountryFilter, Filter, count_listed, list};
    use communiques::domain::country::CountryCode;
    let pool =
        communiques::db::open_read_only(&communiques::db::database_path(crate::support::fixture()))
            .await
            .unwrap();
    for code in ["RU", "QA", "JP", "BF"] {
        for country in [
            CountryFilter::Partner(CountryCode::parse(code).unwrap()),
            CountryFilter::MentionedOnly(CountryCode::parse(code).unwrap()),
        ] {
            let filter = Filter {
                country: Some(country.clone()),
                ..Filter::default()
            };
            let whole: Vec<String> = list(&pool, &filter, 100, 0)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.slug)
                .collect();
            let total = count_listed(&pool, &filter).await.unwrap();
            assert_eq!(whole.len() as i64, total, "{country:?}");
            let mut walked = Vec::new();
            for offset in 0..total {
                walked.extend(
                    list(&pool, &filter, 1, offset)
                        .await
                        .unwrap()
                        .into_iter()
                        .map(|r| r.slug),
                );
            }
            assert_eq!(walked, whole, "{country:?}");
        }
    }
}

/// A parameter given twice is refused in French, naming it, on pages and in
/// the API alike.
#[tokio::test]
async fn a_parameter_given_twice_is_named_in_french() {
    for uri in [
        "/api/v1/communiques?page=1&page=2",
        "/communiques?page=1&page=2",
    ] {
        let r = get(uri).await;
        assert_status(&r, StatusCode::BAD_REQUEST, uri);
        assert!(
            r.words()
                .contains("Le paramètre « page » est donné plusieurs fois"),
            "{uri}: {}",
            r.body
        );
        assert!(!r.body.contains("duplicate"), "{uri}: {}", r.body);
    }
}

/// Every page that lists communiqués shows, in its body, the feed and the
/// exports of what it lists, with its filters; each of them answers.
#[tokio::test]
async fn every_page_of_communiques_offers_its_feed_and_exports() {
    let unescape = |s: &str| s.replace("&#38;", "&").replace("&amp;", "&");
    for (page, query) in [
        ("/communiques", ""),
        ("/communiques?pays=ru", "?pays=ru"),
        ("/personnes/assimi-goita", "?personne=assimi-goita"),
        ("/pays/ru", "?pays=ru"),
        ("/emetteurs/bip-maeci", "?emetteur=bip-maeci"),
        ("/dates/2025/06", "?du=2025-06-01&au=2025-06-30"),
    ] {
        let r = get(page).await;
        assert_status(&r, StatusCode::OK, page);
        let body = unescape(&r.body);
        assert!(body.contains("<p class=\"downloads\">"), "{page}");
        for path in [
            "/communiques.atom",
            "/api/v1/communiques",
            "/api/v1/communiques.csv",
            "/api/v1/communiques.ndjson",
        ] {
            let link = format!("{path}{query}");
            assert!(
                body.contains(&format!("href=\"{link}\"")),
                "{page}: no link to {link}"
            );
            assert_status(&get(&link).await, StatusCode::OK, &link);
        }
    }
    let search = unescape(&get("/recherche?q=ambassadeurs&pays=cn").await.body);
    for link in [
        "/recherche.atom?q=ambassadeurs&pays=cn",
        "/api/v1/recherche?q=ambassadeurs&pays=cn",
    ] {
        assert!(search.contains(&format!("href=\"{link}\"")), "{link}");
    }
}

/// The copy buttons say what they did in a live region, which their script
/// fills whether the clipboard API is there (HTTPS) or not (plain HTTP).
#[tokio::test]
async fn copy_buttons_have_a_live_region_and_a_fallback() {
    let list = get_json("/api/v1/communiques?per_page=1", StatusCode::OK).await;
    let page = get(list["data"][0]["url"].as_str().unwrap()).await;
    assert!(
        page.body
            .contains("id=\"copy-status\" role=\"status\" aria-live=\"polite\"")
    );
    assert_eq!(page.body.matches("class=\"copy\"").count(), 2);
    assert_eq!(page.body.matches("data-what=").count(), 2);
    let script = get("/static/copy.js").await.body;
    for needle in [
        "window.isSecureContext",
        "document.execCommand(\"copy\")",
        "getElementById(\"copy-status\")",
    ] {
        assert!(script.contains(needle), "{needle}");
    }
}

/// Every version is one click from a list, and two versions of one event
/// compare word by word; the counts of versions are never negative.
#[tokio::test]
async fn versions_are_linked_from_lists_and_compare_word_by_word() {
    let list = get_json("/api/v1/communiques?per_page=100", StatusCode::OK).await;
    let grouped = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["other_versions"].as_i64() > Some(0))
        .expect("the seeds hold an event told twice")
        .clone();
    let html = get("/communiques?page=1").await;
    let url = grouped["url"].as_str().unwrap();
    assert!(
        html.body
            .contains(&format!("<a href=\"{url}#versions\">+ 1 autre version"))
    );

    let detail = get_json(grouped["api_url"].as_str().unwrap(), StatusCode::OK).await;
    let other = &detail["versions"][0];
    assert!(other["other_versions"].as_i64().unwrap() >= 0, "{other}");
    let (a, b) = (
        grouped["slug"].as_str().unwrap(),
        other["slug"].as_str().unwrap(),
    );
    let permalink = get(url).await;
    let compare = format!("/communiques/{a}/comparer/{b}");
    assert!(permalink.body.contains("<section id=\"versions\">"));
    assert!(
        permalink
            .body
            .contains(&format!("<a href=\"{compare}\">comparer</a>"))
    );

    let page = get(&compare).await;
    assert_status(&page, StatusCode::OK, &compare);
    assert!(page.body.contains("<del>") && page.body.contains("<ins>"));
    assert!(
        page.body
            .contains(&format!("href=\"/communiques/{b}/comparer/{a}\""))
    );
    let json = get_json(&format!("/api/v1{compare}"), StatusCode::OK).await;
    let text = |side: &serde_json::Value| -> String {
        side["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["text"].as_str().unwrap())
            .collect()
    };
    let body_a = get_json(&format!("/api/v1/communiques/{a}"), StatusCode::OK).await;
    let body_b = get_json(&format!("/api/v1/communiques/{b}"), StatusCode::OK).await;
    assert_eq!(text(&json["left"]), body_a["body"].as_str().unwrap());
    assert_eq!(text(&json["right"]), body_b["body"].as_str().unwrap());
    assert!(json["left"]["words_only_here"].as_u64() > Some(0));

    // Two different events have nothing to compare.
    let stranger = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] != grouped["slug"])
        .unwrap()["slug"]
        .as_str()
        .unwrap()
        .to_owned();
    let refused = get(&format!("/communiques/{a}/comparer/{stranger}")).await;
    assert_status(&refused, StatusCode::NOT_FOUND, "two events");
    assert!(
        refused
            .words()
            .contains("ne sont pas deux versions du même événement")
    );

    // No count of versions is negative, wherever a summary is given.
    for uri in [
        "/api/v1/communiques?per_page=100",
        "/api/v1/recherche?q=mali&per_page=100",
    ] {
        let body = get_json(uri, StatusCode::OK).await;
        for c in body["data"].as_array().unwrap() {
            let n = c["other_versions"]
                .as_i64()
                .or(c["communique"]["other_versions"].as_i64());
            assert!(n.unwrap_or(0) >= 0, "{uri}: {c}");
        }
    }
}

/// The person and country most often named together, and the issuer of
/// the most communiqués: filters that select many, and each other's.
struct Busiest {
    person: i64,
    slug: String,
    code: communiques::domain::country::CountryCode,
    issuer: String,
}

/// A generated archive of 3,000 articles, and its busiest filters.
async fn busy_archive() -> (tempfile::TempDir, communiques::db::Pool, Busiest) {
    let (dir, pool) = crate::support::generated_archive(3_000, 11).await;
    let busiest = busiest(&pool).await;
    (dir, pool, busiest)
}

async fn busiest(pool: &communiques::db::Pool) -> Busiest {
    let (person, slug, code): (i64, String, String) = sqlx::query_as(
        "SELECT p.id, p.slug, pc.code FROM person_country pc JOIN person p ON p.id = pc.person_id
          ORDER BY pc.n DESC, pc.person_id, pc.code LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let issuer: String =
        sqlx::query_scalar("SELECT slug FROM issuer ORDER BY communiques DESC, slug LIMIT 1")
            .fetch_one(pool)
            .await
            .unwrap();
    Busiest {
        person,
        slug,
        code: communiques::domain::country::CountryCode::parse(&code).unwrap(),
        issuer,
    }
}

/// (slug, sort key) of what `filter` selects, found by filtering every
/// listed communiqué by its versions' mentions, in the listing's order.
async fn filtering_every_communique(
    pool: &communiques::db::Pool,
    filter: &communiques::db::communiques::Filter,
) -> Vec<(String, String)> {
    let mut q = sqlx::QueryBuilder::new("SELECT c.slug, c.sort_key FROM communique c");
    communiques::db::communiques::push_filter(&mut q, filter);
    q.push(" ORDER BY c.sort_key DESC, c.slug");
    q.build_query_as().fetch_all(pool).await.unwrap()
}

/// A listing narrowed by several filters (a person, a country in each of
/// its roles, an issuer, dates) is read from one filter's group table with
/// the others looked up, and one narrowed by dates alone from the day
/// counts: it holds what filtering every listed communiqué by its versions'
/// mentions holds, in the same order, and counts as many.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_filters_list_what_filtering_every_communique_lists() {
    use communiques::db::communiques::{CountryFilter, Filter, count_listed, list};
    use time::macros::date;

    let (_dir, pool, busiest) = busy_archive().await;
    let Busiest {
        person,
        code,
        issuer,
        ..
    } = busiest;
    let (from, to) = (Some(date!(2005 - 01 - 01)), Some(date!(2019 - 12 - 31)));
    let filters = [
        (
            Some(person),
            Some(CountryFilter::Any(code)),
            None,
            None,
            None,
        ),
        (
            Some(person),
            Some(CountryFilter::Partner(code)),
            None,
            None,
            None,
        ),
        (
            Some(person),
            Some(CountryFilter::MentionedOnly(code)),
            None,
            None,
            None,
        ),
        (Some(person), None, Some(issuer.clone()), None, None),
        (
            None,
            Some(CountryFilter::Any(code)),
            Some(issuer.clone()),
            None,
            None,
        ),
        (
            Some(person),
            Some(CountryFilter::Any(code)),
            Some(issuer.clone()),
            None,
            None,
        ),
        (Some(person), None, None, from, to),
        (None, Some(CountryFilter::Partner(code)), None, from, None),
        (None, None, Some(issuer.clone()), None, to),
        (Some(person), Some(CountryFilter::Any(code)), None, from, to),
        // Dates alone: from the day counts (undated within any `au`).
        (None, None, None, from, to),
        (None, None, None, from, None),
        (None, None, None, None, to),
    ];
    let mut seen = 0;
    for (person_id, country, issuer, from, to) in filters {
        let filter = Filter {
            from,
            to,
            person_id,
            country,
            issuer,
        };
        let expected: Vec<String> = filtering_every_communique(&pool, &filter)
            .await
            .into_iter()
            .map(|(slug, _)| slug)
            .collect();
        assert_eq!(
            count_listed(&pool, &filter).await.unwrap(),
            expected.len() as i64,
            "{filter:?}"
        );
        let last = expected.len().saturating_sub(3);
        for offset in [0, 7, last / 3, last / 2, last] {
            let page: Vec<String> = list(&pool, &filter, 5, offset as i64)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.slug)
                .collect();
            let want: Vec<String> = expected.iter().skip(offset).take(5).cloned().collect();
            assert_eq!(page, want, "{filter:?} from {offset}");
        }
        seen += expected.len();
    }
    assert!(seen > 100, "the filters select communiqués: {seen}");
    pool.close().await;
}

/// A listing narrowed by two or three of a person, a country and an issuer
/// (with dates or not) is found on the search index and its pages written
/// by SQLite from the days around them: every page through the API holds
/// what filtering every listed communiqué by its versions' mentions holds,
/// in the same order, days of many communiqués cut anywhere by the pages,
/// and the total is theirs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listings_narrowed_on_the_index_page_as_filtering_every_communique() {
    use communiques::db::communiques::{CountryFilter, Filter};
    use time::macros::date;

    let (dir, pool, busiest) = busy_archive().await;
    let Busiest {
        person,
        slug,
        code,
        issuer,
    } = busiest;
    let app = crate::support::app(&dir.path().join("data")).await;
    let (from, to) = (date!(2005 - 01 - 01), date!(2019 - 12 - 31));
    let any = || Some(CountryFilter::Any(code));
    // (filter, its query string)
    let cases = [
        (
            (Some(person), any(), None, None, None),
            format!("personne={slug}&pays={code}"),
        ),
        (
            (Some(person), None, Some(issuer.clone()), None, None),
            format!("personne={slug}&emetteur={issuer}"),
        ),
        (
            (None, any(), Some(issuer.clone()), None, None),
            format!("pays={code}&emetteur={issuer}"),
        ),
        (
            (Some(person), any(), Some(issuer.clone()), None, None),
            format!("personne={slug}&pays={code}&emetteur={issuer}"),
        ),
        (
            (Some(person), any(), None, Some(from), Some(to)),
            format!("personne={slug}&pays={code}&du={from}&au={to}"),
        ),
        (
            (None, any(), Some(issuer.clone()), None, Some(to)),
            format!("pays={code}&emetteur={issuer}&au={to}"),
        ),
        (
            (Some(person), None, Some(issuer.clone()), Some(from), None),
            format!("personne={slug}&emetteur={issuer}&du={from}"),
        ),
    ];
    let mut seen = 0;
    let mut shared_days = 0;
    for ((person_id, country, issuer, from, to), query) in cases {
        let filter = Filter {
            from,
            to,
            person_id,
            country,
            issuer,
        };
        let expected = filtering_every_communique(&pool, &filter).await;
        assert!(!expected.is_empty(), "{query}");
        // Two communiqués of one day on pages of their own: the index
        // gives both for each page, SQLite's order says which is which.
        for i in (0..expected.len() - 1).filter(|&i| expected[i].1 == expected[i + 1].1) {
            shared_days += 1;
            for at in [i, i + 1] {
                let uri = format!("/api/v1/communiques?{query}&per_page=1&page={}", at + 1);
                let v: serde_json::Value =
                    serde_json::from_str(&crate::support::get_from(&app, &uri).await.body).unwrap();
                assert_eq!(v["data"][0]["slug"], expected[at].0.as_str(), "{uri}");
            }
        }
        let pages = expected.len().div_ceil(7);
        let mut listed = Vec::new();
        for page in 1..=pages {
            let uri = format!("/api/v1/communiques?{query}&per_page=7&page={page}");
            let r = crate::support::get_from(&app, &uri).await;
            crate::support::assert_status(&r, StatusCode::OK, &uri);
            let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            assert_eq!(v["meta"]["total"], expected.len(), "{uri}");
            let rows = v["data"].as_array().unwrap();
            assert!(rows.len() == 7 || page == pages, "{uri}: {}", rows.len());
            listed.extend(rows.iter().map(|r| r["slug"].as_str().unwrap().to_owned()));
        }
        let want: Vec<String> = expected.into_iter().map(|(slug, _)| slug).collect();
        assert_eq!(listed, want, "{query}");
        // Past the last page: the listing's 404.
        let uri = format!("/api/v1/communiques?{query}&per_page=7&page={}", pages + 1);
        let r = crate::support::get_from(&app, &uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        seen += want.len();
    }
    assert!(seen > 100, "the filters select communiqués: {seen}");
    assert!(shared_days > 0, "pages cut a day of several communiqués");
    pool.close().await;
}

/// Narrowed by dates alone, the listing is counted and paged from the day
/// counts; an undated communiqué sorts after every date and is within any
/// `au` (as the listing's sort key has it), never within a `du`.
#[tokio::test]
async fn a_listing_by_dates_alone_counts_and_pages_the_undated_last() {
    let dir = tempfile::TempDir::new().unwrap();
    let input = tempfile::TempDir::new().unwrap();
    let texts = [
        (
            "a.txt",
            "Visite du ministre à Kayes\n\nLe ministre des Transports a visité ce lundi 3 mars 2025 le chantier du pont de Kayes avec les élus de la région.\n",
        ),
        (
            "b.txt",
            "Audience au ministère de la Santé\n\nLe ministre de la Santé a reçu ce mardi 4 juin 2024 une délégation de médecins venus présenter leur programme de vaccination.\n",
        ),
        (
            "c.txt",
            "Inauguration d'un forage à Ségou\n\nLe gouverneur de la région a inauguré un forage qui alimentera en eau potable les habitants de trois quartiers de la ville de Ségou.\n",
        ),
    ];
    let mut files = Vec::new();
    for (name, text) in texts {
        let path = input.path().join(name);
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    crate::support::ingest_blocking(dir.path(), &files);
    let app = crate::support::app(dir.path()).await;
    let slugs = |v: &Value| -> Vec<String> {
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["slug"].as_str().unwrap().to_owned())
            .collect()
    };
    let json = |uri: String| {
        let app = app.clone();
        async move {
            let r = crate::support::get_from(&app, &uri).await;
            assert_status(&r, StatusCode::OK, &uri);
            serde_json::from_str::<Value>(&r.body).unwrap()
        }
    };
    let all = json("/api/v1/communiques".to_owned()).await;
    let every = slugs(&all);
    assert_eq!(every.len(), 3, "{every:?}");
    assert!(all["data"][2]["date"].is_null(), "undated last: {all}");
    for (query, want) in [
        ("au=2030-01-01", every.clone()),
        ("au=2024-12-31", vec![every[1].clone(), every[2].clone()]),
        ("du=2000-01-01", every[..2].to_vec()),
        ("du=2024-06-04&au=2024-06-04", vec![every[1].clone()]),
        ("du=2026-01-01", vec![]),
    ] {
        let v = json(format!("/api/v1/communiques?{query}")).await;
        assert_eq!(v["meta"]["total"], want.len(), "{query}");
        assert_eq!(slugs(&v), want, "{query}");
        // One a page: each page from the day counts.
        for (i, slug) in want.iter().enumerate() {
            let v = json(format!(
                "/api/v1/communiques?{query}&per_page=1&page={}",
                i + 1
            ))
            .await;
            assert_eq!(
                slugs(&v),
                std::slice::from_ref(slug),
                "{query} page {}",
                i + 1
            );
        }
    }
}

/// An export reads its chunks where the listing reads its pages (an
/// entity's group table, combined filters' walk, the listing's index), by
/// keyset: chunk after chunk, days of several communiqués cut anywhere, it
/// holds what filtering every listed communiqué holds, in the same order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_chunks_hold_what_filtering_every_communique_holds() {
    use communiques::db::communiques::{CountryFilter, Filter};
    use communiques::db::export::chunk;
    use time::macros::date;

    let (_dir, pool, b) = busy_archive().await;
    let from = Some(date!(2005 - 01 - 01));
    let filters = [
        Filter::default(),
        Filter {
            person_id: Some(b.person),
            ..Filter::default()
        },
        Filter {
            country: Some(CountryFilter::Partner(b.code)),
            ..Filter::default()
        },
        Filter {
            person_id: Some(b.person),
            country: Some(CountryFilter::Any(b.code)),
            issuer: Some(b.issuer.clone()),
            ..Filter::default()
        },
        Filter {
            issuer: Some(b.issuer.clone()),
            from,
            ..Filter::default()
        },
        Filter {
            from,
            to: Some(date!(2019 - 12 - 31)),
            ..Filter::default()
        },
    ];
    for filter in filters {
        let expected: Vec<String> = filtering_every_communique(&pool, &filter)
            .await
            .into_iter()
            .map(|(slug, _)| slug)
            .collect();
        let mut exported = Vec::new();
        let mut after = None;
        // As many chunks as the rows need and one more: a cursor that does
        // not move fails rather than loops.
        for _ in 0..expected.len() / 7 + 2 {
            let rows = chunk(&pool, &filter, after.as_ref(), 7).await.unwrap();
            let Some(last) = rows.last() else { break };
            after = Some((last.sort_key.clone(), last.slug.clone()));
            exported.extend(rows.into_iter().map(|r| r.slug));
        }
        assert!(!expected.is_empty(), "{filter:?}");
        assert_eq!(exported, expected, "{filter:?}");
    }
    pool.close().await;
}
