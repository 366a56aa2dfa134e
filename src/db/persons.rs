//! Persons: resolving a name read in an article to the archive's person (the
//! same key, or a spelling variant of the same family), their spellings and
//! mentions, and the reads the pages need.

use std::collections::{HashMap, HashSet};

use sqlx::{Sqlite, Transaction};

use crate::domain::country::CountryCode;
use crate::domain::person::{PersonMention, accent_score, same_person};
use crate::domain::slug::slugify;
use crate::domain::text::{fold, squeeze_spaces};

fn key_of(name: &str) -> String {
    squeeze_spaces(&fold(name))
}

fn family_of(key: &str) -> &str {
    key.rsplit(' ').next().unwrap_or(key)
}

/// "goita assimi": family first, for A–Z. A regnal number is no family name:
/// "Abubakar II" sorts under A.
fn sort_name_of(key: &str) -> String {
    let regnal = key
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')));
    if regnal {
        return key.to_owned();
    }
    match key.rsplit_once(' ') {
        Some((given, family)) => format!("{family} {given}"),
        None => key.to_owned(),
    }
}

/// Finds the archive's person for each name read in a run, creating the new
/// ones. Remembers what it resolved, so a person named in a thousand
/// communiqués costs one lookup, and asks the database about spelling
/// variants only when it held persons before the run.
pub struct Resolver {
    /// Folded key → (id, name as stored).
    by_key: HashMap<String, (i64, String)>,
    /// Folded family name → persons created by this run.
    by_family: HashMap<String, Vec<(i64, String)>>,
    aliases: HashSet<(i64, String)>,
    had_persons: bool,
    /// Persons this run created.
    created: HashSet<i64>,
    /// Persons of earlier runs given a spelling with a word none of their
    /// spellings had: the search documents naming them change too.
    respelled: HashSet<i64>,
    /// Persons of earlier runs whose name changed for a better-written
    /// spelling.
    renamed: HashSet<i64>,
    /// The name as stored now of every person this run resolved.
    names: HashMap<i64, String>,
}

impl Resolver {
    pub async fn new(tx: &mut Transaction<'_, Sqlite>) -> Result<Self, sqlx::Error> {
        let any: Option<i64> = sqlx::query_scalar("SELECT id FROM person LIMIT 1")
            .fetch_optional(&mut **tx)
            .await?;
        Ok(Self {
            by_key: HashMap::new(),
            by_family: HashMap::new(),
            aliases: HashSet::new(),
            had_persons: any.is_some(),
            created: HashSet::new(),
            respelled: HashSet::new(),
            renamed: HashSet::new(),
            names: HashMap::new(),
        })
    }

    /// Persons of earlier runs given a spelling with a new word.
    pub fn respelled(&self) -> &HashSet<i64> {
        &self.respelled
    }

    /// The name as stored now of a person this run resolved.
    pub fn name(&self, id: i64) -> Option<&str> {
        self.names.get(&id).map(String::as_str)
    }

    /// Persons of earlier runs whose name changed: what named them as they
    /// were named is stale.
    pub fn renamed(&self) -> &HashSet<i64> {
        &self.renamed
    }

    /// The archive's person for a name read in an article, created if new.
    pub async fn resolve(
        &mut self,
        tx: &mut Transaction<'_, Sqlite>,
        p: &PersonMention,
    ) -> Result<i64, sqlx::Error> {
        let key = key_of(&p.name);
        let mut found = self.by_key.get(&key).cloned();
        if found.is_none() && self.had_persons {
            found = sqlx::query_as("SELECT id, name FROM person WHERE key = ?")
                .bind(&key)
                .fetch_optional(&mut **tx)
                .await?;
        }
        if found.is_none() {
            // The database holds this run's persons too; without earlier
            // ones, the run's own list is the whole answer.
            let same_family: Vec<(i64, String)> = if self.had_persons {
                sqlx::query_as("SELECT id, name FROM person WHERE family = ? ORDER BY id")
                    .bind(family_of(&key))
                    .fetch_all(&mut **tx)
                    .await?
            } else {
                self.by_family
                    .get(family_of(&key))
                    .cloned()
                    .unwrap_or_default()
            };
            found = same_family
                .into_iter()
                .find(|(_, name)| same_person(name, &p.name));
        }
        let id = match found {
            Some((id, name)) => {
                // The best-written spelling names the person; the slug never changes.
                let name = if accent_score(&p.name) > accent_score(&name) {
                    sqlx::query("UPDATE person SET name = ? WHERE id = ?")
                        .bind(&p.name)
                        .bind(id)
                        .execute(&mut **tx)
                        .await?;
                    if !self.created.contains(&id) {
                        self.renamed.insert(id);
                    }
                    // Rare (a person's name only gains accents): a scan of
                    // what is remembered keeps every entry current.
                    let remembered = self.by_family.values_mut().flatten();
                    for same in remembered.chain(self.by_key.values_mut()) {
                        if same.0 == id {
                            same.1.clone_from(&p.name);
                        }
                    }
                    p.name.clone()
                } else {
                    name
                };
                self.names.insert(id, name.clone());
                self.by_key.insert(key, (id, name));
                id
            }
            None => {
                let id = insert(tx, &p.name, &key).await?;
                self.created.insert(id);
                self.by_family
                    .entry(family_of(&key).to_owned())
                    .or_default()
                    .push((id, p.name.clone()));
                self.names.insert(id, p.name.clone());
                self.by_key.insert(key, (id, p.name.clone()));
                id
            }
        };
        for spelling in std::iter::once(&p.name).chain(&p.spellings) {
            if !self.aliases.insert((id, spelling.clone())) {
                continue;
            }
            let added = sqlx::query(
                "INSERT OR IGNORE INTO person_alias (person_id, spelling) VALUES (?, ?)",
            )
            .bind(id)
            .bind(spelling)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if added > 0
                && !self.created.contains(&id)
                && !self.respelled.contains(&id)
                && adds_words(tx, id, spelling).await?
            {
                self.respelled.insert(id);
            }
        }
        Ok(id)
    }
}

/// Does `spelling`, just stored for person `id`, have a word (folded) that
/// none of its other spellings has? Only then do the search documents naming
/// the person change: the index folds case and accents.
async fn adds_words(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    spelling: &str,
) -> Result<bool, sqlx::Error> {
    let others: Vec<String> = sqlx::query_scalar(
        "SELECT spelling FROM person_alias WHERE person_id = ? AND spelling <> ?",
    )
    .bind(id)
    .bind(spelling)
    .fetch_all(&mut **tx)
    .await?;
    let words = |s: &str| {
        fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect::<Vec<String>>()
    };
    let known: HashSet<String> = others.iter().flat_map(|o| words(o)).collect();
    Ok(words(spelling).iter().any(|w| !known.contains(w)))
}

async fn insert(
    tx: &mut Transaction<'_, Sqlite>,
    name: &str,
    key: &str,
) -> Result<i64, sqlx::Error> {
    let base = slugify(name, 80);
    let base = if base.is_empty() {
        "personne".to_owned()
    } else {
        base
    };
    let mut slug = base.clone();
    let mut n = 2;
    while sqlx::query_scalar::<_, i64>("SELECT id FROM person WHERE slug = ?")
        .bind(&slug)
        .fetch_optional(&mut **tx)
        .await?
        .is_some()
    {
        slug = format!("{base}-{n}");
        n += 1;
    }
    sqlx::query_scalar(
        "INSERT INTO person (slug, name, key, family, sort_name) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&slug)
    .bind(name)
    .bind(key)
    .bind(family_of(key))
    .bind(sort_name_of(key))
    .fetch_one(&mut **tx)
    .await
}

/// Records that a communiqué names a person, with the functions written there.
pub async fn add_mention(
    tx: &mut Transaction<'_, Sqlite>,
    communique_id: i64,
    person_id: i64,
    position: usize,
    roles: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO person_mention (communique_id, person_id, position, roles) VALUES (?, ?, ?, ?)
         ON CONFLICT (communique_id, person_id) DO NOTHING",
    )
    .bind(communique_id)
    .bind(person_id)
    .bind(position as i64)
    .bind(roles.join("\n"))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A person in a list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub communiques: i64,
}

/// How to order the list of persons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonOrder {
    /// A–Z by family name.
    Name,
    /// Most communiqués first.
    Count,
}

pub async fn count(pool: &super::Pool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM person WHERE communiques > 0")
        .fetch_one(pool)
        .await
}

pub async fn list(
    pool: &super::Pool,
    order: PersonOrder,
    limit: i64,
    offset: i64,
) -> Result<Vec<PersonRow>, sqlx::Error> {
    let order_by = match order {
        PersonOrder::Name => "sort_name, id",
        PersonOrder::Count => "communiques DESC, sort_name, id",
    };
    sqlx::query_as(&format!(
        "SELECT id, slug, name, communiques FROM person WHERE communiques > 0 ORDER BY {order_by} LIMIT ? OFFSET ?"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await
}

pub async fn by_slug(pool: &super::Pool, slug: &str) -> Result<Option<PersonRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, slug, name, communiques FROM person WHERE slug = ?")
        .bind(slug)
        .fetch_optional(pool)
        .await
}

/// A person named in a communiqué, with the functions written there.
#[derive(Debug, Clone)]
pub struct MentionRow {
    pub slug: String,
    pub name: String,
    pub roles: String,
}

/// A `MentionRow` as `mentions_json` writes it, with its position.
pub(super) type MentionJson = (String, String, String, i64);

/// The mentions `mentions_json` wrote, in the order of their first
/// mention in the text.
pub(super) fn mention_rows(mut json: Vec<MentionJson>) -> Vec<MentionRow> {
    json.sort_by_key(|m| m.3);
    json.into_iter()
        .map(|(slug, name, roles, _)| MentionRow { slug, name, roles })
        .collect()
}

/// A subquery: the persons the communiqué whose id is `id` (an SQL
/// expression) names, with their positions, as a JSON array of
/// `MentionJson`. Not in order: an `ORDER BY` inside the aggregate sorts
/// through a temporary B-tree for every communiqué, which cost a search
/// page a quarter of its statement; `mention_rows` orders them.
pub(super) fn mentions_json(id: &str) -> String {
    format!(
        "(SELECT json_group_array(json_array(p.slug, p.name, m.roles, m.position))
            FROM person_mention m JOIN person p ON p.id = m.person_id
           WHERE m.communique_id = {id})"
    )
}

/// A person and how often they are named with another person or a country,
/// as a JSON array: id, slug, name, communiqués, times.
pub(super) type RelatedJson = (i64, String, String, i64, i64);

/// The persons of `RelatedJson`s, each with how often.
pub(super) fn related(rows: Vec<RelatedJson>) -> Vec<(PersonRow, i64)> {
    rows.into_iter()
        .map(|(id, slug, name, communiques, n)| {
            (
                PersonRow {
                    id,
                    slug,
                    name,
                    communiques,
                },
                n,
            )
        })
        .collect()
}

/// The persons most often named in listed communiqués that name a country,
/// read in one row.
pub async fn with_country(
    pool: &super::Pool,
    code: CountryCode,
    limit: i64,
) -> Result<Vec<(PersonRow, i64)>, sqlx::Error> {
    let mut q = sqlx::QueryBuilder::new(
        "SELECT json_group_array(json_array(id, slug, name, communiques, n)
                ORDER BY n DESC, sort_name)
           FROM (SELECT p.id, p.slug, p.name, p.communiques, p.sort_name, pc.n
                   FROM person_country pc JOIN person p ON p.id = pc.person_id
                  WHERE pc.code = ",
    );
    q.push_bind(code.as_str().to_owned())
        .push(" ORDER BY pc.n DESC, p.sort_name LIMIT ")
        .push_bind(limit)
        .push(")");
    let rows: Vec<RelatedJson> = super::decode::json_array(&mut q, pool, "persons").await?;
    Ok(related(rows))
}

/// The sort keys ("family given", folded) of these persons, by id.
pub async fn sort_keys(
    pool: &super::Pool,
    ids: &[i64],
) -> Result<HashMap<i64, String>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut q = sqlx::QueryBuilder::new("SELECT id, sort_name FROM person WHERE id IN ");
    crate::db::push_ids(&mut q, ids);
    let rows: Vec<(i64, String)> = q.build_query_as().fetch_all(pool).await?;
    Ok(rows.into_iter().collect())
}
