//! Versions of one event across an ingest run: which dates to group again,
//! the communiqués that wait for a version to give them a year, and the
//! grouping itself (`analysis::dedupe`), fed from the run and from the rows
//! earlier runs stored.

use std::collections::{BTreeMap, HashMap, HashSet};

use time::Date;

use crate::analysis::dedupe::{self, Candidate, Participants};
use crate::analysis::parse::Article;
use crate::analysis::similarity::{self, Signature};
use crate::db::grouping_keys::{GroupingKey, Involved};
use crate::db::store::{Pick, StoredForGrouping, Writer};
use crate::domain::date::YearlessDay;

/// What a run leaves to group: its dated communiqués by date, the dates
/// whose members changed, and the communiqués whose text gives a day
/// without a year.
#[derive(Default)]
pub struct Versions {
    /// New dated communiqués of this run, by date; a date with none is to
    /// be grouped again all the same.
    pending: BTreeMap<Date, Vec<Candidate>>,
    /// Communiqués of this run (new or read again) whose text gives its day
    /// without a year: a dated version may give it.
    waiting: Vec<(i64, YearlessDay)>,
}

impl Versions {
    /// A communiqué the run created from `article`, read from the file
    /// whose SHA-256 is `file_sha256`.
    pub fn created(&mut self, article: &Article, id: i64, slug: &str, file_sha256: &str) {
        if let Some(day) = article.yearless {
            self.waiting.push((id, day));
        }
        if let Some(d) = article.date {
            self.pending.entry(d).or_default().push(article.candidate(
                id,
                slug.to_owned(),
                dedupe::page_key(file_sha256),
            ));
        }
    }

    /// The communiqués of `date` are to be grouped again.
    pub fn regroup(&mut self, date: Date) {
        self.pending.entry(date).or_default();
    }

    /// Communiqué `id` gives `day` without a year.
    pub fn wait(&mut self, id: i64, day: YearlessDay) {
        self.waiting.push((id, day));
    }

    /// Dates the communiqués whose text gives their day without any year
    /// from a dated version of the same event (`dedupe::date_from_versions`):
    /// those of this run against every version on a day that fits, and those
    /// of earlier runs still waiting against the dates this run added. The
    /// slug changes (the old one answers with a 301) and the date is grouped.
    /// Returns how many were dated.
    pub async fn date_waiting(&mut self, writer: &mut Writer) -> Result<usize, sqlx::Error> {
        let mut waiting = std::mem::take(&mut self.waiting);
        let days: HashSet<String> = self.pending.keys().map(month_day).collect();
        for day in days {
            waiting.extend(writer.waiting_on(&day, writer.first_new_id()).await?);
        }
        waiting.sort_unstable_by_key(|(id, _)| *id);
        waiting.dedup_by_key(|(id, _)| *id);
        if waiting.is_empty() {
            return Ok(0);
        }
        let Some((first, last)) = writer.years().await? else {
            return Ok(0);
        };
        let mut dated = 0;
        for (id, day) in waiting {
            let Some(undated) = writer.stored_for_grouping(Pick::Ids(&[id])).await?.pop() else {
                continue;
            };
            let undated = candidate(&undated);
            let mut versions = Vec::new();
            for y in first..=last {
                let Ok(date) = Date::from_calendar_date(y, day.month, day.day) else {
                    continue;
                };
                if day.fits(date) {
                    for c in writer
                        .stored_for_grouping(Pick::OnDate(date, i64::MAX))
                        .await?
                    {
                        versions.push((date, candidate(&c)));
                    }
                }
            }
            let Some(date) =
                dedupe::date_from_versions(day, &undated, versions.iter().map(|(d, c)| (*d, c)))
            else {
                continue;
            };
            let slug = writer.date_from_version(id, &undated.slug, date).await?;
            let group = self.pending.entry(date).or_default();
            // Rows of earlier runs are read back with their date when grouped.
            if id >= writer.first_new_id() {
                group.push(Candidate { slug, ..undated });
            }
            dated += 1;
        }
        Ok(dated)
    }

    /// Groups versions on the dates this run touched, with the communiqués
    /// earlier runs stored on them, writes the groups that changed, and
    /// keeps the grouping keys of those that had none (this run's among them).
    pub async fn group(self, writer: &mut Writer) -> Result<(), sqlx::Error> {
        writer
            .check_grouping_keys(&similarity::signature_rules())
            .await?;
        let filled = fill_keys(writer).await?;
        tracing::debug!(filled, "grouping keys of earlier runs made");
        let mut days = Vec::with_capacity(self.pending.len());
        // The group each communiqué of an earlier run is listed under now;
        // those of this run were written as their own.
        let mut listed_under: HashMap<i64, i64> = HashMap::new();
        for (date, new) in self.pending {
            let mut day = Day {
                date,
                kept: Vec::new(),
                read: Vec::new(),
                new,
            };
            if writer.had_rows() {
                let (kept, missing) = writer.grouping_keys(date).await?;
                for ids in missing.chunks(IDS_PER_READ) {
                    day.read
                        .extend(writer.stored_for_grouping(Pick::Ids(ids)).await?);
                }
                listed_under.extend(kept.iter().map(|k| (k.id, k.group_id)));
                listed_under.extend(day.read.iter().map(|r| (r.id, r.group_id)));
                day.kept = kept;
            }
            days.push(day);
        }
        // Dates spread over every core, the texts without a key read into
        // signatures there too.
        let grouped = crate::parallel::map(&days, |day| {
            let read: Vec<Candidate> = day.read.iter().map(candidate).collect();
            let mut all: Vec<Candidate> = day.kept.iter().map(kept_candidate).collect();
            all.extend(read.iter().cloned());
            all.extend(day.new.iter().cloned());
            let groups = dedupe::group(&all);
            (groups, read)
        });
        // Only the groups that change are written, in id order, so the
        // wide rows are rewritten in file order.
        let mut changes: Vec<(i64, i64, i64)> = grouped
            .iter()
            .flat_map(|(groups, _)| groups)
            .filter_map(|&(id, group_id)| {
                let now = listed_under.get(&id).copied().unwrap_or(id);
                (now != group_id).then_some((id, now, group_id))
            })
            .collect();
        changes.sort_unstable();
        for (id, old_group, group_id) in changes {
            writer.set_group(id, old_group, group_id).await?;
        }
        let started = std::time::Instant::now();
        for (day, (groups, read)) in days.into_iter().zip(grouped) {
            let group_of: HashMap<i64, i64> = groups.into_iter().collect();
            let mut keys = Vec::with_capacity(read.len() + day.new.len());
            for (row, c) in day.read.into_iter().zip(read) {
                keys.push(key(&c, group_of[&c.id], row.involved));
            }
            let ids: Vec<i64> = day.new.iter().map(|c| c.id).collect();
            let mut involved = writer.involved(&ids).await?;
            for c in &day.new {
                let of = involved.remove(&c.id).unwrap_or_default();
                keys.push(key(c, group_of[&c.id], of));
            }
            writer.keep_grouping_keys(day.date, &keys).await?;
        }
        tracing::debug!(elapsed = ?started.elapsed(), "grouping keys kept");
        Ok(())
    }
}

/// Communiqués whose keys are made at once when an archive has none: what
/// bounds the texts held, however dense the days.
const ROWS_PER_FILL: usize = 10_000;

/// Makes the grouping key of every dated communiqué of earlier runs when
/// none has one (an archive made before them, or whose keys other rules
/// counted), so the next runs read keys only: the texts read date by date,
/// their words counted on every core, each key under its group as it is.
/// Returns how many.
async fn fill_keys(writer: &mut Writer) -> Result<usize, sqlx::Error> {
    let dates = writer.dates_without_keys().await?;
    let mut filled = 0;
    let mut read: Vec<(Date, Vec<StoredForGrouping>)> = Vec::new();
    let mut held = 0;
    for (i, &date) in dates.iter().enumerate() {
        let (_, missing) = writer.grouping_keys(date).await?;
        for ids in missing.chunks(IDS_PER_READ) {
            let rows = writer.stored_for_grouping(Pick::Ids(ids)).await?;
            held += rows.len();
            read.push((date, rows));
        }
        if held >= ROWS_PER_FILL || i + 1 == dates.len() {
            let keys = crate::parallel::map(&read, |(_, rows)| {
                rows.iter()
                    .map(|row| key(&candidate(row), row.group_id, row.involved.clone()))
                    .collect::<Vec<_>>()
            });
            for ((date, _), keys) in read.iter().zip(keys) {
                filled += keys.len();
                writer.keep_grouping_keys(*date, &keys).await?;
            }
            read.clear();
            held = 0;
        }
    }
    Ok(filled)
}

/// Communiqués read per statement by id.
const IDS_PER_READ: usize = 500;

/// A date to group: the communiqués earlier runs stored on it, with their
/// grouping key or read again from their text, and this run's.
struct Day {
    date: Date,
    kept: Vec<GroupingKey>,
    read: Vec<StoredForGrouping>,
    new: Vec<Candidate>,
}

/// The grouping key of a communiqué compared as `c`, listed under `group_id`.
fn key(c: &Candidate, group_id: i64, involved: Involved) -> GroupingKey {
    GroupingKey {
        id: c.id,
        group_id,
        slug: c.slug.clone(),
        official: c.official,
        body_chars: c.body_chars as i64,
        words: c.words.hashes().to_vec(),
        involved,
    }
}

/// "12-08" of a date: how a day without a year is stored.
fn month_day(date: &Date) -> String {
    format!("{:02}-{:02}", u8::from(date.month()), date.day())
}

/// A stored communiqué as grouping sees it.
fn candidate(row: &StoredForGrouping) -> Candidate {
    Candidate {
        id: row.id,
        words: dedupe::signature(row.title.as_deref(), &row.body),
        body_chars: row.body.chars().count(),
        slug: row.slug.clone(),
        participants: participants(&row.involved),
        pages: pages(&row.involved),
        official: row.official,
    }
}

/// A communiqué as grouping sees it, from its kept key.
fn kept_candidate(key: &GroupingKey) -> Candidate {
    Candidate {
        id: key.id,
        words: Signature::from_hashes(key.words.clone()),
        body_chars: usize::try_from(key.body_chars).unwrap_or(0),
        slug: key.slug.clone(),
        participants: participants(&key.involved),
        pages: pages(&key.involved),
        official: key.official,
    }
}

fn participants(involved: &Involved) -> Participants {
    Participants::new(
        involved
            .persons
            .iter()
            .map(|n| dedupe::person_key(n))
            .collect(),
        involved.partners.clone(),
    )
}

/// The pages' keys, sorted, without repeats.
fn pages(involved: &Involved) -> Vec<u64> {
    let mut pages: Vec<u64> = involved
        .pages
        .iter()
        .map(|sha| dedupe::page_key(sha))
        .collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}
