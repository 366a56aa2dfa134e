//! Exports as NDJSON (one JSON object per line) and CSV (RFC 4180, a header
//! row, every field quoted), written chunk by chunk: the web streams them, the
//! command line writes them to a file or standard output.

use futures_util::{Stream, StreamExt};
use serde::Serialize;

use crate::db::communiques::Filter;
use crate::db::export::{Cursor, ExportRow, chunk};
use crate::db::{self, Pool};
use crate::domain::article::ArticleKind;
use crate::domain::country::{CountryCode, CountryRole};
use crate::domain::date::DateBasis;

/// Rows read from the database at a time.
pub const CHUNK: i64 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Ndjson,
    Csv,
}

/// The columns of the CSV, in order; also the keys of each NDJSON object.
pub const COLUMNS: &[&str] = &[
    "slug",
    "title",
    "date",
    "date_basis",
    "issuer",
    "kind",
    "persons",
    "countries",
    "versions",
    "sources",
    "body",
];

#[derive(Serialize)]
struct Line<'a> {
    slug: &'a str,
    title: Option<&'a str>,
    date: Option<String>,
    date_basis: Option<DateBasis>,
    issuer: Option<&'a str>,
    kind: ArticleKind,
    persons: &'a [String],
    countries: Vec<Country>,
    versions: &'a [String],
    sources: &'a [String],
    body: &'a str,
}

#[derive(Serialize)]
struct Country {
    code: CountryCode,
    role: CountryRole,
}

fn csv_field(out: &mut String, s: &str) {
    out.push('"');
    out.push_str(&s.replace('"', "\"\""));
    out.push('"');
}

/// Opens a CSV: spreadsheet software reads a file without it in the
/// locale's legacy encoding and garbles the accents.
const BYTE_ORDER_MARK: &str = "\u{feff}";

/// What a format writes first: for a CSV, the byte order mark and the
/// header line.
pub fn header(format: Format) -> String {
    match format {
        Format::Ndjson => String::new(),
        Format::Csv => {
            BYTE_ORDER_MARK.to_owned()
                + &COLUMNS
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(",")
                + "\r\n"
        }
    }
}

/// Renders rows in a format.
pub fn render(format: Format, rows: &[ExportRow]) -> String {
    let mut out = String::new();
    for r in rows {
        match format {
            Format::Ndjson => {
                let line = Line {
                    slug: &r.slug,
                    title: r.title.as_deref(),
                    date: r.date.map(|d| d.to_string()),
                    date_basis: r.date_basis,
                    issuer: r.issuer.as_deref(),
                    kind: r.kind,
                    persons: &r.persons,
                    countries: r
                        .countries
                        .iter()
                        .map(|&(code, role)| Country { code, role })
                        .collect(),
                    versions: &r.versions,
                    sources: &r.sources,
                    body: &r.body,
                };
                out.push_str(&serde_json::to_string(&line).unwrap_or_default());
                out.push('\n');
            }
            Format::Csv => {
                let countries: Vec<String> = r
                    .countries
                    .iter()
                    .map(|(code, role)| format!("{code}:{}", role.as_str()))
                    .collect();
                let fields = [
                    r.slug.clone(),
                    r.title.clone().unwrap_or_default(),
                    r.date.map(|d| d.to_string()).unwrap_or_default(),
                    r.date_basis
                        .map(|b| b.as_str().to_owned())
                        .unwrap_or_default(),
                    r.issuer.clone().unwrap_or_default(),
                    r.kind.as_str().to_owned(),
                    r.persons.join("; "),
                    countries.join("; "),
                    r.versions.join("; "),
                    r.sources.join("; "),
                    r.body.clone(),
                ];
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    csv_field(&mut out, f);
                }
                out.push_str("\r\n");
            }
        }
    }
    out
}

/// A chunk of an export: its text and how many communiqués it holds.
pub struct Chunk {
    pub text: String,
    pub rows: usize,
}

/// Where an export is: the cursor of the next chunk, or the end.
enum Step {
    Next { after: Option<Cursor>, first: bool },
    Done,
}

/// The export of what `filter` selects, chunk by chunk (the CSV header
/// first): the web streams it, the command line writes it. Memory stays that
/// of one chunk whatever the archive's size; a database error ends it.
pub fn chunks(
    pool: Pool,
    filter: Filter,
    format: Format,
) -> impl Stream<Item = Result<Chunk, db::Error>> + Send + 'static {
    let start = Step::Next {
        after: None,
        first: true,
    };
    futures_util::stream::unfold(start, move |step| {
        let (pool, filter) = (pool.clone(), filter.clone());
        async move {
            let Step::Next { after, first } = step else {
                return None;
            };
            let rows = match chunk(&pool, &filter, after.as_ref(), CHUNK).await {
                Ok(rows) => rows,
                Err(e) => return Some((Err(e), Step::Done)),
            };
            let mut text = if first { header(format) } else { String::new() };
            text.push_str(&render(format, &rows));
            let next = match rows.last() {
                Some(last) if rows.len() as i64 == CHUNK => Step::Next {
                    after: Some((last.sort_key.clone(), last.slug.clone())),
                    first: false,
                },
                _ => Step::Done,
            };
            let rows = rows.len();
            Some((Ok(Chunk { text, rows }), next))
        }
    })
    // Fused: compression polls a body once more after its end.
    .fuse()
}

/// Writes the whole archive of `data_dir` to `out`, chunk by chunk. Returns
/// the number of communiqués written.
pub async fn write_archive(
    data_dir: &std::path::Path,
    format: Format,
    out: &mut impl std::io::Write,
) -> anyhow::Result<usize> {
    use anyhow::Context;
    let path = crate::db::database_path(data_dir);
    anyhow::ensure!(
        path.is_file(),
        "{}: no archive here; run `communiques ingest` first",
        path.display()
    );
    let pool = crate::db::open_read_only(&path)
        .await
        .with_context(|| format!("opening {}", path.display()))?;
    let mut written = 0;
    let mut export = std::pin::pin!(chunks(pool.clone(), Filter::default(), format));
    while let Some(chunk) = export.next().await {
        let chunk = chunk?;
        out.write_all(chunk.text.as_bytes())?;
        written += chunk.rows;
    }
    out.flush()?;
    pool.close().await;
    Ok(written)
}
