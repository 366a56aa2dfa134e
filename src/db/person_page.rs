//! A person's page in one query: the person with their spellings, their
//! functions, the countries and persons most often named with them and
//! their months, each list a JSON array in a column of the same row. Five
//! queries returning a row per spelling, function and neighbour cost
//! mostly the hand-over of each row from SQLite's connection thread.

use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::countries::CountryRow;
use super::decode;
use super::months::MonthCounts;
use super::persons::{self, PersonRow};
use crate::domain::country::CountryCode;

/// What the page of one person shows besides their communiqués.
#[derive(Debug, Clone)]
pub struct PersonPage {
    pub person: PersonRow,
    /// Every spelling seen but the name, in order.
    pub aliases: Vec<String>,
    /// (function as written, communiqués), most frequent first.
    pub roles: Vec<(String, i64)>,
    /// The countries most often named with them, with how often.
    pub countries: Vec<(CountryRow, i64)>,
    /// The persons most often named with them, with how often.
    pub persons: Vec<(PersonRow, i64)>,
    /// Their listed communiqués per month.
    pub months: MonthCounts,
}

/// The query; `related` countries and persons at most. The persons named
/// with them are read from `person_pair_by_n`, most often first: the sort
/// by name of those equally often named stops at the `related`-th, where a
/// much-named person's pairs (841) were all joined and sorted.
fn sql(related: i64) -> String {
    format!(
        "WITH me AS (SELECT id, slug, name, communiques FROM person WHERE slug = ?)
         SELECT me.id, me.slug, me.name, me.communiques,
           (SELECT json_group_array(spelling ORDER BY spelling) FROM person_alias
             WHERE person_id = me.id AND spelling <> me.name) AS aliases,
           (SELECT json_group_array(json_array(role, n) ORDER BY n DESC, role) FROM person_role
             WHERE person_id = me.id) AS roles,
           (SELECT json_group_array(json_array(code, name, partner, mentioned, n)
                   ORDER BY n DESC, name)
              FROM (SELECT k.code, k.name, k.partner, k.mentioned, pc.n FROM person_country pc
                    JOIN country k ON k.code = pc.code WHERE pc.person_id = (SELECT id FROM me)
                    ORDER BY pc.n DESC, k.name LIMIT {related})) AS countries,
           (SELECT json_group_array(json_array(id, slug, name, communiques, n)
                   ORDER BY n DESC, sort_name)
              FROM (SELECT p.id, p.slug, p.name, p.communiques, p.sort_name, pp.n FROM person_pair pp
                    JOIN person p ON p.id = pp.other_id WHERE pp.person_id = (SELECT id FROM me)
                    ORDER BY pp.n DESC, p.sort_name LIMIT {related})) AS persons,
           (SELECT json_group_array(json_array(month, n)) FROM person_month
             WHERE person_id = me.id) AS months
         FROM me"
    )
}

type CountryJson = (String, String, i64, i64, i64);

/// The page of the person whose slug is `slug` with `related` countries and
/// persons at most; None for no such person.
pub async fn by_slug(
    pool: &super::Pool,
    slug: &str,
    related: i64,
) -> Result<Option<PersonPage>, sqlx::Error> {
    let row = sqlx::query(&sql(related))
        .bind(slug)
        .fetch_optional(pool)
        .await?;
    row.map(|row| read(&row)).transpose()
}

fn read(row: &SqliteRow) -> Result<PersonPage, sqlx::Error> {
    let countries: Vec<CountryJson> = json(row, "countries")?;
    let persons: Vec<persons::RelatedJson> = json(row, "persons")?;
    Ok(PersonPage {
        person: PersonRow {
            id: row.try_get("id")?,
            slug: row.try_get("slug")?,
            name: row.try_get("name")?,
            communiques: row.try_get("communiques")?,
        },
        aliases: json(row, "aliases")?,
        roles: json(row, "roles")?,
        countries: countries
            .into_iter()
            .map(|(code, name, partner, mentioned, n)| {
                let code: CountryCode = decode::value("countries", code)?;
                let row = CountryRow {
                    code,
                    name,
                    partner,
                    mentioned,
                };
                Ok((row, n))
            })
            .collect::<Result<_, sqlx::Error>>()?,
        persons: persons::related(persons),
        months: MonthCounts::summed(json(row, "months")?),
    })
}

/// The JSON array of column `column`, as `T`s; none when it is NULL.
fn json<T: DeserializeOwned>(row: &SqliteRow, column: &str) -> Result<Vec<T>, sqlx::Error> {
    Ok(decode::column_json(row, column)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{empty_archive, plan};

    #[tokio::test]
    async fn the_persons_named_with_someone_are_read_most_often_first() {
        let (_dir, pool) = empty_archive().await;
        let plan = plan(&pool, &sql(10)).await;
        // In the index's order, so that the sort by name stops at the tenth,
        // instead of every pair of a much-named person joined and sorted.
        assert!(
            plan.contains("INDEX person_pair_by_n (person_id=?)")
                && plan.contains("LAST TERM OF ORDER BY"),
            "{plan}"
        );
        pool.close().await;
    }
}
