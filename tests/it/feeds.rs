//! Atom feeds: valid per RFC 4287 (checked element by element), the right
//! entries for each filter, stable entry ids, linked from the pages.

use std::collections::BTreeSet;

use axum::http::StatusCode;

use crate::support::{assert_status, get};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Is `s` an RFC 3339 date-time ("2026-01-08T00:00:00Z", "…+00:00")?
fn rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && (s.ends_with('Z') || s[19..].contains(['+', '-']))
        && s[..4].bytes().all(|c| c.is_ascii_digit())
}

/// Checks the requirements of RFC 4287 that matter to readers and returns the
/// entry ids in order.
fn check_atom(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    let children = |n: roxmltree::Node<'_, '_>, name: &str| -> Vec<String> {
        n.children()
            .filter(|c| c.is_element() && c.tag_name().name() == name)
            .map(|c| c.text().unwrap_or("").to_owned())
            .collect()
    };
    for required in ["id", "title", "updated"] {
        assert_eq!(
            children(feed, required).len(),
            1,
            "feed/{required} exactly once"
        );
    }
    assert!(
        rfc3339(&children(feed, "updated")[0]),
        "feed updated: {}",
        children(feed, "updated")[0]
    );
    let feed_author = feed.children().any(|c| c.tag_name().name() == "author");
    assert!(
        feed.children()
            .any(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self")),
        "a self link"
    );
    let mut ids = Vec::new();
    for entry in feed.children().filter(|c| c.tag_name().name() == "entry") {
        for required in ["id", "title", "updated"] {
            assert_eq!(
                children(entry, required).len(),
                1,
                "entry/{required} exactly once"
            );
        }
        assert!(rfc3339(&children(entry, "updated")[0]));
        assert!(feed_author || entry.children().any(|c| c.tag_name().name() == "author"));
        assert!(
            entry.children().any(|c| c.tag_name().name() == "link"
                && c.attribute("rel").unwrap_or("alternate") == "alternate"),
            "an alternate link"
        );
        assert_eq!(children(entry, "summary").len(), 1);
        ids.push(children(entry, "id")[0].clone());
    }
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "entry ids are unique");
    ids
}

#[tokio::test]
async fn the_latest_communiques() {
    let r = get("/communiques.atom").await;
    assert_status(&r, StatusCode::OK, "/communiques.atom");
    assert_eq!(r.content_type, "application/atom+xml; charset=utf-8");
    let ids = check_atom(&r.body);
    assert_eq!(ids.len(), 16, "one entry per listed communiqué");
    assert_eq!(
        ids[0],
        "http://archive.test/communiques/2026-01-08-diplomatie-le-mali-reaffirme-son-soutien-historique-et-sa-solidarite"
    );
    // Stable: the same ids on every request.
    assert_eq!(check_atom(&get("/communiques.atom").await.body), ids);
    assert!(get("/").await.body.contains(
        "type=\"application/atom+xml\" title=\"Derniers communiqués\" href=\"/communiques.atom\""
    ));
}

#[tokio::test]
async fn a_feed_for_each_filter() {
    assert_eq!(
        check_atom(&get("/communiques.atom?personne=li-xiang").await.body).len(),
        2
    );
    let russia = check_atom(&get("/communiques.atom?pays=ru").await.body);
    assert_eq!(russia.len(), 3);
    assert_eq!(
        check_atom(&get("/communiques.atom?pays=ru&du=2025-01-01").await.body).len(),
        2
    );
    let search = check_atom(&get("/recherche.atom?q=ambassadeurs").await.body);
    assert_eq!(search.len(), 8);
    // Newest first: the slugs start with the dates.
    let dates: Vec<&str> = search
        .iter()
        .map(|id| &id["http://archive.test/communiques/".len()..][..10])
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    // The pages announce their feeds.
    assert!(
        get("/personnes/li-xiang")
            .await
            .body
            .contains("href=\"/communiques.atom?personne=li-xiang\"")
    );
    assert!(
        get("/pays/ru")
            .await
            .body
            .contains("href=\"/communiques.atom?pays=ru\"")
    );
    assert!(
        get("/recherche?q=ambassadeurs")
            .await
            .body
            .contains("href=\"/recherche.atom?q=ambassadeurs\"")
    );
    assert!(
        get("/communiques?pays=ru")
            .await
            .body
            .contains("href=\"/communiques.atom?pays=ru\"")
    );
    // Bad filters are errors, as on the pages.
    assert_status(
        &get("/communiques.atom?pays=xyz").await,
        StatusCode::BAD_REQUEST,
        "pays=xyz",
    );
    assert_status(
        &get("/communiques.atom?personne=inconnu").await,
        StatusCode::NOT_FOUND,
        "personne=inconnu",
    );
}
