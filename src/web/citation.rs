//! Citing a communiqué: its canonical address, schema.org `NewsArticle`
//! JSON-LD, and ready-made citations (French style and BibTeX) that name the
//! archive version they were taken from.

use serde::Serialize;

use super::communiques::CommuniqueView as Full;
use super::state::ArchiveInfo;
use super::urls;
use super::view::long_date;

/// A schema.org `NewsArticle`, borrowed from the page's rows.
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(rename = "datePublished")]
    date_published: Option<String>,
    #[serde(rename = "inLanguage")]
    in_language: &'static str,
    url: &'a str,
    publisher: Option<Named<'a>>,
    author: Option<Named<'a>>,
    mentions: Vec<Mention<'a>>,
    #[serde(rename = "isBasedOn")]
    is_based_on: Vec<String>,
    #[serde(rename = "articleBody")]
    article_body: &'a str,
}

/// An organisation or a person, by name.
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// A person or a country the communiqué names, with its page.
#[derive(Serialize)]
struct Mention<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    url: String,
}

/// JSON-LD for a `<script>` element: serialised, then `<` escaped so that no
/// text of the communiqué can close the element. `title` is the headline the
/// page shows (`view::display_title`), here and in the citations.
pub fn json_ld<N>(full: &Full<N>, title: &str, canonical: &str, public_url: &str) -> String {
    let c = &full.communique;
    let persons = full.persons.iter().map(|p| Mention {
        kind: "Person",
        name: &p.name,
        identifier: None,
        url: format!("{public_url}{}", urls::person(&p.slug)),
    });
    let countries = full.countries.iter().map(|k| Mention {
        kind: "Country",
        name: &k.name,
        identifier: Some(k.code.as_str()),
        url: format!("{public_url}{}", urls::country(&k.code)),
    });
    let article = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: title,
        date_published: c.date.map(|d| d.to_string()),
        in_language: "fr",
        url: canonical,
        publisher: c.issuer.as_deref().map(|name| Named {
            kind: "Organization",
            name,
        }),
        author: c.author.as_deref().map(|name| Named {
            kind: "Person",
            name,
        }),
        mentions: persons.chain(countries).collect(),
        is_based_on: full
            .sources
            .iter()
            .map(|s| {
                format!(
                    "{} (article {}, lignes {}–{})",
                    s.file,
                    s.position + 1,
                    s.first_line,
                    s.last_line
                )
            })
            .collect(),
        article_body: &c.body,
    };
    // Serialising borrowed strings cannot fail.
    let json = serde_json::to_string(&article).unwrap_or_default();
    // Most texts hold no '<': no second copy of them then.
    if json.contains('<') {
        json.replace('<', "\\u003c")
    } else {
        json
    }
}

/// « Titre », Émetteur, jeudi 8 janvier 2026. Archive des communiqués,
/// version …, <url>.
pub fn french<N>(full: &Full<N>, title: &str, canonical: &str, archive: &ArchiveInfo) -> String {
    let c = &full.communique;
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

pub fn bibtex<N>(full: &Full<N>, title: &str, canonical: &str, archive: &ArchiveInfo) -> String {
    let c = &full.communique;
    let key: String = c
        .slug
        .chars()
        .filter(|ch| ch.is_ascii_alphanumeric())
        .take(40)
        .collect();
    let mut entry = format!("@misc{{{key},\n  title = {{{}}},\n", bibtex_escape(title));
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
