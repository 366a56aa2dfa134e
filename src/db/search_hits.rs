//! A page of search hits in one query: each listed communiqué's line, the
//! bodies of all its versions (the snippet is cut from them), its persons
//! and its countries, as one JSON array. Four queries returning a row per
//! hit, per body and per mention cost more than the search itself.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::communiques::{LIST_JSON, ListJson, ListRow, list_row};
use super::{countries, persons};

/// One hit, as the search page shows it.
#[derive(Debug, Clone)]
pub struct HitRow {
    pub line: ListRow,
    /// Every version's body, separated by a blank line.
    pub bodies: String,
    pub persons: Vec<persons::MentionRow>,
    /// Partners first.
    pub countries: Vec<countries::MentionRow>,
}

type HitJson = (
    i64,
    ListJson,
    Option<String>,
    Vec<persons::MentionJson>,
    Vec<countries::MentionJson>,
);

/// The hits of listed communiqués `ids`, in that order; unknown ids are
/// left out.
pub async fn by_ids(pool: &SqlitePool, ids: &[i64]) -> Result<Vec<HitRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // A subquery's JSON is text to the array around it; json() makes it
    // JSON again.
    let mut q = QueryBuilder::<Sqlite>::new(format!(
        "SELECT json_group_array(json_array(c.id, {LIST_JSON},
           (SELECT group_concat(v.body, char(10) || char(10) ORDER BY v.id)
              FROM communique v WHERE v.group_id = c.id),
           json({persons}), json({countries})))
         FROM communique c WHERE c.id IN ",
        persons = persons::mentions_json("c.id"),
        countries = countries::mentions_json("c.id"),
    ));
    super::push_ids(&mut q, ids);
    let hits: Vec<HitJson> = super::decode::json_array(&mut q, pool, "hits").await?;
    let mut by_id = HashMap::with_capacity(hits.len());
    for (id, line, bodies, persons, countries) in hits {
        let line = list_row("hits", line)?;
        by_id.insert(
            id,
            HitRow {
                bodies: bodies.unwrap_or_else(|| line.lead.clone()),
                line,
                persons: persons
                    .into_iter()
                    .map(persons::MentionRow::from_json)
                    .collect(),
                countries: countries
                    .into_iter()
                    .map(|c| countries::MentionRow::from_json("hits", c))
                    .collect::<Result<_, _>>()?,
            },
        );
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
