//! Counts and lists computed at ingest for the person, country and issuer
//! pages, and the month counts every listing pages by: built from the
//! mentions for a new archive (or new rules), and updated for the groups a
//! run changed otherwise, so a request reads only the rows its page shows and
//! an ingest costs what it changed.
//!
//! Everything here follows from each listed group's facts (`GroupFacts`: its
//! date, persons, countries and issuers): a group's old facts are
//! subtracted and its new ones added, the same sums whether a table is
//! filled from nothing or updated.

use std::collections::HashMap;
use std::time::Instant;

use sqlx::{QueryBuilder, Sqlite, Transaction};

use crate::db::bulk_insert::{ROWS_PER_INSERT, insert_rows};
use crate::db::new_rows::NewRows;
use crate::db::push_ids;
use crate::domain::slug::issuer_slug;
use crate::domain::text::fold;

/// Raised when what is computed here changes: an archive whose aggregates
/// were made by another version gets them again at the next ingest or serve.
pub const VERSION: &str = "8";

/// The month a listing files an entry under: "2025-06", "0000-00" undated.
pub const UNDATED_MONTH: &str = "0000-00";

/// Is the archive's copy of the aggregates current?
pub async fn current(tx: &mut Transaction<'_, Sqlite>) -> Result<bool, sqlx::Error> {
    let v = crate::db::meta::get(&mut **tx, crate::db::meta::AGGREGATES).await?;
    Ok(v.as_deref() == Some(VERSION))
}

/// What the aggregates hold of one listed group.
#[derive(Debug, Default, Clone)]
struct GroupFacts {
    id: i64,
    sort_key: String,
    slug: String,
    persons: Vec<i64>,
    /// (code, partner in some version)
    countries: Vec<(String, bool)>,
    /// Issuers' slugs.
    issuers: Vec<String>,
}

impl GroupFacts {
    /// A listed group's id, sort key and slug, its other facts to be read.
    fn listed((id, sort_key, slug): (i64, String, String)) -> Self {
        Self {
            id,
            sort_key,
            slug,
            ..Self::default()
        }
    }

    fn month(&self) -> &str {
        month_of(&self.sort_key)
    }
}

fn month_of(sort_key: &str) -> &str {
    sort_key.get(..7).unwrap_or(UNDATED_MONTH)
}

/// Recomputes everything from communiqués and mentions.
pub async fn rebuild(tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
    for statement in [
        "DELETE FROM listed_group",
        "DELETE FROM listed_month",
        "DELETE FROM listed_day",
        "DELETE FROM file_holding",
        "DELETE FROM person_group",
        "DELETE FROM country_group",
        "DELETE FROM issuer_group",
        "DELETE FROM person_month",
        "DELETE FROM country_month",
        "DELETE FROM issuer_month",
        "DELETE FROM person_country",
        "DELETE FROM person_pair",
        "DELETE FROM person_role",
        "DELETE FROM issuer_body",
        "DELETE FROM issuer_spelling",
        "UPDATE person SET communiques = 0",
        "UPDATE country SET partner = 0, mentioned = 0",
    ] {
        sqlx::query(statement).execute(&mut **tx).await?;
    }
    let started = Instant::now();
    let facts = all_facts(tx).await?;
    tracing::debug!(elapsed = ?started.elapsed(), groups = facts.len(), "aggregates: facts read");
    let mut sums = Sums::default();
    for f in &facts {
        sums.add(f, 1);
    }
    // Rows go in in their tables' key order, the indexes made after them:
    // a B-tree filled in order is written once, where rows in another
    // order, or an index kept up row by row, touch pages all over a file
    // larger than the cache (33 s of the 1,000,000-article ingest).
    let indexes = drop_group_indexes(tx).await?;
    write_groups(tx, &facts).await?;
    let listed = facts.len();
    // Sorting for the indexes takes memory: the facts are let go first,
    // and SQLite's sorter, which holds as much as the page cache may
    // before it spills, is given a small cache while it sorts, so the peak
    // does not grow with the archive.
    drop(facts);
    let cache_size: i64 = sqlx::query_scalar("PRAGMA cache_size")
        .fetch_one(&mut **tx)
        .await?;
    sqlx::query(&format!("PRAGMA cache_size = -{SORT_CACHE_KIB}"))
        .execute(&mut **tx)
        .await?;
    for sql in indexes {
        sqlx::query(&sql).execute(&mut **tx).await?;
    }
    sqlx::query(&format!("PRAGMA cache_size = {cache_size}"))
        .execute(&mut **tx)
        .await?;
    sums.write(tx).await?;
    crate::db::meta::set(tx, crate::db::meta::LISTED, &listed.to_string()).await?;
    let started = Instant::now();
    sqlx::query(&format!(
        "INSERT INTO file_holding {FILE_HOLDINGS} GROUP BY s.file"
    ))
    .execute(&mut **tx)
    .await?;
    count_files(tx).await?;
    tracing::debug!(elapsed = ?started.elapsed(), "aggregates: file holdings");
    let started = Instant::now();
    // Every mention's functions: those of the communiqués from the first id.
    roles_from(tx, i64::MIN).await?;
    tracing::debug!(elapsed = ?started.elapsed(), "aggregates: roles");
    let started = Instant::now();
    issuers(tx, None).await?;
    tracing::debug!(elapsed = ?started.elapsed(), "aggregates: issuers");
    crate::db::meta::set(tx, crate::db::meta::AGGREGATES, VERSION).await?;
    Ok(())
}

/// Brings the aggregates up to date after a run that changed the groups
/// `groups` (`StoreOutcome::changed_groups`) and added the communiqués from
/// `first_new_id` on: each group's facts as the aggregates hold them are
/// subtracted, its facts now added, and the functions and issuing bodies of
/// the new communiqués counted; `reissued`, the run read issuing bodies of
/// earlier communiqués again, and those are all counted anew. The
/// aggregates must be current before the run.
pub async fn update(
    tx: &mut Transaction<'_, Sqlite>,
    groups: &[i64],
    new_rows: NewRows,
    reissued: bool,
) -> Result<(), sqlx::Error> {
    let started = Instant::now();
    let mut sums = Sums::default();
    let mut listed_change = 0;
    for chunk in groups.chunks(ROWS_PER_INSERT) {
        let old = held_facts(tx, chunk).await?;
        for f in &old {
            sums.add(f, -1);
        }
        listed_change -= old.len() as i64;
        for table in [
            "listed_group",
            "person_group",
            "country_group",
            "issuer_group",
        ] {
            let mut q = QueryBuilder::new(format!("DELETE FROM {table} WHERE group_id IN"));
            push_ids(&mut q, chunk);
            q.build().execute(&mut **tx).await?;
        }
        let new = facts_of(tx, chunk).await?;
        for f in &new {
            sums.add(f, 1);
        }
        listed_change += new.len() as i64;
        write_groups(tx, &new).await?;
    }
    tracing::debug!(elapsed = ?started.elapsed(), groups = groups.len(), "aggregates: facts changed");
    sums.write(tx).await?;
    let listed = crate::db::meta::listed(&mut **tx).await?.unwrap_or(0) + listed_change;
    crate::db::meta::set(tx, crate::db::meta::LISTED, &listed.to_string()).await?;
    let started = Instant::now();
    roles_from(tx, new_rows.first).await?;
    tracing::debug!(elapsed = ?started.elapsed(), "aggregates: roles added");
    let started = Instant::now();
    if reissued {
        for statement in ["DELETE FROM issuer_body", "DELETE FROM issuer_spelling"] {
            sqlx::query(statement).execute(&mut **tx).await?;
        }
        issuers(tx, None).await?;
    } else {
        issuers(tx, Some(new_rows)).await?;
    }
    tracing::debug!(elapsed = ?started.elapsed(), "aggregates: issuers");
    Ok(())
}

/// The dumps of the sources from id `?` on: by their range of ids
/// (`db::new_rows`), as a source's row is narrow, so that the range never
/// reads more than the index of files would (which SQLite otherwise scans
/// whole).
const NEW_SOURCES_FILES: &str = "SELECT DISTINCT file FROM source NOT INDEXED WHERE id >= ?";

/// A dump's row of `file_holding`, from its sources (the statement ends
/// before its `WHERE` and `GROUP BY`).
const FILE_HOLDINGS: &str = "SELECT s.file, COUNT(DISTINCT s.communique_id),
        min(c.date), max(c.date)
   FROM source s JOIN communique c INDEXED BY communique_date_by_id ON c.id = s.communique_id";

/// Counts again the dumps a run read (its sources from `first_new_source`
/// on) and those holding a communiqué of the groups it changed (whose
/// dates, or whose communiqués, may have changed), from those dumps'
/// sources alone (`source_file`).
pub async fn update_file_holdings(
    tx: &mut Transaction<'_, Sqlite>,
    groups: &[i64],
    first_new_source: i64,
) -> Result<(), sqlx::Error> {
    let started = Instant::now();
    let mut files: Vec<String> = sqlx::query_scalar(NEW_SOURCES_FILES)
        .bind(first_new_source)
        .fetch_all(&mut **tx)
        .await?;
    for chunk in groups.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::new(
            "SELECT DISTINCT s.file FROM communique c JOIN source s ON s.communique_id = c.id
              WHERE c.group_id IN",
        );
        push_ids(&mut q, chunk);
        files.extend(
            q.build_query_scalar::<String>()
                .fetch_all(&mut **tx)
                .await?,
        );
    }
    files.sort_unstable();
    files.dedup();
    for chunk in files.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new("DELETE FROM file_holding WHERE file IN ");
        crate::db::push_list(&mut q, chunk);
        q.build().execute(&mut **tx).await?;
        let mut q = QueryBuilder::<Sqlite>::new(format!(
            "INSERT INTO file_holding {FILE_HOLDINGS} WHERE s.file IN "
        ));
        crate::db::push_list(&mut q, chunk);
        q.push(" GROUP BY s.file");
        q.build().execute(&mut **tx).await?;
    }
    count_files(tx).await?;
    tracing::debug!(elapsed = ?started.elapsed(), files = files.len(), "aggregates: file holdings");
    Ok(())
}

/// Keeps the number of dumps, which a page would count from all of them.
async fn count_files(tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
    let files: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM file_holding")
        .fetch_one(&mut **tx)
        .await?;
    crate::db::meta::set(tx, crate::db::meta::FILES, &files.to_string()).await
}

/// Every listed group's id, sort key and slug, by the listing's index.
const LISTED_GROUPS: &str = "SELECT id, sort_key, slug FROM communique INDEXED BY communique_listed
     WHERE id = group_id";

/// Each issuing body written, with the groups of the communiqués that
/// name it as one JSON array: a row a body, in the order of the issuers'
/// index, rather than a row a communiqué.
const ISSUING_BODIES: &str = "SELECT issuer_body, json_group_array(group_id)
     FROM communique INDEXED BY communique_issuer
     WHERE issuer_body IS NOT NULL GROUP BY issuer_body";

/// A table read whole, chunk by chunk of a range of ids (`json_chunks`):
/// each row as a `json_array`, from where, and the id it is ranged on.
struct ChunkedScan {
    row: &'static str,
    from: &'static str,
    id: &'static str,
}

/// What a listed group's facts are read from, besides its issuers: which
/// group each communiqué is in (the groups' index), the persons' and the
/// countries' mentions. Narrow scans, never the wide rows.
const FACT_SOURCES: [ChunkedScan; 3] = [
    ChunkedScan {
        row: "json_array(id, group_id)",
        from: "communique INDEXED BY communique_group",
        id: "group_id",
    },
    ChunkedScan {
        row: "json_array(communique_id, person_id)",
        from: "person_mention",
        id: "communique_id",
    },
    ChunkedScan {
        row: "json_array(communique_id, code, role = 'partner')",
        from: "country_mention",
        id: "rowid",
    },
];

impl ChunkedScan {
    /// The statement of one chunk, its ids from `?1` up to `?2` excluded.
    fn chunk(&self) -> String {
        let ChunkedScan { row, from, id } = self;
        format!("SELECT json_group_array({row}) FROM {from} WHERE {id} >= ?1 AND {id} < ?2")
    }
}

/// Ids a chunk of `json_chunks` spans.
const IDS_PER_CHUNK: i64 = 50_000;

/// Hands every row of `scan` to `each`, a chunk of ids at a time, each
/// chunk's rows one JSON array: a row read one by one crosses from
/// SQLite's thread with a wake-up of its own (millions at a million
/// communiqués), an array once.
async fn json_chunks<T: serde::de::DeserializeOwned>(
    tx: &mut Transaction<'_, Sqlite>,
    scan: &ChunkedScan,
    mut each: impl FnMut(T),
) -> Result<(), sqlx::Error> {
    let ChunkedScan { from, id, .. } = scan;
    let (low, high): (Option<i64>, Option<i64>) =
        sqlx::query_as(&format!("SELECT min({id}), max({id}) FROM {from}"))
            .fetch_one(&mut **tx)
            .await?;
    let (Some(low), Some(high)) = (low, high) else {
        return Ok(());
    };
    let sql = scan.chunk();
    let table = from.split_whitespace().next().unwrap_or_default();
    let chunk_from = |start: i64| {
        sqlx::query_scalar::<_, Option<String>>(&sql)
            .bind(start)
            .bind(start.saturating_add(IDS_PER_CHUNK))
    };
    let mut start = low;
    let mut json = chunk_from(start).fetch_one(&mut **tx).await?;
    loop {
        start = start.saturating_add(IDS_PER_CHUNK);
        let more = start <= high;
        // SQLite reads the next chunk on its thread while this one is
        // decoded here.
        let (next, decoded) = tokio::join!(
            async {
                if more {
                    chunk_from(start).fetch_one(&mut **tx).await.map(Some)
                } else {
                    Ok(None)
                }
            },
            async {
                for row in crate::db::decode::json_list::<T>(table, json.as_deref())? {
                    each(row);
                }
                Ok::<_, sqlx::Error>(())
            }
        );
        decoded?;
        match next? {
            Some(chunk) => json = chunk,
            None => return Ok(()),
        }
    }
}

/// Every listed group's facts, from narrow scans (the listing's index, the
/// groups' index, the persons' and the countries' mentions) and the
/// issuers' index: never the wide rows that hold the texts. The listed
/// groups come from the listing's index, sorted here by id: asked in id
/// order, SQLite scanned the table, a page per communiqué (4 GB at a
/// million, 14 s of the count with the file out of the page cache).
async fn all_facts(tx: &mut Transaction<'_, Sqlite>) -> Result<Vec<GroupFacts>, sqlx::Error> {
    let mut facts: Vec<GroupFacts> = sqlx::query_as::<_, (i64, String, String)>(LISTED_GROUPS)
        .fetch_all(&mut **tx)
        .await?
        .into_iter()
        .map(GroupFacts::listed)
        .collect();
    // The listed groups' rows are written in id order (`write_groups`).
    facts.sort_unstable_by_key(|f| f.id);
    let at: HashMap<i64, usize> = facts.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    let mut group_of: HashMap<i64, usize> = HashMap::with_capacity(facts.len());
    json_chunks(tx, &FACT_SOURCES[0], |(id, group): (i64, i64)| {
        if let Some(&i) = at.get(&group) {
            group_of.insert(id, i);
        }
    })
    .await?;
    json_chunks(tx, &FACT_SOURCES[1], |(communique, person): (i64, i64)| {
        if let Some(&i) = group_of.get(&communique) {
            facts[i].persons.push(person);
        }
    })
    .await?;
    json_chunks(
        tx,
        &FACT_SOURCES[2],
        // JSON has SQLite's booleans as the numbers they are.
        |(communique, code, partner): (i64, String, i64)| {
            if let Some(&i) = group_of.get(&communique) {
                facts[i].countries.push((code, partner != 0));
            }
        },
    )
    .await?;
    let bodies: Vec<(String, String)> = sqlx::query_as(ISSUING_BODIES).fetch_all(&mut **tx).await?;
    for (body, groups) in bodies {
        let slug = issuer_slug(&body);
        for group in crate::db::decode::json::<Vec<i64>>("communique_issuer", &groups)? {
            if let Some(&i) = at.get(&group) {
                facts[i].issuers.push(slug.clone());
            }
        }
    }
    for f in &mut facts {
        tidy(f);
    }
    Ok(facts)
}

/// The facts of those of `groups` listed now, read from their versions.
async fn facts_of(
    tx: &mut Transaction<'_, Sqlite>,
    groups: &[i64],
) -> Result<Vec<GroupFacts>, sqlx::Error> {
    let mut q = QueryBuilder::new(
        "SELECT id, sort_key, slug FROM communique WHERE id = group_id AND id IN",
    );
    push_ids(&mut q, groups);
    let mut facts: Vec<GroupFacts> = q
        .build_query_as::<(i64, String, String)>()
        .fetch_all(&mut **tx)
        .await?
        .into_iter()
        .map(GroupFacts::listed)
        .collect();
    let at: HashMap<i64, usize> = facts.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    let mut q = QueryBuilder::new(
        "SELECT c.group_id, m.person_id FROM communique c
         JOIN person_mention m ON m.communique_id = c.id WHERE c.group_id IN",
    );
    push_ids(&mut q, groups);
    for (group, person) in q
        .build_query_as::<(i64, i64)>()
        .fetch_all(&mut **tx)
        .await?
    {
        if let Some(&i) = at.get(&group) {
            facts[i].persons.push(person);
        }
    }
    let mut q = QueryBuilder::new(
        "SELECT c.group_id, m.code, m.role = 'partner' FROM communique c
         JOIN country_mention m ON m.communique_id = c.id WHERE c.group_id IN",
    );
    push_ids(&mut q, groups);
    for (group, code, partner) in q
        .build_query_as::<(i64, String, bool)>()
        .fetch_all(&mut **tx)
        .await?
    {
        if let Some(&i) = at.get(&group) {
            facts[i].countries.push((code, partner));
        }
    }
    let mut q = QueryBuilder::new(
        "SELECT group_id, issuer_body FROM communique
         WHERE issuer_body IS NOT NULL AND group_id IN",
    );
    push_ids(&mut q, groups);
    for (group, body) in q
        .build_query_as::<(i64, String)>()
        .fetch_all(&mut **tx)
        .await?
    {
        if let Some(&i) = at.get(&group) {
            facts[i].issuers.push(issuer_slug(&body));
        }
    }
    for f in &mut facts {
        tidy(f);
    }
    Ok(facts)
}

/// The facts of those of `groups` the aggregates hold, as they hold them.
async fn held_facts(
    tx: &mut Transaction<'_, Sqlite>,
    groups: &[i64],
) -> Result<Vec<GroupFacts>, sqlx::Error> {
    let mut q = QueryBuilder::new("SELECT group_id, sort_key FROM listed_group WHERE group_id IN");
    push_ids(&mut q, groups);
    let mut facts: Vec<GroupFacts> = q
        .build_query_as::<(i64, String)>()
        .fetch_all(&mut **tx)
        .await?
        .into_iter()
        .map(|(id, sort_key)| GroupFacts {
            id,
            sort_key,
            ..GroupFacts::default()
        })
        .collect();
    let at: HashMap<i64, usize> = facts.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    let mut q = QueryBuilder::new("SELECT group_id, person_id FROM person_group WHERE group_id IN");
    push_ids(&mut q, groups);
    for (group, person) in q
        .build_query_as::<(i64, i64)>()
        .fetch_all(&mut **tx)
        .await?
    {
        if let Some(&i) = at.get(&group) {
            facts[i].persons.push(person);
        }
    }
    let mut q = QueryBuilder::new(
        "SELECT group_id, code, role = 'partner' FROM country_group WHERE group_id IN",
    );
    push_ids(&mut q, groups);
    for (group, code, partner) in q
        .build_query_as::<(i64, String, bool)>()
        .fetch_all(&mut **tx)
        .await?
    {
        if let Some(&i) = at.get(&group) {
            facts[i].countries.push((code, partner));
        }
    }
    let mut q = QueryBuilder::new("SELECT group_id, issuer FROM issuer_group WHERE group_id IN");
    push_ids(&mut q, groups);
    for (group, issuer) in q
        .build_query_as::<(i64, String)>()
        .fetch_all(&mut **tx)
        .await?
    {
        if let Some(&i) = at.get(&group) {
            facts[i].issuers.push(issuer);
        }
    }
    for f in &mut facts {
        tidy(f);
    }
    Ok(facts)
}

/// Each person, country and issuer once per group: a person named in two
/// versions counts once, a country a partner in one version is the event's
/// partner.
fn tidy(f: &mut GroupFacts) {
    f.persons.sort_unstable();
    f.persons.dedup();
    // Sorted by code, then partner last: the last of a run says the role.
    f.countries.sort_unstable();
    f.countries.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1 |= later.1;
            true
        } else {
            false
        }
    });
    f.issuers.retain(|s| !s.is_empty());
    f.issuers.sort_unstable();
    f.issuers.dedup();
}

/// The rows that list each group under the archive, its persons, its
/// countries and its issuers.
/// SQLite's page cache, in KiB, while the listings' indexes are sorted.
const SORT_CACHE_KIB: u32 = 16 * 1024;

/// Drops the secondary indexes of the listings by person, country and
/// issuer, returning the statements that make them again (as the
/// migrations wrote them, read from the schema).
async fn drop_group_indexes(tx: &mut Transaction<'_, Sqlite>) -> Result<Vec<String>, sqlx::Error> {
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('person_group', 'country_group', 'issuer_group')",
    )
    .fetch_all(&mut **tx)
    .await?;
    for (name, _) in &indexes {
        sqlx::query(&format!("DROP INDEX \"{name}\""))
            .execute(&mut **tx)
            .await?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

async fn write_groups(
    tx: &mut Transaction<'_, Sqlite>,
    facts: &[GroupFacts],
) -> Result<(), sqlx::Error> {
    insert_rows(
        tx,
        "INSERT INTO listed_group (group_id, sort_key) ",
        facts,
        |b, f| {
            b.push_bind(f.id).push_bind(&f.sort_key);
        },
    )
    .await?;
    // Each table's rows in the order of its primary key (sort keys
    // descending): appended rather than inserted all over the tree.
    let mut persons: Vec<(i64, &GroupFacts)> = facts
        .iter()
        .flat_map(|f| f.persons.iter().map(move |&p| (p, f)))
        .collect();
    persons.sort_unstable_by(|(p, f), (q, g)| {
        (p, &g.sort_key, &f.slug).cmp(&(q, &f.sort_key, &g.slug))
    });
    insert_rows(
        tx,
        "INSERT INTO person_group (person_id, sort_key, slug, group_id) ",
        &persons,
        |b, (person, f)| {
            b.push_bind(*person)
                .push_bind(&f.sort_key)
                .push_bind(&f.slug)
                .push_bind(f.id);
        },
    )
    .await?;
    let mut countries: Vec<(&str, bool, &GroupFacts)> = facts
        .iter()
        .flat_map(|f| f.countries.iter().map(move |(c, p)| (c.as_str(), *p, f)))
        .collect();
    countries.sort_unstable_by(|(c, p, f), (d, q, g)| {
        (c, role(*p), &g.sort_key, &f.slug).cmp(&(d, role(*q), &f.sort_key, &g.slug))
    });
    insert_rows(
        tx,
        "INSERT INTO country_group (code, role, sort_key, slug, group_id) ",
        &countries,
        |b, (code, partner, f)| {
            b.push_bind(*code)
                .push_bind(role(*partner))
                .push_bind(&f.sort_key)
                .push_bind(&f.slug)
                .push_bind(f.id);
        },
    )
    .await?;
    let mut issuers: Vec<(&str, &GroupFacts)> = facts
        .iter()
        .flat_map(|f| f.issuers.iter().map(move |s| (s.as_str(), f)))
        .collect();
    issuers.sort_unstable_by(|(i, f), (j, g)| {
        (i, &g.sort_key, &f.slug).cmp(&(j, &f.sort_key, &g.slug))
    });
    insert_rows(
        tx,
        "INSERT INTO issuer_group (issuer, sort_key, slug, group_id) ",
        &issuers,
        |b, (issuer, f)| {
            b.push_bind(*issuer)
                .push_bind(&f.sort_key)
                .push_bind(&f.slug)
                .push_bind(f.id);
        },
    )
    .await
}

fn role(partner: bool) -> &'static str {
    if partner { "partner" } else { "mentioned" }
}

/// What groups add to (or, subtracted, take from) the counts.
#[derive(Default)]
struct Sums {
    listed_month: HashMap<String, i64>,
    /// By sort key: the date, or '0000-00-00' undated.
    listed_day: HashMap<String, i64>,
    person: HashMap<i64, i64>,
    person_month: HashMap<(i64, String), i64>,
    person_pair: HashMap<(i64, i64), i64>,
    person_country: HashMap<(i64, String), i64>,
    /// (code, partner) → n
    country: HashMap<(String, bool), i64>,
    country_month: HashMap<(String, bool, String), i64>,
    issuer_month: HashMap<(String, String), i64>,
}

impl Sums {
    fn add(&mut self, f: &GroupFacts, sign: i64) {
        let month = f.month().to_owned();
        *self.listed_month.entry(month.clone()).or_default() += sign;
        *self.listed_day.entry(f.sort_key.clone()).or_default() += sign;
        for &p in &f.persons {
            *self.person.entry(p).or_default() += sign;
            *self.person_month.entry((p, month.clone())).or_default() += sign;
            for &other in &f.persons {
                if other != p {
                    *self.person_pair.entry((p, other)).or_default() += sign;
                }
            }
            for (code, _) in &f.countries {
                *self.person_country.entry((p, code.clone())).or_default() += sign;
            }
        }
        for (code, partner) in &f.countries {
            *self.country.entry((code.clone(), *partner)).or_default() += sign;
            *self
                .country_month
                .entry((code.clone(), *partner, month.clone()))
                .or_default() += sign;
        }
        for issuer in &f.issuers {
            *self
                .issuer_month
                .entry((issuer.clone(), month.clone()))
                .or_default() += sign;
        }
    }

    /// Adds the sums to the tables; rows that reach 0 go.
    async fn write(self, tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
        let started = Instant::now();
        add_counts(tx, "listed_month", &["month"], self.listed_month, |b, m| {
            b.push_bind(m.clone());
        })
        .await?;
        add_counts(tx, "listed_day", &["day"], self.listed_day, |b, d| {
            b.push_bind(d.clone());
        })
        .await?;
        add_counts(
            tx,
            "person_month",
            &["person_id", "month"],
            self.person_month,
            |b, (p, m)| {
                b.push_bind(*p).push_bind(m.clone());
            },
        )
        .await?;
        add_counts(
            tx,
            "person_pair",
            &["person_id", "other_id"],
            self.person_pair,
            |b, (p, o)| {
                b.push_bind(*p).push_bind(*o);
            },
        )
        .await?;
        add_counts(
            tx,
            "person_country",
            &["person_id", "code"],
            self.person_country,
            |b, (p, c)| {
                b.push_bind(*p).push_bind(c.clone());
            },
        )
        .await?;
        add_counts(
            tx,
            "country_month",
            &["code", "role", "month"],
            self.country_month,
            |b, (c, partner, m)| {
                b.push_bind(c.clone())
                    .push_bind(role(*partner))
                    .push_bind(m.clone());
            },
        )
        .await?;
        add_counts(
            tx,
            "issuer_month",
            &["issuer", "month"],
            self.issuer_month,
            |b, (i, m)| {
                b.push_bind(i.clone()).push_bind(m.clone());
            },
        )
        .await?;
        let persons: Vec<(i64, i64)> = self.person.into_iter().filter(|(_, n)| *n != 0).collect();
        for chunk in persons.chunks(ROWS_PER_INSERT) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "UPDATE person SET communiques = communiques + d.column2 FROM (",
            );
            q.push_values(chunk, |mut b, (id, n)| {
                b.push_bind(*id).push_bind(*n);
            });
            q.push(") AS d WHERE person.id = d.column1");
            q.build().execute(&mut **tx).await?;
        }
        for ((code, partner), n) in self.country {
            let column = role(partner);
            sqlx::query(&format!(
                "UPDATE country SET {column} = {column} + ? WHERE code = ?"
            ))
            .bind(n)
            .bind(code)
            .execute(&mut **tx)
            .await?;
        }
        tracing::debug!(elapsed = ?started.elapsed(), "aggregates: counts written");
        Ok(())
    }
}

/// Adds `counts` to the `n` of `table`'s rows keyed by `keys` (made when
/// missing); rows left at 0 or below are removed.
async fn add_counts<K>(
    tx: &mut Transaction<'_, Sqlite>,
    table: &str,
    keys: &[&str],
    counts: HashMap<K, i64>,
    mut bind: impl FnMut(&mut sqlx::query_builder::Separated<'_, '_, Sqlite, &'static str>, &K),
) -> Result<(), sqlx::Error> {
    let mut rows: Vec<(K, i64)> = counts.into_iter().filter(|(_, n)| *n != 0).collect();
    if rows.is_empty() {
        return Ok(());
    }
    let columns = keys.join(", ");
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new(format!("INSERT INTO {table} ({columns}, n) "));
        q.push_values(chunk, |mut b, (key, n)| {
            bind(&mut b, key);
            b.push_bind(*n);
        });
        q.push(format!(
            " ON CONFLICT ({columns}) DO UPDATE SET n = n + excluded.n"
        ));
        q.build().execute(&mut **tx).await?;
    }
    rows.retain(|(_, n)| *n < 0);
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new(format!(
            "DELETE FROM {table} WHERE n <= 0 AND ({columns}) IN (VALUES "
        ));
        let mut first = true;
        for (key, _) in chunk {
            if !first {
                q.push(", ");
            }
            first = false;
            q.push("(");
            let mut b = q.separated(", ");
            bind(&mut b, key);
            q.push(")");
        }
        q.push(")");
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Counts the issuing bodies and tags written on the run's new communiqués
/// (all of them with `None`, into emptied tables), then names every issuer
/// again from the counts: bodies grouped by slug and named by the one most
/// often written, and how many listed groups each has (the sum of its
/// months). What it reads is the issuers' index, or the new rows
/// (`db::new_rows`), and a few rows per issuer.
async fn issuers(
    tx: &mut Transaction<'_, Sqlite>,
    new_rows: Option<NewRows>,
) -> Result<(), sqlx::Error> {
    // (body, tag, communiqués), never from the wide rows of the whole table.
    let sql = new_rows.map_or_else(|| ALL_ISSUING_BODIES.to_owned(), new_issuers_sql);
    let mut query = sqlx::query_as(&sql);
    if let Some(new_rows) = new_rows {
        query = query.bind(new_rows.first);
    }
    let written: Vec<(String, Option<String>, i64)> = query.fetch_all(&mut **tx).await?;
    let mut bodies: HashMap<(String, String), i64> = HashMap::new();
    let mut tags: HashMap<(String, String), i64> = HashMap::new();
    for (body, tag, n) in written {
        let slug = issuer_slug(&body);
        if slug.is_empty() {
            continue;
        }
        if let Some(tag) = tag {
            *tags.entry((slug.clone(), tag)).or_default() += n;
        }
        *bodies.entry((slug, body)).or_default() += n;
    }
    for (table, written, counts) in [
        ("issuer_body", "body", bodies),
        ("issuer_spelling", "spelling", tags),
    ] {
        add_counts(tx, table, &["issuer", written], counts, |b, (issuer, w)| {
            b.push_bind(issuer.clone()).push_bind(w.clone());
        })
        .await?;
    }
    name_issuers(tx).await
}

/// Every issuing body and tag written, with how many communiqués write
/// each, from the issuers' index.
const ALL_ISSUING_BODIES: &str = "SELECT issuer_body, issuer, COUNT(*)
     FROM communique INDEXED BY communique_issuer
    WHERE issuer_body IS NOT NULL GROUP BY issuer_body, issuer";

/// The issuing bodies and tags the communiqués from id `?` on write, with
/// how many write each.
fn new_issuers_sql(new_rows: NewRows) -> String {
    format!(
        "SELECT issuer_body, issuer, COUNT(*) FROM {}
          WHERE id >= ? AND issuer_body IS NOT NULL GROUP BY issuer_body, issuer",
        new_rows.read_from("communique", "communique_issuer")
    )
}

/// Writes the issuer table again from the bodies' counts and the months'.
async fn name_issuers(tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
    // Sorted by issuer, then most written first, then by spelling: the
    // first row of each issuer names it.
    let bodies: Vec<(String, String)> =
        sqlx::query_as("SELECT issuer, body FROM issuer_body ORDER BY issuer, n DESC, body")
            .fetch_all(&mut **tx)
            .await?;
    let listed: HashMap<String, i64> =
        sqlx::query_as("SELECT issuer, SUM(n) FROM issuer_month GROUP BY issuer")
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .collect();
    let mut issuers: Vec<(&str, &str, i64)> = Vec::new();
    for (slug, body) in &bodies {
        if issuers.last().is_none_or(|(last, _, _)| *last != slug) {
            issuers.push((slug, body, listed.get(slug).copied().unwrap_or(0)));
        }
    }
    sqlx::query("DELETE FROM issuer").execute(&mut **tx).await?;
    for chunk in issuers.chunks(ROWS_PER_INSERT) {
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO issuer (slug, name, communiques) ");
        q.push_values(chunk, |mut b, &(slug, name, n)| {
            b.push_bind(slug).push_bind(name).push_bind(n);
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// One person's functions as counted: (role as first written, folded, n).
type RoleCounts = Vec<(String, String, i64)>;

/// Counts the roles of `(person, roles)` mentions, in communiqué order, into
/// `counts`: each mention's roles are lines; spellings that fold alike count
/// as one, under the first one seen.
fn count_roles(counts: &mut RoleCounts, roles: &str) {
    for role in roles.lines() {
        let folded = fold(role);
        match counts.iter_mut().find(|c| c.1 == folded) {
            Some(c) => c.2 += 1,
            None => counts.push((role.to_owned(), folded, 1)),
        }
    }
}

/// Adds the functions of the mentions in communiqués from `first_id` on to
/// those counted: later communiqués, so a spelling counted first stays.
async fn roles_from(tx: &mut Transaction<'_, Sqlite>, first_id: i64) -> Result<(), sqlx::Error> {
    // Read in the primary key's order (a range of it), sorted by person here:
    // asked sorted by person, SQLite walks every mention by the person index.
    let mut mentions: Vec<(i64, String)> = sqlx::query_as(
        "SELECT person_id, roles FROM person_mention WHERE communique_id >= ? AND roles <> ''
         ORDER BY communique_id",
    )
    .bind(first_id)
    .fetch_all(&mut **tx)
    .await?;
    // Stable: each person's mentions stay in communiqué order.
    mentions.sort_by_key(|(person, _)| *person);
    let mut all: Vec<(i64, RoleCounts)> = Vec::new();
    for (person, roles) in &mentions {
        if all.last().is_none_or(|(p, _)| p != person) {
            all.push((*person, Vec::new()));
        }
        if let Some((_, counts)) = all.last_mut() {
            count_roles(counts, roles);
        }
    }
    write_roles(tx, &all).await
}

/// Adds counted functions to the table: a spelling folding like one there
/// adds to it, and the one written first names them.
async fn write_roles(
    tx: &mut Transaction<'_, Sqlite>,
    all: &[(i64, RoleCounts)],
) -> Result<(), sqlx::Error> {
    let rows: Vec<(i64, &str, &str, i64)> = all
        .iter()
        .flat_map(|(p, counts)| {
            counts
                .iter()
                .map(move |(role, folded, n)| (*p, role.as_str(), folded.as_str(), *n))
        })
        .collect();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut q =
            QueryBuilder::<Sqlite>::new("INSERT INTO person_role (person_id, role, folded, n) ");
        q.push_values(chunk, |mut b, (person, role, folded, n)| {
            b.push_bind(*person)
                .push_bind(*role)
                .push_bind(*folded)
                .push_bind(*n);
        });
        q.push(" ON CONFLICT (person_id, folded) DO UPDATE SET n = n + excluded.n");
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{empty_archive, plan, scans_of_large_tables, scratch_table};

    /// Ids at a chunk's first and last place, chunks with no row between
    /// them, ids below zero: every row is read once, in order.
    #[tokio::test]
    async fn a_scan_in_chunks_reads_every_row_once_across_chunks_and_gaps() {
        let (_dir, mut tx) = scratch_table("n INTEGER PRIMARY KEY, word TEXT").await;
        let ids = [
            -7,
            0,
            1,
            IDS_PER_CHUNK - 8,
            IDS_PER_CHUNK - 7,
            2 * IDS_PER_CHUNK - 7,
            5 * IDS_PER_CHUNK + 3,
        ];
        for n in ids {
            sqlx::query("INSERT INTO t VALUES (?, ?)")
                .bind(n)
                .bind(format!("w{n}"))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        let scan = ChunkedScan {
            row: "json_array(n, word)",
            from: "t",
            id: "n",
        };
        let mut read = Vec::new();
        json_chunks(&mut tx, &scan, |row: (i64, String)| read.push(row))
            .await
            .unwrap();
        let expected: Vec<(i64, String)> = ids.iter().map(|&n| (n, format!("w{n}"))).collect();
        assert_eq!(read, expected);
        sqlx::query("DELETE FROM t")
            .execute(&mut *tx)
            .await
            .unwrap();
        read.clear();
        json_chunks(&mut tx, &scan, |row: (i64, String)| read.push(row))
            .await
            .unwrap();
        assert!(read.is_empty());
    }

    #[tokio::test]
    async fn a_dump_is_counted_again_from_its_own_sources() {
        let (_dir, pool) = empty_archive().await;
        let sql = format!("{FILE_HOLDINGS} WHERE s.file IN (?, ?) GROUP BY s.file");
        let plan = plan(&pool, &sql).await;
        assert!(scans_of_large_tables(&plan).is_empty(), "{plan}");
        pool.close().await;
    }

    /// A daily run's own rows (ids from its first on, few beside the
    /// archive) are read by their range of ids, not by a scan of a whole
    /// index that holds them, which SQLite prefers when it plans `id >= ?`;
    /// many new communiqués are read through the narrow index, never their
    /// wide rows.
    #[tokio::test]
    async fn a_runs_new_rows_are_read_by_their_range_when_few_and_by_an_index_when_many() {
        let (_dir, pool) = empty_archive().await;
        let few = NewRows {
            first: 1_000_001,
            next: 1_001_001,
        };
        for sql in [NEW_SOURCES_FILES.to_owned(), new_issuers_sql(few)] {
            let plan = plan(&pool, &sql).await;
            assert!(
                plan.contains("USING INTEGER PRIMARY KEY (rowid>?)"),
                "{sql}\n{plan}"
            );
            assert!(scans_of_large_tables(&plan).is_empty(), "{sql}\n{plan}");
        }
        let many = NewRows {
            first: 1,
            next: 1_000_001,
        };
        let plan = plan(&pool, &new_issuers_sql(many)).await;
        assert!(
            plan.contains("USING COVERING INDEX communique_issuer"),
            "{plan}"
        );
        pool.close().await;
    }

    /// Counting everything anew reads indexes and narrow tables, not the
    /// communiqués' rows, which hold their texts (a page or more each):
    /// neither a scan of that table nor a lookup of a row by its id (the
    /// dumps' dates, read through `communique_date_by_id`).
    #[tokio::test]
    async fn counting_anew_does_not_read_the_rows_that_hold_the_texts() {
        let (_dir, pool) = empty_archive().await;
        let facts = FACT_SOURCES.iter().map(ChunkedScan::chunk);
        for sql in [
            LISTED_GROUPS.to_owned(),
            ISSUING_BODIES.to_owned(),
            format!("{FILE_HOLDINGS} GROUP BY s.file"),
        ]
        .into_iter()
        .chain(facts)
        {
            let plan = plan(&pool, &sql).await;
            let rows_read: Vec<&str> = plan
                .lines()
                .filter(|step| {
                    // A step on the communiqués (or `c`, as a join names
                    // them) that looks rows up, or scans without an index.
                    let table = step.split_whitespace().nth(1).unwrap_or_default();
                    (table == "communique" || table == "c")
                        && (step.contains("INTEGER PRIMARY KEY") || !step.contains("INDEX"))
                })
                .collect();
            assert!(rows_read.is_empty(), "{sql}\n{plan}");
        }
        pool.close().await;
    }
}
