//! Citing a communiqué: its canonical address, schema.org `NewsArticle`
//! JSON-LD, and ready-made citations (French style and BibTeX) that name the
//! archive version they were taken from.

use serde_json::json;

use super::communiques::CommuniqueView as Full;
use super::state::ArchiveInfo;
use super::urls;
use super::view::{display_title, long_date};

/// JSON-LD for a `<script>` element: serialised, then `<` escaped so that no
/// text of the communiqué can close the element.
pub fn json_ld(full: &Full, canonical: &str, public_url: &str) -> String {
    let c = &full.communique;
    let mut mentions: Vec<serde_json::Value> = full
        .persons
        .iter()
        .map(|p| json!({"@type": "Person", "name": p.name, "url": format!("{public_url}{}", urls::person(&p.slug))}))
        .collect();
    mentions.extend(full.countries.iter().map(|k| {
        json!({"@type": "Country", "name": k.name, "identifier": k.code,
               "url": format!("{public_url}{}", urls::country(&k.code))})
    }));
    let value = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": display_title(c.title.as_deref(), &c.body),
        "datePublished": c.date.map(|d| d.to_string()),
        "inLanguage": "fr",
        "url": canonical,
        "publisher": c.issuer.as_ref().map(|i| json!({"@type": "Organization", "name": i})),
        "author": c.author.as_ref().map(|a| json!({"@type": "Person", "name": a})),
        "mentions": mentions,
        "isBasedOn": full.sources.iter().map(|s| format!("{} (article {}, lignes {}–{})", s.file, s.position + 1, s.first_line, s.last_line)).collect::<Vec<_>>(),
        "articleBody": c.body,
    });
    value.to_string().replace('<', "\\u003c")
}

/// « Titre », Émetteur, jeudi 8 janvier 2026. Archive des communiqués,
/// version …, <url>.
pub fn french(full: &Full, canonical: &str, archive: &ArchiveInfo) -> String {
    let c = &full.communique;
    let title = display_title(c.title.as_deref(), &c.body);
    let issuer = c
        .author
        .as_deref()
        .or(c.issuer.as_deref())
        .map(|i| format!("{i}, "))
        .unwrap_or_default();
    format!(
        "« {title} », {issuer}{}. Archive des communiqués, version {}, {canonical}",
        long_date(c.date),
        archive.version
    )
}

fn bibtex_escape(s: &str) -> String {
    s.replace('\\', "\\textbackslash{}")
        .replace('{', "\\{")
        .replace('}', "\\}")
}

pub fn bibtex(full: &Full, canonical: &str, archive: &ArchiveInfo) -> String {
    let c = &full.communique;
    let key: String = c
        .slug
        .chars()
        .filter(|ch| ch.is_ascii_alphanumeric())
        .take(40)
        .collect();
    let mut entry = format!(
        "@misc{{{key},\n  title = {{{}}},\n",
        bibtex_escape(&display_title(c.title.as_deref(), &c.body))
    );
    // A signed byline is a person's name; an office is a corporate author
    // (double braces keep its words together).
    if let Some(author) = &c.author {
        entry.push_str(&format!("  author = {{{}}},\n", bibtex_escape(author)));
    } else if let Some(issuer) = &c.issuer {
        entry.push_str(&format!("  author = {{{{{}}}}},\n", bibtex_escape(issuer)));
    }
    if let Some(date) = &c.date {
        entry.push_str(&format!("  date = {{{date}}},\n"));
    }
    entry.push_str(&format!(
        "  url = {{{canonical}}},\n  note = {{Archive des communiqués, version {}}}\n}}",
        archive.version
    ));
    entry
}
