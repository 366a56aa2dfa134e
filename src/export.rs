//! Exports as NDJSON (one JSON object per line) and CSV (RFC 4180, a header
//! row, every field quoted), written chunk by chunk: the web streams them, the
//! command line writes them to a file or standard output.

use serde::Serialize;

use crate::db::export::ExportRow;

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
    date: Option<&'a str>,
    date_basis: Option<&'a str>,
    issuer: Option<&'a str>,
    kind: &'a str,
    persons: Vec<&'a str>,
    countries: Vec<Country<'a>>,
    versions: Vec<&'a str>,
    sources: Vec<&'a str>,
    body: &'a str,
}

#[derive(Serialize)]
struct Country<'a> {
    code: &'a str,
    role: &'a str,
}

fn list(s: &Option<String>) -> Vec<&str> {
    s.as_deref()
        .map(|s| s.split("; ").filter(|x| !x.is_empty()).collect())
        .unwrap_or_default()
}

fn csv_field(out: &mut String, s: &str) {
    out.push('"');
    out.push_str(&s.replace('"', "\"\""));
    out.push('"');
}

/// The header line of a format (CSV only).
pub fn header(format: Format) -> String {
    match format {
        Format::Ndjson => String::new(),
        Format::Csv => {
            COLUMNS
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
                    date: r.date.as_deref(),
                    date_basis: r.date_basis.as_deref(),
                    issuer: r.issuer.as_deref(),
                    kind: &r.kind,
                    persons: list(&r.persons),
                    countries: list(&r.countries)
                        .into_iter()
                        .filter_map(|c| {
                            c.split_once(':').map(|(code, role)| Country { code, role })
                        })
                        .collect(),
                    versions: list(&r.versions),
                    sources: list(&r.sources),
                    body: &r.body,
                };
                out.push_str(&serde_json::to_string(&line).unwrap_or_default());
                out.push('\n');
            }
            Format::Csv => {
                let fields = [
                    r.slug.as_str(),
                    r.title.as_deref().unwrap_or(""),
                    r.date.as_deref().unwrap_or(""),
                    r.date_basis.as_deref().unwrap_or(""),
                    r.issuer.as_deref().unwrap_or(""),
                    &r.kind,
                    r.persons.as_deref().unwrap_or(""),
                    r.countries.as_deref().unwrap_or(""),
                    r.versions.as_deref().unwrap_or(""),
                    r.sources.as_deref().unwrap_or(""),
                    &r.body,
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
    let filter = crate::db::communiques::Filter::default();
    out.write_all(header(format).as_bytes())?;
    let mut after = None;
    let mut written = 0;
    loop {
        let rows = crate::db::export::chunk(&pool, &filter, after.as_ref(), CHUNK).await?;
        out.write_all(render(format, &rows).as_bytes())?;
        written += rows.len();
        match rows.last() {
            Some(last) if rows.len() as i64 == CHUNK => {
                after = Some((last.sort_key.clone(), last.slug.clone()))
            }
            _ => break,
        }
    }
    out.flush()?;
    pool.close().await;
    Ok(written)
}
