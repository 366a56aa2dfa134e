//! What a sitemap lists: every communiqué, person, country and issuer that
//! has a page (their addresses are `web::urls`').

use crate::domain::country::CountryCode;

/// One page of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A communiqué's permalink, with its date as the last modification.
    Communique {
        slug: String,
        date: Option<String>,
    },
    Person {
        slug: String,
    },
    Country {
        code: CountryCode,
    },
    Issuer {
        slug: String,
    },
}

/// How many URLs the archive has: communiqués (every version has its
/// permalink, counted at ingest), persons, countries, issuers.
pub async fn count(pool: &super::Pool) -> Result<i64, sqlx::Error> {
    let (texts, others): (Option<i64>, i64) = sqlx::query_as(
        "SELECT (SELECT CAST(value AS INTEGER) FROM archive_meta WHERE key = ?),
                (SELECT COUNT(*) FROM person WHERE communiques > 0)
              + (SELECT COUNT(*) FROM country WHERE partner + mentioned > 0)
              + (SELECT COUNT(*) FROM issuer WHERE communiques > 0)",
    )
    .bind(super::meta::TEXTS)
    .fetch_one(pool)
    .await?;
    let texts = match texts {
        Some(n) => n,
        None => {
            sqlx::query_scalar("SELECT COUNT(*) FROM communique")
                .fetch_one(pool)
                .await?
        }
    };
    Ok(texts + others)
}

/// One slice of the entries, in a stable order: communiqués by id, then
/// persons, countries and issuers.
///
/// Communiqués are numbered from 1 without a gap unless one was ever
/// removed (their largest id is then their number, kept at ingest): the
/// slice's communiqués are then those of a range of ids, read in the
/// table's own order. Otherwise every entry is sorted and skipped up to
/// the slice (seconds at a million communiqués).
pub async fn entries(
    pool: &super::Pool,
    limit: i64,
    offset: i64,
) -> Result<Vec<Entry>, sqlx::Error> {
    let (largest, texts): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT (SELECT max(id) FROM communique),
                (SELECT CAST(value AS INTEGER) FROM archive_meta WHERE key = ?)",
    )
    .bind(super::meta::TEXTS)
    .fetch_one(pool)
    .await?;
    let numbered = texts.filter(|&n| largest.unwrap_or(0) == n);
    let Some(texts) = numbered else {
        return sorted(pool, 0, limit, offset).await;
    };
    let mut out = Vec::new();
    if offset < texts {
        // One value of "slug date" lines rather than a row per communiqué:
        // sqlx's cost per row was half a part's time. Slugs and dates hold
        // no space nor line end.
        let lines: Option<String> = sqlx::query_scalar(
            "SELECT group_concat(slug || ' ' || coalesce(date, ''), char(10))
               FROM (SELECT slug, date FROM communique WHERE id > ? ORDER BY id LIMIT ?)",
        )
        .bind(offset)
        .bind(limit)
        .fetch_one(pool)
        .await?;
        for line in lines.as_deref().unwrap_or_default().lines() {
            let (slug, date) = line.split_once(' ').unwrap_or((line, ""));
            out.push(Entry::Communique {
                slug: slug.to_owned(),
                date: (!date.is_empty()).then(|| date.to_owned()),
            });
        }
    }
    let left = limit - out.len() as i64;
    if left > 0 {
        out.extend(sorted(pool, 1, left, (offset - texts).max(0)).await?);
    }
    Ok(out)
}

/// A slice of the entries of kinds `first_kind` on (0 communiqués, 1
/// persons, 2 countries, 3 issuers), sorted.
async fn sorted(
    pool: &super::Pool,
    first_kind: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<Entry>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT k, key, lastmod FROM (
            SELECT 0 AS k, id AS n, slug AS key, date AS lastmod FROM communique WHERE ?1 = 0
            UNION ALL SELECT 1, id, slug, NULL FROM person WHERE communiques > 0
            UNION ALL SELECT 2, 0, code, NULL FROM country WHERE partner + mentioned > 0
            UNION ALL SELECT 3, 0, slug, NULL FROM issuer WHERE communiques > 0
         ) WHERE k >= ?1 ORDER BY k, n, key LIMIT ?2 OFFSET ?3",
    )
    .bind(first_kind)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, key, lastmod)| match kind {
            0 => Some(Entry::Communique {
                slug: key,
                date: lastmod,
            }),
            1 => Some(Entry::Person { slug: key }),
            2 => CountryCode::parse(&key).map(|code| Entry::Country { code }),
            _ => Some(Entry::Issuer { slug: key }),
        })
        .collect())
}
