//! `communiques extract`: the articles found in files, as JSON Lines, with no
//! database. Used to inspect and score extraction.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use time::{Date, Month};

use crate::analysis::dates::date_reasons;
use crate::analysis::dedupe::{self, Candidate, page_key};
use crate::analysis::parse::{Article, parse, parse_explained};
use crate::analysis::read::read_file;
use crate::domain::date::DateBasis;

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
                    code: c.code.as_str(),
                    role: c.role.as_str(),
                })
                .collect(),
            body: &a.body,
        }
    }
}

/// Writes every article of every file to `out`; returns the error messages of
/// the files that could not be read (each names its file).
///
/// An article whose text gives its day without any year is dated, as ingest
/// dates it, by a dated version of the same event among the files given
/// (`dedupe::date_from_versions`); such articles are written last, once
/// every file has been read.
pub fn run(files: &[PathBuf], out: &mut impl Write) -> io::Result<Vec<String>> {
    let mut errors = Vec::new();
    // Articles waiting for a version's year, and which files date an article
    // on which day of the year, to read those again at the end.
    let mut waiting: Vec<(usize, u64, Article)> = Vec::new();
    let mut dated_on: HashMap<(Month, u8), BTreeSet<usize>> = HashMap::new();
    for (n, path) in files.iter().enumerate() {
        let Some((page, articles)) = read_and_parse(path, &mut errors) else {
            continue;
        };
        for a in articles {
            if a.yearless.is_some() {
                waiting.push((n, page, a));
                continue;
            }
            if let Some(d) = a.date {
                dated_on.entry((d.month(), d.day())).or_default().insert(n);
            }
            write_record(out, path, &a)?;
        }
    }
    if !waiting.is_empty() {
        date_from_versions(files, &dated_on, &mut waiting);
        for (n, _, a) in &waiting {
            write_record(out, &files[*n], a)?;
        }
    }
    out.flush()?;
    Ok(errors)
}

/// The page key of a file and its articles; a file that cannot be read or
/// gives no article adds its message to `errors`.
fn read_and_parse(path: &Path, errors: &mut Vec<String>) -> Option<(u64, Vec<Article>)> {
    let parsed = match read_file(path) {
        Ok(source) => parse(&source)
            .map(|articles| (page_key(&source.sha256), articles))
            .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    parsed.map_err(|message| errors.push(message)).ok()
}

fn write_record(out: &mut impl Write, path: &Path, a: &Article) -> io::Result<()> {
    serde_json::to_writer(
        &mut *out,
        &ExtractRecord::new(path.display().to_string(), a),
    )?;
    out.write_all(b"\n")
}

/// Dates the waiting articles from the dated articles, on a day that fits, of
/// the files that have one (read again: only their day of the year was kept).
fn date_from_versions(
    files: &[PathBuf],
    dated_on: &HashMap<(Month, u8), BTreeSet<usize>>,
    waiting: &mut [(usize, u64, Article)],
) {
    let wanted: BTreeSet<usize> = waiting
        .iter()
        .filter_map(|(_, _, a)| a.yearless)
        .filter_map(|day| dated_on.get(&(day.month, day.day)))
        .flatten()
        .copied()
        .collect();
    let mut versions: Vec<(Date, Candidate)> = Vec::new();
    for &n in &wanted {
        // Read once already: a failure now was counted then.
        let Some((page, articles)) = read_and_parse(&files[n], &mut Vec::new()) else {
            continue;
        };
        for a in articles {
            if let Some(d) = a.date {
                versions.push((
                    d,
                    a.candidate(candidate_id(n, a.index), String::new(), page),
                ));
            }
        }
    }
    for (n, page, a) in waiting.iter_mut() {
        let Some(day) = a.yearless else { continue };
        let undated = a.candidate(candidate_id(*n, a.index), String::new(), *page);
        let date = dedupe::date_from_versions(day, &undated, versions.iter().map(|(d, c)| (*d, c)));
        if let Some(d) = date {
            a.date = Some(d);
            a.date_basis = Some(DateBasis::Version);
        }
    }
}

/// An id for an article of `extract`: its file's place and its own.
fn candidate_id(file: usize, index: usize) -> i64 {
    (file as i64) << 20 | index as i64
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
