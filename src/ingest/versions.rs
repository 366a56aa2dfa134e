//! Versions of one event across an ingest run: which dates to group again,
//! the communiqués that wait for a version to give them a year, and the
//! grouping itself (`analysis::dedupe`), fed from the run and from the rows
//! earlier runs stored.

use std::collections::{BTreeMap, HashMap, HashSet};

use time::Date;

use crate::analysis::dedupe::{self, Candidate, Participants};
use crate::analysis::parse::Article;
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
            let Some(undated) = writer.stored_for_grouping(Pick::Id(id)).await?.pop() else {
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
    /// earlier runs stored on them, and writes the groups that changed.
    pub async fn group(self, writer: &mut Writer) -> Result<(), sqlx::Error> {
        let mut dates = Vec::with_capacity(self.pending.len());
        // The group each communiqué of an earlier run is listed under now;
        // those of this run were written as their own.
        let mut listed_under: HashMap<i64, i64> = HashMap::new();
        for (date, candidates) in self.pending {
            let mut earlier = Vec::new();
            if writer.had_rows() {
                earlier = writer
                    .stored_for_grouping(Pick::OnDate(date, writer.first_new_id()))
                    .await?;
                listed_under.extend(earlier.iter().map(|row| (row.id, row.group_id)));
            }
            dates.push((earlier, candidates));
        }
        // Dates spread over every core, the texts of earlier runs read
        // into signatures there too.
        let groups = crate::parallel::map(&dates, |(earlier, candidates)| {
            let mut all: Vec<Candidate> = earlier.iter().map(candidate).collect();
            all.extend(candidates.iter().cloned());
            dedupe::group(&all)
        });
        drop(dates);
        // Only the groups that change are written, in id order, so the
        // wide rows are rewritten in file order.
        let mut changes: Vec<(i64, i64, i64)> = groups
            .into_iter()
            .flatten()
            .filter_map(|(id, group_id)| {
                let now = listed_under.get(&id).copied().unwrap_or(id);
                (now != group_id).then_some((id, now, group_id))
            })
            .collect();
        changes.sort_unstable();
        for (id, old_group, group_id) in changes {
            writer.set_group(id, old_group, group_id).await?;
        }
        Ok(())
    }
}

/// "12-08" of a date: how a day without a year is stored.
fn month_day(date: &Date) -> String {
    format!("{:02}-{:02}", u8::from(date.month()), date.day())
}

/// A stored communiqué as grouping sees it.
fn candidate(row: &StoredForGrouping) -> Candidate {
    let mut pages: Vec<u64> = row.pages.iter().map(|sha| dedupe::page_key(sha)).collect();
    pages.sort_unstable();
    pages.dedup();
    Candidate {
        id: row.id,
        words: dedupe::signature(row.title.as_deref(), &row.body),
        body_chars: row.body.chars().count(),
        slug: row.slug.clone(),
        participants: Participants::new(
            row.persons.iter().map(|n| dedupe::person_key(n)).collect(),
            row.partners.clone(),
        ),
        pages,
        official: row.official,
    }
}
