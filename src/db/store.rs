//! Writing an ingest run: all of it in one transaction, so a failure leaves the
//! previous archive as it was. Rows only: what the rows say (headlines, dates,
//! groups of versions, entities) the ingest driver decides (`crate::ingest`);
//! this module keeps slugs permanent, persons resolved and counts current.
//! Idempotent: a source already stored is skipped, a text already stored
//! gains a source, only new texts become communiqués.

mod remembered;

use std::collections::{HashMap, HashSet};

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool, Transaction};
use time::Date;

use crate::db::bulk_insert::{ROWS_PER_INSERT, insert_rows, insert_rows_then};
use crate::db::communiques::{COMMUNIQUE_COLUMNS, CommuniqueRow};
use crate::db::files_seen::{self, FileStat};
use crate::db::grouping_keys::{self, GroupingKey, INVOLVED_COLUMNS, Involved};
use crate::db::new_rows::NewRows;
use crate::db::{aggregates, countries, persons};
use crate::domain::article::ArticleKind;
use crate::domain::country::{CountryCode, CountryMention, CountryRole};
use crate::domain::date::{DateBasis, YearlessDay};
use crate::domain::person::PersonMention;
use crate::domain::rules::{ENTITIES_VERSION, READING_VERSION};
use crate::domain::slug::{disambiguate, slug};
use remembered::Remembered;

/// A file to store: where it was read, its hash, its articles in order.
#[derive(Debug)]
pub struct NewFile<'a> {
    pub path: &'a str,
    pub sha256: &'a str,
    /// The address of the page the file was copied from, when it says.
    pub address: Option<&'a str>,
    pub articles: Vec<NewArticle<'a>>,
}

/// One article of a file, as it is stored.
#[derive(Debug)]
pub struct NewArticle<'a> {
    /// Position in the file, from 0.
    pub position: usize,
    /// 1-based lines of the file it spans.
    pub first_line: usize,
    pub last_line: usize,
    pub reading: Reading<'a>,
    pub body: &'a str,
    pub raw: &'a str,
    pub content_hash: &'a str,
    pub kind: ArticleKind,
    pub persons: &'a [PersonMention],
    pub countries: &'a [CountryMention],
}

/// What the reading rules read in a text: headline, date, issuer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading<'a> {
    pub title: Option<&'a str>,
    pub date: Option<Date>,
    pub date_basis: Option<DateBasis>,
    pub issuer: Option<&'a str>,
    pub issuer_body: Option<&'a str>,
    pub author: Option<&'a str>,
    /// The day the text gives without a year, when it gives no date.
    pub yearless: Option<YearlessDay>,
}

/// A communiqué `Writer::add` created.
#[derive(Debug, Clone)]
pub struct Created {
    /// Which file of the batch, and which article of it.
    pub file: usize,
    pub article: usize,
    pub id: i64,
    pub slug: String,
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
    /// Wall time of recounting, and of recording the version and committing.
    pub finish: FinishTimings,
    /// The archive version before the run (None for a new archive).
    pub previous_version: Option<String>,
    /// The listed communiqués whose search document the run changed: a
    /// group that gained, lost or changed a version, or names a person whose
    /// spellings changed. Their documents are to be removed from the index,
    /// and written again for those still listed.
    pub changed_groups: Vec<i64>,
}

/// Where `Writer::finish` spends its time.
#[derive(Debug, Default, Clone, Copy)]
pub struct FinishTimings {
    /// Rebuilding the aggregates (`db::aggregates`).
    pub count: std::time::Duration,
    /// Counting versions, recording the version, committing.
    pub commit: std::time::Duration,
}

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
    /// Sources from this id on were read by this run.
    first_new_source: i64,
    next_id: i64,
    hashes: HashMap<String, i64>,
    slugs: HashSet<String>,
    files: HashSet<String>,
    persons: persons::Resolver,
    /// Countries known to have their row.
    countries: HashSet<CountryCode>,
    /// Texts, readings or dates changed: a new archive version.
    changed: bool,
    /// Entities were read again: the counts are rebuilt.
    recount: bool,
    /// Issuing bodies of earlier communiqués were read again: the issuers
    /// are counted anew.
    reissued: bool,
    /// Communiqués of earlier runs whose indexed content changed.
    touched: HashSet<i64>,
    /// Groups communiqués left (their document changes or goes).
    left_groups: HashSet<i64>,
    /// Who takes part in each communiqué this run created, and the files it
    /// was read from: what grouping keeps of them, without asking the
    /// database.
    remembered: Remembered,
}

impl Writer {
    pub async fn begin(pool: &SqlitePool) -> Result<Self, sqlx::Error> {
        let mut tx = pool.begin().await?;
        // Foreign keys are checked at commit, and the run's inserts say OR
        // FAIL: no statement of the run can then abort after writing rows,
        // so SQLite keeps no statement journal (a copy of every page a
        // multi-row statement changes) for them. A failure still fails the
        // run, and the run rolls back whole.
        sqlx::query("PRAGMA defer_foreign_keys = ON")
            .execute(&mut *tx)
            .await?;
        let max_id: Option<i64> = sqlx::query_scalar("SELECT max(id) FROM communique")
            .fetch_one(&mut *tx)
            .await?;
        let max_source: Option<i64> = sqlx::query_scalar("SELECT max(id) FROM source")
            .fetch_one(&mut *tx)
            .await?;
        let persons = persons::Resolver::new(&mut tx).await?;
        let first_new_id = max_id.unwrap_or(0) + 1;
        let previous_version = crate::db::meta::archive_version(&mut *tx).await?;
        Ok(Self {
            tx,
            outcome: StoreOutcome {
                previous_version,
                ..StoreOutcome::default()
            },
            had_rows: max_id.is_some(),
            first_new_id,
            first_new_source: max_source.unwrap_or(0) + 1,
            next_id: first_new_id,
            hashes: HashMap::new(),
            slugs: HashSet::new(),
            files: HashSet::new(),
            persons,
            countries: HashSet::new(),
            changed: false,
            recount: false,
            reissued: false,
            remembered: Remembered::new(first_new_id),
            touched: HashSet::new(),
            left_groups: HashSet::new(),
        })
    }

    /// The first id this run gives: communiqués below it were there before.
    pub fn first_new_id(&self) -> i64 {
        self.first_new_id
    }

    /// Stores the articles of `files`; returns the communiqués it created.
    pub async fn add(&mut self, files: &[NewFile<'_>]) -> Result<Vec<Created>, sqlx::Error> {
        let mut rows = Rows::default();
        let mut created = Vec::new();
        for (file_index, file) in files.iter().enumerate() {
            if !self.files.insert(file.sha256.to_owned()) || self.file_known(file.sha256).await? {
                self.outcome.already_stored += file.articles.len();
                continue;
            }
            let file_number = self.remembered.file(file.sha256);
            for (article_index, article) in file.articles.iter().enumerate() {
                self.changed = true;
                let id = match self.existing(article.content_hash).await? {
                    Some(id) => {
                        self.outcome.duplicates += 1;
                        // One more page it was read from.
                        self.forget_key(id).await?;
                        self.remembered.read_again(id, file_number);
                        id
                    }
                    None => {
                        self.outcome.added += 1;
                        let id = self.next_id;
                        self.next_id += 1;
                        let slug = self.free_slug(article).await?;
                        self.hashes.insert(article.content_hash.to_owned(), id);
                        self.slugs.insert(slug.clone());
                        let mut person_ids = Vec::with_capacity(article.persons.len());
                        for (position, p) in article.persons.iter().enumerate() {
                            let person_id = self.persons.resolve(&mut self.tx, p).await?;
                            person_ids.push(person_id);
                            rows.person_mentions.push((
                                id,
                                person_id,
                                position,
                                p.roles.join("\n"),
                            ));
                        }
                        for (position, c) in article.countries.iter().enumerate() {
                            if self.countries.insert(c.code) {
                                countries::ensure(&mut self.tx, c.code).await?;
                            }
                            rows.country_mentions
                                .push((id, c.code, c.role.as_str(), position));
                        }
                        // A country named twice keeps its first role, as
                        // its one mention does.
                        let partners = article.countries.iter().enumerate().filter_map(|(i, c)| {
                            let first = !article.countries[..i].iter().any(|e| e.code == c.code);
                            (first && c.role == CountryRole::Partner).then_some(c.code)
                        });
                        self.remembered
                            .created(id, &person_ids, partners, file_number);
                        created.push(Created {
                            file: file_index,
                            article: article_index,
                            id,
                            slug: slug.clone(),
                        });
                        rows.communiques.push((id, slug, article));
                        id
                    }
                };
                rows.sources.push((id, file, article));
            }
            if !file.articles.is_empty() {
                rows.files.push((file.sha256, file.articles.len()));
            }
        }
        rows.write(&mut self.tx).await?;
        Ok(created)
    }

    /// Of these files (by SHA-256), those an earlier run stored, with how
    /// many articles it stored of each.
    pub async fn files_known(
        &mut self,
        sha256s: &[&str],
    ) -> Result<HashMap<String, usize>, sqlx::Error> {
        let mut known = HashMap::new();
        if !self.had_rows {
            return Ok(known);
        }
        for chunk in sha256s.chunks(ROWS_PER_INSERT) {
            // One row for the batch, as a JSON object: each row sqlx
            // fetches costs more than SQLite's work for it here.
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT json_group_object(sha256, articles) FROM file_articles WHERE sha256 IN ",
            );
            crate::db::push_list(&mut q, chunk.iter().copied());
            let found: String = q.build_query_scalar().fetch_one(&mut *self.tx).await?;
            let found: HashMap<String, usize> =
                serde_json::from_str(&found).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            known.extend(found);
        }
        Ok(known)
    }

    /// The SHA-256 recorded for each of `files` found as an earlier run
    /// read it (`db::files_seen`), by path.
    pub async fn files_recognised(
        &mut self,
        files: &[&FileStat],
    ) -> Result<HashMap<Vec<u8>, String>, sqlx::Error> {
        if !self.had_rows {
            return Ok(HashMap::new());
        }
        files_seen::recognised(&mut self.tx, files).await
    }

    /// Records where files were read, as they were, and their SHA-256.
    pub async fn files_read(&mut self, files: &[(&FileStat, &str)]) -> Result<(), sqlx::Error> {
        files_seen::record(&mut self.tx, files).await
    }

    /// Was this file stored by an earlier run?
    async fn file_known(&mut self, sha256: &str) -> Result<bool, sqlx::Error> {
        if !self.had_rows {
            return Ok(false);
        }
        let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM file_articles WHERE sha256 = ?")
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
    async fn free_slug(&mut self, a: &NewArticle<'_>) -> Result<String, sqlx::Error> {
        let base = slug(a.reading.date, a.reading.title, a.body);
        let mut candidate = base.clone();
        for len in [6, 12, 64] {
            if !self.slug_taken(&candidate).await? {
                break;
            }
            candidate = disambiguate(&base, a.content_hash, len);
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

    /// Communiqués read by older reading rules (`READING_VERSION`), in id order.
    pub async fn stale_readings(&mut self) -> Result<Vec<StoredReading>, sqlx::Error> {
        if !self.any_below("reading_version", READING_VERSION).await? {
            return Ok(Vec::new());
        }
        sqlx::query_as(&format!(
            "SELECT {COMMUNIQUE_COLUMNS}, raw, content_hash FROM communique
             WHERE reading_version < ? ORDER BY id"
        ))
        .bind(READING_VERSION)
        .fetch_all(&mut *self.tx)
        .await
    }

    /// Is any communiqué's `column` (a rules version, indexed) below
    /// `version`? Asked of the index alone: the query reading the rows in id
    /// order walks the whole table, even when none is.
    async fn any_below(&mut self, column: &str, version: i64) -> Result<bool, sqlx::Error> {
        let found: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT 1 FROM communique WHERE {column} < ? LIMIT 1"
        ))
        .bind(version)
        .fetch_optional(&mut *self.tx)
        .await?;
        Ok(found.is_some())
    }

    /// Marks a communiqué read by the current rules, what was read kept.
    pub async fn keep_reading(&mut self, id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE communique SET reading_version = ? WHERE id = ?")
            .bind(READING_VERSION)
            .bind(id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Stores what a reading adds to one that gave the same headline, date
    /// and issuer: the issuing body, the author, the day without a year.
    pub async fn complete_reading(
        &mut self,
        id: i64,
        reading: &Reading<'_>,
    ) -> Result<(), sqlx::Error> {
        self.touched.insert(id);
        self.reissued = true;
        self.forget_key(id).await?;
        sqlx::query(
            "UPDATE communique SET issuer_body = ?, author = ?, yearless_day = ?,
             yearless_weekday = ?, reading_version = ? WHERE id = ?",
        )
        .bind(reading.issuer_body)
        .bind(reading.author)
        .bind(reading.yearless.map(|d| d.month_day()))
        .bind(reading.yearless.and_then(|d| d.weekday).map(weekday_number))
        .bind(READING_VERSION)
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Stores a new reading of a communiqué: its slug follows the new
    /// headline and date (the old one answers with a 301), and its entities
    /// are read again when the headline changed. Returns the slug it has now.
    pub async fn rewrite_reading(
        &mut self,
        stored: &StoredReading,
        reading: &Reading<'_>,
    ) -> Result<String, sqlx::Error> {
        self.changed = true;
        self.reissued = true;
        self.touched.insert(stored.communique.id);
        self.forget_key(stored.communique.id).await?;
        let new_slug = reslug(
            &mut self.tx,
            stored.communique.id,
            &stored.communique.slug,
            &slug(reading.date, reading.title, &stored.communique.body),
            &stored.content_hash,
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
        .bind(reading.title)
        .bind(reading.date.map(|d| d.to_string()))
        .bind(stored_basis(reading.date_basis))
        .bind(reading.date_basis == Some(DateBasis::Version))
        .bind(reading.issuer)
        .bind(reading.issuer_body)
        .bind(reading.author)
        .bind(reading.yearless.map(|d| d.month_day()))
        .bind(reading.yearless.and_then(|d| d.weekday).map(weekday_number))
        .bind(READING_VERSION)
        .bind(reading.title)
        .bind(stored.communique.id)
        .execute(&mut *self.tx)
        .await?;
        Ok(new_slug)
    }

    /// Communiqués of earlier runs (ids below `below`) still undated whose
    /// text gives this month and day ("12-08") without a year.
    pub async fn waiting_on(
        &mut self,
        month_day: &str,
        below: i64,
    ) -> Result<Vec<(i64, YearlessDay)>, sqlx::Error> {
        let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT id, yearless_day, yearless_weekday FROM communique
             WHERE yearless_day = ? AND date IS NULL AND id < ?",
        )
        .bind(month_day)
        .bind(below)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, day, weekday)| Some((id, YearlessDay::from_stored(&day, weekday)?)))
            .collect())
    }

    /// The first and last years the archive's dates fall in.
    pub async fn years(&mut self) -> Result<Option<(i32, i32)>, sqlx::Error> {
        let years: (Option<String>, Option<String>) =
            sqlx::query_as("SELECT MIN(date), MAX(date) FROM communique")
                .fetch_one(&mut *self.tx)
                .await?;
        let year = |d: Option<String>| d.and_then(|d| d.get(..4)?.parse::<i32>().ok());
        Ok(year(years.0).zip(year(years.1)))
    }

    /// Dates a communiqué whose text gives no year by the date of a version
    /// of its event: its slug follows (the old one answers with a 301).
    /// Returns the slug it has now.
    pub async fn date_from_version(
        &mut self,
        id: i64,
        old_slug: &str,
        date: Date,
    ) -> Result<String, sqlx::Error> {
        self.changed = true;
        self.touched.insert(id);
        self.forget_key(id).await?;
        let (title, body, hash): (Option<String>, String, String) =
            sqlx::query_as("SELECT title, body, content_hash FROM communique WHERE id = ?")
                .bind(id)
                .fetch_one(&mut *self.tx)
                .await?;
        let new_slug = reslug(
            &mut self.tx,
            id,
            old_slug,
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
        Ok(new_slug)
    }

    /// Communiqués stored (by earlier runs or this one), with who takes part
    /// in each and the pages they were read from: what grouping reads.
    pub async fn stored_for_grouping(
        &mut self,
        pick: Pick<'_>,
    ) -> Result<Vec<StoredForGrouping>, sqlx::Error> {
        // One row per communiqué, its persons, partners and pages gathered
        // in it: each row sqlx fetches costs more than SQLite's work for it.
        let mut q = QueryBuilder::new(format!(
            "SELECT c.id, c.group_id, c.slug, c.title, c.body, c.issuer_body IS NOT NULL AS official,
             {INVOLVED_COLUMNS} FROM communique c"
        ));
        pick.push_condition(&mut q);
        q.push(" ORDER BY c.id");
        let rows: Vec<GroupRow> = q.build_query_as().fetch_all(&mut *self.tx).await?;
        Ok(rows
            .into_iter()
            .map(|r| StoredForGrouping {
                involved: Involved::from_lines(
                    r.persons.as_deref(),
                    r.partners.as_deref(),
                    r.pages.as_deref(),
                ),
                id: r.id,
                group_id: r.group_id,
                slug: r.slug,
                title: r.title,
                body: r.body,
                official: r.official,
            })
            .collect())
    }

    /// Makes sure the grouping keys kept were counted by the rules `rules`
    /// (`db::grouping_keys::ensure_rules`): asked before a run keeps any.
    pub async fn ensure_grouping_rules(&mut self, rules: &str) -> Result<(), sqlx::Error> {
        grouping_keys::ensure_rules(&mut self.tx, rules).await
    }

    /// Forgets the grouping keys naming a person this run named anew.
    pub async fn forget_renamed_keys(&mut self) -> Result<(), sqlx::Error> {
        let renamed: Vec<i64> = self.persons.renamed().iter().copied().collect();
        grouping_keys::forget_naming(&mut self.tx, &renamed).await
    }

    /// The dates of the communiqués earlier runs stored when none has a
    /// grouping key (`db::grouping_keys::none_kept`), else none.
    pub async fn dates_without_keys(&mut self) -> Result<Vec<Date>, sqlx::Error> {
        if !self.had_rows || !grouping_keys::none_kept(&mut self.tx, self.first_new_id).await? {
            return Ok(Vec::new());
        }
        grouping_keys::dates(&mut self.tx, self.first_new_id).await
    }

    /// The grouping keys of the communiqués of `date`, the ids of those of
    /// them without one, and whether any keyed one left the date.
    pub async fn grouping_keys(
        &mut self,
        date: Date,
    ) -> Result<grouping_keys::OnDate, sqlx::Error> {
        grouping_keys::on_date(&mut self.tx, date, i64::MAX).await
    }

    /// Keeps grouping keys, each with its communiqué's date.
    pub async fn keep_grouping_keys(
        &mut self,
        keys: &[(Date, GroupingKey)],
    ) -> Result<(), sqlx::Error> {
        grouping_keys::keep(&mut self.tx, keys).await
    }

    /// Who takes part in each of the communiqués `ids`, and where each was
    /// read, as stored: those this run created from what it remembers.
    pub async fn involved(&mut self, ids: &[i64]) -> Result<HashMap<i64, Involved>, sqlx::Error> {
        let (remembered, earlier): (Vec<i64>, Vec<i64>) =
            ids.iter().partition(|&&id| self.remembered.holds(id));
        let mut all = grouping_keys::involved(&mut self.tx, &earlier).await?;
        for id in remembered {
            let Some((persons, partners, files)) = self.remembered.of(id) else {
                continue;
            };
            let involved = Involved {
                persons: persons
                    .iter()
                    .filter_map(|&p| self.persons.name(p).map(str::to_owned))
                    .collect(),
                partners: partners.to_vec(),
                pages: files.into_iter().map(str::to_owned).collect(),
            };
            all.insert(id, involved);
        }
        Ok(all)
    }

    /// The grouping key of communiqué `id` no longer holds.
    async fn forget_key(&mut self, id: i64) -> Result<(), sqlx::Error> {
        grouping_keys::forget(&mut self.tx, &[id]).await
    }

    /// Lists communiqué `id`, until now under `old_group`, under the version
    /// `group_id`.
    pub async fn set_group(
        &mut self,
        id: i64,
        old_group: i64,
        group_id: i64,
    ) -> Result<(), sqlx::Error> {
        self.left_groups.insert(old_group);
        sqlx::query("UPDATE communique SET group_id = ? WHERE id = ?")
            .bind(group_id)
            .bind(id)
            .execute(&mut *self.tx)
            .await?;
        grouping_keys::regroup(&mut self.tx, id, group_id).await
    }

    /// The communiqués an older version of entity extraction read (or none
    /// did: archives made before it): id, headline, body.
    pub async fn stale_entities(
        &mut self,
    ) -> Result<Vec<(i64, Option<String>, String)>, sqlx::Error> {
        if !self.any_below("entities_version", ENTITIES_VERSION).await? {
            return Ok(Vec::new());
        }
        sqlx::query_as(
            "SELECT id, title, body FROM communique WHERE entities_version < ? ORDER BY id",
        )
        .bind(ENTITIES_VERSION)
        .fetch_all(&mut *self.tx)
        .await
    }

    /// Replaces the persons and countries of a communiqué with those the
    /// current rules read, and marks it read by them.
    pub async fn replace_entities(
        &mut self,
        id: i64,
        people: &[PersonMention],
        places: &[CountryMention],
    ) -> Result<(), sqlx::Error> {
        self.recount = true;
        self.touched.insert(id);
        self.forget_key(id).await?;
        let tx = &mut self.tx;
        for table in ["person_mention", "country_mention"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE communique_id = ?"))
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        for (position, p) in people.iter().enumerate() {
            let person_id = self.persons.resolve(tx, p).await?;
            persons::add_mention(tx, id, person_id, position, &p.roles).await?;
        }
        for (position, c) in places.iter().enumerate() {
            countries::ensure(tx, c.code).await?;
            countries::add_mention(tx, id, c, position).await?;
        }
        sqlx::query("UPDATE communique SET entities_version = ? WHERE id = ?")
            .bind(ENTITIES_VERSION)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Brings the counts up to date for what changed (`db::aggregates`),
    /// records the archive version and commits.
    pub async fn finish(mut self, now: &str) -> Result<StoreOutcome, sqlx::Error> {
        let mut timings = FinishTimings::default();
        let tx = &mut self.tx;
        let started = std::time::Instant::now();
        let mut outcome = self.outcome;
        let new_rows = NewRows {
            first: self.first_new_id,
            next: self.next_id,
        };
        outcome.changed_groups = changed_groups(
            tx,
            new_rows,
            &self.touched,
            &self.left_groups,
            self.persons.respelled(),
        )
        .await?;
        let changes = outcome.changed_groups.len() as i64;
        let listed_before = crate::db::meta::listed(&mut **tx).await?.unwrap_or(0);
        // New rules, counts of another version, a new archive, or a run that
        // changed much of it: everything is counted anew, which then costs
        // less than updating.
        if self.recount
            || !self.had_rows
            || !aggregates::current(tx).await?
            || changes > (listed_before / 4).max(10_000)
        {
            aggregates::rebuild(tx).await?;
        } else if self.changed || changes > 0 {
            aggregates::update(tx, &outcome.changed_groups, new_rows, self.reissued).await?;
            aggregates::update_file_holdings(tx, &outcome.changed_groups, self.first_new_source)
                .await?;
        }
        timings.count = started.elapsed();
        let started = std::time::Instant::now();
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
        // Kept for the "À propos" page; a run that changed nothing leaves
        // the file as it was.
        let texts = crate::db::meta::get(&mut **tx, crate::db::meta::TEXTS).await?;
        if self.changed || texts.is_none() {
            crate::db::meta::set(tx, crate::db::meta::TEXTS, &all.to_string()).await?;
        }
        outcome.version = if self.changed {
            crate::db::meta::record_version(tx, now, self.hashes.keys().map(String::as_str)).await?
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

/// The groups the run's new communiqués are in (their ids bound as `?`
/// on).
fn new_groups_sql(new_rows: NewRows) -> String {
    format!(
        "SELECT DISTINCT group_id FROM {} WHERE id >= ?",
        new_rows.read_from("communique", "communique_group")
    )
}

/// The groups whose search document a run changed (`StoreOutcome::changed_groups`),
/// in order: those communiqués left, and those the run's new communiqués,
/// the earlier ones it changed and the persons it spelled anew are in now.
async fn changed_groups(
    tx: &mut Transaction<'_, Sqlite>,
    new_rows: NewRows,
    touched: &HashSet<i64>,
    left: &HashSet<i64>,
    respelled: &HashSet<i64>,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut groups: HashSet<i64> = left.clone();
    let new: Vec<i64> = sqlx::query_scalar(&new_groups_sql(new_rows))
        .bind(new_rows.first)
        .fetch_all(&mut **tx)
        .await?;
    groups.extend(new);
    let touched: Vec<i64> = touched.iter().copied().collect();
    for chunk in touched.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new("SELECT group_id FROM communique WHERE id IN ");
        crate::db::push_ids(&mut q, chunk);
        let found: Vec<i64> = q.build_query_scalar().fetch_all(&mut **tx).await?;
        groups.extend(found);
    }
    let respelled: Vec<i64> = respelled.iter().copied().collect();
    for chunk in respelled.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "SELECT DISTINCT c.group_id FROM person_mention m
             JOIN communique c ON c.id = m.communique_id WHERE m.person_id IN ",
        );
        crate::db::push_ids(&mut q, chunk);
        let found: Vec<i64> = q.build_query_scalar().fetch_all(&mut **tx).await?;
        groups.extend(found);
    }
    let mut groups: Vec<i64> = groups.into_iter().collect();
    groups.sort_unstable();
    Ok(groups)
}

/// A communiqué as re-reading sees it: its row, and the file's lines it
/// was read from.
#[derive(Debug, Clone)]
pub struct StoredReading {
    pub communique: CommuniqueRow,
    /// The lines of the file it was read from, as they were.
    pub raw: String,
    pub content_hash: String,
}

impl<'r> sqlx::FromRow<'r, SqliteRow> for StoredReading {
    fn from_row(row: &'r SqliteRow) -> Result<Self, sqlx::Error> {
        Ok(Self {
            communique: CommuniqueRow::from_row(row)?,
            raw: row.try_get("raw")?,
            content_hash: row.try_get("content_hash")?,
        })
    }
}

/// A communiqué as grouping reads it back: its text, who takes part in it and
/// where it was read.
#[derive(Debug, Clone)]
pub struct StoredForGrouping {
    pub id: i64,
    /// The version it is listed under now.
    pub group_id: i64,
    pub slug: String,
    pub title: Option<String>,
    pub body: String,
    /// It has an issuing body: the official text.
    pub official: bool,
    pub involved: Involved,
}

/// Which communiqués `Writer::stored_for_grouping` reads.
#[derive(Debug, Clone, Copy)]
pub enum Pick<'a> {
    /// Those of one date below an id (those of earlier runs, or all).
    OnDate(Date, i64),
    /// These.
    Ids(&'a [i64]),
}

impl Pick<'_> {
    /// The condition on `c`, the communiqué, with its values bound.
    fn push_condition(self, q: &mut QueryBuilder<'_, Sqlite>) {
        match self {
            Pick::OnDate(date, below) => {
                q.push(" WHERE c.date = ")
                    .push_bind(date.to_string())
                    .push(" AND c.id < ")
                    .push_bind(below);
            }
            Pick::Ids(ids) => {
                q.push(" WHERE c.id IN ");
                crate::db::push_ids(q, ids);
            }
        }
    }
}

/// Rows of one batch, written many per statement.
#[derive(Default)]
struct Rows<'a> {
    communiques: Vec<(i64, String, &'a NewArticle<'a>)>,
    sources: Vec<(i64, &'a NewFile<'a>, &'a NewArticle<'a>)>,
    person_mentions: Vec<(i64, i64, usize, String)>,
    country_mentions: Vec<(i64, CountryCode, &'static str, usize)>,
    /// Each new file's hash and the number of its articles.
    files: Vec<(&'a str, usize)>,
}

impl Rows<'_> {
    /// Writes the rows, many a statement, each `OR FAIL` (see
    /// `Writer::begin`).
    async fn write(self, tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
        insert_rows(
            tx,
            "INSERT OR FAIL INTO communique (id, slug, title, date, date_basis, issuer, issuer_body, author, body, raw, content_hash, kind, group_id, entities_version, reading_version, yearless_day, yearless_weekday) ",
            &self.communiques,
            |b, (id, slug, a)| {
                let r = &a.reading;
                b.push_bind(*id)
                    .push_bind(slug)
                    .push_bind(r.title)
                    .push_bind(r.date.map(|d| d.to_string()))
                    .push_bind(stored_basis(r.date_basis))
                    .push_bind(r.issuer)
                    .push_bind(r.issuer_body)
                    .push_bind(r.author)
                    .push_bind(a.body)
                    .push_bind(a.raw)
                    .push_bind(a.content_hash)
                    .push_bind(a.kind.as_str())
                    .push_bind(*id)
                    .push_bind(ENTITIES_VERSION)
                    .push_bind(READING_VERSION)
                    .push_bind(r.yearless.map(|d| d.month_day()))
                    .push_bind(r.yearless.and_then(|d| d.weekday).map(weekday_number));
            },
        )
        .await?;
        insert_rows(
            tx,
            "INSERT OR FAIL INTO source (communique_id, file, file_sha256, address, position, first_line, last_line) ",
            &self.sources,
            |b, (id, file, a)| {
                b.push_bind(*id)
                    .push_bind(file.path)
                    .push_bind(file.sha256)
                    .push_bind(file.address)
                    .push_bind(a.position as i64)
                    .push_bind(a.first_line as i64)
                    .push_bind(a.last_line as i64);
            },
        )
        .await?;
        insert_rows_then(
            tx,
            "INSERT OR FAIL INTO person_mention (communique_id, person_id, position, roles) ",
            " ON CONFLICT (communique_id, person_id) DO NOTHING",
            &self.person_mentions,
            |b, (id, person, position, roles)| {
                b.push_bind(*id)
                    .push_bind(*person)
                    .push_bind(*position as i64)
                    .push_bind(roles);
            },
        )
        .await?;
        insert_rows_then(
            tx,
            "INSERT OR FAIL INTO country_mention (communique_id, code, role, position) ",
            " ON CONFLICT (communique_id, code) DO NOTHING",
            &self.country_mentions,
            |b, (id, code, role, position)| {
                b.push_bind(*id)
                    .push_bind(code.to_string())
                    .push_bind(*role)
                    .push_bind(*position as i64);
            },
        )
        .await?;
        insert_rows(
            tx,
            "INSERT OR FAIL INTO file_articles (sha256, articles) ",
            &self.files,
            |b, (sha256, articles)| {
                b.push_bind(*sha256).push_bind(*articles as i64);
            },
        )
        .await
    }
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
    group_id: i64,
    slug: String,
    title: Option<String>,
    body: String,
    official: bool,
    persons: Option<String>,
    partners: Option<String>,
    pages: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The groups of a daily run's new communiqués are read from their
    /// range of ids, not from the groups' index scanned whole; those of a
    /// first run (every communiqué new) from that narrow index, never the
    /// wide rows.
    #[tokio::test]
    async fn the_groups_of_new_communiques_are_read_by_their_range_when_few() {
        use crate::db::testing::{plan, scans_of_large_tables};
        let (_dir, pool) = crate::db::testing::empty_archive().await;
        let few = new_groups_sql(NewRows {
            first: 1_000_001,
            next: 1_001_001,
        });
        let steps = plan(&pool, &few).await;
        assert!(
            steps.contains("SEARCH communique USING INTEGER PRIMARY KEY (rowid>?)"),
            "{steps}"
        );
        assert!(scans_of_large_tables(&steps).is_empty(), "{steps}");
        let all = new_groups_sql(NewRows { first: 1, next: 9 });
        let steps = plan(&pool, &all).await;
        assert!(
            steps.contains("USING COVERING INDEX communique_group"),
            "{steps}"
        );
        pool.close().await;
    }

    /// References are checked when the run commits (see `Writer::begin`):
    /// a row naming a communiqué that is not there fails the run then, and
    /// nothing of the run stays.
    #[tokio::test]
    async fn a_reference_to_nothing_fails_the_run_when_it_commits_and_nothing_stays() {
        let (_dir, pool) = crate::db::testing::empty_archive().await;
        let mut writer = Writer::begin(&pool).await.unwrap();
        sqlx::query(
            "INSERT OR FAIL INTO source (communique_id, file, file_sha256, position, first_line, last_line)
             VALUES (42, 'dump.txt', 'ab12', 0, 1, 9)",
        )
        .execute(&mut *writer.tx)
        .await
        .expect("checked at commit, not row by row");
        let err = writer
            .finish("2026-12-07T08:00:00Z")
            .await
            .expect_err("a source of no communiqué");
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
        let sources: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM source")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(sources, 0);
    }
}
