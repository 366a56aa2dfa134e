//! HTTP caching: strong ETags tied to the archive version and the URL, 304 on
//! a matching If-None-Match, the fingerprinted stylesheet, rendered pages kept
//! until the archive changes.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tempfile::TempDir;
use tower::ServiceExt;

use crate::support::{app, get, get_with, ingest_blocking, seed_files};

#[tokio::test]
async fn strong_etags_stable_and_distinct_per_url() {
    for uri in [
        "/",
        "/communiques",
        "/api/v1/communiques",
        "/personnes/assimi-goita",
        "/recherche?q=goita",
    ] {
        let a = get_with(uri, &[]).await;
        let b = get_with(uri, &[]).await;
        let tag = a.headers[header::ETAG].to_str().unwrap().to_owned();
        assert!(
            tag.starts_with('"') && tag.ends_with('"') && !tag.starts_with("W/"),
            "{uri}: {tag}"
        );
        assert_eq!(b.headers[header::ETAG], tag.as_str(), "{uri}: stable");
        assert_eq!(
            a.headers[header::CACHE_CONTROL],
            "public, max-age=300",
            "{uri}"
        );
    }
    let one = get_with("/communiques", &[]).await.headers[header::ETAG].clone();
    let other = get_with("/communiques?page=1", &[]).await.headers[header::ETAG].clone();
    assert_ne!(one, other);
    // Errors are not cached as pages.
    assert!(
        get_with("/nulle-part", &[])
            .await
            .headers
            .get(header::ETAG)
            .is_none()
    );
}

#[tokio::test]
async fn a_matching_if_none_match_gets_304_without_body() {
    let tag = get_with("/api/v1/communiques", &[]).await.headers[header::ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    let request = Request::get("/api/v1/communiques")
        .header(header::IF_NONE_MATCH, &tag)
        .body(Body::empty())
        .unwrap();
    let response = app(crate::support::fixture())
        .await
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(response.headers()[header::ETAG], tag.as_str());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert!(body.is_empty());
    // A stale tag gets the full answer.
    let r = get_with("/api/v1/communiques", &[("if-none-match", "\"stale\"")]).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn the_etag_changes_when_an_ingest_adds_a_file() {
    let dir = TempDir::new().unwrap();
    let files = seed_files();
    ingest_blocking(dir.path(), &files[..2]);
    // One running app: the version is read at each request.
    let router = app(dir.path()).await;
    let etag = |router: axum::Router| async move {
        let request = Request::get("/communiques").body(Body::empty()).unwrap();
        router.oneshot(request).await.unwrap().headers()[header::ETAG].clone()
    };
    let before = etag(router.clone()).await;
    assert_eq!(before, etag(router.clone()).await);
    ingest_blocking(dir.path(), &files[2..3]);
    assert_ne!(before, etag(router.clone()).await);
}

#[tokio::test]
async fn the_stylesheet_is_fingerprinted_and_immutable() {
    let page = get("/").await;
    let start = page
        .body
        .find("/static/v/style.")
        .expect("a fingerprinted stylesheet");
    let href = &page.body[start..start + page.body[start..].find('"').unwrap()];
    assert!(href.ends_with(".css"));
    let css = get_with(href, &[]).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.content_type.starts_with("text/css"));
    assert_eq!(
        css.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        get_with("/static/v/style.000000000000.css", &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn crawlers_get_robots_opensearch_and_a_sitemap() {
    let robots = get("/robots.txt").await;
    assert!(robots.content_type.starts_with("text/plain"));
    assert!(
        robots
            .body
            .contains("Sitemap: http://archive.test/sitemap.xml")
    );
    assert!(robots.body.contains("Disallow: /recherche"));

    let os = get("/opensearch.xml").await;
    assert_eq!(os.content_type, "application/opensearchdescription+xml");
    assert!(
        os.body
            .contains("template=\"http://archive.test/recherche?q={searchTerms}\"")
    );
    assert!(
        get("/")
            .await
            .body
            .contains("rel=\"search\" type=\"application/opensearchdescription+xml\"")
    );

    let map = get("/sitemap.xml").await;
    assert!(map.content_type.starts_with("application/xml"));
    assert!(map.body.starts_with("<?xml") && map.body.contains("<urlset"));
    // 7 fixed pages, 17 permalinks, 27 persons, 13 countries, 6 issuers.
    assert_eq!(map.body.matches("<url>").count(), 7 + 17 + 27 + 13 + 6);
    assert!(
        map.body
            .contains("<loc>http://archive.test/emetteurs/bip-maeci</loc>")
    );
    assert!(map.body.contains(
        "<loc>http://archive.test/communiques/2025-06-24-rencontre-entre-le-president-de-la-transition-et-la-communaute</loc><lastmod>2025-06-24</lastmod>"
    ));
    assert!(map.body.contains("<loc>http://archive.test/pays/ru</loc>"));
    // Parts exist only beyond the URLs of one part.
    assert_eq!(get("/sitemap-1.xml").await.status, StatusCode::NOT_FOUND);
}

/// The `<loc>` of each `<url>` of a sitemap file.
fn locations(xml: &str) -> Vec<String> {
    xml.split("<url><loc>")
        .skip(1)
        .map(|u| u[..u.find("</loc>").unwrap()].to_owned())
        .collect()
}

/// Beyond the URLs of one part, the sitemap is an index of parts that list,
/// in turn, every URL the single file lists, each once, and no part past them.
#[tokio::test]
async fn sitemap_parts_list_every_url_once_in_order() {
    let whole = locations(&get("/sitemap.xml").await.body);
    assert_eq!(whole.len(), 70);
    let mut state = crate::support::seeds_state().await;
    state.sitemap_part_urls = 16;
    let app = communiques::web::router(state);
    let index = crate::support::get_from(&app, "/sitemap.xml").await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.body.contains("<sitemapindex"), "{}", index.body);
    let parts: Vec<&str> = index
        .body
        .split("<sitemap><loc>")
        .skip(1)
        .map(|p| &p[..p.find("</loc>").unwrap()])
        .collect();
    // 70 URLs, 16 a part.
    let expected: Vec<String> = (1..=5)
        .map(|n| format!("http://archive.test/sitemap-{n}.xml"))
        .collect();
    assert_eq!(parts, expected);
    let mut listed = Vec::new();
    for n in 1..=5 {
        let part = crate::support::get_from(&app, &format!("/sitemap-{n}.xml")).await;
        assert_eq!(part.status, StatusCode::OK, "part {n}");
        assert!(part.content_type.starts_with("application/xml"));
        let urls = locations(&part.body);
        assert!(urls.len() <= 16, "part {n}: {}", urls.len());
        listed.extend(urls);
    }
    assert_eq!(listed, whole);
    for missing in ["/sitemap-6.xml", "/sitemap-0.xml", "/sitemap-x.xml"] {
        let r = crate::support::get_from(&app, missing).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{missing}");
    }
    let huge = crate::support::get_from(&app, "/sitemap-9223372036854775807.xml").await;
    assert_eq!(huge.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_communique_is_citable() {
    let slug = "2026-01-06-ceremonie-de-presentation-des-lettres-de-creance-au-palais-de";
    let uri = format!("/communiques/{slug}");
    let r = get(&uri).await;
    let canonical = format!("http://archive.test/communiques/{slug}");
    assert_eq!(
        r.headers[header::LINK],
        format!("<{canonical}>; rel=\"cite-as\"").as_str()
    );
    assert!(
        r.body
            .contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">"))
    );
    assert!(
        r.body
            .contains("<meta property=\"og:type\" content=\"article\">")
    );
    assert!(
        r.body
            .contains("<meta property=\"article:published_time\" content=\"2026-01-06\">")
    );

    let start = r
        .body
        .find("<script type=\"application/ld+json\">")
        .unwrap()
        + "<script type=\"application/ld+json\">".len();
    let end = start + r.body[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&r.body[start..end]).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["headline"],
        "Cérémonie de présentation des Lettres de créance au Palais de Koulouba"
    );
    assert_eq!(ld["datePublished"], "2026-01-06");
    assert_eq!(ld["publisher"]["name"], "CCRP PRÉSIDENCE");
    assert_eq!(ld["url"], canonical.as_str());
    let mentions: Vec<&str> = ld["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert!(
        mentions.contains(&"Li Xiang") && mentions.contains(&"Chine"),
        "{mentions:?}"
    );
    assert!(
        ld["isBasedOn"][0]
            .as_str()
            .unwrap()
            .contains("003_9aadc6d45bcc29c5.txt")
    );

    // Ready citations name the archive version.
    assert!(r.body.contains("« Cérémonie de présentation des Lettres de créance au Palais de Koulouba », CCRP PRÉSIDENCE, mardi 6 janvier 2026. Archive des communiqués, version "));
    assert!(r.body.contains("@misc{") && r.body.contains("  date = {2026-01-06},"));
    assert!(r.body.contains("data-copy=\"cite-bib\""));
}

#[tokio::test]
async fn json_ld_cannot_be_closed_by_the_text() {
    let dir = TempDir::new().unwrap();
    let input = TempDir::new().unwrap();
    let file = input.path().join("piege.txt");
    std::fs::write(
        &file,
        "Visite du ministre à Kayes\n\nLe ministre a visité ce lundi 3 mars 2025 le chantier </script><script>alert(1)</script> du pont de Kayes.\n",
    )
    .unwrap();
    ingest_blocking(dir.path(), &[file]);
    let r = crate::support::get_on(
        dir.path(),
        "/communiques/2025-03-03-visite-du-ministre-a-kayes",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.body.matches("</script>").count(),
        2,
        "only the JSON-LD and the copy script close"
    );
    assert!(!r.body.contains("<script>alert"));
}

#[tokio::test]
async fn lists_link_to_their_neighbouring_pages() {
    let r = get_with("/api/v1/communiques?per_page=5&page=2", &[]).await;
    assert_eq!(
        r.headers[header::LINK],
        "</api/v1/communiques?page=3&per_page=5>; rel=\"next\", </api/v1/communiques?page=1&per_page=5>; rel=\"prev\""
    );
    let r = get_with("/api/v1/recherche?q=goita&per_page=5", &[]).await;
    assert_eq!(
        r.headers[header::LINK],
        "</api/v1/recherche?q=goita&page=2&per_page=5>; rel=\"next\""
    );
    assert!(
        get_with("/api/v1/communiques?per_page=100", &[])
            .await
            .headers
            .get(header::LINK)
            .is_none()
    );
}

#[tokio::test]
async fn rendered_pages_are_reused_until_an_ingest_changes_the_archive() {
    let dir = TempDir::new().unwrap();
    let files = seed_files();
    ingest_blocking(dir.path(), &files[..2]);
    let router = app(dir.path()).await;
    let body = |router: axum::Router| async move {
        let request = Request::get("/communiques").body(Body::empty()).unwrap();
        let response = router.oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    };
    let first = body(router.clone()).await;
    // The second answer comes from the cache: the same bytes.
    assert_eq!(first, body(router.clone()).await);
    ingest_blocking(dir.path(), &files[2..]);
    let after = body(router.clone()).await;
    assert_ne!(first, after, "a new archive version is rendered anew");
    let listed = |page: &str| page.matches("href=\"/communiques/").count();
    assert!(
        listed(&after) > listed(&first),
        "the new communiqués are listed"
    );
}

#[tokio::test]
async fn without_a_cache_every_request_is_rendered_and_answers_alike() {
    let state = communiques::web::AppState::open(
        crate::support::fixture(),
        &crate::support::repo().join("static"),
        "http://archive.test",
    )
    .await
    .unwrap()
    .with_cache_bytes(0);
    assert!(state.cache.is_none());
    let router = communiques::web::router(state);
    for _ in 0..2 {
        let request = Request::get("/communiques").body(Body::empty()).unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers().contains_key(header::ETAG));
    }
}

/// A sitemap part's communiqués are read by a range of ids when the ids run
/// without a gap: the same slices as every entry sorted and skipped to,
/// across the end of the communiqués and past the last entry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sitemap_slices_by_ids_are_the_slices_of_every_entry_sorted() {
    use communiques::db::sitemap::{Entry, count, entries};
    let (_dir, pool) = crate::support::generated_archive(400, 3).await;
    let (largest, texts): (i64, Option<i64>) = sqlx::query_as(
        "SELECT max(id), (SELECT CAST(value AS INTEGER) FROM archive_meta WHERE key = 'texts')
           FROM communique",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    // Numbered without a gap: the slices below are read by ids.
    assert_eq!(Some(largest), texts);
    let total = count(&pool).await.unwrap();
    assert!(total > largest, "persons, countries and issuers follow");
    // Every entry, sorted, as a part read them before.
    let all: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT k, key, lastmod FROM (
            SELECT 0 AS k, id AS n, slug AS key, date AS lastmod FROM communique
            UNION ALL SELECT 1, id, slug, NULL FROM person WHERE communiques > 0
            UNION ALL SELECT 2, 0, code, NULL FROM country WHERE partner + mentioned > 0
            UNION ALL SELECT 3, 0, slug, NULL FROM issuer WHERE communiques > 0
         ) ORDER BY k, n, key",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(all.len() as i64, total);
    let key = |e: &Entry| match e {
        Entry::Communique { slug, date } => (0, slug.clone(), date.clone()),
        Entry::Person { slug } => (1, slug.clone(), None),
        Entry::Country { code } => (2, code.to_string(), None),
        Entry::Issuer { slug } => (3, slug.clone(), None),
    };
    for (limit, offset) in [
        (50, 0),
        (1_000, 0),
        (7, largest - 3),
        (10, largest),
        (10, largest + 2),
        (10, total - 4),
        (10, total + 5),
    ] {
        let got: Vec<_> = entries(&pool, limit, offset)
            .await
            .unwrap()
            .iter()
            .map(key)
            .collect();
        let want: Vec<_> = all
            .iter()
            .skip(offset as usize)
            .take(limit as usize)
            .cloned()
            .collect();
        assert_eq!(got, want, "{limit} from {offset}");
    }
    pool.close().await;
}
