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

/// The next `limit` listed communiqués after group id `after`, in id order:
/// the index is built chunk by chunk, never holding the archive in memory.
pub async fn docs_after(
    pool: &SqlitePool,
    after: i64,
    limit: i64,
) -> Result<Vec<IndexRow>, sqlx::Error> {
    let groups: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM communique WHERE id = group_id AND id > ? ORDER BY id LIMIT ?",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    docs_of(pool, &groups).await
}

/// The documents of those of `group_ids` that are listed (a group id no
/// longer listed has none), in id order. A few thousand ids at most: each
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
    q.push(" ORDER BY c.group_id, c.id = c.group_id DESC, c.id");
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
