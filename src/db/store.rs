//! Writing an ingest run: all of it in one transaction, so a failure leaves the
//! previous archive as it was. Idempotent: a source already stored is skipped,
//! a text already stored gains a source, only new texts become communiqués.

use std::collections::BTreeSet;

use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::db::{countries, persons};
use crate::ingest::dates::DateBasis;
use crate::ingest::dedupe::{self, Candidate};
use crate::ingest::entities::{self, countries::CountryMention, persons::PersonMention};
use crate::ingest::parse::Article;
use crate::ingest::segment::ArticleKind;
use crate::ingest::slug::{disambiguate, slug};

/// A file read and parsed, ready to store.
#[derive(Debug)]
pub struct ParsedFile {
    pub path: String,
    pub sha256: String,
    pub articles: Vec<Article>,
}

/// What a run changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StoreOutcome {
    /// New communiqués.
    pub added: usize,
    /// Articles whose text was already archived: one more source for it.
    pub duplicates: usize,
    /// Sources stored by an earlier run (same file content, same position).
    pub already_stored: usize,
    /// Communiqués that are other versions of an event listed once.
    pub versions: usize,
    /// The archive version after the run (unchanged if nothing was added).
    pub version: String,
}

/// Stores every article of every file in one transaction.
pub async fn store(
    pool: &SqlitePool,
    files: &[ParsedFile],
    now: &str,
) -> Result<StoreOutcome, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut outcome = StoreOutcome::default();
    let mut touched_dates: BTreeSet<String> = BTreeSet::new();
    let mut changed = false;

    for file in files {
        for article in &file.articles {
            let known: Option<i64> = sqlx::query_scalar(
                "SELECT communique_id FROM source WHERE file_sha256 = ? AND position = ?",
            )
            .bind(&file.sha256)
            .bind(article.index as i64)
            .fetch_optional(&mut *tx)
            .await?;
            if known.is_some() {
                outcome.already_stored += 1;
                continue;
            }
            changed = true;
            let existing: Option<i64> =
                sqlx::query_scalar("SELECT id FROM communique WHERE content_hash = ?")
                    .bind(&article.content_hash)
                    .fetch_optional(&mut *tx)
                    .await?;
            let id = match existing {
                Some(id) => {
                    outcome.duplicates += 1;
                    id
                }
                None => {
                    outcome.added += 1;
                    if let Some(d) = article.date {
                        touched_dates.insert(d.to_string());
                    }
                    let id = insert_communique(&mut tx, article).await?;
                    write_entities(&mut tx, id, &article.persons, &article.countries).await?;
                    id
                }
            };
            sqlx::query(
                "INSERT INTO source (communique_id, file, file_sha256, position, first_line, last_line) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(&file.path)
            .bind(&file.sha256)
            .bind(article.index as i64)
            .bind(article.first_line as i64)
            .bind(article.last_line as i64)
            .execute(&mut *tx)
            .await?;
        }
    }

    for date in &touched_dates {
        regroup(&mut tx, date).await?;
    }
    let reread = reread_entities(&mut tx).await?;
    if changed || reread > 0 {
        persons::recount(&mut tx).await?;
        countries::recount(&mut tx).await?;
    }
    outcome.versions =
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM communique WHERE id <> group_id")
            .fetch_one(&mut *tx)
            .await? as usize;
    outcome.version = if changed {
        crate::db::meta::record_version(&mut tx, now).await?
    } else {
        crate::db::meta::archive_version(&mut *tx)
            .await?
            .unwrap_or_default()
    };
    tx.commit().await?;
    Ok(outcome)
}

async fn insert_communique(
    tx: &mut Transaction<'_, Sqlite>,
    a: &Article,
) -> Result<i64, sqlx::Error> {
    let base = slug(a.date, a.title.as_deref(), &a.body);
    let mut candidate = base.clone();
    // A slug once given is permanent: a newcomer whose slug is taken gets a
    // suffix from its own content hash, never the other way round.
    for len in [6, 12, 64] {
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM communique WHERE slug = ?")
            .bind(&candidate)
            .fetch_optional(&mut **tx)
            .await?;
        if taken.is_none() {
            break;
        }
        candidate = disambiguate(&base, &a.content_hash, len);
    }
    let basis = a.date_basis.map(|b| match b {
        DateBasis::Body => "body",
        DateBasis::Title => "title",
        DateBasis::PageDate => "page_date",
    });
    let kind = match a.kind {
        ArticleKind::Main => "main",
        ArticleKind::Related => "related",
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO communique (slug, title, date, date_basis, issuer, body, raw, content_hash, kind, group_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id",
    )
    .bind(&candidate)
    .bind(&a.title)
    .bind(a.date.map(|d| d.to_string()))
    .bind(basis)
    .bind(&a.issuer)
    .bind(&a.body)
    .bind(&a.raw)
    .bind(&a.content_hash)
    .bind(kind)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("UPDATE communique SET group_id = id WHERE id = ?")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

/// Stores the persons and countries of a communiqué and marks it as read by
/// the current rules.
async fn write_entities(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    people: &[PersonMention],
    places: &[CountryMention],
) -> Result<(), sqlx::Error> {
    for (position, p) in people.iter().enumerate() {
        let person_id = persons::resolve(tx, p).await?;
        persons::add_mention(tx, id, person_id, position, &p.roles).await?;
    }
    for (position, c) in places.iter().enumerate() {
        countries::add_mention(tx, id, c, position).await?;
    }
    sqlx::query("UPDATE communique SET entities_version = ? WHERE id = ?")
        .bind(entities::VERSION)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Reads again, with the current rules, the communiqués an older version of
/// entity extraction read (or none did: archives made before it). Returns how many.
async fn reread_entities(tx: &mut Transaction<'_, Sqlite>) -> Result<usize, sqlx::Error> {
    let stale: Vec<(i64, Option<String>, String)> = sqlx::query_as(
        "SELECT id, title, body FROM communique WHERE entities_version < ? ORDER BY id",
    )
    .bind(entities::VERSION)
    .fetch_all(&mut **tx)
    .await?;
    for (id, title, body) in &stale {
        for table in ["person_mention", "country_mention"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE communique_id = ?"))
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        let people = entities::persons::persons(title.as_deref(), body);
        let places = entities::countries::countries(title.as_deref(), body);
        write_entities(tx, *id, &people, &places).await?;
    }
    Ok(stale.len())
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    slug: String,
    title: Option<String>,
    body: String,
}

/// Recomputes the groups of versions among the communiqués of one date.
async fn regroup(tx: &mut Transaction<'_, Sqlite>, date: &str) -> Result<(), sqlx::Error> {
    let rows: Vec<GroupRow> =
        sqlx::query_as("SELECT id, slug, title, body FROM communique WHERE date = ? ORDER BY id")
            .bind(date)
            .fetch_all(&mut **tx)
            .await?;
    let candidates: Vec<Candidate> = rows
        .into_iter()
        .map(|r| Candidate {
            id: r.id,
            slug: r.slug,
            body_chars: r.body.chars().count(),
            text: format!("{}\n{}", r.title.unwrap_or_default(), r.body),
        })
        .collect();
    for (id, group_id) in dedupe::group(&candidates) {
        sqlx::query("UPDATE communique SET group_id = ? WHERE id = ? AND group_id <> ?")
            .bind(group_id)
            .bind(id)
            .bind(group_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
