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
/// permalink), persons, countries, issuers.
pub async fn count(pool: &super::Pool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM communique)
              + (SELECT COUNT(*) FROM person WHERE communiques > 0)
              + (SELECT COUNT(*) FROM country WHERE partner + mentioned > 0)
              + (SELECT COUNT(*) FROM issuer WHERE communiques > 0)",
    )
    .fetch_one(pool)
    .await
}

/// One slice of the entries, in a stable order: communiqués, persons,
/// countries, then issuers.
pub async fn entries(
    pool: &super::Pool,
    limit: i64,
    offset: i64,
) -> Result<Vec<Entry>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT k, key, lastmod FROM (
            SELECT 0 AS k, id AS n, slug AS key, date AS lastmod FROM communique
            UNION ALL SELECT 1, id, slug, NULL FROM person WHERE communiques > 0
            UNION ALL SELECT 2, 0, code, NULL FROM country WHERE partner + mentioned > 0
            UNION ALL SELECT 3, 0, slug, NULL FROM issuer WHERE communiques > 0
         ) ORDER BY k, n, key LIMIT ? OFFSET ?",
    )
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
