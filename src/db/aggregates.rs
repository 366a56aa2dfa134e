//! Counts and lists computed at ingest for the person and country pages, and
//! the ranks every listing pages by: rebuilt from the mentions whenever a run
//! changes the archive, so a request reads only the rows its page shows.

use futures_util::TryStreamExt;
use sqlx::{Sqlite, Transaction};

use crate::text::fold;

/// Raised when what is computed here changes: an archive whose aggregates
/// were made by another version gets them again at the next ingest or serve.
pub const VERSION: &str = "2";

/// Is the archive's copy of the aggregates current?
pub async fn current(tx: &mut Transaction<'_, Sqlite>) -> Result<bool, sqlx::Error> {
    let v = crate::db::meta::get(&mut **tx, crate::db::meta::AGGREGATES).await?;
    Ok(v.as_deref() == Some(VERSION))
}

/// Recomputes everything from communiqués and mentions.
pub async fn rebuild(tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
    for statement in [
        "DELETE FROM person_group",
        "DELETE FROM country_group",
        "DELETE FROM person_month",
        "DELETE FROM country_month",
        "DELETE FROM person_country",
        "DELETE FROM person_pair",
        "DELETE FROM person_role",
        "DELETE FROM listing",
        "INSERT INTO listing (rank, id)
         SELECT ROW_NUMBER() OVER (ORDER BY sort_key DESC, slug), id
         FROM communique WHERE id = group_id",
        // A group is listed for a person when any of its versions names them.
        "INSERT INTO person_group (person_id, rank, sort_key, slug, group_id)
         SELECT person_id,
                ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY sort_key DESC, slug),
                sort_key, slug, id
         FROM (SELECT DISTINCT m.person_id, r.sort_key, r.slug, r.id
               FROM person_mention m JOIN communique c ON c.id = m.communique_id
               JOIN communique r ON r.id = c.group_id)",
        // A partner in one version makes the country a partner of the event.
        "INSERT INTO country_group (code, role, rank, rank_any, sort_key, slug, group_id)
         SELECT code, role,
                ROW_NUMBER() OVER (PARTITION BY code, role ORDER BY sort_key DESC, slug),
                ROW_NUMBER() OVER (PARTITION BY code ORDER BY sort_key DESC, slug),
                sort_key, slug, id
         FROM (SELECT m.code,
                      CASE WHEN max(m.role = 'partner') THEN 'partner' ELSE 'mentioned' END AS role,
                      r.sort_key, r.slug, r.id
               FROM country_mention m JOIN communique c ON c.id = m.communique_id
               JOIN communique r ON r.id = c.group_id
               GROUP BY m.code, r.id)",
        "UPDATE person SET communiques = (SELECT COUNT(*) FROM person_group g WHERE g.person_id = person.id)",
        "UPDATE country SET
            partner = (SELECT COUNT(*) FROM country_group g WHERE g.code = country.code AND g.role = 'partner'),
            mentioned = (SELECT COUNT(*) FROM country_group g WHERE g.code = country.code AND g.role = 'mentioned')",
        "INSERT INTO person_month (person_id, month, n)
         SELECT person_id, substr(sort_key, 1, 7), COUNT(*) FROM person_group
         WHERE sort_key <> '0000-00-00' GROUP BY 1, 2",
        "INSERT INTO country_month (code, month, n)
         SELECT code, substr(sort_key, 1, 7), COUNT(*) FROM country_group
         WHERE sort_key <> '0000-00-00' GROUP BY 1, 2",
        "INSERT INTO person_country (person_id, code, n)
         SELECT p.person_id, k.code, COUNT(*) FROM person_group p
         JOIN country_group k ON k.group_id = p.group_id GROUP BY 1, 2",
        "INSERT INTO person_pair (person_id, other_id, n)
         SELECT a.person_id, b.person_id, COUNT(*) FROM person_group a
         JOIN person_group b ON b.group_id = a.group_id AND b.person_id <> a.person_id
         GROUP BY 1, 2",
    ] {
        sqlx::query(statement).execute(&mut **tx).await?;
    }
    roles(tx).await?;
    let listed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communique WHERE id = group_id")
        .fetch_one(&mut **tx)
        .await?;
    crate::db::meta::set(tx, crate::db::meta::LISTED, &listed.to_string()).await?;
    crate::db::meta::set(tx, crate::db::meta::AGGREGATES, VERSION).await?;
    Ok(())
}

/// Functions per person: each mention's roles are lines; spellings that fold
/// alike count as one, under the first one seen.
async fn roles(tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
    // (person, role as first written, folded, count): far fewer than mentions.
    let mut counts: Vec<(i64, String, String, i64)> = Vec::new();
    let mut start = 0;
    let mut rows = sqlx::query_as::<_, (i64, String)>(
        "SELECT person_id, roles FROM person_mention WHERE roles <> ''
         ORDER BY person_id, communique_id",
    )
    .fetch(&mut **tx);
    while let Some((person, roles)) = rows.try_next().await? {
        if counts.get(start).is_some_and(|c| c.0 != person) {
            start = counts.len();
        }
        for role in roles.lines() {
            let folded = fold(role);
            match counts[start..].iter_mut().find(|c| c.2 == folded) {
                Some(c) => c.3 += 1,
                None => counts.push((person, role.to_owned(), folded, 1)),
            }
        }
    }
    drop(rows);
    for chunk in counts.chunks(500) {
        let mut q =
            sqlx::QueryBuilder::<Sqlite>::new("INSERT INTO person_role (person_id, role, n) ");
        q.push_values(chunk, |mut b, (person, role, _, n)| {
            b.push_bind(*person).push_bind(role).push_bind(*n);
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}
