//! What the search index is built from, and what result pages load back.

use std::collections::HashMap;

use sqlx::SqlitePool;

use super::communiques::ListRow;

/// One listed communiqué as the index sees it: every version's text, and the
/// persons and countries any version names.
#[derive(Debug, Default)]
pub struct SearchDoc {
    pub id: i64,
    pub date: Option<String>,
    pub titles: Vec<String>,
    pub bodies: Vec<String>,
    /// (id, name and every spelling)
    pub persons: Vec<(i64, String)>,
    /// (code, name)
    pub countries: Vec<(String, String)>,
}

/// (group id, id, date of the group, title, body) of one version.
type TextRow = (i64, i64, Option<String>, Option<String>, String);

/// The next `limit` listed communiqués after group id `after`, in id order:
/// the index is built chunk by chunk, never holding the archive in memory.
pub async fn docs_after(
    pool: &SqlitePool,
    after: i64,
    limit: i64,
) -> Result<Vec<SearchDoc>, sqlx::Error> {
    let groups: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM communique WHERE id = group_id AND id > ? ORDER BY id LIMIT ?",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let (Some(&(first,)), Some(&(last,))) = (groups.first(), groups.last()) else {
        return Ok(Vec::new());
    };
    let texts: Vec<TextRow> = sqlx::query_as(
        "SELECT c.group_id, c.id, r.date, c.title, c.body FROM communique c
         JOIN communique r ON r.id = c.group_id
         WHERE c.group_id BETWEEN ? AND ?
         ORDER BY c.group_id, c.id = c.group_id DESC, c.id",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    let mut docs: Vec<SearchDoc> = Vec::with_capacity(groups.len());
    let mut at: HashMap<i64, usize> = HashMap::new();
    for (group, _, date, title, body) in texts {
        let i = *at.entry(group).or_insert_with(|| {
            docs.push(SearchDoc {
                id: group,
                date: date.clone(),
                ..SearchDoc::default()
            });
            docs.len() - 1
        });
        docs[i].titles.extend(title);
        docs[i].bodies.push(body);
    }
    let persons: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT DISTINCT c.group_id, p.id, p.name || ' ' || coalesce(
             (SELECT group_concat(spelling, ' ') FROM person_alias a WHERE a.person_id = p.id), '')
         FROM communique c JOIN person_mention m ON m.communique_id = c.id JOIN person p ON p.id = m.person_id
         WHERE c.group_id BETWEEN ? AND ?
         ORDER BY c.group_id, m.position",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    for (group, person, names) in persons {
        if let Some(&i) = at.get(&group)
            && !docs[i].persons.iter().any(|(p, _)| *p == person)
        {
            docs[i].persons.push((person, names));
        }
    }
    let countries: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT DISTINCT c.group_id, k.code, k.name FROM communique c
         JOIN country_mention m ON m.communique_id = c.id JOIN country k ON k.code = m.code
         WHERE c.group_id BETWEEN ? AND ?
         ORDER BY c.group_id, m.position",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    for (group, code, name) in countries {
        if let Some(&i) = at.get(&group)
            && !docs[i].countries.iter().any(|(c, _)| *c == code)
        {
            docs[i].countries.push((code, name));
        }
    }
    Ok(docs)
}

const LIST_COLUMNS: &str =
    "c.id, c.slug, c.title, c.date, c.issuer, c.author, substr(c.body, 1, 600) AS lead,
    (SELECT COUNT(*) FROM communique v WHERE v.group_id = c.id) - 1 AS other_versions";

#[derive(Debug, sqlx::FromRow)]
struct IdRow {
    id: i64,
    #[sqlx(flatten)]
    row: ListRow,
}

/// Listed communiqués by id, in the order of `ids` (unknown ids are skipped).
pub async fn rows_by_ids(
    pool: &SqlitePool,
    ids: &[i64],
) -> Result<Vec<(i64, ListRow)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sqlx::QueryBuilder::new(format!(
        "SELECT {LIST_COLUMNS} FROM communique c WHERE c.id IN "
    ));
    crate::db::push_ids(&mut q, ids);
    let rows: Vec<IdRow> = q.build_query_as().fetch_all(pool).await?;
    let mut by_id: HashMap<i64, ListRow> = rows.into_iter().map(|r| (r.id, r.row)).collect();
    Ok(ids
        .iter()
        .filter_map(|id| by_id.remove(id).map(|r| (*id, r)))
        .collect())
}

/// The bodies of every version of each listed communiqué, for snippets.
pub async fn group_bodies(
    pool: &SqlitePool,
    ids: &[i64],
) -> Result<HashMap<i64, String>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut q = sqlx::QueryBuilder::new(
        "SELECT group_id, group_concat(body, char(10) || char(10)) FROM communique WHERE group_id IN ",
    );
    crate::db::push_ids(&mut q, ids);
    q.push(" GROUP BY group_id");
    let rows: Vec<(i64, String)> = q.build_query_as().fetch_all(pool).await?;
    Ok(rows.into_iter().collect())
}
