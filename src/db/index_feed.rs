//! What the search index is built from: the listed communiqués in chunks,
//! each with every version's text and the persons and countries named.

use std::collections::HashMap;

use sqlx::{QueryBuilder, SqlitePool};
use time::Date;

use super::{decode, push_ids};
use crate::domain::country::CountryCode;

/// One listed communiqué as the index reads it: every version's text, and
/// the persons and countries any version names.
#[derive(Debug, Default)]
pub struct IndexRow {
    pub id: i64,
    pub date: Option<Date>,
    pub titles: Vec<String>,
    pub bodies: Vec<String>,
    /// (id, name and every spelling)
    pub persons: Vec<(i64, String)>,
    /// (code, name)
    pub countries: Vec<(CountryCode, String)>,
    /// The slugs of its issuers.
    pub issuers: Vec<String>,
}

/// (group id, id, date of the group, title, body) of one version.
type TextRow = (i64, i64, Option<Date>, Option<String>, String);

/// Adds `(key, value)` unless `key` is there already: the versions of a
/// group name the same person or country more than once.
fn add_once<K: PartialEq>(list: &mut Vec<(K, String)>, key: K, value: String) {
    if !list.iter().any(|(k, _)| *k == key) {
        list.push((key, value));
    }
}

/// Where a newest-first read of the listed communiqués is: the sort key
/// and slug of the last one read (the order of `communique_listed`).
#[derive(Debug, Clone, Default)]
pub struct After {
    sort_key: String,
    slug: String,
}

/// The next `limit` listed communiqués after `after` (from the newest when
/// None), newest first: the index is built chunk by chunk, never holding the
/// archive in memory, in the order its searches read (`search::window`).
pub async fn newest_after(
    pool: &SqlitePool,
    after: Option<&After>,
    limit: i64,
) -> Result<(Vec<IndexRow>, Option<After>), sqlx::Error> {
    // '~' sorts after every date, so the first chunk starts at the newest.
    let (key, slug) = after.map_or(("~", ""), |a| (a.sort_key.as_str(), a.slug.as_str()));
    let groups: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, sort_key, slug FROM communique
         WHERE id = group_id AND sort_key <= ?1 AND (sort_key < ?1 OR slug > ?2)
         ORDER BY sort_key DESC, slug LIMIT ?3",
    )
    .bind(key)
    .bind(slug)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let next = groups.last().map(|(_, sort_key, slug)| After {
        sort_key: sort_key.clone(),
        slug: slug.clone(),
    });
    let ids: Vec<i64> = groups.into_iter().map(|(id, _, _)| id).collect();
    Ok((docs_of(pool, &ids).await?, next))
}

/// Those of `group_ids` that are listed, newest first (the order of
/// `newest_after`), so that an update writes its documents as a build does.
pub async fn newest_first(pool: &SqlitePool, group_ids: &[i64]) -> Result<Vec<i64>, sqlx::Error> {
    let mut keyed: Vec<(String, String, i64)> = Vec::with_capacity(group_ids.len());
    for chunk in group_ids.chunks(CHUNK_IDS) {
        let mut q = QueryBuilder::new(
            "SELECT sort_key, slug, id FROM communique WHERE id = group_id AND id IN",
        );
        push_ids(&mut q, chunk);
        keyed.extend(
            q.build_query_as::<(String, String, i64)>()
                .fetch_all(pool)
                .await?,
        );
    }
    keyed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(keyed.into_iter().map(|(_, _, id)| id).collect())
}

/// Ids bound in one statement by `newest_first`.
const CHUNK_IDS: usize = 10_000;

/// The documents of those of `group_ids` that are listed (a group id no
/// longer listed has none), newest first. A few thousand ids at most: each
/// is a bound value.
pub async fn docs_of(pool: &SqlitePool, group_ids: &[i64]) -> Result<Vec<IndexRow>, sqlx::Error> {
    if group_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::new(
        "SELECT c.group_id, c.id, r.date, c.title, c.body FROM communique c
         JOIN communique r ON r.id = c.group_id AND r.group_id = r.id
         WHERE c.group_id IN",
    );
    push_ids(&mut q, group_ids);
    // Documents are made in the order their first row comes: newest first.
    q.push(" ORDER BY r.sort_key DESC, r.slug, c.id = c.group_id DESC, c.id");
    let texts: Vec<TextRow> = q.build_query_as().fetch_all(pool).await?;
    let mut docs: Vec<IndexRow> = Vec::with_capacity(group_ids.len());
    let mut at: HashMap<i64, usize> = HashMap::new();
    for (group, _, date, title, body) in texts {
        let i = *at.entry(group).or_insert_with(|| {
            docs.push(IndexRow {
                id: group,
                date,
                ..IndexRow::default()
            });
            docs.len() - 1
        });
        docs[i].titles.extend(title);
        docs[i].bodies.push(body);
    }
    let mut q = QueryBuilder::new(
        "SELECT DISTINCT c.group_id, p.id, p.name || ' ' || coalesce(
             (SELECT group_concat(spelling, ' ') FROM person_alias a WHERE a.person_id = p.id), '')
         FROM communique c JOIN person_mention m ON m.communique_id = c.id JOIN person p ON p.id = m.person_id
         WHERE c.group_id IN",
    );
    push_ids(&mut q, group_ids);
    q.push(" ORDER BY c.group_id, m.position");
    let persons: Vec<(i64, i64, String)> = q.build_query_as().fetch_all(pool).await?;
    for (group, person, names) in persons {
        if let Some(&i) = at.get(&group) {
            add_once(&mut docs[i].persons, person, names);
        }
    }
    let mut q = QueryBuilder::new(
        "SELECT DISTINCT c.group_id, k.code, k.name FROM communique c
         JOIN country_mention m ON m.communique_id = c.id JOIN country k ON k.code = m.code
         WHERE c.group_id IN",
    );
    push_ids(&mut q, group_ids);
    q.push(" ORDER BY c.group_id, m.position");
    let countries: Vec<(i64, String, String)> = q.build_query_as().fetch_all(pool).await?;
    for (group, code, name) in countries {
        if let Some(&i) = at.get(&group) {
            add_once(&mut docs[i].countries, decode::value("code", code)?, name);
        }
    }
    let mut q = QueryBuilder::new("SELECT group_id, issuer FROM issuer_group WHERE group_id IN");
    push_ids(&mut q, group_ids);
    q.push(" ORDER BY group_id, issuer");
    let issuers: Vec<(i64, String)> = q.build_query_as().fetch_all(pool).await?;
    for (group, slug) in issuers {
        if let Some(&i) = at.get(&group) {
            docs[i].issuers.push(slug);
        }
    }
    Ok(docs)
}
