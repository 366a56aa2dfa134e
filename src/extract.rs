//! `communiques extract`: the articles found in files, as JSON Lines, with no
//! database. Used to inspect and score extraction.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::ingest::dates::date_reasons;
use crate::ingest::parse::{Article, parse, parse_explained};
use crate::ingest::read::read_file;

/// One line of output, in the shape the SPEC gives.
#[derive(Debug, Serialize)]
pub struct ExtractRecord<'a> {
    pub file: String,
    pub index: usize,
    pub title: Option<&'a str>,
    pub date: Option<String>,
    pub issuer: Option<&'a str>,
    /// The issuing body, one spelling for all of its tags.
    pub issuer_body: Option<&'a str>,
    /// A signed byline.
    pub author: Option<&'a str>,
    /// Canonical names.
    pub persons: Vec<&'a str>,
    pub countries: Vec<CountryRecord<'a>>,
    pub body: &'a str,
}

/// A country of an article: `{"code": "RU", "role": "partner"}`.
#[derive(Debug, Serialize)]
pub struct CountryRecord<'a> {
    pub code: &'a str,
    pub role: &'static str,
}

impl<'a> ExtractRecord<'a> {
    pub fn new(file: String, a: &'a Article) -> Self {
        Self {
            file,
            index: a.index,
            title: a.title.as_deref(),
            date: a.date.map(|d| d.to_string()),
            issuer: a.issuer.as_deref(),
            issuer_body: a.issuer_body.as_deref(),
            author: a.author.as_deref(),
            persons: a.persons.iter().map(|p| p.name.as_str()).collect(),
            countries: a
                .countries
                .iter()
                .map(|c| CountryRecord {
                    code: &c.code,
                    role: c.role.as_str(),
                })
                .collect(),
            body: &a.body,
        }
    }
}

/// Writes every article of every file to `out`; returns the error messages of
/// the files that could not be read (each names its file).
pub fn run(files: &[PathBuf], out: &mut impl Write) -> io::Result<Vec<String>> {
    let mut errors = Vec::new();
    for path in files {
        let articles = match read_file(path) {
            Ok(source) => parse(&source).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match articles {
            Ok(articles) => {
                for a in &articles {
                    let record = ExtractRecord::new(path.display().to_string(), a);
                    serde_json::to_writer(&mut *out, &record)?;
                    out.write_all(b"\n")?;
                }
            }
            Err(message) => errors.push(message),
        }
    }
    out.flush()?;
    Ok(errors)
}

/// The longest part of a line `explain` quotes.
const QUOTE_CHARS: usize = 70;

/// Writes, for every file, the role of each line and why, then each article
/// with its dates and the one that won; returns the messages of the files
/// that could not be read.
pub fn explain(files: &[PathBuf], out: &mut impl Write) -> io::Result<Vec<String>> {
    let mut errors = Vec::new();
    for path in files {
        let source = match read_file(path) {
            Ok(source) => source,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        writeln!(out, "== {}", path.display())?;
        let lines: Vec<&str> = source.text.lines().collect();
        let (articles, notes) = parse_explained(&source);
        for n in &notes {
            let span = if n.first == n.last {
                n.first.to_string()
            } else {
                format!("{}-{}", n.first, n.last)
            };
            let quoted: String = lines[n.first - 1]
                .trim()
                .chars()
                .take(QUOTE_CHARS)
                .collect();
            writeln!(
                out,
                "{span:>7}  {:<10} {quoted}\n{:>19}{}",
                n.role.as_str(),
                "",
                n.why
            )?;
        }
        match articles {
            Ok(articles) => {
                for a in &articles {
                    writeln!(
                        out,
                        "-- article {} ({}, lines {}-{}): {}",
                        a.index,
                        a.kind.as_str(),
                        a.first_line,
                        a.last_line,
                        a.title.as_deref().unwrap_or("(no headline)")
                    )?;
                    for reason in date_reasons(a.title.as_deref(), &a.body, a.page_date) {
                        writeln!(out, "     {reason}")?;
                    }
                }
            }
            Err(e) => {
                writeln!(out, "-- {e}")?;
                errors.push(e.to_string());
            }
        }
    }
    out.flush()?;
    Ok(errors)
}
