//! A communiqué's permalink in one query: the communiqué with its sources,
//! its other versions, its neighbours in the listing, its persons and its
//! countries, each list a JSON array in a column of the same row. Every
//! query costs two trips to SQLite's connection thread and every row one
//! more, which was most of a page's time; this page makes one.

use std::sync::LazyLock;

use sqlx::FromRow;
use sqlx::sqlite::SqliteRow;

use super::communiques::{
    COMMUNIQUE_COLUMNS, CommuniqueRow, LIST_JSON, ListJson, ListRow, SourceRow, list_row,
};
use super::{countries, decode, persons};

/// Everything the permalink of one communiqué shows; its neighbours as `N`
/// (the listing's lines for the API, `Link`s for the page).
pub struct CommuniquePage<N> {
    pub communique: CommuniqueRow,
    pub sources: Vec<SourceRow>,
    /// The other versions of its event, the listed one first.
    pub versions: Vec<ListRow>,
    /// The listed communiqués just older and just newer in the listing.
    pub older: Option<N>,
    pub newer: Option<N>,
    pub persons: Vec<persons::MentionRow>,
    /// Partners first.
    pub countries: Vec<countries::MentionRow>,
}

/// A neighbour as the page links it: its slug and its title, with the start
/// of its body only when it has no title (the link then shows its first
/// words). Reading each neighbour's body and counting its versions was a
/// seventh of the statement (58.8 → 50.4 µs for 400 pages in Python's
/// `sqlite3`), for a link that shows neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub slug: String,
    pub title: Option<String>,
    /// Empty when the title is there.
    pub lead: String,
}

/// How a page's statement writes its neighbours, and how they are read.
pub trait Neighbour: Sized {
    /// The page's statement, with the neighbours this type reads.
    fn statement() -> &'static str;
    /// One neighbour from its JSON; `column` names where it was read.
    fn read(column: &str, row: &SqliteRow) -> Result<Option<Self>, sqlx::Error>;
}

impl Neighbour for ListRow {
    fn statement() -> &'static str {
        static SQL: LazyLock<String> = LazyLock::new(|| page_statement(LIST_JSON));
        &SQL
    }

    fn read(column: &str, row: &SqliteRow) -> Result<Option<Self>, sqlx::Error> {
        decode::column_json::<ListJson>(row, column)?
            .map(|v| list_row(column, v))
            .transpose()
    }
}

/// A title of nothing but white space is no title (`view::display_title`).
const LINK_JSON: &str = "json_array(c.slug, c.title, \
     CASE WHEN trim(coalesce(c.title, ''), char(32, 9, 10, 11, 12, 13)) = '' \
          THEN substr(c.body, 1, 600) ELSE '' END)";

impl Neighbour for Link {
    fn statement() -> &'static str {
        static SQL: LazyLock<String> = LazyLock::new(|| page_statement(LINK_JSON));
        &SQL
    }

    fn read(column: &str, row: &SqliteRow) -> Result<Option<Self>, sqlx::Error> {
        Ok(
            decode::column_json::<(String, Option<String>, String)>(row, column)?
                .map(|(slug, title, lead)| Link { slug, title, lead }),
        )
    }
}

/// A listed communiqué other than `me`'s group.
const NEIGHBOUR: &str = "WHERE c.id = c.group_id AND c.id <> me.group_id";

/// The communiqué is `me`; each list is one correlated subquery, ordered
/// by `read` (an `ORDER BY` inside an aggregate sorts through a temporary
/// B-tree, which cost a page a tenth of its statement). A neighbour is the
/// next of the same day, else the first of the days beyond: two seeks in
/// the listing's index, where one condition with an OR scanned it (0.4 s at
/// a million communiqués) or walked every communiqué of a dense day.
/// Written once per kind of neighbour (`neighbour`, the JSON of one from
/// `c`): a page's statement is looked up in sqlx's cache by its text.
fn page_statement(neighbour: &str) -> String {
    format!(
        "SELECT {COMMUNIQUE_COLUMNS},
           (SELECT json_group_array(json_array(s.file, s.position, s.first_line, s.last_line, s.address, s.id))
              FROM source s WHERE s.communique_id = me.id) AS sources,
           (SELECT json_group_array(json_array(c.id = c.group_id, {LIST_JSON}))
              FROM communique c WHERE c.group_id = me.group_id AND c.id <> me.id) AS versions,
           coalesce(
             (SELECT {neighbour} FROM communique c {NEIGHBOUR}
                 AND c.sort_key = me.sort_key AND c.slug > me.slug
               ORDER BY c.sort_key DESC, c.slug LIMIT 1),
             (SELECT {neighbour} FROM communique c {NEIGHBOUR} AND c.sort_key < me.sort_key
               ORDER BY c.sort_key DESC, c.slug LIMIT 1)) AS older,
           coalesce(
             (SELECT {neighbour} FROM communique c {NEIGHBOUR}
                 AND c.sort_key = me.sort_key AND c.slug < me.slug
               ORDER BY c.sort_key ASC, c.slug DESC LIMIT 1),
             (SELECT {neighbour} FROM communique c {NEIGHBOUR} AND c.sort_key > me.sort_key
               ORDER BY c.sort_key ASC, c.slug DESC LIMIT 1)) AS newer,
           {persons} AS persons,
           {countries} AS countries
         FROM communique me WHERE me.slug = ?",
        NEIGHBOUR = NEIGHBOUR,
        persons = persons::mentions_json("me.id"),
        countries = countries::mentions_json("me.id"),
    )
}

/// The page of the communiqué whose slug is `slug`, None for no such slug.
pub async fn by_slug<N: Neighbour>(
    pool: &super::Pool,
    slug: &str,
) -> Result<Option<CommuniquePage<N>>, sqlx::Error> {
    let row = sqlx::query(N::statement())
        .bind(slug)
        .fetch_optional(pool)
        .await?;
    row.map(|row| read(&row)).transpose()
}

/// A source as the statement writes it, with its id.
type SourceJson = (String, i64, i64, i64, Option<String>, i64);

/// A version as the statement writes it: 1 for the listed one, else 0; its
/// line.
type VersionJson = (i64, ListJson);

fn read<N: Neighbour>(row: &SqliteRow) -> Result<CommuniquePage<N>, sqlx::Error> {
    let mut sources: Vec<SourceJson> = decode::column_json(row, "sources")?.unwrap_or_default();
    // In the order the files were read.
    sources.sort_unstable_by_key(|s| s.5);
    let mut versions: Vec<VersionJson> = decode::column_json(row, "versions")?.unwrap_or_default();
    // The listed version first, then by slug.
    versions.sort_by(|(a_listed, a), (b_listed, b)| b_listed.cmp(a_listed).then(a.0.cmp(&b.0)));
    let persons: Vec<persons::MentionJson> =
        decode::column_json(row, "persons")?.unwrap_or_default();
    let countries: Vec<countries::MentionJson> =
        decode::column_json(row, "countries")?.unwrap_or_default();
    Ok(CommuniquePage {
        communique: CommuniqueRow::from_row(row)?,
        sources: sources
            .into_iter()
            .map(
                |(file, position, first_line, last_line, address, _)| SourceRow {
                    file,
                    position,
                    first_line,
                    last_line,
                    address,
                },
            )
            .collect(),
        versions: versions
            .into_iter()
            .map(|(_, v)| list_row("versions", v))
            .collect::<Result<_, _>>()?,
        older: N::read("older", row)?,
        newer: N::read("newer", row)?,
        persons: persons::mention_rows(persons),
        countries: countries::mention_rows("countries", countries)?,
    })
}
