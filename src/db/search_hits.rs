//! A page of search hits in one query: each listed communiqué's line, the
//! bodies of all its versions (the snippet is cut from them), its persons
//! and its countries, as one JSON array. Four queries returning a row per
//! hit, per body and per mention cost more than the search itself.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::communiques::{LIST_JSON, ListJson, ListRow, list_row};
use super::{countries, persons};
use crate::domain::country::{CountryCode, CountryRole};

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

type Mention = (String, String, String);
type HitJson = (i64, ListJson, Option<String>, Vec<Mention>, Vec<Mention>);

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
           json((SELECT json_group_array(json_array(p.slug, p.name, m.roles) ORDER BY m.position)
              FROM person_mention m JOIN person p ON p.id = m.person_id
             WHERE m.communique_id = c.id)),
           json((SELECT json_group_array(json_array(m.code, k.name, m.role)
                   ORDER BY m.role = 'partner' DESC, m.position)
              FROM country_mention m JOIN country k ON k.code = m.code
             WHERE m.communique_id = c.id))))
         FROM communique c WHERE c.id IN "
    ));
    super::push_ids(&mut q, ids);
    let text: String = q.build_query_scalar().fetch_one(pool).await?;
    let hits: Vec<HitJson> =
        serde_json::from_str(&text).map_err(|e| sqlx::Error::ColumnDecode {
            index: "hits".to_owned(),
            source: e.into(),
        })?;
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
                    .map(|(slug, name, roles)| persons::MentionRow { slug, name, roles })
                    .collect(),
                // A row the types refuse (a code or role no rule writes) is
                // left out.
                countries: countries
                    .into_iter()
                    .filter_map(|(code, name, role)| {
                        Some(countries::MentionRow {
                            code: CountryCode::try_from(code).ok()?,
                            name,
                            role: CountryRole::try_from(role).ok()?,
                        })
                    })
                    .collect(),
            },
        );
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
