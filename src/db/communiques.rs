//! Reading communiqués: the listing (one line per group of versions, newest
//! first, undated last), one communiqué by slug, listing lines by id (the
//! permalink's page is `communique_page`).

use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use time::Date;

use crate::domain::article::ArticleKind;
use crate::domain::country::CountryCode;
use crate::domain::date::DateBasis;

use sqlx::{QueryBuilder, Sqlite};

use super::date_range::DateRange;
use super::{decode, months};

/// A line of a listing.
#[derive(Debug, Clone)]
pub struct ListRow {
    pub slug: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    /// The issuer's tag as written.
    pub issuer: Option<String>,
    /// The issuing body the tag names, whose slug is the issuer's address.
    pub issuer_body: Option<String>,
    /// A signed byline.
    pub author: Option<String>,
    /// The start of the body, for an excerpt.
    pub lead: String,
    /// How many other versions of the same event the archive holds.
    pub other_versions: i64,
}

/// One communiqué in full.
#[derive(Debug, Clone)]
pub struct CommuniqueRow {
    pub id: i64,
    pub slug: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub date_basis: Option<DateBasis>,
    pub issuer: Option<String>,
    /// The issuing body the tag names ("BIP/MAECI").
    pub issuer_body: Option<String>,
    /// A signed byline: the author, never the issuer.
    pub author: Option<String>,
    pub body: String,
    pub kind: ArticleKind,
    pub group_id: i64,
    pub sort_key: String,
}

/// The columns a `CommuniqueRow` reads (a date a version gave has the
/// basis "version").
pub const COMMUNIQUE_COLUMNS: &str = "id, slug, title, date,
    CASE WHEN date_from_version = 1 THEN 'version' ELSE date_basis END AS date_basis,
    issuer, issuer_body, author, body, kind, group_id, sort_key";

impl<'r> sqlx::FromRow<'r, SqliteRow> for CommuniqueRow {
    fn from_row(row: &'r SqliteRow) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.try_get("id")?,
            slug: row.try_get("slug")?,
            title: row.try_get("title")?,
            date: row.try_get("date")?,
            date_basis: decode::optional(row, "date_basis")?,
            issuer: row.try_get("issuer")?,
            issuer_body: row.try_get("issuer_body")?,
            author: row.try_get("author")?,
            body: decode::text(row, "body")?.unwrap_or_default().to_owned(),
            kind: decode::column(row, "kind")?,
            group_id: row.try_get("group_id")?,
            sort_key: row.try_get("sort_key")?,
        })
    }
}

/// Where a communiqué was read from.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SourceRow {
    pub file: String,
    pub position: i64,
    pub first_line: i64,
    pub last_line: i64,
    /// The page the file was copied from, when it says.
    pub address: Option<String>,
}

/// Which communiqués a listing holds. Every field narrows it; the default is
/// the whole archive.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// First date, inclusive.
    pub from: Option<Date>,
    /// Last date, inclusive.
    pub to: Option<Date>,
    pub person_id: Option<i64>,
    pub country: Option<CountryFilter>,
    /// An issuer's slug.
    pub issuer: Option<String>,
}

/// A country, and how the communiqués must name it.
#[derive(Debug, Clone)]
pub enum CountryFilter {
    /// Named in any way.
    Any(CountryCode),
    /// A partner in the event.
    Partner(CountryCode),
    /// Named, but a partner in no version of the event.
    MentionedOnly(CountryCode),
}

/// A listing line as a JSON array, for the communiqué `c`: the fields of a
/// `ListRow` in order (`ListJson`). Lines are read as one JSON array per
/// statement: sqlx hands every row from its connection's thread on its own,
/// which cost several times SQLite's work for a page of twenty.
pub(super) const LIST_JSON: &str = "json_array(c.slug, c.title, c.date, c.issuer, c.issuer_body, c.author, \
     substr(c.body, 1, 600), \
     (SELECT COUNT(*) FROM communique v WHERE v.group_id = c.group_id) - 1)";

/// A listing line's lead from the body: what `substr(body, 1, 600)` gives.
pub(super) fn lead_of(body: &str) -> String {
    body.char_indices()
        .nth(LEAD_CHARS)
        .map_or(body, |(end, _)| &body[..end])
        .to_owned()
}

/// The characters of a body a listing line carries.
const LEAD_CHARS: usize = 600;

/// A text column that may be NULL.
type Text = Option<String>;

/// A `ListRow` as `LIST_JSON` writes it.
pub(super) type ListJson = (String, Text, Text, Text, Text, Text, String, i64);

/// A listing line's own fields: slug, title, date, issuer, issuing body,
/// author (a `ListJson` without the lead and the number of versions).
pub(super) type LineFields = (String, Text, Text, Text, Text, Text);

/// A listing line from its JSON; `column` names where it was read, for the
/// error.
pub(super) fn list_row(column: &str, v: ListJson) -> Result<ListRow, sqlx::Error> {
    let (slug, title, date, issuer, issuer_body, author, lead, other_versions) = v;
    line_of(
        column,
        (slug, title, date, issuer, issuer_body, author),
        lead,
        other_versions,
    )
}

/// A listing line from its fields, its lead and its number of other
/// versions; `column` names where they were read, for the error.
pub(super) fn line_of(
    column: &str,
    fields: LineFields,
    lead: String,
    other_versions: i64,
) -> Result<ListRow, sqlx::Error> {
    let (slug, title, date, issuer, issuer_body, author) = fields;
    let date = date
        .map(|d| {
            Date::parse(
                &d,
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .map_err(|e| sqlx::Error::ColumnDecode {
                index: column.to_owned(),
                source: format!("date {d:?}: {e}").into(),
            })
        })
        .transpose()?;
    Ok(ListRow {
        slug,
        title,
        date,
        issuer,
        issuer_body,
        author,
        lead,
        other_versions,
    })
}

/// A page of listing lines: `q` ends in the subquery `page` (id, sort_key,
/// slug) in the listing's order.
pub(super) async fn page_lines(
    mut q: QueryBuilder<'_, Sqlite>,
    pool: &super::Pool,
) -> Result<Vec<ListRow>, sqlx::Error> {
    q.push(") page JOIN communique c ON c.id = page.id");
    let lines: Vec<ListJson> = decode::json_array(&mut q, pool, "listing").await?;
    lines.into_iter().map(|v| list_row("listing", v)).collect()
}

/// The start of a page's statement, before its subquery `page`.
pub(super) fn page_select() -> String {
    format!("SELECT json_group_array({LIST_JSON} ORDER BY page.sort_key DESC, page.slug) FROM (")
}

/// Listed communiqués are groups of versions: a filter on persons or countries
/// matches a group when any of its versions matches.
const GROUPS_NAMING_PERSON: &str = "SELECT x.group_id FROM person_mention m JOIN communique x ON x.id = m.communique_id WHERE m.person_id = ";
const GROUPS_NAMING_COUNTRY: &str = "SELECT x.group_id FROM country_mention m JOIN communique x ON x.id = m.communique_id WHERE m.code = ";

pub fn push_filter(q: &mut QueryBuilder<'_, Sqlite>, f: &Filter) {
    q.push(" WHERE c.id = c.group_id");
    // The sort key is the date's text ("2025-06-01"), which orders as the date.
    if let Some(from) = f.from {
        q.push(" AND c.sort_key >= ").push_bind(from.to_string());
    }
    if let Some(to) = f.to {
        q.push(" AND c.sort_key <= ").push_bind(to.to_string());
    }
    if let Some(id) = f.person_id {
        q.push(" AND c.id IN (")
            .push(GROUPS_NAMING_PERSON)
            .push_bind(id)
            .push(")");
    }
    if let Some(issuer) = &f.issuer {
        q.push(" AND c.id IN (SELECT group_id FROM issuer_group WHERE issuer = ")
            .push_bind(issuer.clone())
            .push(")");
    }
    match &f.country {
        None => {}
        Some(CountryFilter::Any(code)) => {
            q.push(" AND c.id IN (")
                .push(GROUPS_NAMING_COUNTRY)
                .push_bind(code.to_string())
                .push(")");
        }
        Some(CountryFilter::Partner(code)) => {
            q.push(" AND c.id IN (")
                .push(GROUPS_NAMING_COUNTRY)
                .push_bind(code.to_string())
                .push(" AND m.role = 'partner')");
        }
        Some(CountryFilter::MentionedOnly(code)) => {
            q.push(" AND c.id IN (")
                .push(GROUPS_NAMING_COUNTRY)
                .push_bind(code.to_string())
                .push(")");
            q.push(" AND c.id NOT IN (")
                .push(GROUPS_NAMING_COUNTRY)
                .push_bind(code.to_string())
                .push(" AND m.role = 'partner')");
        }
    }
}

/// A filter that narrows to one person, one country or one issuer, or not at
/// all, and to no dates: its count and its lines come from what ingest
/// computed.
enum Precomputed<'a> {
    Everything,
    Person(i64),
    Country(&'a CountryFilter),
    Issuer(&'a str),
}

impl<'a> Precomputed<'a> {
    fn of(f: &'a Filter) -> Option<Self> {
        if f.from.is_some() || f.to.is_some() {
            return None;
        }
        match (f.person_id, &f.country, f.issuer.as_deref()) {
            (None, None, None) => Some(Self::Everything),
            (Some(id), None, None) => Some(Self::Person(id)),
            (None, Some(c), None) => Some(Self::Country(c)),
            (None, None, Some(slug)) => Some(Self::Issuer(slug)),
            _ => None,
        }
    }
}

/// Number of listed communiqués (a group of versions counts once).
pub async fn count_listed(pool: &super::Pool, filter: &Filter) -> Result<i64, sqlx::Error> {
    if let Some(range) = DateRange::of(filter) {
        return range.count(pool).await;
    }
    let counted: Option<i64> = match Precomputed::of(filter) {
        Some(source) => source.count(pool).await?,
        None => None,
    };
    if let Some(n) = counted {
        return Ok(n);
    }
    let mut q = QueryBuilder::new("SELECT COUNT(*) FROM ");
    if let Some(combined) = Combined::of(pool, filter).await? {
        q.push("(");
        combined.push_entries(&mut q);
        q.push(")");
    } else {
        q.push("communique c");
        push_filter(&mut q, filter);
    }
    q.build_query_scalar().fetch_one(pool).await
}

/// A listing narrowed by several of a person, a country and an issuer, or
/// by one of them and dates: read from the group table of the one that
/// names the fewest communiqués (in the listing's order, the dates a range
/// of it), keeping the entries the others name too (a look-up in their
/// tables by group). Counted from the mentions, such a listing joined every
/// mention of each filter to its communiqué (0.5 s at a million).
struct Combined<'a> {
    /// The filter whose entries are walked.
    walked: Precomputed<'a>,
    /// The others, looked up for each entry.
    looked_up: Vec<Precomputed<'a>>,
    from: Option<Date>,
    to: Option<Date>,
}

impl<'a> Combined<'a> {
    /// None when the filter names no person, country nor issuer.
    async fn of(pool: &super::Pool, f: &'a Filter) -> Result<Option<Self>, sqlx::Error> {
        let mut named: Vec<(i64, Precomputed<'a>)> = Vec::new();
        for one in [
            f.person_id.map(Precomputed::Person),
            f.country.as_ref().map(Precomputed::Country),
            f.issuer.as_deref().map(Precomputed::Issuer),
        ]
        .into_iter()
        .flatten()
        {
            named.push((one.count(pool).await?.unwrap_or(0), one));
        }
        named.sort_by_key(|(n, _)| *n);
        let mut named = named.into_iter().map(|(_, one)| one);
        let Some(walked) = named.next() else {
            return Ok(None);
        };
        Ok(Some(Self {
            walked,
            looked_up: named.collect(),
            from: f.from,
            to: f.to,
        }))
    }

    /// `SELECT id, sort_key, slug` of the listing's entries.
    fn push_entries(&self, q: &mut QueryBuilder<'_, Sqlite>) {
        self.walked.push_entries(q);
        if let Some(from) = self.from {
            q.push(" AND sort_key >= ").push_bind(from.to_string());
        }
        if let Some(to) = self.to {
            q.push(" AND sort_key <= ").push_bind(to.to_string());
        }
        let table = self.walked.group_table();
        for other in &self.looked_up {
            q.push(format!(
                " AND EXISTS (SELECT 1 FROM {} o WHERE o.group_id = {table}.group_id AND ",
                other.group_table()
            ));
            other.push_key(q, "o.");
            q.push(")");
        }
    }
}

/// A page of the listing, newest first, undated last. The whole listing and
/// the listings of one person, one country or one issuer find their page
/// from month counts kept at ingest (`db::aggregates`): the month the page
/// starts in, then fewer entries skipped than that month holds, whatever
/// the page's number. Other filters find their page on an index, skipping
/// `offset` index entries.
pub async fn list(
    pool: &super::Pool,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> Result<Vec<ListRow>, sqlx::Error> {
    if let Some(range) = DateRange::of(filter) {
        return range.list(pool, limit, offset).await;
    }
    let Some(source) = Precomputed::of(filter) else {
        let mut q = QueryBuilder::new(page_select());
        if let Some(combined) = Combined::of(pool, filter).await? {
            combined.push_entries(&mut q);
        } else {
            q.push("SELECT c.id, c.sort_key, c.slug FROM communique c");
            push_filter(&mut q, filter);
        }
        q.push(" ORDER BY sort_key DESC, slug LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(offset);
        return page_lines(q, pool).await;
    };
    // A deep page starts in the month that holds its first entry (found in
    // the month counts, in Rust: a window over them in SQL cost more than
    // the page), and skips fewer entries than that month holds; the first
    // page needs no month.
    let mut q = QueryBuilder::new(page_select());
    source.push_entries(&mut q);
    let mut skip = offset;
    if offset > 0 {
        let months = months::read(pool, |q| source.push_months(q)).await?;
        let Some((month, newer)) = months.start(offset) else {
            return Ok(Vec::new());
        };
        // Every key of that month and before: "2025-06-30" < "2025-06~".
        q.push(" AND sort_key < ").push_bind(format!("{month}~"));
        skip = offset - newer;
    }
    q.push(" ORDER BY sort_key DESC, slug LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(skip);
    page_lines(q, pool).await
}

/// `SELECT id, sort_key, slug` of every listed communiqué `filter`
/// selects, read where its listing is (an entity's group table, the walk of
/// combined filters, the listing's index), ending in a condition more may
/// follow with `AND`: for a reader that pages on its own (exports, by
/// keyset). Filtered through the mentions instead, each chunk of an export
/// gathered every mention of the filter again.
pub(super) async fn push_selected(
    pool: &super::Pool,
    q: &mut QueryBuilder<'_, Sqlite>,
    filter: &Filter,
) -> Result<(), sqlx::Error> {
    if let Some(source) = Precomputed::of(filter) {
        source.push_entries(q);
    } else if let Some(combined) = Combined::of(pool, filter).await? {
        combined.push_entries(q);
    } else {
        q.push("SELECT c.id, c.sort_key, c.slug FROM communique c");
        push_filter(q, filter);
    }
    Ok(())
}

/// Entries `skip..skip + limit`, in the listing's order, of the listed
/// communiqués among `ids` (a narrowed listing's span: the search index
/// found them and knows where the page starts among them).
pub async fn list_among(
    pool: &super::Pool,
    ids: &[i64],
    limit: i64,
    skip: i64,
) -> Result<Vec<ListRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::new(page_select());
    q.push("SELECT id, sort_key, slug FROM communique WHERE id = group_id AND id IN ");
    super::push_ids(&mut q, ids);
    q.push(" ORDER BY sort_key DESC, slug LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(skip);
    page_lines(q, pool).await
}

impl Precomputed<'_> {
    /// `SELECT month, n` of this listing's month counts.
    fn push_months(&self, q: &mut QueryBuilder<'_, Sqlite>) {
        match self {
            Self::Everything => {
                q.push("SELECT month, n FROM listed_month");
            }
            Self::Person(id) => {
                q.push("SELECT month, n FROM person_month WHERE person_id = ")
                    .push_bind(*id);
            }
            Self::Country(CountryFilter::Any(code)) => {
                q.push("SELECT month, n FROM country_month WHERE code = ")
                    .push_bind(code.to_string());
            }
            Self::Country(
                c @ (CountryFilter::Partner(code) | CountryFilter::MentionedOnly(code)),
            ) => {
                q.push("SELECT month, n FROM country_month WHERE code = ")
                    .push_bind(code.to_string())
                    .push(" AND role = ")
                    .push_bind(role_of(c));
            }
            Self::Issuer(slug) => {
                q.push("SELECT month, n FROM issuer_month WHERE issuer = ")
                    .push_bind(slug.to_string());
            }
        }
    }

    /// The listed communiqués it holds, as the ingest counted them.
    async fn count(&self, pool: &super::Pool) -> Result<Option<i64>, sqlx::Error> {
        match self {
            Self::Everything => crate::db::meta::listed(pool).await,
            Self::Person(id) => {
                sqlx::query_scalar("SELECT communiques FROM person WHERE id = ?")
                    .bind(*id)
                    .fetch_optional(pool)
                    .await
            }
            Self::Country(c) => {
                let (code, column) = match c {
                    CountryFilter::Any(code) => (code, "partner + mentioned"),
                    CountryFilter::Partner(code) => (code, "partner"),
                    CountryFilter::MentionedOnly(code) => (code, "mentioned"),
                };
                sqlx::query_scalar(&format!("SELECT {column} FROM country WHERE code = ?"))
                    .bind(code.as_str())
                    .fetch_optional(pool)
                    .await
            }
            Self::Issuer(slug) => {
                sqlx::query_scalar("SELECT communiques FROM issuer WHERE slug = ?")
                    .bind(*slug)
                    .fetch_optional(pool)
                    .await
            }
        }
    }

    /// The table of its listed groups, in the listing's order.
    fn group_table(&self) -> &'static str {
        match self {
            Self::Everything => "communique",
            Self::Person(_) => "person_group",
            Self::Country(_) => "country_group",
            Self::Issuer(_) => "issuer_group",
        }
    }

    /// The condition on its group table's columns (named after `prefix`)
    /// that selects its groups.
    fn push_key(&self, q: &mut QueryBuilder<'_, Sqlite>, prefix: &str) {
        match self {
            Self::Everything => {
                q.push(format!("{prefix}id = {prefix}group_id"));
            }
            Self::Person(id) => {
                q.push(format!("{prefix}person_id = ")).push_bind(*id);
            }
            Self::Country(CountryFilter::Any(code)) => {
                q.push(format!("{prefix}code = "))
                    .push_bind(code.to_string());
            }
            Self::Country(
                c @ (CountryFilter::Partner(code) | CountryFilter::MentionedOnly(code)),
            ) => {
                q.push(format!("{prefix}code = "))
                    .push_bind(code.to_string())
                    .push(format!(" AND {prefix}role = "))
                    .push_bind(role_of(c));
            }
            Self::Issuer(slug) => {
                q.push(format!("{prefix}issuer = "))
                    .push_bind(slug.to_string());
            }
        }
    }

    /// `SELECT id, sort_key, slug` of this listing's entries, ending in a
    /// condition more may follow with `AND`.
    fn push_entries(&self, q: &mut QueryBuilder<'_, Sqlite>) {
        let id = match self {
            Self::Everything => "id",
            _ => "group_id AS id",
        };
        q.push(format!(
            "SELECT {id}, sort_key, slug FROM {} WHERE ",
            self.group_table()
        ));
        self.push_key(q, "");
    }
}

/// The role a country filter keeps, as stored.
fn role_of(c: &CountryFilter) -> &'static str {
    match c {
        CountryFilter::Partner(_) => "partner",
        _ => "mentioned",
    }
}

/// One communiqué by its permanent slug.
pub async fn by_slug(pool: &super::Pool, slug: &str) -> Result<Option<CommuniqueRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COMMUNIQUE_COLUMNS} FROM communique WHERE slug = ?"
    ))
    .bind(slug)
    .fetch_optional(pool)
    .await
}

/// The current slug of a communiqué once known by `slug`: slugs follow the
/// title and date, which better rules may change; an address once given
/// keeps answering.
pub async fn current_slug(pool: &super::Pool, slug: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT c.slug FROM slug_history h JOIN communique c ON c.id = h.communique_id
         WHERE h.slug = ?",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lead_is_the_first_characters_of_a_body_as_sqlite_cuts_them() {
        // SQLite's substr counts characters, not bytes: "é" is one.
        let body = "é".repeat(LEAD_CHARS + 5);
        assert_eq!(lead_of(&body).chars().count(), LEAD_CHARS);
        assert_eq!(lead_of("Court."), "Court.");
        assert_eq!(lead_of(""), "");
        assert!(
            LIST_JSON.contains(&format!("substr(c.body, 1, {LEAD_CHARS})")),
            "the listing's lead and lead_of cut the same characters"
        );
    }
}
