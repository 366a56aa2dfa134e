//! Counts and lists computed at ingest for the person and country pages, and
//! the ranks every listing pages by: rebuilt from the mentions whenever a run
//! changes the archive, so a request reads only the rows its page shows.

use std::collections::HashMap;
use std::time::Instant;

use futures_util::TryStreamExt;
use sqlx::{QueryBuilder, Sqlite, Transaction};

use crate::domain::slug::issuer_slug;
use crate::domain::text::fold;

/// Raised when what is computed here changes: an archive whose aggregates
/// were made by another version gets them again at the next ingest or serve.
pub const VERSION: &str = "3";

/// Rows per INSERT statement (7 values each at most, far below SQLite's limit).
const ROWS_PER_INSERT: usize = 500;

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
        "DELETE FROM issuer",
        "DELETE FROM issuer_spelling",
        "DELETE FROM issuer_group",
        "DELETE FROM issuer_month",
    ] {
        sqlx::query(statement).execute(&mut **tx).await?;
    }
    let started = Instant::now();
    let listed = ranks(tx).await?;
    tracing::debug!(elapsed = ?started.elapsed(), "aggregates: ranks");
    for statement in [
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
        "INSERT INTO issuer_month (issuer, month, n)
         SELECT issuer, substr(sort_key, 1, 7), COUNT(*) FROM issuer_group
         WHERE sort_key <> '0000-00-00' GROUP BY 1, 2",
        "INSERT INTO person_country (person_id, code, n)
         SELECT p.person_id, k.code, COUNT(*) FROM person_group p
         JOIN country_group k ON k.group_id = p.group_id GROUP BY 1, 2",
        "INSERT INTO person_pair (person_id, other_id, n)
         SELECT a.person_id, b.person_id, COUNT(*) FROM person_group a
         JOIN person_group b ON b.group_id = a.group_id AND b.person_id <> a.person_id
         GROUP BY 1, 2",
    ] {
        let started = Instant::now();
        sqlx::query(statement).execute(&mut **tx).await?;
        let table = statement.split_whitespace().nth(2).unwrap_or_default();
        tracing::debug!(elapsed = ?started.elapsed(), table, "aggregates");
    }
    let started = Instant::now();
    roles(tx).await?;
    tracing::debug!(elapsed = ?started.elapsed(), "aggregates: roles");
    crate::db::meta::set(tx, crate::db::meta::LISTED, &listed.to_string()).await?;
    crate::db::meta::set(tx, crate::db::meta::AGGREGATES, VERSION).await?;
    Ok(())
}

/// The listing, and each person's and country's listing, ranked newest first.
///
/// Computed here rather than in SQL: a join from every mention to its version
/// and then to the listed version reads two rows of the communiqué table per
/// mention, and those rows hold the texts, so each is a page of its own. Three
/// scans of narrow indexes and tables, a sort in memory, and inserts in key
/// order cost a fraction of that at a million communiqués.
/// Returns the number of listed communiqués.
async fn ranks(tx: &mut Transaction<'_, Sqlite>) -> Result<usize, sqlx::Error> {
    let started = Instant::now();
    // Listed groups, newest first: their rank is their place here.
    let listed: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, sort_key, slug FROM communique WHERE id = group_id
         ORDER BY sort_key DESC, slug",
    )
    .fetch_all(&mut **tx)
    .await?;
    let rank_of: HashMap<i64, usize> = listed
        .iter()
        .enumerate()
        .map(|(i, (id, _, _))| (*id, i))
        .collect();
    let mut group_rank: HashMap<i64, usize> = HashMap::with_capacity(listed.len());
    let mut rows =
        sqlx::query_as::<_, (i64, i64)>("SELECT id, group_id FROM communique").fetch(&mut **tx);
    while let Some((id, group)) = rows.try_next().await? {
        if let Some(&rank) = rank_of.get(&group) {
            group_rank.insert(id, rank);
        }
    }
    drop(rows);
    drop(rank_of);

    for (chunk_start, chunk) in (0..)
        .step_by(ROWS_PER_INSERT)
        .zip(listed.chunks(ROWS_PER_INSERT))
    {
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO listing (rank, id) ");
        q.push_values(chunk.iter().enumerate(), |mut b, (i, (id, _, _))| {
            b.push_bind((chunk_start + i + 1) as i64).push_bind(*id);
        });
        q.build().execute(&mut **tx).await?;
    }

    tracing::debug!(elapsed = ?started.elapsed(), "aggregates: listing");
    // A group is listed for a person when any of its versions names them.
    let mut persons: Vec<(i64, usize)> = Vec::new();
    let mut rows =
        sqlx::query_as::<_, (i64, i64)>("SELECT communique_id, person_id FROM person_mention")
            .fetch(&mut **tx);
    while let Some((communique, person)) = rows.try_next().await? {
        if let Some(&rank) = group_rank.get(&communique) {
            persons.push((person, rank));
        }
    }
    drop(rows);
    persons.sort_unstable();
    persons.dedup();
    let mut person_rows = Vec::with_capacity(persons.len());
    let mut previous = None;
    let mut n = 0;
    for (person, rank) in persons {
        n = if previous == Some(person) { n + 1 } else { 1 };
        previous = Some(person);
        person_rows.push((person, n, rank));
    }
    for chunk in person_rows.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO person_group (person_id, rank, sort_key, slug, group_id) ",
        );
        q.push_values(chunk, |mut b, &(person, n, rank)| {
            let (id, sort_key, slug) = &listed[rank];
            b.push_bind(person)
                .push_bind(n)
                .push_bind(sort_key)
                .push_bind(slug)
                .push_bind(*id);
        });
        q.build().execute(&mut **tx).await?;
    }

    tracing::debug!(elapsed = ?started.elapsed(), "aggregates: persons ranked");
    // A partner in one version makes the country a partner of the event.
    let mut countries: Vec<(String, usize, bool)> = Vec::new();
    let mut rows = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT communique_id, code, role FROM country_mention",
    )
    .fetch(&mut **tx);
    while let Some((communique, code, role)) = rows.try_next().await? {
        if let Some(&rank) = group_rank.get(&communique) {
            countries.push((code, rank, role == "partner"));
        }
    }
    drop(rows);
    // Sorted by code, rank, then partner last: the last of a run says the role.
    countries.sort_unstable();
    countries.dedup_by(|later, earlier| {
        // `later` follows `earlier`; keep the partner flag of either.
        if later.0 == earlier.0 && later.1 == earlier.1 {
            earlier.2 |= later.2;
            true
        } else {
            false
        }
    });
    // (code, role, rank, rank_any, listed rank)
    let mut country_rows: Vec<(String, &'static str, i64, i64, usize)> =
        Vec::with_capacity(countries.len());
    let mut previous: Option<String> = None;
    let (mut any, mut partner, mut mentioned) = (0, 0, 0);
    for (code, rank, is_partner) in countries {
        if previous.as_deref() != Some(code.as_str()) {
            (any, partner, mentioned) = (0, 0, 0);
            previous = Some(code.clone());
        }
        any += 1;
        let (role, n) = if is_partner {
            partner += 1;
            ("partner", partner)
        } else {
            mentioned += 1;
            ("mentioned", mentioned)
        };
        country_rows.push((code, role, n, any, rank));
    }
    // In key order, for the inserts.
    country_rows.sort_unstable_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    for chunk in country_rows.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO country_group (code, role, rank, rank_any, sort_key, slug, group_id) ",
        );
        q.push_values(chunk, |mut b, (code, role, n, any, rank)| {
            let (id, sort_key, slug) = &listed[*rank];
            b.push_bind(code)
                .push_bind(*role)
                .push_bind(*n)
                .push_bind(*any)
                .push_bind(sort_key)
                .push_bind(slug)
                .push_bind(*id);
        });
        q.build().execute(&mut **tx).await?;
    }
    tracing::debug!(elapsed = ?started.elapsed(), "aggregates: countries ranked");
    issuers(tx, &listed, &group_rank).await?;
    Ok(listed.len())
}

/// The issuers: bodies grouped by slug and named by the one most often
/// written, the tags written for each, and each one's listed groups ranked
/// (a group is an issuer's when any of its versions is).
async fn issuers(
    tx: &mut Transaction<'_, Sqlite>,
    listed: &[(i64, String, String)],
    group_rank: &HashMap<i64, usize>,
) -> Result<(), sqlx::Error> {
    // slug → (body → communiqués), (slug, tag) → communiqués, (slug, rank)
    let mut bodies: HashMap<String, HashMap<String, i64>> = HashMap::new();
    let mut tags: HashMap<(String, String), i64> = HashMap::new();
    let mut groups: Vec<(String, usize)> = Vec::new();
    let mut rows = sqlx::query_as::<_, (i64, String, Option<String>)>(
        "SELECT id, issuer_body, issuer FROM communique WHERE issuer_body IS NOT NULL",
    )
    .fetch(&mut **tx);
    while let Some((id, body, tag)) = rows.try_next().await? {
        let slug = issuer_slug(&body);
        if slug.is_empty() {
            continue;
        }
        if let Some(tag) = tag {
            *tags.entry((slug.clone(), tag)).or_default() += 1;
        }
        if let Some(&rank) = group_rank.get(&id) {
            groups.push((slug.clone(), rank));
        }
        *bodies.entry(slug).or_default().entry(body).or_default() += 1;
    }
    drop(rows);
    groups.sort_unstable();
    groups.dedup();
    let mut listed_by: HashMap<&str, i64> = HashMap::new();
    let mut group_rows: Vec<(&str, i64, usize)> = Vec::with_capacity(groups.len());
    for (slug, rank) in &groups {
        let n = listed_by.entry(slug.as_str()).or_default();
        *n += 1;
        group_rows.push((slug.as_str(), *n, *rank));
    }
    let mut issuers: Vec<(&str, &str, i64)> = bodies
        .iter()
        .map(|(slug, names)| {
            // The most written body names the issuer; ties go to the first in order.
            let name = names
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map_or("", |(name, _)| name.as_str());
            let listed = listed_by.get(slug.as_str()).copied().unwrap_or(0);
            (slug.as_str(), name, listed)
        })
        .collect();
    issuers.sort_unstable();
    for chunk in issuers.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO issuer (slug, name, communiques) ");
        q.push_values(chunk, |mut b, &(slug, name, n)| {
            b.push_bind(slug).push_bind(name).push_bind(n);
        });
        q.build().execute(&mut **tx).await?;
    }
    let mut tags: Vec<((String, String), i64)> = tags.into_iter().collect();
    tags.sort_unstable();
    for chunk in tags.chunks(ROWS_PER_INSERT) {
        let mut q =
            QueryBuilder::<Sqlite>::new("INSERT INTO issuer_spelling (issuer, spelling, n) ");
        q.push_values(chunk, |mut b, ((slug, tag), n)| {
            b.push_bind(slug).push_bind(tag).push_bind(*n);
        });
        q.build().execute(&mut **tx).await?;
    }
    for chunk in group_rows.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO issuer_group (issuer, rank, sort_key, slug, group_id) ",
        );
        q.push_values(chunk, |mut b, &(issuer, n, rank)| {
            let (id, sort_key, slug) = &listed[rank];
            b.push_bind(issuer)
                .push_bind(n)
                .push_bind(sort_key)
                .push_bind(slug)
                .push_bind(*id);
        });
        q.build().execute(&mut **tx).await?;
    }
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
    for chunk in counts.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO person_role (person_id, role, n) ");
        q.push_values(chunk, |mut b, (person, role, _, n)| {
            b.push_bind(*person).push_bind(role).push_bind(*n);
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}
