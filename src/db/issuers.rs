//! The issuers: the offices that sign communiqués (`/emetteurs`), their
//! spellings, their months; what `aggregates` computed at ingest.

/// An issuer as pages list it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IssuerRow {
    pub slug: String,
    /// The issuing body, as most often written ("BIP/MAECI").
    pub name: String,
    /// Listed communiqués one of whose versions it signed.
    pub communiques: i64,
}

/// Every issuer, the most prolific first.
pub async fn all(pool: &super::Pool) -> Result<Vec<IssuerRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, name, communiques FROM issuer WHERE communiques > 0
         ORDER BY communiques DESC, name",
    )
    .fetch_all(pool)
    .await
}

pub async fn by_slug(pool: &super::Pool, slug: &str) -> Result<Option<IssuerRow>, sqlx::Error> {
    sqlx::query_as("SELECT slug, name, communiques FROM issuer WHERE slug = ?")
        .bind(slug)
        .fetch_optional(pool)
        .await
}

/// The tags written for an issuer, the most frequent first (tag, communiqués).
pub async fn spellings(pool: &super::Pool, slug: &str) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT spelling, n FROM issuer_spelling WHERE issuer = ? ORDER BY n DESC, spelling",
    )
    .bind(slug)
    .fetch_all(pool)
    .await
}

/// Listed communiqués per month ("2025-06", count).
pub async fn per_month(pool: &super::Pool, slug: &str) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let counts = super::months::read(pool, |q| {
        q.push("SELECT month, n FROM issuer_month WHERE issuer = ")
            .push_bind(slug.to_owned());
    })
    .await?;
    Ok(counts.dated())
}
