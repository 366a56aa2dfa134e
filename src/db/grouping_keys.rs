//! What grouping compares of each dated communiqué, kept clustered by date
//! (`grouping_key`): grouping a date an earlier run stored reads a few
//! pages, not every row and text of the date scattered over the archive.
//! A cache of what the texts and mentions give: the writer forgets a
//! communiqué's key when any of that changes (`db::store::Writer`), and
//! grouping reads the text again and keeps a new key.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, Transaction};
use time::Date;

use crate::db::bulk_insert::{ROWS_PER_INSERT, insert_rows_then};
use crate::db::push_ids;
use crate::domain::country::CountryCode;

/// The archive meta key naming the rules the stored words were counted by.
const RULES: &str = "grouping_rules";

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
    /// The persons it names, by the keys grouping compares them on.
    pub persons: Vec<i64>,
    pub partners: Vec<CountryCode>,
    /// The files it was read from, by the keys grouping compares them on.
    pub pages: Vec<u64>,
}

impl GroupingKey {
    /// Everything but the ids, in one value (`key` of `grouping_key`):
    /// reading a date's keys reads three values a row, not ten, and
    /// nothing to split, fold or hash again. Little-endian: the slug's
    /// length (u16) and bytes, `official` (u8), `body_chars` (u32), then
    /// each list as its length (u32) and items: words (u32), persons
    /// (i64), partners (2 ASCII bytes), pages (u64).
    fn packed(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            16 + self.slug.len()
                + 4 * self.words.len()
                + 8 * (self.persons.len() + self.pages.len())
                + 2 * self.partners.len(),
        );
        let slug = &self.slug.as_bytes()[..self.slug.len().min(usize::from(u16::MAX))];
        out.extend((slug.len() as u16).to_le_bytes());
        out.extend(slug);
        out.push(u8::from(self.official));
        out.extend(
            u32::try_from(self.body_chars)
                .unwrap_or(u32::MAX)
                .to_le_bytes(),
        );
        // Each item written in place: a key per communiqué, a hundred words
        // each, allocates once.
        fn list<T>(out: &mut Vec<u8>, items: &[T], put: impl Fn(&mut Vec<u8>, &T)) {
            out.extend((items.len() as u32).to_le_bytes());
            for item in items {
                put(out, item);
            }
        }
        list(&mut out, &self.words, |o, w| o.extend(w.to_le_bytes()));
        list(&mut out, &self.persons, |o, p| o.extend(p.to_le_bytes()));
        list(&mut out, &self.partners, |o, c| {
            o.extend(c.as_str().as_bytes())
        });
        list(&mut out, &self.pages, |o, p| o.extend(p.to_le_bytes()));
        out
    }

    /// The key of `packed`; None when the value is not one (a key is a
    /// cache: such a communiqué is read again from its text).
    fn unpack(id: i64, group_id: i64, packed: &[u8]) -> Option<Self> {
        let mut r = Unpack(packed);
        let slug_len = usize::from(u16::from_le_bytes(r.take()?));
        let slug = String::from_utf8(r.bytes(slug_len)?.to_vec()).ok()?;
        let official = r.take::<1>()?[0] != 0;
        let body_chars = i64::from(u32::from_le_bytes(r.take()?));
        let words = r.list(|r| r.take().map(u32::from_le_bytes))?;
        let persons = r.list(|r| r.take().map(i64::from_le_bytes))?;
        let partners = r.list(|r| {
            let code: [u8; 2] = r.take()?;
            CountryCode::parse(std::str::from_utf8(&code).ok()?)
        })?;
        let pages = r.list(|r| r.take().map(u64::from_le_bytes))?;
        r.0.is_empty().then_some(Self {
            id,
            group_id,
            slug,
            official,
            body_chars,
            words,
            persons,
            partners,
            pages,
        })
    }
}

/// What is left to read of a packed key.
struct Unpack<'a>(&'a [u8]);

impl<'a> Unpack<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }

    fn list<T>(&mut self, item: impl Fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let len = u32::from_le_bytes(self.take()?) as usize;
        // No more items than bytes left: a damaged length allocates nothing.
        let mut items = Vec::with_capacity(len.min(self.0.len()));
        for _ in 0..len {
            items.push(item(self)?);
        }
        Some(items)
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

/// The keys of the communiqués of `date` below id `below`, what they were
/// made of (`OnDate`). A key left on a date its communiqué no longer has
/// is removed.
pub async fn on_date(
    tx: &mut Transaction<'_, Sqlite>,
    date: Date,
    below: i64,
) -> Result<OnDate, sqlx::Error> {
    let day = date.to_string();
    // The date's communiqués with their keys, in one pass over both.
    let rows: Vec<(i64, Option<i64>, Option<Vec<u8>>)> = sqlx::query_as(
        "SELECT c.id, k.group_id, k.key FROM communique c INDEXED BY communique_date
         LEFT JOIN grouping_key k ON k.date = ?1 AND k.id = c.id
         WHERE c.date = ?1 AND c.id < ?2",
    )
    .bind(&day)
    .bind(below)
    .fetch_all(&mut **tx)
    .await?;
    let found = rows.iter().filter(|(_, _, key)| key.is_some()).count();
    let mut keys = Vec::with_capacity(found);
    let mut missing = Vec::new();
    for (id, group_id, key) in rows {
        // A key forgotten, or that does not unpack, is missing: the text is
        // read again.
        match group_id
            .zip(key)
            .and_then(|(g, key)| GroupingKey::unpack(id, g, &key))
        {
            Some(key) => keys.push(key),
            None => missing.push(id),
        }
    }
    // More keys on the date than its communiqués have: some left it.
    let here: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM grouping_key WHERE date = ? AND id < ?")
            .bind(&day)
            .bind(below)
            .fetch_one(&mut **tx)
            .await?;
    let left = usize::try_from(here).unwrap_or(0) > found;
    if left {
        sqlx::query(
            "DELETE FROM grouping_key WHERE date = ?1 AND id < ?2 AND id NOT IN
             (SELECT id FROM communique INDEXED BY communique_date WHERE date = ?1)",
        )
        .bind(&day)
        .bind(below)
        .execute(&mut **tx)
        .await?;
    }
    Ok(OnDate {
        keys,
        missing,
        left,
    })
}

/// The communiqués of a date as their grouping keys give them.
#[derive(Debug)]
pub struct OnDate {
    /// The keys of those that have one.
    pub keys: Vec<GroupingKey>,
    /// The ids of those without one.
    pub missing: Vec<i64>,
    /// A communiqué with a key here has left the date (or the archive).
    pub left: bool,
}

/// Every key kept and not forgotten, in id order, with its date: `None`
/// for one that does not unpack. For checking the cache against the rows
/// it was made from.
pub async fn all_kept(
    db: impl sqlx::SqliteExecutor<'_>,
) -> Result<Vec<(String, i64, Option<GroupingKey>)>, sqlx::Error> {
    let rows: Vec<(String, i64, i64, Vec<u8>)> = sqlx::query_as(
        "SELECT date, id, group_id, key FROM grouping_key WHERE key <> x'' ORDER BY id",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(date, id, group_id, key)| (date, id, GroupingKey::unpack(id, group_id, &key)))
        .collect())
}

/// Stores the keys of communiqués, each with its date (replacing theirs):
/// many dates a statement, since a batch's communiqués fall on as many
/// dates as they are.
pub async fn keep(
    tx: &mut Transaction<'_, Sqlite>,
    keys: &[(Date, GroupingKey)],
) -> Result<(), sqlx::Error> {
    insert_rows_then(
        tx,
        "INSERT OR FAIL INTO grouping_key (date, id, group_id, key) ",
        " ON CONFLICT (date, id) DO UPDATE SET group_id = excluded.group_id, key = excluded.key",
        keys,
        |b, (date, k)| {
            b.push_bind(date.to_string())
                .push_bind(k.id)
                .push_bind(k.group_id)
                .push_bind(k.packed());
        },
    )
    .await
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
/// The rows stay, emptied (`STALE`), so that grouping their date again
/// knows a communiqué changed there, or left it, and does not replay the
/// groups kept (`OnDate`).
pub async fn forget(tx: &mut Transaction<'_, Sqlite>, ids: &[i64]) -> Result<(), sqlx::Error> {
    for chunk in ids.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new(format!(
            "UPDATE grouping_key SET key = {STALE} WHERE id IN "
        ));
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
        let mut q = QueryBuilder::<Sqlite>::new(format!(
            "UPDATE grouping_key SET key = {STALE} WHERE id IN
             (SELECT communique_id FROM person_mention WHERE person_id IN "
        ));
        push_ids(&mut q, chunk);
        q.push(")");
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// The key of a forgotten row: empty, which no key packs to.
const STALE: &str = "x''";

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

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> GroupingKey {
        GroupingKey {
            id: 7,
            group_id: 3,
            slug: "2026-01-08-audience-à-koulouba".into(),
            official: true,
            body_chars: 1834,
            words: vec![1, 99, u32::MAX],
            persons: vec![-5, i64::MAX],
            partners: vec![
                CountryCode::parse("tn").unwrap(),
                CountryCode::parse("SN").unwrap(),
            ],
            pages: vec![0, u64::MAX],
        }
    }

    #[test]
    fn a_packed_key_unpacks_to_itself() {
        let k = key();
        assert_eq!(GroupingKey::unpack(7, 3, &k.packed()), Some(k));
        let empty = GroupingKey {
            slug: String::new(),
            words: vec![],
            persons: vec![],
            partners: vec![],
            pages: vec![],
            ..key()
        };
        assert_eq!(GroupingKey::unpack(7, 3, &empty.packed()), Some(empty));
    }

    #[test]
    fn a_damaged_key_is_none_rather_than_a_wrong_key() {
        let packed = key().packed();
        // Cut anywhere, or followed by anything, it is not a key.
        for n in 0..packed.len() {
            assert_eq!(GroupingKey::unpack(7, 3, &packed[..n]), None, "cut at {n}");
        }
        let mut longer = packed.clone();
        longer.push(0);
        assert_eq!(GroupingKey::unpack(7, 3, &longer), None);
        // A list length beyond the bytes allocates nothing and fails.
        let mut huge = packed.clone();
        let words_at = 2 + key().slug.len() + 1 + 4;
        huge[words_at..words_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(GroupingKey::unpack(7, 3, &huge), None);
    }

    #[tokio::test]
    async fn keys_of_many_dates_kept_at_once_are_found_by_their_date_and_replace_older_ones() {
        let (_dir, pool) = crate::db::testing::empty_archive().await;
        let mut tx = pool.begin().await.unwrap();
        let day = |d: u8| Date::from_calendar_date(2026, time::Month::January, d).unwrap();
        let at = |id: i64, group_id: i64| GroupingKey {
            id,
            group_id,
            ..key()
        };
        // More rows than one statement takes, over many dates.
        let keys: Vec<(Date, GroupingKey)> = (1..=1_200)
            .map(|id| (day(1 + (id % 28) as u8), at(id, id)))
            .collect();
        keep(&mut tx, &keys).await.unwrap();
        // Kept again under another group: the key is replaced, not doubled.
        keep(&mut tx, &[(day(2), at(1, 5))]).await.unwrap();
        let rows: Vec<(String, i64, i64)> =
            sqlx::query_as("SELECT date, id, group_id FROM grouping_key ORDER BY id")
                .fetch_all(&mut *tx)
                .await
                .unwrap();
        assert_eq!(rows.len(), 1_200);
        assert_eq!(rows[0], ("2026-01-02".to_owned(), 1, 5));
        assert_eq!(rows[27], ("2026-01-01".to_owned(), 28, 28));
        assert_eq!(rows[1_199], ("2026-01-25".to_owned(), 1_200, 1_200));
    }
}
