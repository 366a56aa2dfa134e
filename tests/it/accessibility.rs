//! WCAG 2.1 AA, checked where it can be computed: the contrast of every text
//! colour the stylesheet sets against the background it is drawn on, the
//! order of headings on a page of every family, a skip link, the current
//! section marked, visible focus; and French typography (a non-breaking
//! space before « » : ; ? !) in what the pages write.

use std::collections::HashMap;

use axum::http::StatusCode;

use crate::support::{assert_status, get, get_json};

/// (selector, declarations) of a stylesheet, at-rules' blocks flattened.
fn rules(css: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut text = css.to_owned();
    while let Some(start) = text.find("/*") {
        let end = text[start..]
            .find("*/")
            .map_or(text.len(), |e| start + e + 2);
        text.replace_range(start..end, "");
    }
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut selector: Option<String> = None;
    for c in text.chars() {
        match c {
            '{' => {
                let s = buf.trim().to_owned();
                buf.clear();
                // An at-rule opens a block of rules: they are read as rules.
                selector = (!s.starts_with('@')).then_some(s);
            }
            '}' => {
                if let Some(s) = selector.take() {
                    let decls = buf
                        .split(';')
                        .filter_map(|d| d.split_once(':'))
                        .map(|(p, v)| (p.trim().to_owned(), v.trim().to_owned()))
                        .collect();
                    out.push((s, decls));
                }
                buf.clear();
            }
            c => buf.push(c),
        }
    }
    out
}

/// A colour value as RGB, variables resolved; None for what is not one.
fn rgb(value: &str, vars: &HashMap<String, String>) -> Option<[f64; 3]> {
    let value = value.trim();
    if let Some(name) = value.strip_prefix("var(").and_then(|v| v.strip_suffix(')')) {
        return rgb(vars.get(name.trim())?, vars);
    }
    let hex = value.split_whitespace().next()?.strip_prefix('#')?;
    let hex: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => return None,
    };
    let n = u32::from_str_radix(&hex, 16).ok()?;
    Some([(n >> 16) & 255, (n >> 8) & 255, n & 255].map(|c| f64::from(c) / 255.0))
}

fn luminance(c: [f64; 3]) -> f64 {
    let l = c.map(|v| {
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    });
    0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]
}

fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn the_contrast_of_every_text_colour_is_at_least_4_5_to_1() {
    let css =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css")).unwrap();
    let rules = rules(&css);
    let vars: HashMap<String, String> = rules
        .iter()
        .filter(|(s, _)| s == ":root")
        .flat_map(|(_, d)| d.clone())
        .collect();
    let colour = |decls: &[(String, String)], props: &[&str]| {
        decls
            .iter()
            .filter(|(p, _)| props.contains(&p.as_str()))
            .find_map(|(_, v)| rgb(v, &vars))
    };
    let body = rules.iter().find(|(s, _)| s == "body").unwrap();
    let page = colour(&body.1, &["background", "background-color"]).unwrap();
    let card = rgb("var(--card)", &vars).unwrap();
    // Each selector of a rule, with the background it is drawn on: its own,
    // or that of the longest selector that starts it and sets one, or the
    // page's and the cards'.
    let backgrounds: Vec<(String, [f64; 3])> = rules
        .iter()
        .flat_map(|(s, d)| {
            let bg = colour(d, &["background", "background-color"]);
            s.split(',')
                .map(str::trim)
                .filter_map(move |s| Some((s.to_owned(), bg?)))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (selectors, decls) in &rules {
        let Some(fg) = colour(decls, &["color", "fill"]) else {
            continue;
        };
        for sel in selectors.split(',').map(str::trim) {
            let own = colour(decls, &["background", "background-color"]);
            let inherited = backgrounds
                .iter()
                .filter(|(s, _)| {
                    sel.starts_with(s.as_str())
                        && (sel.len() == s.len() || sel.as_bytes()[s.len()] == b' ')
                })
                .max_by_key(|(s, _)| s.len())
                .map(|(_, c)| *c);
            let grounds = match own.or(inherited) {
                Some(bg) => vec![bg],
                None => vec![page, card],
            };
            for bg in grounds {
                checked += 1;
                let ratio = contrast(fg, bg);
                if ratio < 4.5 {
                    failures.push(format!("{sel}: {ratio:.2}:1"));
                }
            }
        }
    }
    assert!(checked >= 30, "only {checked} pairs found");
    assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
    // The stylesheet draws a visible focus ring on links, buttons and fields.
    assert!(
        rules
            .iter()
            .any(|(s, d)| s.contains(":focus-visible") && d.iter().any(|(p, _)| p == "outline")),
        "no :focus-visible outline"
    );
}

#[test]
fn the_contrast_formula_matches_wcag() {
    let black = [0.0; 3];
    let white = [1.0; 3];
    assert!((contrast(black, white) - 21.0).abs() < 1e-9);
    let vars = HashMap::new();
    // #767676 on white is the classic 4.54:1.
    let grey = rgb("#767676", &vars).unwrap();
    assert!((contrast(grey, white) - 4.54).abs() < 0.01);
}

/// Pages of every family, as a reader meets them.
async fn pages() -> Vec<String> {
    let first = get_json("/api/v1/communiques?per_page=1", StatusCode::OK).await;
    let mut pages: Vec<String> = [
        "/",
        "/communiques",
        "/communiques?pays=ru",
        "/dates",
        "/dates/2025",
        "/dates/2025/06",
        "/personnes",
        "/personnes/assimi-goita",
        "/pays",
        "/pays/ru",
        "/emetteurs",
        "/emetteurs/bip-maeci",
        "/recherche",
        "/recherche?q=ambassadeurs",
        "/recherche?q=ambassaduers",
        "/nulle-part",
    ]
    .map(str::to_owned)
    .to_vec();
    pages.push(first["data"][0]["url"].as_str().unwrap().to_owned());
    pages
}

/// The levels of a page's headings, in order.
fn headings(html: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    for (i, _) in html.match_indices("<h") {
        if let Some(&d) = bytes.get(i + 2)
            && (b'1'..=b'6').contains(&d)
            && matches!(bytes.get(i + 3), Some(b'>' | b' '))
        {
            out.push(d - b'0');
        }
    }
    out
}

#[tokio::test]
async fn every_page_has_one_h1_and_headings_that_never_skip_a_level() {
    for page in pages().await {
        let r = get(&page).await;
        let levels = headings(&r.body);
        assert_eq!(
            levels.iter().filter(|&&l| l == 1).count(),
            1,
            "{page}: {levels:?}"
        );
        assert_eq!(levels.first(), Some(&1), "{page}: {levels:?}");
        for w in levels.windows(2) {
            assert!(
                w[1] <= w[0] + 1,
                "{page}: h{} after h{}: {levels:?}",
                w[1],
                w[0]
            );
        }
    }
}

#[tokio::test]
async fn every_page_has_a_skip_link_and_marks_its_section() {
    for page in pages().await {
        let r = get(&page).await;
        let skip = r.body.find("class=\"skip\" href=\"#contenu\"");
        let nav = r.body.find("<nav");
        assert!(
            skip.is_some() && skip < nav,
            "{page}: the skip link comes first"
        );
        assert!(r.body.contains("<main id=\"contenu\""), "{page}");
        // Every page below the home page says where it is, from the home page.
        if page != "/" && r.status == StatusCode::OK {
            assert!(
                r.body
                    .contains("<p class=\"crumbs\"><a href=\"/\">Accueil</a> › "),
                "{page}: no breadcrumbs"
            );
        }
    }
    for (page, section) in [
        ("/communiques", "/communiques"),
        ("/personnes/assimi-goita", "/personnes"),
        ("/pays/ru", "/pays"),
        ("/emetteurs", "/emetteurs"),
        ("/dates/2025/06", "/dates"),
    ] {
        let r = get(page).await;
        assert_status(&r, StatusCode::OK, page);
        assert_eq!(r.body.matches("aria-current=\"page\"").count(), 1, "{page}");
        assert!(
            r.body
                .contains(&format!("<a href=\"{section}\" aria-current=\"page\">")),
            "{page}"
        );
    }
    let home = get("/").await;
    assert!(
        !home.body.contains("aria-current"),
        "no section is the home page's"
    );
}

/// The places in `text` where French typography wants a non-breaking space
/// (U+00A0 or the narrow U+202F) and has another or none: before « » : ; ?
/// ! and after «.
fn unspaced(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let fine = |c: char| c == '\u{a0}' || c == '\u{202f}';
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let bad = match c {
            ':' | ';' | '?' | '!' | '»' => before == Some(' '),
            '«' => after.is_some_and(|a| !fine(a)),
            _ => false,
        } || (c == '»' && before.is_some_and(|b| !fine(b) && b != ' '));
        if bad {
            let from = i.saturating_sub(25);
            let to = (i + 25).min(chars.len());
            out.push(chars[from..to].iter().collect::<String>());
        }
    }
    out
}

/// The text a template writes itself: tags, expressions and blocks taken out.
fn template_text(source: &str) -> String {
    let mut out = String::new();
    let mut rest = source;
    while let Some(start) = rest.find(['<', '{']) {
        out.push_str(&rest[..start]);
        let close = match &rest[start..start + 2.min(rest.len() - start)] {
            "{{" => "}}",
            "{%" => "%}",
            "{#" => "#}",
            s if s.starts_with('<') => ">",
            _ => {
                out.push('{');
                rest = &rest[start + 1..];
                continue;
            }
        };
        // Each construct stands for something: a word, not a gap.
        out.push('x');
        rest = rest[start..]
            .find(close)
            .map_or("", |e| &rest[start + e + close.len()..]);
    }
    out.push_str(rest);
    out.replace("&nbsp;", "\u{a0}")
        .replace("&#8239;", "\u{202f}")
}

#[test]
fn templates_put_a_non_breaking_space_before_double_punctuation() {
    let mut broken = Vec::new();
    let mut seen = 0;
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/templates"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                seen += 1;
                let text = template_text(&std::fs::read_to_string(&path).unwrap());
                for place in unspaced(&text) {
                    broken.push(format!("{}: …{place}…", path.display()));
                }
            }
        }
    }
    assert!(seen >= 15, "the templates are read");
    assert!(
        broken.is_empty(),
        "spaces to make non-breaking:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_typography_check_sees_what_it_must() {
    assert_eq!(unspaced("Filtres : «\u{a0}x\u{a0}»").len(), 1);
    assert_eq!(unspaced("« x »").len(), 2);
    assert!(unspaced("Filtres\u{a0}: «\u{a0}x\u{a0}»\u{a0}; ok\u{202f}!").is_empty());
    assert_eq!(unspaced("x ; y").len(), 1);
    assert_eq!(template_text("<p>Du {{ a }}\u{a0}:</p>"), "xDu x\u{a0}:x");
}

#[tokio::test]
async fn messages_on_error_pages_follow_french_typography() {
    let r = get("/communiques?page=abc").await;
    assert_status(&r, StatusCode::BAD_REQUEST, "page=abc");
    assert!(
        r.body.contains("Le paramètre «\u{a0}page\u{a0}» doit être"),
        "{}",
        r.body
    );
}

/// One chart everywhere, drawn at its own size (never scaled down on a
/// phone), its labels 11 px or more, each bar numbered and linked.
#[tokio::test]
async fn every_chart_is_the_one_component_with_legible_labels_and_linked_bars() {
    for page in [
        "/personnes/assimi-goita",
        "/pays/ru",
        "/emetteurs/bip-maeci",
        "/dates",
        "/dates/2025",
    ] {
        let r = get(page).await;
        assert_status(&r, StatusCode::OK, page);
        assert_eq!(
            r.body.matches("<div class=\"chart-scroll\">").count(),
            1,
            "{page}"
        );
        let svg = &r.body[r.body.find("<svg").unwrap()..r.body.find("</svg>").unwrap()];
        let size: u32 = svg
            .split("font-size=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        assert!(size >= 11, "{page}: {size} px");
        assert!(svg.contains("width=\"") && !svg.contains("width=\"100%\""));
        let bars = svg.matches("<a href=\"/dates/").count();
        assert!(bars >= 1, "{page}");
        assert!(
            svg.matches("class=\"value\"").count() >= 1,
            "{page}: numbers shown"
        );
    }
    let css =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css")).unwrap();
    let text = rules(&css)
        .into_iter()
        .find(|(s, _)| s == ".chart text")
        .unwrap();
    let px: f64 = text
        .1
        .iter()
        .find(|(p, _)| p == "font-size")
        .and_then(|(_, v)| v.strip_suffix("px")?.parse().ok())
        .unwrap();
    assert!(px >= 11.0, "the stylesheet draws chart labels at {px} px");
}
