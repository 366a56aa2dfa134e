//! A page of search hits in one query: each listed communiqué's line, its
//! persons and its countries; the bodies of all its versions (the snippet is
//! cut from them); and the persons the facets name. Queries returning a row
//! per hit, per body, per mention and per person cost more than the search
//! itself, so the versions come as one value: each version's header (a JSON
//! array, with the line, persons and countries for the listed version) on a
//! line, then its body, whose length in bytes the header gives. The rows are
//! read once (not once for the lines and again for the bodies), and the
//! bodies are neither escaped into JSON nor parsed out of it, which cost
//! more than reading them.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Sqlite};

use super::communiques::{LineFields, ListRow, lead_of, line_of};
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

/// The listed version's line as the versions' value writes it: slug,
/// title, date, issuer, issuing body, author; then its persons and
/// countries.
type LineJson = (
    LineFields,
    Vec<persons::MentionJson>,
    Vec<countries::MentionJson>,
);

/// A version's header: its listed communiqué, its id, the line when it is
/// the listed version, the length of its body in bytes.
type HeaderJson = (i64, i64, Option<LineJson>, usize);

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
        "SELECT (SELECT group_concat(
                  json_array(v.group_id, v.id,
                    CASE WHEN v.id = v.group_id THEN json_array(
                      json_array(v.slug, v.title, v.date, v.issuer, v.issuer_body, v.author),
                      json({persons}), json({countries})) END,
                    octet_length(v.body)) || char(10) || v.body, '')
                 FROM communique v WHERE v.group_id IN ",
        persons = persons::mentions_json("v.id"),
        countries = countries::mentions_json("v.id"),
    ));
    super::push_ids(&mut q, ids);
    q.push(
        ") AS versions,
         (SELECT json_group_array(json_array(p.id, p.slug, p.name, p.communiques))
            FROM person p WHERE p.id IN ",
    );
    super::push_ids(&mut q, facet_persons);
    q.push(") AS named");
    let row = q.build().fetch_one(pool).await?;
    let versions = decode::text(&row, "versions")?;
    let named: Vec<PersonJson> = decode::column_json(&row, "named")?.unwrap_or_default();
    let mut by_id = HashMap::with_capacity(ids.len());
    for (group, hit) in hits(versions.unwrap_or_default())? {
        by_id.insert(group, hit);
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

/// The hits of the versions' value (see the module's comment), by listed
/// communiqué: every version's body in the order of their ids, a blank line
/// between; the lead is the listed version's. The value comes in no order:
/// sorting it in the statement copied every body into a temporary B-tree.
fn hits(mut rest: &str) -> Result<Vec<(i64, HitRow)>, sqlx::Error> {
    const COLUMN: &str = "versions";
    let mut bodies: HashMap<i64, Vec<(i64, &str)>> = HashMap::new();
    let mut lines = Vec::new();
    while !rest.is_empty() {
        let (header, after) = rest
            .split_once('\n')
            .ok_or_else(|| decode::error(COLUMN, "a header without its body".to_owned()))?;
        let (group, id, line, length): HeaderJson = decode::json(COLUMN, header)?;
        let body = after.get(..length).ok_or_else(|| {
            decode::error(
                COLUMN,
                format!("communiqué {id}: a body of {length} bytes cut short"),
            )
        })?;
        rest = &after[length..];
        bodies.entry(group).or_default().push((id, body));
        if let Some(line) = line {
            lines.push((group, line, lead_of(body)));
        }
    }
    lines
        .into_iter()
        .map(|(group, line, lead)| {
            let (fields, persons, countries) = line;
            let mut versions = bodies.remove(&group).unwrap_or_default();
            versions.sort_unstable_by_key(|(id, _)| *id);
            let other_versions = versions.len().saturating_sub(1) as i64;
            let bodies = versions
                .iter()
                .map(|(_, body)| *body)
                .collect::<Vec<_>>()
                .join("\n\n");
            let line = line_of(COLUMN, fields, lead, other_versions)?;
            Ok((
                group,
                HitRow {
                    line,
                    bodies,
                    persons: persons::mention_rows(persons),
                    countries: countries::mention_rows(COLUMN, countries)?,
                },
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version as the query writes it: header line, then the body.
    fn version(group: i64, id: i64, line: &str, body: &str) -> String {
        format!("[{group},{id},{line},{}]\n{body}", body.len())
    }

    #[test]
    fn versions_are_read_back_by_their_lengths_whatever_their_bodies_hold() {
        // Mentions come with their positions, in no order: persons in the
        // order of the text, partner countries first.
        let line = r#"[["2025-03-02-visite","Visite","2025-03-02","CCRP","CCRP",null],
            [["kofi-mensah","Kofi Mensah","",4],["ama-owusu","Ama Owusu","ministre",1]],
            [["TG","Togo","mentioned",0],["GH","Ghana","partner",5]]]"#
            .replace('\n', "");
        // Bodies holding what a separator would be: line ends, brackets,
        // a header's shape, letters of two bytes.
        let first = "Le Président a reçu\n[1,2,null,3]\nla délégation.";
        let second = "Une autre version.\n\n« Échanges » fructueux.";
        // The versions in no order either: bodies in the order of their ids.
        let value = [
            version(7, 9, "null", second),
            version(7, 7, &line, first),
            version(8, 8, &line.replace("visite", "audience"), "Court."),
        ]
        .concat();
        let read = hits(&value).unwrap();
        assert_eq!(read.len(), 2);
        let (group, hit) = &read[0];
        assert_eq!(*group, 7);
        assert_eq!(hit.bodies, format!("{first}\n\n{second}"));
        assert_eq!(hit.line.lead, first);
        assert_eq!(hit.line.other_versions, 1);
        assert_eq!(hit.line.slug, "2025-03-02-visite");
        let persons: Vec<_> = hit.persons.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(persons, ["Ama Owusu", "Kofi Mensah"]);
        let countries: Vec<_> = hit.countries.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(countries, ["Ghana", "Togo"]);
        let (group, hit) = &read[1];
        assert_eq!(*group, 8);
        assert_eq!(
            (hit.bodies.as_str(), hit.line.other_versions),
            ("Court.", 0)
        );
        assert_eq!(hit.line.slug, "2025-03-02-audience");
        assert!(hits("").unwrap().is_empty());
    }

    #[test]
    fn a_value_cut_short_is_an_error_naming_the_column() {
        let whole = version(7, 7, "null", "Le Président a reçu la délégation.");
        for cut in [whole.len() - 3, whole.find('\n').unwrap()] {
            let err = hits(&whole[..cut]).unwrap_err().to_string();
            assert!(err.contains("versions"), "{err}");
        }
        // A length that falls inside a letter of two bytes.
        let inside = "[7,7,null,1]\né";
        assert!(hits(inside).is_err());
    }
}
