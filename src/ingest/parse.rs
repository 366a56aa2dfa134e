//! From a decoded file to its articles: segment, then date each one and give
//! it the hash that identifies its text.

use time::Date;

use super::dates::{DateBasis, event_date};
use super::read::{SourceFile, hex_sha256};
use super::segment::{ArticleKind, segment};
use crate::text::{fold, squeeze_spaces};

/// One article as read from one file.
#[derive(Debug, Clone)]
pub struct Article {
    /// Position in the file, from 0.
    pub index: usize,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub date_basis: Option<DateBasis>,
    pub issuer: Option<String>,
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
    hex_sha256(squeeze_spaces(&fold(body)).as_bytes())
}

/// Splits a file into dated articles.
pub fn parse(file: &SourceFile) -> Result<Vec<Article>, ParseError> {
    let lines: Vec<&str> = file.text.lines().collect();
    let articles: Vec<Article> = segment(&file.text)
        .into_iter()
        .enumerate()
        .map(|(index, seg)| {
            let body = seg.body();
            let dated = event_date(seg.title.as_deref(), &body, seg.page_date);
            Article {
                index,
                content_hash: content_hash(&body),
                raw: lines[seg.first_line - 1..seg.last_line].join("\n"),
                title: seg.title,
                date: dated.map(|(d, _)| d),
                date_basis: dated.map(|(_, b)| b),
                issuer: seg.issuer,
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
