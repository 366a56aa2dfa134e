//! What grouping compares of each dated communiqué, kept clustered by date
//! (`grouping_key`): grouping a date an earlier run stored reads a few
//! pages, not every row and text of the date scattered over the archive.
//! A cache of what the texts and mentions give: the writer forgets a
//! communiqué's key when any of that changes (`db::store::Writer`), and
//! grouping reads the text again and keeps a new key.

use std::collections::{HashMap, HashSet};

use sqlx::{QueryBuilder, Sqlite, Transaction};
use time::Date;

use crate::db::push_ids;
use crate::domain::country::CountryCode;

/// The archive meta key naming the rules the stored words were counted by.
const RULES: &str = "grouping_rules";

/// Rows per multi-row statement: 10 values each, under SQLite's limit.
const ROWS_PER_INSERT: usize = 500;

/// Who takes part in a communiqué and where it was read: what grouping
/// reads of it besides its words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Involved {
    /// The persons' names as stored.
    pub persons: Vec<String>,
    pub partners: Vec<CountryCode>,
    /// SHA-256 of the files it was read from.
    pub pages: Vec<String>,
}

/// The columns of `Involved` for the communiqué `c`, one value per line:
/// `persons`, `partners`, `pages`.
pub(crate) const INVOLVED_COLUMNS: &str =
    "(SELECT group_concat(p.name, char(10)) FROM person_mention m
      JOIN person p ON p.id = m.person_id WHERE m.communique_id = c.id) AS persons,
     (SELECT group_concat(m.code, char(10)) FROM country_mention m
      WHERE m.communique_id = c.id AND m.role = 'partner') AS partners,
     (SELECT group_concat(s.file_sha256, char(10)) FROM source s
      WHERE s.communique_id = c.id) AS pages";

impl Involved {
    /// From the three columns of `INVOLVED_COLUMNS`.
    pub(crate) fn from_lines(
        persons: Option<&str>,
        partners: Option<&str>,
        pages: Option<&str>,
    ) -> Self {
        let lines = |s: Option<&str>| -> Vec<String> {
            s.map(|s| s.lines().map(str::to_owned).collect())
                .unwrap_or_default()
        };
        Self {
            persons: lines(persons),
            partners: lines(partners)
                .into_iter()
                .filter_map(|code| CountryCode::try_from(code).ok())
                .collect(),
            pages: lines(pages),
        }
    }
}

/// What grouping compares of one dated communiqué.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupingKey {
    pub id: i64,
    /// The version it is listed under.
    pub group_id: i64,
    pub slug: String,
    /// It has an issuing body: the official text.
    pub official: bool,
    pub body_chars: i64,
    /// The content words of its headline and text, hashed, sorted.
    pub words: Vec<u32>,
    pub involved: Involved,
}

#[derive(sqlx::FromRow)]
struct KeyRow {
    id: i64,
    group_id: i64,
    slug: String,
    official: bool,
    body_chars: i64,
    words: Vec<u8>,
    persons: String,
    partners: String,
    pages: String,
}

impl From<KeyRow> for GroupingKey {
    fn from(r: KeyRow) -> Self {
        Self {
            id: r.id,
            group_id: r.group_id,
            slug: r.slug,
            official: r.official,
            body_chars: r.body_chars,
            words: r
                .words
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
            involved: Involved::from_lines(Some(&r.persons), Some(&r.partners), Some(&r.pages)),
        }
    }
}

/// Empties the keys when they were counted by other rules than `rules`
/// (a stamp of the word lists and the code that count words).
pub async fn ensure_rules(
    tx: &mut Transaction<'_, Sqlite>,
    rules: &str,
) -> Result<(), sqlx::Error> {
    if crate::db::meta::get(&mut **tx, RULES).await?.as_deref() == Some(rules) {
        return Ok(());
    }
    sqlx::query("DELETE FROM grouping_key")
        .execute(&mut **tx)
        .await?;
    crate::db::meta::set(tx, RULES, rules).await
}

/// Are there dated communiqués below id `below` and no key of any of
/// them? Then the archive was made before the keys, or its keys were
/// counted by other rules.
pub async fn none_kept(tx: &mut Transaction<'_, Sqlite>, below: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT NOT EXISTS (SELECT 1 FROM grouping_key WHERE id < ?1)
            AND EXISTS (SELECT 1 FROM communique WHERE date IS NOT NULL AND id < ?1)",
    )
    .bind(below)
    .fetch_one(&mut **tx)
    .await
}

/// The dates of the communiqués below id `below`, in order.
pub async fn dates(tx: &mut Transaction<'_, Sqlite>, below: i64) -> Result<Vec<Date>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT date FROM communique INDEXED BY communique_date
         WHERE date IS NOT NULL AND id < ? ORDER BY date",
    )
    .bind(below)
    .fetch_all(&mut **tx)
    .await
}

/// The keys of the communiqués of `date` below id `below`, and the ids of
/// those of them without one. A key left on a date its communiqué no
/// longer has is removed.
pub async fn on_date(
    tx: &mut Transaction<'_, Sqlite>,
    date: Date,
    below: i64,
) -> Result<(Vec<GroupingKey>, Vec<i64>), sqlx::Error> {
    let day = date.to_string();
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM communique INDEXED BY communique_date WHERE date = ? AND id < ?",
    )
    .bind(&day)
    .bind(below)
    .fetch_all(&mut **tx)
    .await?;
    let rows: Vec<KeyRow> = sqlx::query_as(
        "SELECT id, group_id, slug, official, body_chars, words, persons, partners, pages
         FROM grouping_key WHERE date = ? AND id < ?",
    )
    .bind(&day)
    .bind(below)
    .fetch_all(&mut **tx)
    .await?;
    let on_date: HashSet<i64> = ids.iter().copied().collect();
    let mut keys = Vec::with_capacity(rows.len());
    for row in rows {
        if on_date.contains(&row.id) {
            keys.push(GroupingKey::from(row));
        } else {
            sqlx::query("DELETE FROM grouping_key WHERE date = ? AND id = ?")
                .bind(&day)
                .bind(row.id)
                .execute(&mut **tx)
                .await?;
        }
    }
    let kept: HashSet<i64> = keys.iter().map(|k| k.id).collect();
    let missing = ids.into_iter().filter(|id| !kept.contains(id)).collect();
    Ok((keys, missing))
}

/// Stores the keys of communiqués of `date` (replacing theirs).
pub async fn keep(
    tx: &mut Transaction<'_, Sqlite>,
    date: Date,
    keys: &[GroupingKey],
) -> Result<(), sqlx::Error> {
    let day = date.to_string();
    for chunk in keys.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT OR REPLACE INTO grouping_key
             (date, id, group_id, slug, official, body_chars, words, persons, partners, pages) ",
        );
        q.push_values(chunk, |mut b, k| {
            let words: Vec<u8> = k.words.iter().flat_map(|w| w.to_le_bytes()).collect();
            let partners: Vec<&str> = k.involved.partners.iter().map(|c| c.as_str()).collect();
            b.push_bind(day.clone())
                .push_bind(k.id)
                .push_bind(k.group_id)
                .push_bind(k.slug.clone())
                .push_bind(k.official)
                .push_bind(k.body_chars)
                .push_bind(words)
                .push_bind(k.involved.persons.join("\n"))
                .push_bind(partners.join("\n"))
                .push_bind(k.involved.pages.join("\n"));
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// A communiqué's id and its `INVOLVED_COLUMNS`.
type InvolvedRow = (i64, Option<String>, Option<String>, Option<String>);

/// Who takes part in each of the communiqués `ids`, and where each was read.
pub async fn involved(
    tx: &mut Transaction<'_, Sqlite>,
    ids: &[i64],
) -> Result<HashMap<i64, Involved>, sqlx::Error> {
    let mut all = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new("WITH c(id) AS (VALUES ");
        let mut values = q.separated(", ");
        for id in chunk {
            values
                .push("(")
                .push_bind_unseparated(*id)
                .push_unseparated(")");
        }
        q.push(format!(") SELECT c.id, {INVOLVED_COLUMNS} FROM c"));
        let rows: Vec<InvolvedRow> = q.build_query_as().fetch_all(&mut **tx).await?;
        for (id, persons, partners, pages) in rows {
            let involved =
                Involved::from_lines(persons.as_deref(), partners.as_deref(), pages.as_deref());
            all.insert(id, involved);
        }
    }
    Ok(all)
}

/// Forgets the keys of the communiqués `ids`: what they were made of changed.
pub async fn forget(tx: &mut Transaction<'_, Sqlite>, ids: &[i64]) -> Result<(), sqlx::Error> {
    for chunk in ids.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new("DELETE FROM grouping_key WHERE id IN ");
        push_ids(&mut q, chunk);
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Forgets the keys of the communiqués naming any of `persons`: a person's
/// stored name changed.
pub async fn forget_naming(
    tx: &mut Transaction<'_, Sqlite>,
    persons: &[i64],
) -> Result<(), sqlx::Error> {
    for chunk in persons.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "DELETE FROM grouping_key WHERE id IN
             (SELECT communique_id FROM person_mention WHERE person_id IN ",
        );
        push_ids(&mut q, chunk);
        q.push(")");
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Communiqué `id` is listed under `group_id` now.
pub async fn regroup(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    group_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE grouping_key SET group_id = ? WHERE id = ?")
        .bind(group_id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
