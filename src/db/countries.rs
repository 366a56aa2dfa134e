//! Countries: recording the countries a communiqué names, their counts, and
//! the reads the pages need.

use sqlx::{Sqlite, Transaction};

use crate::domain::country::{self, CountryCode, CountryMention, CountryRole};
use crate::domain::slug::slugify;

/// Records that a communiqué names a country, as partner or mentioned.
pub async fn add_mention(
    tx: &mut Transaction<'_, Sqlite>,
    communique_id: i64,
    mention: &CountryMention,
    position: usize,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO country_mention (communique_id, code, role, position) VALUES (?, ?, ?, ?)
         ON CONFLICT (communique_id, code) DO NOTHING",
    )
    .bind(communique_id)
    .bind(mention.code.as_str())
    .bind(mention.role.as_str())
    .bind(position as i64)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Makes sure the country table has a row for this code (its name from the
/// gazetteer).
pub async fn ensure(
    tx: &mut Transaction<'_, Sqlite>,
    code: CountryCode,
) -> Result<(), sqlx::Error> {
    let name = country::by_code(code).map_or_else(|| code.to_string(), |c| c.name.clone());
    sqlx::query("INSERT OR IGNORE INTO country (code, name, slug) VALUES (?, ?, ?)")
        .bind(code.as_str())
        .bind(&name)
        .bind(slugify(&name, 60))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CountryRow {
    #[sqlx(try_from = "String")]
    pub code: CountryCode,
    pub name: String,
    pub partner: i64,
    pub mentioned: i64,
}

/// Every country the archive names, partners first.
pub async fn list(pool: &super::Pool) -> Result<Vec<CountryRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT code, name, partner, mentioned FROM country WHERE partner + mentioned > 0
         ORDER BY partner DESC, mentioned DESC, name",
    )
    .fetch_all(pool)
    .await
}

pub async fn by_code(
    pool: &super::Pool,
    code: CountryCode,
) -> Result<Option<CountryRow>, sqlx::Error> {
    sqlx::query_as("SELECT code, name, partner, mentioned FROM country WHERE code = ?")
        .bind(code.as_str())
        .fetch_optional(pool)
        .await
}

/// A country named in a communiqué.
#[derive(Debug, Clone)]
pub struct MentionRow {
    pub code: CountryCode,
    pub name: String,
    pub role: CountryRole,
}

/// A `MentionRow` as `mentions_json` writes it, with its position.
pub(super) type MentionJson = (String, String, String, i64);

/// The mentions `mentions_json` wrote, partners first, then in the order
/// of their first mention; or the decode error naming `column` for a code
/// or a role no rule writes.
pub(super) fn mention_rows(
    column: &str,
    json: Vec<MentionJson>,
) -> Result<Vec<MentionRow>, sqlx::Error> {
    let mut rows = json
        .into_iter()
        .map(|(code, name, role, position)| {
            Ok((
                position,
                MentionRow {
                    code: super::decode::value(column, code)?,
                    name,
                    role: super::decode::value(column, role)?,
                },
            ))
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    rows.sort_by_key(|(position, m)| (m.role != CountryRole::Partner, *position));
    Ok(rows.into_iter().map(|(_, m)| m).collect())
}

/// A subquery: the countries the communiqué whose id is `id` (an SQL
/// expression) names, with their positions, as a JSON array of
/// `MentionJson`; not in order, as `persons::mentions_json` says why.
pub(super) fn mentions_json(id: &str) -> String {
    format!(
        "(SELECT json_group_array(json_array(m.code, k.name, m.role, m.position))
            FROM country_mention m JOIN country k ON k.code = m.code
           WHERE m.communique_id = {id})"
    )
}

/// Listed communiqués naming the country, per month ("2025-06", count).
pub async fn per_month(
    pool: &super::Pool,
    code: CountryCode,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let counts = super::months::read(pool, |q| {
        q.push("SELECT month, n FROM country_month WHERE code = ")
            .push_bind(code.to_string());
    })
    .await?;
    Ok(counts.dated())
}
