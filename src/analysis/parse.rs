//! From a decoded file to its articles: segment, then date each one and give
//! it the hash that identifies its text.

use time::Date;

use super::dates::{event_date, yearless_event_day};
use super::dedupe::{Candidate, Participants, person_key};
use super::entities;
use super::entities::countries::countries_in;
use super::entities::persons::persons_in;
use super::issuer::canonical_issuer;
use super::read::SourceFile;
use super::segment::{LineNote, Segment, segment, segment_explained};
use super::similarity::Signature;
use crate::domain::article::ArticleKind;
use crate::domain::country::{CountryMention, CountryRole};
use crate::domain::date::{DateBasis, YearlessDay};
use crate::domain::hash::hex_sha256;
use crate::domain::person::PersonMention;
use crate::domain::text::{fold, squeeze_spaces};

/// One article as read from one file.
#[derive(Debug, Clone)]
pub struct Article {
    /// Position in the file, from 0.
    pub index: usize,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub date_basis: Option<DateBasis>,
    /// A date printed with the article by the page (not by its text).
    pub page_date: Option<Date>,
    /// The issuer's tag as written.
    pub issuer: Option<String>,
    /// The issuing body the tag names, one spelling for all ("BIP/MAECI").
    pub issuer_body: Option<String>,
    /// A signed byline: the author, never the issuer.
    pub author: Option<String>,
    /// Clean text, paragraphs separated by blank lines.
    pub body: String,
    pub kind: ArticleKind,
    /// 1-based lines of the file the article spans.
    pub first_line: usize,
    pub last_line: usize,
    /// The lines of the file it came from, as they were (after decoding).
    pub raw: String,
    /// Identifies the text whatever its spacing, case or accents: two sources
    /// with the same hash are one communiqué.
    pub content_hash: String,
    /// Persons named, in order of first mention.
    pub persons: Vec<PersonMention>,
    /// Countries named, Mali excepted, in order of first mention.
    pub countries: Vec<CountryMention>,
    /// The day the text gives without any year, when it gives no date: a
    /// dated version of the same event can give the year.
    pub yearless: Option<YearlessDay>,
    /// Content words of title and body, to group versions of one event.
    pub words: Signature,
}

impl Article {
    /// The article as grouping sees it, read from the page `page`
    /// (`dedupe::page_key`).
    pub fn candidate(&self, id: i64, slug: String, page: u64) -> Candidate {
        let partners = self
            .countries
            .iter()
            .filter(|c| c.role == CountryRole::Partner)
            .map(|c| c.code)
            .collect();
        Candidate {
            id,
            slug,
            words: self.words.clone(),
            body_chars: self.body.chars().count(),
            participants: Participants::new(
                self.persons.iter().map(|p| person_key(&p.name)).collect(),
                partners,
            ),
            pages: vec![page],
            official: self.issuer_body.is_some(),
        }
    }
}

/// Why a readable file gives nothing to archive.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("{path}: no article found ({lines} lines, all page chrome or headlines without text)")]
    NoArticle { path: String, lines: usize },
}

/// The hash of an article's text: folded (case, accents, apostrophes) and with
/// white space squeezed, so that a re-encoded or re-spaced copy is the same text.
pub fn content_hash(body: &str) -> String {
    folded_hash(&fold(body))
}

/// `content_hash` of a text folded already.
fn folded_hash(folded: &str) -> String {
    hex_sha256(squeeze_spaces(folded).as_bytes())
}

/// Splits a file into dated articles.
pub fn parse(file: &SourceFile) -> Result<Vec<Article>, ParseError> {
    articles_of(file, segment(&file.text))
}

/// Splits a file into dated articles, with the role the segmenter gave each
/// line and why (`extract --explain`).
pub fn parse_explained(file: &SourceFile) -> (Result<Vec<Article>, ParseError>, Vec<LineNote>) {
    let (segments, notes) = segment_explained(&file.text);
    (articles_of(file, segments), notes)
}

fn articles_of(file: &SourceFile, segments: Vec<Segment>) -> Result<Vec<Article>, ParseError> {
    let lines: Vec<&str> = file.text.lines().collect();
    let articles: Vec<Article> = segments
        .into_iter()
        .enumerate()
        .map(|(index, seg)| {
            let body = seg.body();
            // Folded once for the signature and the hash.
            let folded = fold(&body);
            let dated = event_date(seg.title.as_deref(), &body, seg.page_date);
            let yearless = match dated {
                Some(_) => None,
                None => yearless_event_day(seg.title.as_deref(), &body, seg.page_date),
            };
            // Only dated articles, and those a version may date, are grouped:
            // the others need no signature.
            let words = if dated.is_some() || yearless.is_some() {
                Signature::of_folded(&[
                    &seg.title.as_deref().map(fold).unwrap_or_default(),
                    &folded,
                ])
            } else {
                Signature::default()
            };
            let tokenized = entities::tokens::Article::new(seg.title.as_deref(), &body);
            Article {
                words,
                persons: persons_in(&tokenized),
                countries: countries_in(&tokenized),
                index,
                content_hash: folded_hash(&folded),
                raw: lines[seg.first_line - 1..seg.last_line].join("\n"),
                title: seg.title,
                date: dated.map(|(d, _)| d),
                date_basis: dated.map(|(_, b)| b),
                yearless,
                page_date: seg.page_date,
                issuer_body: seg.issuer.as_deref().map(canonical_issuer),
                issuer: seg.issuer,
                author: seg.author,
                body,
                kind: seg.kind,
                first_line: seg.first_line,
                last_line: seg.last_line,
            }
        })
        .collect();
    if articles.is_empty() {
        return Err(ParseError::NoArticle {
            path: file.path.display().to_string(),
            lines: lines.len(),
        });
    }
    Ok(articles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::read::decode;
    use std::path::Path;

    const SEEDS: &[&str] = &[
        include_str!("../../seeds/000_4b2723939d2ec689.txt"),
        include_str!("../../seeds/001_aab0d517d695d71c.txt"),
        include_str!("../../seeds/003_9aadc6d45bcc29c5.txt"),
        include_str!("../../seeds/004_fc20c886a8c2c89e.txt"),
    ];

    /// A small deterministic generator: the same mutations on every run.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    #[test]
    fn never_panics_on_mangled_dumps() {
        let junk = [
            "«",
            "»",
            "’",
            "1er",
            " du 3 au ",
            "\n\n",
            "Lire »",
            "PRIMATURE",
            ". ",
            "é\u{301}",
            "\u{a0}",
            "31 février 2025",
            "lundi",
            "•",
            "Mots clés:",
            "🇲🇱",
            "\r",
            "\t",
            "0",
        ];
        let mut rng = Lcg(7);
        let mut articles = 0;
        for round in 0..200 {
            let seed = SEEDS[round % SEEDS.len()];
            let chars: Vec<char> = seed.chars().collect();
            let mut text: String = match rng.next(3) {
                // a random window of the dump
                0 => {
                    let a = rng.next(chars.len());
                    let b = a + rng.next(chars.len() - a);
                    chars[a..b].iter().collect()
                }
                // lines shuffled
                1 => {
                    let mut lines: Vec<&str> = seed.lines().collect();
                    for i in (1..lines.len()).rev() {
                        lines.swap(i, rng.next(i + 1));
                    }
                    lines.join("\n")
                }
                _ => seed.to_owned(),
            };
            for _ in 0..rng.next(20) {
                let at = rng.next(text.len());
                if text.is_char_boundary(at) {
                    text.insert_str(at, junk[rng.next(junk.len())]);
                }
            }
            if let Ok(file) = decode(Path::new("mangled.txt"), text.as_bytes()) {
                articles += parse(&file).map(|a| a.len()).unwrap_or(0);
            }
        }
        assert!(
            articles > 400,
            "mangled dumps still give articles: {articles}"
        );
    }
}
