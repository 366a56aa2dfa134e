//! A page of search hits in one query: each listed communiqué's line, the
//! bodies of all its versions (the snippet is cut from them), its persons
//! and its countries, and the persons the facets name, as one JSON value.
//! Queries returning a row per hit, per body, per mention and per person
//! cost more than the search itself.

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

/// A person the facets name: id, slug, name, communiqués.
type PersonJson = (i64, String, String, i64);

/// A page of search hits, and the persons its facets name.
#[derive(Debug, Clone, Default)]
pub struct HitsPage {
    /// The hits, in the order asked.
    pub hits: Vec<HitRow>,
    /// The persons asked for the facets, in no order.
    pub persons: Vec<persons::PersonRow>,
}

/// The hits of listed communiqués `ids`, in that order (unknown ids are
/// left out), and the persons `facet_persons` (unknown ones left out).
pub async fn page(
    pool: &SqlitePool,
    ids: &[i64],
    facet_persons: &[i64],
) -> Result<HitsPage, sqlx::Error> {
    if ids.is_empty() && facet_persons.is_empty() {
        return Ok(HitsPage::default());
    }
    // A subquery's JSON is text to the array around it; json() makes it
    // JSON again.
    let mut q = QueryBuilder::<Sqlite>::new(format!(
        "SELECT json_array(json((SELECT json_group_array(json_array(c.id, {LIST_JSON},
           (SELECT group_concat(v.body, char(10) || char(10) ORDER BY v.id)
              FROM communique v WHERE v.group_id = c.id),
           json({persons}), json({countries})))
         FROM communique c WHERE c.id IN ",
        persons = persons::mentions_json("c.id"),
        countries = countries::mentions_json("c.id"),
    ));
    super::push_ids(&mut q, ids);
    q.push(
        ")), json((SELECT json_group_array(json_array(p.id, p.slug, p.name, p.communiques))
         FROM person p WHERE p.id IN ",
    );
    super::push_ids(&mut q, facet_persons);
    q.push(")))");
    let text: String = q.build_query_scalar().fetch_one(pool).await?;
    let (hits, named): (Vec<HitJson>, Vec<PersonJson>) = super::decode::json("hits", &text)?;
    let mut by_id = HashMap::with_capacity(hits.len());
    for (id, line, bodies, persons, countries) in hits {
        let line = list_row("hits", line)?;
        by_id.insert(
            id,
            HitRow {
                bodies: bodies.unwrap_or_else(|| line.lead.clone()),
                line,
                persons: persons::mention_rows(persons),
                countries: countries::mention_rows("hits", countries)?,
            },
        );
    }
    Ok(HitsPage {
        hits: ids.iter().filter_map(|id| by_id.remove(id)).collect(),
        persons: named
            .into_iter()
            .map(|(id, slug, name, communiques)| persons::PersonRow {
                id,
                slug,
                name,
                communiques,
            })
            .collect(),
    })
}
