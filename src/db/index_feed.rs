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

/// What the documents call the persons and countries they name, read once
/// for a whole build (or update) rather than with every mention: a person's
/// name and spellings, a country's name. A chunk's mentions are then ids
/// and codes, and a person is read the first time a chunk names them.
#[derive(Debug, Default)]
pub struct Names {
    persons: HashMap<i64, String>,
    /// Every country's name, once read (an archive may have none).
    countries: Option<HashMap<CountryCode, String>>,
}

impl Names {
    fn country(&self, code: CountryCode) -> Option<&String> {
        self.countries.as_ref()?.get(&code)
    }

    /// Reads the persons of `ids` not read yet, and the countries once.
    async fn read(&mut self, pool: &SqlitePool, ids: &[i64]) -> Result<(), sqlx::Error> {
        if self.countries.is_none() {
            let rows: Vec<(String, String)> = sqlx::query_as("SELECT code, name FROM country")
                .fetch_all(pool)
                .await?;
            let mut countries = HashMap::with_capacity(rows.len());
            for (code, name) in rows {
                countries.insert(decode::value("code", code)?, name);
            }
            self.countries = Some(countries);
        }
        let mut missing: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| !self.persons.contains_key(id))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        for chunk in missing.chunks(CHUNK_IDS) {
            let mut q = QueryBuilder::new(
                "SELECT json_group_array(json_array(p.id, p.name || ' ' || coalesce(
                     (SELECT group_concat(spelling, ' ') FROM person_alias a WHERE a.person_id = p.id), '')))
                 FROM person p WHERE p.id IN",
            );
            push_ids(&mut q, chunk);
            let rows: Vec<(i64, String)> = json_rows(pool, q, "person").await?;
            self.persons.extend(rows);
        }
        Ok(())
    }
}

/// The next `limit` listed communiqués after `after` (from the newest when
/// None), newest first: the index is built chunk by chunk, never holding the
/// archive in memory, in the order its searches read (`search::window`).
pub async fn newest_after(
    pool: &SqlitePool,
    after: Option<&After>,
    limit: i64,
    names: &mut Names,
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
    Ok((docs_of(pool, &ids, names).await?, next))
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
/// longer listed has none), newest first, with the names `names` holds
/// (read there when missing). A few thousand ids at most: each is a bound
/// value.
pub async fn docs_of(
    pool: &SqlitePool,
    group_ids: &[i64],
    names: &mut Names,
) -> Result<Vec<IndexRow>, sqlx::Error> {
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
    // Each of these comes back as one JSON array, not row by row: a row
    // crosses from SQLite's thread on its own, with a wake-up each, and
    // these are several rows a communiqué. Mentions are ids and codes; their
    // names are written once in `names` (joined in each chunk, the names
    // took two thirds of these statements' time).
    let mut q = QueryBuilder::new(
        "SELECT json_group_array(json_array(c.group_id, m.position, m.person_id))
         FROM communique c JOIN person_mention m ON m.communique_id = c.id
         WHERE c.group_id IN",
    );
    push_ids(&mut q, group_ids);
    let mut persons: Vec<(i64, i64, i64)> = json_rows(pool, q, "person_mention").await?;
    let mut q = QueryBuilder::new(
        "SELECT json_group_array(json_array(c.group_id, m.position, m.code))
         FROM communique c JOIN country_mention m ON m.communique_id = c.id
         WHERE c.group_id IN",
    );
    push_ids(&mut q, group_ids);
    let mut countries: Vec<(i64, i64, String)> = json_rows(pool, q, "country_mention").await?;
    let ids: Vec<i64> = persons.iter().map(|&(_, _, person)| person).collect();
    names.read(pool, &ids).await?;
    persons.sort_unstable();
    for (group, _, person) in persons {
        let (Some(&i), Some(spellings)) = (at.get(&group), names.persons.get(&person)) else {
            continue;
        };
        add_once(&mut docs[i].persons, person, spellings.clone());
    }
    countries.sort_unstable();
    for (group, _, code) in countries {
        let code: CountryCode = decode::value("code", code)?;
        let (Some(&i), Some(name)) = (at.get(&group), names.country(code)) else {
            continue;
        };
        add_once(&mut docs[i].countries, code, name.clone());
    }
    let mut q = QueryBuilder::new(
        "SELECT json_group_array(json_array(group_id, issuer)) FROM issuer_group WHERE group_id IN",
    );
    push_ids(&mut q, group_ids);
    let mut issuers: Vec<(i64, String)> = json_rows(pool, q, "issuer_group").await?;
    issuers.sort_unstable();
    for (group, slug) in issuers {
        if let Some(&i) = at.get(&group) {
            docs[i].issuers.push(slug);
        }
    }
    Ok(docs)
}

/// The rows a `json_group_array` of `q` holds, read from `table`
/// (`decode::json_array`, on the ingest's pool).
async fn json_rows<T: serde::de::DeserializeOwned>(
    pool: &SqlitePool,
    mut q: QueryBuilder<'_, sqlx::Sqlite>,
    table: &str,
) -> Result<Vec<T>, sqlx::Error> {
    let json: Option<String> = q.build_query_scalar().fetch_one(pool).await?;
    decode::json_list(table, json.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document is its group's versions, the listed one first, with the
    /// persons (and every spelling) and countries any version names, once
    /// each in the order of their first mention (by position in their
    /// version), and the group's issuers; a group id that heads no group
    /// has none; newest first. Names read for one chunk serve the next,
    /// which reads those it names first.
    #[tokio::test]
    async fn a_document_holds_every_version_and_who_any_of_them_names() {
        let (_dir, pool) = crate::db::testing::empty_archive().await;
        for sql in [
            "INSERT INTO communique (id, slug, title, date, body, raw, content_hash, kind, group_id) VALUES
               (1, '2026-03-02-audience', 'Audience', '2026-03-02', 'Texte un.', 'r', 'h1', 'main', 1),
               (2, '2026-03-02-audience-2', 'Audience (bis)', '2026-03-02', 'Texte deux.', 'r', 'h2', 'main', 1),
               (3, '2026-03-09-visite', 'Visite', '2026-03-09', 'Texte trois.', 'r', 'h3', 'main', 3),
               (4, '2026-03-01-ancien', 'Ancien', '2026-03-01', 'Texte quatre.', 'r', 'h4', 'main', 1)",
            "INSERT INTO person (id, slug, name, key, family, sort_name) VALUES
               (10, 'awa-diallo', 'Awa Diallo', 'awa diallo', 'diallo', 'diallo awa'),
               (11, 'ali-traore', 'Ali Traoré', 'ali traore', 'traore', 'traore ali')",
            "INSERT INTO person_alias (person_id, spelling) VALUES (11, 'Ali Traore')",
            "INSERT INTO person_mention (communique_id, person_id, position, roles) VALUES
               (1, 11, 1, ''), (1, 10, 0, ''), (2, 11, 0, ''), (3, 10, 0, '')",
            "INSERT INTO country (code, name, slug) VALUES ('SN', 'Sénégal', 'senegal'), ('FR', 'France', 'france')",
            "INSERT INTO country_mention (communique_id, code, role, position) VALUES
               (2, 'SN', 'partner', 0), (1, 'FR', 'mentioned', 0), (2, 'FR', 'mentioned', 1)",
            "INSERT INTO issuer_group (issuer, sort_key, slug, group_id) VALUES
               ('primature', '2026-03-02', '2026-03-02-audience', 1), ('ccrp', '2026-03-02', '2026-03-02-audience', 1)",
        ] {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        // 4 is grouped under 1 and heads no group: it has no document.
        // The names are read once for a build: a first chunk names Awa
        // Diallo alone, and Ali Traoré is read when a later chunk names him.
        let mut names = Names::default();
        let first = docs_of(&pool, &[3], &mut names).await.unwrap();
        assert_eq!(first[0].persons, [(10, "Awa Diallo ".to_owned())]);
        assert_eq!(names.persons.len(), 1);
        let docs = docs_of(&pool, &[1, 3, 4], &mut names).await.unwrap();
        let ids: Vec<i64> = docs.iter().map(|d| d.id).collect();
        assert_eq!(ids, [3, 1]);
        let audience = &docs[1];
        assert_eq!(audience.titles, ["Audience", "Audience (bis)", "Ancien"]);
        assert_eq!(
            audience.bodies,
            ["Texte un.", "Texte deux.", "Texte quatre."]
        );
        assert_eq!(
            audience.persons,
            [
                (10, "Awa Diallo ".to_owned()),
                (11, "Ali Traoré Ali Traore".to_owned())
            ]
        );
        let codes: Vec<String> = audience
            .countries
            .iter()
            .map(|(c, _)| c.to_string())
            .collect();
        assert_eq!(codes, ["FR", "SN"]);
        assert_eq!(audience.issuers, ["ccrp", "primature"]);
        assert_eq!(docs[0].persons, [(10, "Awa Diallo ".to_owned())]);
        assert!(docs[0].countries.is_empty() && docs[0].issuers.is_empty());
    }
}
