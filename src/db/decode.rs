//! Stored words read back as their domain types (`kind`, `date_basis`,
//! codes and roles): a column's text goes through the type's
//! `TryFrom<String>`, and a word the type does not know is a decode error
//! that names the column. Also the JSON a query writes (lists read in one
//! row: sqlx hands each row across threads on its own).

use serde::de::DeserializeOwned;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};

pub(super) fn error(column: &str, message: String) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: message.into(),
    }
}

/// The text `stored` of column `column`, as a `T`.
pub fn value<T: TryFrom<String, Error = String>>(
    column: &str,
    stored: String,
) -> Result<T, sqlx::Error> {
    T::try_from(stored).map_err(|e| error(column, e))
}

/// The column `column` of `row`, as a `T`.
pub fn column<T: TryFrom<String, Error = String>>(
    row: &SqliteRow,
    column: &str,
) -> Result<T, sqlx::Error> {
    value(column, row.try_get::<String, _>(column)?)
}

/// The column `column` of `row`, as a `T` when it is not NULL.
pub fn optional<T: TryFrom<String, Error = String>>(
    row: &SqliteRow,
    column: &str,
) -> Result<Option<T>, sqlx::Error> {
    row.try_get::<Option<String>, _>(column)?
        .map(|s| value(column, s))
        .transpose()
}

/// The values a `group_concat(x, char(31))` joined (the unit separator,
/// a control character that names, slugs and file names do not hold), each read with `read`; NULL is none.
pub fn separated<T>(
    row: &SqliteRow,
    column: &str,
    read: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, sqlx::Error> {
    let Some(text) = row.try_get::<Option<String>, _>(column)? else {
        return Ok(Vec::new());
    };
    text.split('\u{1f}')
        .map(|x| read(x).map_err(|e| error(column, e)))
        .collect()
}

/// The JSON text a query wrote in column `column`, as a `T`.
pub fn json<T: DeserializeOwned>(column: &str, text: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(text).map_err(|e| error(column, e.to_string()))
}

/// The JSON text of column `column` of `row`, as a `T`; None when it is
/// NULL (no neighbour, or an aggregate over no row).
pub fn column_json<T: DeserializeOwned>(
    row: &SqliteRow,
    column: &str,
) -> Result<Option<T>, sqlx::Error> {
    text(row, column)?
        .map(|text| json(column, text))
        .transpose()
}

/// The text of column `column` of `row`, borrowed from it; None when it is
/// NULL. Its bytes are checked to be UTF-8 with SIMD instructions: sqlx's
/// own check, one byte at a time where French has accents, was 4 % of a
/// search's time for the 40 KB of its hits' texts.
pub fn text<'r>(row: &'r SqliteRow, column: &str) -> Result<Option<&'r str>, sqlx::Error> {
    row.try_get::<Option<&[u8]>, _>(column)?
        .map(|bytes| {
            simdutf8::basic::from_utf8(bytes)
                .map_err(|_| error(column, "text that is not UTF-8".to_owned()))
        })
        .transpose()
}

/// The one JSON array `q` returns (`json_group_array`; NULL when no row
/// matched), its elements as `T`s; `column` names it in an error.
pub async fn json_array<T: DeserializeOwned>(
    q: &mut QueryBuilder<'_, Sqlite>,
    pool: &super::Pool,
    column: &str,
) -> Result<Vec<T>, sqlx::Error> {
    let text: Option<String> = q.build_query_scalar().fetch_one(pool).await?;
    json_list(column, text.as_deref())
}

/// The elements of a `json_group_array` (NULL when no row matched) as
/// `T`s; `column` names it in an error.
pub fn json_list<T: DeserializeOwned>(
    column: &str,
    text: Option<&str>,
) -> Result<Vec<T>, sqlx::Error> {
    text.map_or_else(|| Ok(Vec::new()), |text| json(column, text))
}
