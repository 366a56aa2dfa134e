//! Reading stored communiqués again when the rules improved: headlines,
//! dates and issuers read by an older `READING_VERSION`, persons and
//! countries read by an older `ENTITIES_VERSION`. Old addresses keep
//! answering (`db::store` keeps the slug history).

use crate::analysis::{entities, parse, read};
use crate::db::store::{StoredReading, Writer};
use crate::domain::date::DateBasis;

use super::versions::Versions;

/// Reads again, from their stored text, the headline, date and issuer of
/// communiqués read by older rules. A changed slug goes to `slug_history`,
/// so every address ever given answers with a 301; the dates a communiqué
/// leaves and joins are grouped again. Returns how many changed.
pub async fn readings(writer: &mut Writer, versions: &mut Versions) -> Result<usize, sqlx::Error> {
    let stale = writer.stale_readings().await?;
    let mut changed = 0;
    for stored in &stale {
        let row = &stored.communique;
        let Some(mut a) = read_again(stored) else {
            // Nothing better to read there: keep what was read.
            writer.keep_reading(row.id).await?;
            continue;
        };
        // A date a version gave stays until the text gives its own.
        if a.date.is_none() && row.date_basis == Some(DateBasis::Version) {
            a.date = row.date;
            a.date_basis = a.date.map(|_| DateBasis::Version);
        }
        if let (None, Some(day)) = (a.date, a.yearless) {
            versions.wait(row.id, day);
        }
        let reading = super::reading(&a);
        if a.title == row.title && a.date == row.date && a.issuer == row.issuer {
            // Same reading: the newer fields only.
            writer.complete_reading(row.id, &reading).await?;
            continue;
        }
        changed += 1;
        writer.rewrite_reading(stored, &reading).await?;
        // Both dates are grouped again: the one left and the one joined.
        for d in [row.date, a.date].into_iter().flatten() {
            versions.regroup(d);
        }
    }
    Ok(changed)
}

/// The article the stored raw lines give: the one with the stored text (or
/// the only one).
fn read_again(stored: &StoredReading) -> Option<parse::Article> {
    let name = std::path::Path::new(&stored.communique.slug);
    let file = read::decode(name, stored.raw.as_bytes()).ok()?;
    let articles = parse::parse(&file).ok()?;
    let one = articles.len() == 1;
    articles
        .into_iter()
        .find(|a| one || a.content_hash == stored.content_hash)
}

/// Reads again, with the current rules, the persons and countries of the
/// communiqués an older version of entity extraction read. Returns how many.
pub async fn entities(writer: &mut Writer) -> Result<usize, sqlx::Error> {
    let stale = writer.stale_entities().await?;
    for (id, title, body) in &stale {
        let people = entities::persons::persons(title.as_deref(), body);
        let places = entities::countries::countries(title.as_deref(), body);
        writer.replace_entities(*id, &people, &places).await?;
    }
    Ok(stale.len())
}
