//! A page of search hits in one query: each listed communiqué's line, its
//! persons and its countries; the bodies of all its versions (the snippet is
//! cut from them); and the persons the facets name: three JSON values in one
//! row. Queries returning a row per hit, per body, per mention and per
//! person cost more than the search itself; the bodies are a value of their
//! own because escaping them into the lines' JSON and parsing that again
//! cost twice what reading them does.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite};

use super::communiques::{LIST_JSON_WITHOUT_LEAD, ListJson, ListRow, lead_of, list_row};
use super::{countries, decode, persons};

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
    Vec<persons::MentionJson>,
    Vec<countries::MentionJson>,
);

/// A version's body: its listed communiqué, its id, the text.
type BodyJson = (i64, i64, String);

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
    pool: &super::Pool,
    ids: &[i64],
    facet_persons: &[i64],
) -> Result<HitsPage, sqlx::Error> {
    if ids.is_empty() && facet_persons.is_empty() {
        return Ok(HitsPage::default());
    }
    let mut q = QueryBuilder::<Sqlite>::new(format!(
        "SELECT (SELECT json_group_array(json_array(c.id, {LIST_JSON_WITHOUT_LEAD},
                  json({persons}), json({countries})))
                 FROM communique c WHERE c.id IN ",
        persons = persons::mentions_json("c.id"),
        countries = countries::mentions_json("c.id"),
    ));
    super::push_ids(&mut q, ids);
    q.push(
        ") AS hits,
         (SELECT json_group_array(json_array(v.group_id, v.id, v.body) ORDER BY v.id)
            FROM communique v WHERE v.group_id IN ",
    );
    super::push_ids(&mut q, ids);
    q.push(
        ") AS bodies,
         (SELECT json_group_array(json_array(p.id, p.slug, p.name, p.communiques))
            FROM person p WHERE p.id IN ",
    );
    super::push_ids(&mut q, facet_persons);
    q.push(") AS named");
    let row = q.build().fetch_one(pool).await?;
    let hits: Vec<HitJson> = decode::column_json(&row, "hits")?.unwrap_or_default();
    let bodies: Vec<BodyJson> = decode::column_json(&row, "bodies")?.unwrap_or_default();
    let named: Vec<PersonJson> = decode::column_json(&row, "named")?.unwrap_or_default();
    // Every version's body in the order of their ids, a blank line between;
    // the lead is the listed version's.
    let mut texts: HashMap<i64, (String, String)> = HashMap::with_capacity(hits.len());
    for (group, id, body) in bodies {
        let (text, lead) = texts.entry(group).or_default();
        if id == group {
            *lead = lead_of(&body);
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&body);
    }
    let mut by_id = HashMap::with_capacity(hits.len());
    for (id, line, persons, countries) in hits {
        let (bodies, lead) = texts.remove(&id).unwrap_or_default();
        let mut line = list_row("hits", line)?;
        line.lead = lead;
        by_id.insert(
            id,
            HitRow {
                bodies,
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
