//! Writing an ingest run: all of it in one transaction, so a failure leaves the
//! previous archive as it was. Idempotent: a source already stored is skipped,
//! a text already stored gains a source, only new texts become communiqués.

use std::collections::{BTreeMap, HashMap, HashSet};

use sqlx::{QueryBuilder, Sqlite, SqlitePool, Transaction};

use crate::analysis::dedupe::{self, Candidate, Participants};
use crate::analysis::entities;
use crate::analysis::parse::{self, Article};
use crate::analysis::read::decode;
use crate::db::{aggregates, countries, persons};
use crate::domain::country::CountryMention;
use crate::domain::date::{DateBasis, YearlessDay};
use crate::domain::french::parse_iso_date;
use crate::domain::person::PersonMention;
use crate::domain::rules::{ENTITIES_VERSION, READING_VERSION};
use crate::domain::slug::{disambiguate, slug};

/// A file read and parsed, ready to store.
#[derive(Debug)]
pub struct ParsedFile {
    pub path: String,
    pub sha256: String,
    pub articles: Vec<Article>,
}

/// What a run changed.
#[derive(Debug, Default, Clone)]
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
    /// Wall time of the steps after the last batch.
    pub finish: FinishTimings,
}

/// Where `Writer::finish` spends its time.
#[derive(Debug, Default, Clone, Copy)]
pub struct FinishTimings {
    /// Grouping the versions of each date, and re-reading stale entities.
    pub group: std::time::Duration,
    /// Rebuilding the aggregates (`db::aggregates`).
    pub count: std::time::Duration,
    /// Counting versions, recording the version, committing.
    pub commit: std::time::Duration,
}

/// Stores every article of every file in one transaction.
pub async fn store(
    pool: &SqlitePool,
    files: &[ParsedFile],
    now: &str,
) -> Result<StoreOutcome, sqlx::Error> {
    let mut writer = Writer::begin(pool).await?;
    writer.add(files).await?;
    writer.finish(now).await
}

/// Rows per multi-row INSERT: well under SQLite's limit of bound variables.
const ROWS_PER_INSERT: usize = 500;

/// One ingest run's transaction, fed file batches as they are parsed (so a
/// run never holds the whole corpus in memory), committed by `finish`.
/// Dropped without `finish`, it rolls back: the archive stays as it was.
///
/// What the run itself added is remembered in memory (texts, slugs, files,
/// persons), so the database is asked only about what was there before, and
/// not at all when the archive was empty; rows are written many per statement.
pub struct Writer {
    tx: Transaction<'static, Sqlite>,
    outcome: StoreOutcome,
    /// Did the archive hold communiqués before this run?
    had_rows: bool,
    /// First id this run gives: communiqués below it were there before.
    first_new_id: i64,
    next_id: i64,
    hashes: HashMap<String, i64>,
    slugs: HashSet<String>,
    files: HashSet<String>,
    persons: persons::Resolver,
    /// Countries known to have their row.
    countries: HashSet<String>,
    /// New dated communiqués of this run, by date, for grouping.
    pending: BTreeMap<String, Vec<Candidate>>,
    /// Communiqués of this run (new or read again) whose text gives its day
    /// without a year: a dated version may give it.
    waiting: Vec<(i64, YearlessDay)>,
    changed: bool,
}

impl Writer {
    pub async fn begin(pool: &SqlitePool) -> Result<Self, sqlx::Error> {
        let mut tx = pool.begin().await?;
        let max_id: Option<i64> = sqlx::query_scalar("SELECT max(id) FROM communique")
            .fetch_one(&mut *tx)
            .await?;
        let persons = persons::Resolver::new(&mut tx).await?;
        let first_new_id = max_id.unwrap_or(0) + 1;
        Ok(Self {
            tx,
            outcome: StoreOutcome::default(),
            had_rows: max_id.is_some(),
            first_new_id,
            next_id: first_new_id,
            hashes: HashMap::new(),
            slugs: HashSet::new(),
            files: HashSet::new(),
            persons,
            countries: HashSet::new(),
            pending: BTreeMap::new(),
            waiting: Vec::new(),
            changed: false,
        })
    }

    /// Stores the articles of `files`.
    pub async fn add(&mut self, files: &[ParsedFile]) -> Result<(), sqlx::Error> {
        let mut rows = Rows::default();
        for file in files {
            if !self.files.insert(file.sha256.clone()) || self.file_known(&file.sha256).await? {
                self.outcome.already_stored += file.articles.len();
                continue;
            }
            for article in &file.articles {
                self.changed = true;
                let id = match self.existing(&article.content_hash).await? {
                    Some(id) => {
                        self.outcome.duplicates += 1;
                        id
                    }
                    None => {
                        self.outcome.added += 1;
                        let id = self.next_id;
                        self.next_id += 1;
                        let slug = self.free_slug(article).await?;
                        self.hashes.insert(article.content_hash.clone(), id);
                        self.slugs.insert(slug.clone());
                        for (position, p) in article.persons.iter().enumerate() {
                            let person_id = self.persons.resolve(&mut self.tx, p).await?;
                            rows.person_mentions.push((
                                id,
                                person_id,
                                position,
                                p.roles.join("\n"),
                            ));
                        }
                        for (position, c) in article.countries.iter().enumerate() {
                            if self.countries.insert(c.code.clone()) {
                                countries::ensure(&mut self.tx, &c.code).await?;
                            }
                            rows.country_mentions.push((
                                id,
                                c.code.clone(),
                                c.role.as_str(),
                                position,
                            ));
                        }
                        if let Some(day) = article.yearless {
                            self.waiting.push((id, day));
                        }
                        if let Some(d) = article.date {
                            self.pending
                                .entry(d.to_string())
                                .or_default()
                                .push(article.candidate(
                                    id,
                                    slug.clone(),
                                    dedupe::page_key(&file.sha256),
                                ));
                        }
                        rows.communiques.push((id, slug, article));
                        id
                    }
                };
                rows.sources.push((id, &file.path, &file.sha256, article));
            }
        }
        rows.write(&mut self.tx).await
    }

    /// Was this file stored by an earlier run?
    async fn file_known(&mut self, sha256: &str) -> Result<bool, sqlx::Error> {
        if !self.had_rows {
            return Ok(false);
        }
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM source WHERE file_sha256 = ? LIMIT 1")
                .bind(sha256)
                .fetch_optional(&mut *self.tx)
                .await?;
        Ok(found.is_some())
    }

    /// The communiqué already holding this text, if any.
    async fn existing(&mut self, content_hash: &str) -> Result<Option<i64>, sqlx::Error> {
        if let Some(&id) = self.hashes.get(content_hash) {
            return Ok(Some(id));
        }
        if !self.had_rows {
            return Ok(None);
        }
        sqlx::query_scalar("SELECT id FROM communique WHERE content_hash = ?")
            .bind(content_hash)
            .fetch_optional(&mut *self.tx)
            .await
    }

    /// A slug once given is permanent: a newcomer whose slug is taken gets a
    /// suffix from its own content hash, never the other way round.
    async fn free_slug(&mut self, a: &Article) -> Result<String, sqlx::Error> {
        let base = slug(a.date, a.title.as_deref(), &a.body);
        let mut candidate = base.clone();
        for len in [6, 12, 64] {
            if !self.slug_taken(&candidate).await? {
                break;
            }
            candidate = disambiguate(&base, &a.content_hash, len);
        }
        Ok(candidate)
    }

    async fn slug_taken(&mut self, slug: &str) -> Result<bool, sqlx::Error> {
        if self.slugs.contains(slug) {
            return Ok(true);
        }
        if !self.had_rows {
            return Ok(false);
        }
        slug_in_use(&mut self.tx, slug).await
    }

    /// Reads again, from their stored text, the headline, date and issuer of
    /// communiqués read by older rules (`READING_VERSION`). A changed
    /// slug goes to `slug_history`, so every address ever given answers with
    /// a 301; the dates a communiqué leaves and joins are grouped again.
    async fn reread_readings(&mut self) -> Result<usize, sqlx::Error> {
        let stale: Vec<ReadingRow> = sqlx::query_as(
            "SELECT id, slug, title, date,
             CASE WHEN date_from_version = 1 THEN 'version' ELSE date_basis END AS date_basis,
             issuer, raw, body, content_hash FROM communique
             WHERE reading_version < ? ORDER BY id",
        )
        .bind(READING_VERSION)
        .fetch_all(&mut *self.tx)
        .await?;
        let mut changed = 0;
        for row in &stale {
            let reread = decode(std::path::Path::new(&row.slug), row.raw.as_bytes())
                .ok()
                .and_then(|file| parse::parse(&file).ok())
                .and_then(|articles| {
                    let one = articles.len() == 1;
                    articles
                        .into_iter()
                        .find(|a| one || a.content_hash == row.content_hash)
                });
            let Some(mut a) = reread else {
                // Nothing better to read there: keep what was read.
                mark_read(&mut self.tx, row.id).await?;
                continue;
            };
            // A date a version gave stays until the text gives its own.
            if a.date.is_none() && row.date_basis.as_deref() == Some(DateBasis::Version.as_str()) {
                a.date = row.date.as_deref().and_then(parse_iso_date);
                a.date_basis = a.date.map(|_| DateBasis::Version);
            }
            if let (None, Some(day)) = (a.date, a.yearless) {
                self.waiting.push((row.id, day));
            }
            let date = a.date.map(|d| d.to_string());
            if a.title == row.title && date == row.date && a.issuer == row.issuer {
                // Same reading: the newer fields (issuer_body, author, the day
                // without a year) only.
                sqlx::query(
                    "UPDATE communique SET issuer_body = ?, author = ?, yearless_day = ?,
                     yearless_weekday = ?, reading_version = ? WHERE id = ?",
                )
                .bind(a.issuer_body.as_deref())
                .bind(a.author.as_deref())
                .bind(a.yearless.map(|d| d.month_day()))
                .bind(a.yearless.and_then(|d| d.weekday).map(weekday_number))
                .bind(READING_VERSION)
                .bind(row.id)
                .execute(&mut *self.tx)
                .await?;
                continue;
            }
            changed += 1;
            let new_slug = reslug(
                &mut self.tx,
                row.id,
                &row.slug,
                &slug(a.date, a.title.as_deref(), &row.body),
                &row.content_hash,
            )
            .await?;
            sqlx::query(
                "UPDATE communique SET slug = ?, title = ?, date = ?, date_basis = ?, date_from_version = ?, issuer = ?,
                 issuer_body = ?, author = ?, yearless_day = ?, yearless_weekday = ?,
                 reading_version = ?,
                 entities_version = CASE WHEN title IS ? THEN entities_version ELSE 0 END
                 WHERE id = ?",
            )
            .bind(&new_slug)
            .bind(a.title.as_deref())
            .bind(date.as_deref())
            .bind(stored_basis(a.date_basis))
            .bind(a.date_basis == Some(DateBasis::Version))
            .bind(a.issuer.as_deref())
            .bind(a.issuer_body.as_deref())
            .bind(a.author.as_deref())
            .bind(a.yearless.map(|d| d.month_day()))
            .bind(a.yearless.and_then(|d| d.weekday).map(weekday_number))
            .bind(READING_VERSION)
            .bind(a.title.as_deref())
            .bind(row.id)
            .execute(&mut *self.tx)
            .await?;
            // Both dates are grouped again: the one left and the one joined.
            for d in [row.date.clone(), date].into_iter().flatten() {
                self.pending.entry(d).or_default();
            }
        }
        if changed > 0 {
            self.changed = true;
        }
        Ok(changed)
    }

    /// Dates the communiqués whose text gives their day without any year
    /// from a dated version of the same event (`dedupe::date_from_versions`):
    /// those of this run against every version on a day that fits, and those
    /// of earlier runs still waiting against the dates this run added. The
    /// slug changes (the old one answers with a 301) and the date is grouped.
    async fn date_from_versions(&mut self) -> Result<usize, sqlx::Error> {
        let mut waiting = std::mem::take(&mut self.waiting);
        let days: HashSet<String> = self.pending.keys().map(|d| d[5..].to_owned()).collect();
        for day in days {
            let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
                "SELECT id, yearless_day, yearless_weekday FROM communique
                 WHERE yearless_day = ? AND date IS NULL AND id < ?",
            )
            .bind(&day)
            .bind(self.first_new_id)
            .fetch_all(&mut *self.tx)
            .await?;
            waiting.extend(rows.into_iter().filter_map(|(id, day, weekday)| {
                Some((id, YearlessDay::from_stored(&day, weekday)?))
            }));
        }
        waiting.sort_unstable_by_key(|(id, _)| *id);
        waiting.dedup_by_key(|(id, _)| *id);
        if waiting.is_empty() {
            return Ok(0);
        }
        let years: (Option<String>, Option<String>) =
            sqlx::query_as("SELECT MIN(date), MAX(date) FROM communique")
                .fetch_one(&mut *self.tx)
                .await?;
        let year = |d: Option<String>| d.and_then(|d| d.get(..4)?.parse::<i32>().ok());
        let (Some(first), Some(last)) = (year(years.0), year(years.1)) else {
            return Ok(0);
        };
        let mut dated = 0;
        for (id, day) in waiting {
            let Some(undated) = stored_candidates(&mut self.tx, Pick::Id(id)).await?.pop() else {
                continue;
            };
            let mut versions = Vec::new();
            for y in first..=last {
                let Ok(date) = time::Date::from_calendar_date(y, day.month, day.day) else {
                    continue;
                };
                if day.fits(date) {
                    let on = date.to_string();
                    for c in stored_candidates(&mut self.tx, Pick::OnDate(&on, i64::MAX)).await? {
                        versions.push((date, c));
                    }
                }
            }
            let Some(date) =
                dedupe::date_from_versions(day, &undated, versions.iter().map(|(d, c)| (*d, c)))
            else {
                continue;
            };
            let (title, body, hash): (Option<String>, String, String) =
                sqlx::query_as("SELECT title, body, content_hash FROM communique WHERE id = ?")
                    .bind(id)
                    .fetch_one(&mut *self.tx)
                    .await?;
            let new_slug = reslug(
                &mut self.tx,
                id,
                &undated.slug,
                &slug(Some(date), title.as_deref(), &body),
                &hash,
            )
            .await?;
            sqlx::query(
                "UPDATE communique SET slug = ?, date = ?, date_basis = NULL, date_from_version = 1
                 WHERE id = ?",
            )
            .bind(&new_slug)
            .bind(date.to_string())
            .bind(id)
            .execute(&mut *self.tx)
            .await?;
            let group = self.pending.entry(date.to_string()).or_default();
            // Rows of earlier runs are read back with their date when grouped.
            if id >= self.first_new_id {
                group.push(Candidate {
                    slug: new_slug,
                    ..undated
                });
            }
            dated += 1;
        }
        if dated > 0 {
            self.changed = true;
        }
        Ok(dated)
    }

    /// Groups versions on the dates this run touched, re-reads stale
    /// entities, recounts, records the archive version and commits.
    pub async fn finish(mut self, now: &str) -> Result<StoreOutcome, sqlx::Error> {
        let mut timings = FinishTimings::default();
        let started = std::time::Instant::now();
        let rewritten = self.reread_readings().await?;
        tracing::debug!(rewritten, "headlines and dates read again");
        let dated = self.date_from_versions().await?;
        tracing::debug!(dated, "days without a year dated by a version");
        let pending = std::mem::take(&mut self.pending);
        let mut dates = Vec::with_capacity(pending.len());
        for (date, mut candidates) in pending {
            if self.had_rows {
                let mut earlier =
                    stored_candidates(&mut self.tx, Pick::OnDate(&date, self.first_new_id)).await?;
                earlier.append(&mut candidates);
                candidates = earlier;
            }
            dates.push(candidates);
        }
        // Dates spread over every core.
        let groups = crate::parallel::map(&dates, |candidates| dedupe::group(candidates));
        tracing::debug!(elapsed = ?started.elapsed(), "versions grouped");
        // Rows of this run were written as their own group: only the others
        // change. In id order, so the wide rows are rewritten in file order.
        let first_new = self.first_new_id;
        let mut changes: Vec<(i64, i64)> = groups
            .into_iter()
            .flatten()
            .filter(|&(id, group_id)| id != group_id || id < first_new)
            .collect();
        changes.sort_unstable();
        for (id, group_id) in changes {
            sqlx::query("UPDATE communique SET group_id = ? WHERE id = ? AND group_id <> ?")
                .bind(group_id)
                .bind(id)
                .bind(group_id)
                .execute(&mut *self.tx)
                .await?;
        }
        drop(dates);
        tracing::debug!(elapsed = ?started.elapsed(), "group ids written");
        let tx = &mut self.tx;
        let reread = reread_entities(tx, &mut self.persons).await?;
        timings.group = started.elapsed();
        let started = std::time::Instant::now();
        if self.changed || reread > 0 || !aggregates::current(tx).await? {
            aggregates::rebuild(tx).await?;
        }
        timings.count = started.elapsed();
        let started = std::time::Instant::now();
        let mut outcome = self.outcome;
        // Versions are the communiqués not listed; both counts come from
        // indexes (the listed one from the aggregates), not a table scan.
        let all: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communique")
            .fetch_one(&mut **tx)
            .await?;
        let listed = match crate::db::meta::listed(&mut **tx).await? {
            Some(n) => n,
            None => {
                sqlx::query_scalar("SELECT COUNT(*) FROM communique WHERE id = group_id")
                    .fetch_one(&mut **tx)
                    .await?
            }
        };
        outcome.versions = (all - listed).max(0) as usize;
        outcome.version = if self.changed {
            crate::db::meta::record_version(tx, now).await?
        } else {
            crate::db::meta::archive_version(&mut **tx)
                .await?
                .unwrap_or_default()
        };
        crate::faults::crash_point("commit");
        self.tx.commit().await?;
        timings.commit = started.elapsed();
        outcome.finish = timings;
        Ok(outcome)
    }
}

/// Rows of one batch, written many per statement.
#[derive(Default)]
struct Rows<'a> {
    communiques: Vec<(i64, String, &'a Article)>,
    sources: Vec<(i64, &'a str, &'a str, &'a Article)>,
    person_mentions: Vec<(i64, i64, usize, String)>,
    country_mentions: Vec<(i64, String, &'static str, usize)>,
}

impl Rows<'_> {
    async fn write(self, tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
        for chunk in self.communiques.chunks(ROWS_PER_INSERT) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO communique (id, slug, title, date, date_basis, issuer, issuer_body, author, body, raw, content_hash, kind, group_id, entities_version, reading_version, yearless_day, yearless_weekday) ",
            );
            q.push_values(chunk, |mut b, (id, slug, a)| {
                b.push_bind(*id)
                    .push_bind(slug)
                    .push_bind(a.title.as_deref())
                    .push_bind(a.date.map(|d| d.to_string()))
                    .push_bind(stored_basis(a.date_basis))
                    .push_bind(a.issuer.as_deref())
                    .push_bind(a.issuer_body.as_deref())
                    .push_bind(a.author.as_deref())
                    .push_bind(&a.body)
                    .push_bind(&a.raw)
                    .push_bind(&a.content_hash)
                    .push_bind(a.kind.as_str())
                    .push_bind(*id)
                    .push_bind(ENTITIES_VERSION)
                    .push_bind(READING_VERSION)
                    .push_bind(a.yearless.map(|d| d.month_day()))
                    .push_bind(a.yearless.and_then(|d| d.weekday).map(weekday_number));
            });
            q.build().execute(&mut **tx).await?;
        }
        for chunk in self.sources.chunks(ROWS_PER_INSERT) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO source (communique_id, file, file_sha256, position, first_line, last_line) ",
            );
            q.push_values(chunk, |mut b, (id, path, sha, a)| {
                b.push_bind(*id)
                    .push_bind(*path)
                    .push_bind(*sha)
                    .push_bind(a.index as i64)
                    .push_bind(a.first_line as i64)
                    .push_bind(a.last_line as i64);
            });
            q.build().execute(&mut **tx).await?;
        }
        for chunk in self.person_mentions.chunks(ROWS_PER_INSERT) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO person_mention (communique_id, person_id, position, roles) ",
            );
            q.push_values(chunk, |mut b, (id, person, position, roles)| {
                b.push_bind(*id)
                    .push_bind(*person)
                    .push_bind(*position as i64)
                    .push_bind(roles);
            });
            q.push(" ON CONFLICT (communique_id, person_id) DO NOTHING");
            q.build().execute(&mut **tx).await?;
        }
        for chunk in self.country_mentions.chunks(ROWS_PER_INSERT) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO country_mention (communique_id, code, role, position) ",
            );
            q.push_values(chunk, |mut b, (id, code, role, position)| {
                b.push_bind(*id)
                    .push_bind(code)
                    .push_bind(*role)
                    .push_bind(*position as i64);
            });
            q.push(" ON CONFLICT (communique_id, code) DO NOTHING");
            q.build().execute(&mut **tx).await?;
        }
        Ok(())
    }
}

/// Which communiqués `stored_candidates` reads.
#[derive(Debug, Clone, Copy)]
enum Pick<'a> {
    /// Those of one date below an id (those of earlier runs, or all).
    OnDate(&'a str, i64),
    /// One.
    Id(i64),
}

impl Pick<'_> {
    /// The condition on `c`, the communiqué, with its values bound.
    fn push_condition<'q>(self, q: &mut QueryBuilder<'q, Sqlite>)
    where
        Self: 'q,
    {
        match self {
            Pick::OnDate(date, below) => {
                q.push(" WHERE c.date = ")
                    .push_bind(date)
                    .push(" AND c.id < ")
                    .push_bind(below);
            }
            Pick::Id(id) => {
                q.push(" WHERE c.id = ").push_bind(id);
            }
        }
    }
}

/// Communiqués stored (by earlier runs or this one), as grouping sees them.
async fn stored_candidates(
    tx: &mut Transaction<'_, Sqlite>,
    pick: Pick<'_>,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let mut q = QueryBuilder::new("SELECT c.id, c.slug, c.title, c.body FROM communique c");
    pick.push_condition(&mut q);
    q.push(" ORDER BY c.id");
    let rows: Vec<GroupRow> = q.build_query_as().fetch_all(&mut **tx).await?;
    // Who takes part in each, from the mentions stored with it.
    let mut q = QueryBuilder::new(
        "SELECT m.communique_id, p.name FROM person_mention m \
         JOIN communique c ON c.id = m.communique_id \
         JOIN person p ON p.id = m.person_id",
    );
    pick.push_condition(&mut q);
    let persons: Vec<(i64, String)> = q.build_query_as().fetch_all(&mut **tx).await?;
    let mut q = QueryBuilder::new(
        "SELECT m.communique_id, m.code FROM country_mention m \
         JOIN communique c ON c.id = m.communique_id",
    );
    pick.push_condition(&mut q);
    q.push(" AND m.role = 'partner'");
    let partners: Vec<(i64, String)> = q.build_query_as().fetch_all(&mut **tx).await?;
    let mut q = QueryBuilder::new(
        "SELECT s.communique_id, s.file_sha256 FROM source s \
         JOIN communique c ON c.id = s.communique_id",
    );
    pick.push_condition(&mut q);
    let pages: Vec<(i64, String)> = q.build_query_as().fetch_all(&mut **tx).await?;
    let mut pages_of: HashMap<i64, Vec<u64>> = HashMap::new();
    for (id, sha) in pages {
        pages_of.entry(id).or_default().push(dedupe::page_key(&sha));
    }
    let mut who: HashMap<i64, (Vec<i64>, Vec<String>)> = HashMap::new();
    for (id, name) in persons {
        who.entry(id).or_default().0.push(dedupe::person_key(&name));
    }
    for (id, code) in partners {
        who.entry(id).or_default().1.push(code);
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let (persons, partners) = who.remove(&r.id).unwrap_or_default();
            Candidate {
                id: r.id,
                words: dedupe::signature(r.title.as_deref(), &r.body),
                body_chars: r.body.chars().count(),
                slug: r.slug,
                participants: Participants::new(persons, partners),
                pages: {
                    let mut p = pages_of.remove(&r.id).unwrap_or_default();
                    p.sort_unstable();
                    p.dedup();
                    p
                },
            }
        })
        .collect())
}

/// Stores the persons and countries of a communiqué and marks it as read by
/// the current rules.
async fn write_entities(
    tx: &mut Transaction<'_, Sqlite>,
    resolver: &mut persons::Resolver,
    id: i64,
    people: &[PersonMention],
    places: &[CountryMention],
) -> Result<(), sqlx::Error> {
    for (position, p) in people.iter().enumerate() {
        let person_id = resolver.resolve(tx, p).await?;
        persons::add_mention(tx, id, person_id, position, &p.roles).await?;
    }
    for (position, c) in places.iter().enumerate() {
        countries::ensure(tx, &c.code).await?;
        countries::add_mention(tx, id, c, position).await?;
    }
    sqlx::query("UPDATE communique SET entities_version = ? WHERE id = ?")
        .bind(ENTITIES_VERSION)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Reads again, with the current rules, the communiqués an older version of
/// entity extraction read (or none did: archives made before it). Returns how many.
async fn reread_entities(
    tx: &mut Transaction<'_, Sqlite>,
    resolver: &mut persons::Resolver,
) -> Result<usize, sqlx::Error> {
    let stale: Vec<(i64, Option<String>, String)> = sqlx::query_as(
        "SELECT id, title, body FROM communique WHERE entities_version < ? ORDER BY id",
    )
    .bind(ENTITIES_VERSION)
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
        write_entities(tx, resolver, *id, &people, &places).await?;
    }
    Ok(stale.len())
}

/// A communiqué as re-reading sees it.
#[derive(sqlx::FromRow)]
struct ReadingRow {
    id: i64,
    slug: String,
    title: Option<String>,
    date: Option<String>,
    date_basis: Option<String>,
    issuer: Option<String>,
    raw: String,
    body: String,
    content_hash: String,
}

/// Is the slug given to a communiqué now, or was it ever?
async fn slug_in_use(tx: &mut Transaction<'_, Sqlite>, slug: &str) -> Result<bool, sqlx::Error> {
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM communique WHERE slug = ?1 UNION ALL SELECT 1 FROM slug_history WHERE slug = ?1 LIMIT 1",
    )
    .bind(slug)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(taken.is_some())
}

async fn mark_read(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE communique SET reading_version = ? WHERE id = ?")
        .bind(READING_VERSION)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Gives communiqué `id`, now at `old`, the slug `base` (or, when another
/// communiqué has or had it, `base` told apart by its content hash), and keeps
/// `old` in `slug_history`, so its address answers with a 301. Returns the
/// slug it has now.
async fn reslug(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    old: &str,
    base: &str,
    content_hash: &str,
) -> Result<String, sqlx::Error> {
    let mut new_slug = base.to_owned();
    for len in [6, 12, 64] {
        if new_slug == old || !slug_in_use(tx, &new_slug).await? {
            break;
        }
        new_slug = disambiguate(base, content_hash, len);
    }
    if new_slug != old {
        sqlx::query(
            "INSERT INTO slug_history (slug, communique_id) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING",
        )
        .bind(old)
        .bind(id)
        .execute(&mut **tx)
        .await?;
        // Back to a slug it had: it is current again, not history.
        sqlx::query("DELETE FROM slug_history WHERE slug = ? AND communique_id = ?")
            .bind(&new_slug)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(new_slug)
}

/// `date_basis` as stored: a year from a version is `date_from_version`.
fn stored_basis(basis: Option<DateBasis>) -> Option<&'static str> {
    basis
        .filter(|b| *b != DateBasis::Version)
        .map(DateBasis::as_str)
}

/// A weekday as stored: 1 for Monday.
fn weekday_number(w: time::Weekday) -> i64 {
    i64::from(w.number_from_monday())
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    slug: String,
    title: Option<String>,
    body: String,
}
