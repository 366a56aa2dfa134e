//! Versions of one event across an ingest run: which dates to group again,
//! the communiqués that wait for a version to give them a year, and the
//! grouping itself (`analysis::dedupe`), fed from the run and from the rows
//! earlier runs stored.

use std::collections::{BTreeSet, HashMap, HashSet};

use time::Date;

use crate::analysis::dedupe::{self, Candidate, Participants};
use crate::analysis::parse::Article;
use crate::analysis::similarity::{self, Signature};
use crate::db::grouping_keys::{GroupingKey, Involved};
use crate::db::store::{Pick, StoredForGrouping, Writer};
use crate::domain::date::YearlessDay;

/// What a run leaves to group: the dates its communiqués joined or left,
/// the grouping keys of the batch being stored, and the communiqués whose
/// text gives a day without a year.
#[derive(Default)]
pub struct Versions {
    /// The dates to group again.
    pending: BTreeSet<Date>,
    /// The dated communiqués of the batch being stored, as grouping compares
    /// them: their keys are kept with the batch (`keep_batch`), so a run
    /// holds one batch of them, not all.
    batch: Vec<(Date, Candidate)>,
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
            self.pending.insert(d);
            let candidate = article.candidate(id, slug.to_owned(), dedupe::page_key(file_sha256));
            self.batch.push((d, candidate));
        }
    }

    /// Keeps the grouping keys of the batch's dated communiqués, each its
    /// own group until grouped, with who takes part in each as stored.
    pub async fn keep_batch(&mut self, writer: &mut Writer) -> Result<(), sqlx::Error> {
        let mut batch = std::mem::take(&mut self.batch);
        batch.sort_by_key(|(date, c)| (*date, c.id));
        let ids: Vec<i64> = batch.iter().map(|(_, c)| c.id).collect();
        let mut involved = writer.involved(&ids).await?;
        let keys: Vec<(Date, GroupingKey)> = batch
            .iter()
            .map(|(date, c)| {
                let involved = involved.remove(&c.id).unwrap_or_default();
                (*date, key(c, c.id, &involved))
            })
            .collect();
        writer.keep_grouping_keys(&keys).await
    }

    /// The communiqués of `date` are to be grouped again.
    pub fn regroup(&mut self, date: Date) {
        self.pending.insert(date);
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
        let days: HashSet<String> = self.pending.iter().map(month_day).collect();
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
            // Its key is made again from its text when the date is grouped.
            writer.date_from_version(id, &undated.slug, date).await?;
            self.pending.insert(date);
            dated += 1;
        }
        Ok(dated)
    }

    /// Groups versions on the dates this run touched (every date when the
    /// archive holds no grouping key: one made before them, or whose keys
    /// other rules counted), from the communiqués' keys, or their texts when
    /// a key is missing; writes the groups that changed and keeps the keys
    /// read from texts. Dates are taken some thousands of communiqués at a
    /// time, so the memory held is bounded whatever the run.
    pub async fn group(mut self, writer: &mut Writer) -> Result<(), sqlx::Error> {
        writer.ensure_grouping_rules(&grouping_rules()).await?;
        writer.forget_renamed_keys().await?;
        let everything = writer.dates_without_keys().await?;
        tracing::debug!(
            dates = everything.len(),
            "dates of earlier runs without keys"
        );
        self.pending.extend(everything);
        let mut days = Vec::new();
        let mut held = 0;
        let last = self.pending.last().copied();
        let first_new = writer.first_new_id();
        for date in std::mem::take(&mut self.pending) {
            let on_date = writer.grouping_keys(date).await?;
            let mut read = Vec::new();
            for ids in on_date.missing.chunks(IDS_PER_READ) {
                read.extend(writer.stored_for_grouping(Pick::Ids(ids)).await?);
            }
            held += on_date.keys.len() + read.len();
            // The groups kept hold when every communiqué of the date has its
            // key and none left: a new one made its key with this batch.
            let replay = read.is_empty() && !on_date.left;
            days.push(Day {
                date,
                kept: on_date.keys,
                read,
                replay,
            });
            if held >= ROWS_PER_GROUPING || Some(date) == last {
                group_days(writer, std::mem::take(&mut days), first_new).await?;
                held = 0;
            }
        }
        Ok(())
    }
}

/// Names the rules the grouping keys and groups kept were made by: how
/// words are counted (`similarity::signature_rules`) and how groups are
/// made (`dedupe::GROUPING_VERSION`). Keys kept under another stamp are
/// dropped, and every date is grouped anew from the texts.
pub fn grouping_rules() -> String {
    format!(
        "{}-g{}",
        similarity::signature_rules(),
        dedupe::GROUPING_VERSION
    )
}

/// Communiqués grouped at once: what bounds the keys and texts held.
const ROWS_PER_GROUPING: usize = 20_000;

/// A date to group: its communiqués with their grouping key, and those read
/// from their text, whose key is missing.
struct Day {
    date: Date,
    kept: Vec<GroupingKey>,
    read: Vec<StoredForGrouping>,
    /// The groups kept are those of the date's communiqués from before the
    /// run: it is grouped again from them (`dedupe::group_again`),
    /// comparing what the run's new ones change.
    replay: bool,
}

/// Groups `days` on every core (the texts without a key read into
/// signatures there too), writes the groups that changed, in id order so
/// the wide rows are rewritten in file order, and keeps the keys read from
/// texts. Communiqués from id `first_new` on are the run's new ones.
async fn group_days(
    writer: &mut Writer,
    days: Vec<Day>,
    first_new: i64,
) -> Result<(), sqlx::Error> {
    // The group each communiqué is listed under now.
    let listed_under: HashMap<i64, i64> = days
        .iter()
        .flat_map(|d| {
            let kept = d.kept.iter().map(|k| (k.id, k.group_id));
            kept.chain(d.read.iter().map(|r| (r.id, r.group_id)))
        })
        .collect();
    let grouped = crate::parallel::map(&days, |day| {
        let read: Vec<Candidate> = day.read.iter().map(candidate).collect();
        let mut all: Vec<Candidate> = day.kept.iter().map(kept_candidate).collect();
        all.extend(read.iter().cloned());
        let groups = if day.replay {
            let before: Vec<Option<i64>> = day
                .kept
                .iter()
                .map(|k| (k.id < first_new).then_some(k.group_id))
                .collect();
            dedupe::group_again(&all, &before)
        } else {
            dedupe::group(&all)
        };
        (groups, read)
    });
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
    let mut keys: Vec<(Date, GroupingKey)> = Vec::new();
    for (day, (groups, read)) in days.into_iter().zip(grouped) {
        if read.is_empty() {
            continue;
        }
        let group_of: HashMap<i64, i64> = groups.into_iter().collect();
        keys.extend(
            day.read
                .into_iter()
                .zip(read)
                .map(|(row, c)| (day.date, key(&c, group_of[&c.id], &row.involved))),
        );
    }
    writer.keep_grouping_keys(&keys).await
}

/// Communiqués read per statement by id.
const IDS_PER_READ: usize = 500;

/// The grouping key of a communiqué compared as `c`, listed under
/// `group_id`, with who takes part in it and where it was read as stored.
fn key(c: &Candidate, group_id: i64, involved: &Involved) -> GroupingKey {
    let participants = participants(involved);
    GroupingKey {
        id: c.id,
        group_id,
        slug: c.slug.clone(),
        official: c.official,
        body_chars: c.body_chars as i64,
        words: c.words.hashes().to_vec(),
        persons: participants.persons,
        partners: participants.partners,
        pages: pages(involved),
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
        participants: Participants::new(key.persons.clone(), key.partners.clone()),
        pages: key.pages.clone(),
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
