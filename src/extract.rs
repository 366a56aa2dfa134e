//! `communiques extract`: the articles found in files, as JSON Lines, with no
//! database. Used to inspect and score extraction.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::ingest::parse::{Article, parse};
use crate::ingest::read::read_file;

/// One line of output, in the shape the SPEC gives.
#[derive(Debug, Serialize)]
pub struct ExtractRecord<'a> {
    pub file: String,
    pub index: usize,
    pub title: Option<&'a str>,
    pub date: Option<String>,
    pub issuer: Option<&'a str>,
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
