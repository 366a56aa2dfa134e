//! What the HTML and JSON handlers both load: one page of a listing, and one
//! communiqué with everything shown around it.

use crate::db::Pool;

use super::error::Error;
use super::pagination::Pagination;
use crate::db::communiques::{self, CommuniqueRow, Filter, ListRow, SourceRow};
use crate::db::{countries, persons};

pub struct Listing {
    pub total: i64,
    pub rows: Vec<ListRow>,
    pub pagination: Pagination,
}

/// Counts what the filter selects, checks the page exists, loads its lines.
pub async fn load(pool: &Pool, filter: &Filter, pagination: Pagination) -> Result<Listing, Error> {
    let total = communiques::count_listed(pool, filter).await?;
    pagination.check(total)?;
    let rows = communiques::list(pool, filter, pagination.per_page, pagination.offset()).await?;
    Ok(Listing {
        total,
        rows,
        pagination,
    })
}

/// A communiqué with its sources, its other versions and its neighbours.
pub struct Full {
    pub communique: CommuniqueRow,
    pub sources: Vec<SourceRow>,
    pub versions: Vec<ListRow>,
    pub older: Option<ListRow>,
    pub newer: Option<ListRow>,
    pub persons: Vec<persons::MentionRow>,
    pub countries: Vec<countries::MentionRow>,
}

/// Loads a communiqué by slug; an unknown slug is a 404.
pub async fn communique(pool: &Pool, slug: &str) -> Result<Full, Error> {
    let Some(c) = communiques::by_slug(pool, slug).await? else {
        if let Some(current) = communiques::current_slug(pool, slug).await? {
            return Err(Error::Moved(current));
        }
        return Err(Error::NotFound(format!(
            "Aucun communiqué n’a pour adresse « {slug} »."
        )));
    };
    let sources = communiques::sources(pool, c.id).await?;
    let versions = communiques::other_versions(pool, &c).await?;
    let (older, newer) = communiques::neighbours(pool, &c).await?;
    let persons = persons::in_communique(pool, c.id).await?;
    let countries = countries::in_communique(pool, c.id).await?;
    Ok(Full {
        persons,
        countries,
        communique: c,
        sources,
        versions,
        older,
        newer,
    })
}
