//! Many rows written a few hundred a statement, the next statement built
//! while SQLite runs the one before: SQLite works on its connection's own
//! thread, so building a statement (its text, its bound values) and running
//! it alternated, each side idle half the time, where the two can overlap.

use sqlx::query_builder::Separated;
use sqlx::{QueryBuilder, Sqlite, Transaction};

/// Rows a statement inserts: SQLite takes up to 32,766 bound values.
pub const ROWS_PER_INSERT: usize = 500;

/// Inserts `rows`, `ROWS_PER_INSERT` a statement: `head` is the statement
/// up to `VALUES` ("INSERT INTO t (a, b) "), `bind` binds one row's values.
/// Rows go in in the order given.
pub async fn insert_rows<'r, R>(
    tx: &mut Transaction<'_, Sqlite>,
    head: &str,
    rows: &'r [R],
    bind: impl Fn(&mut Separated<'_, 'r, Sqlite, &'static str>, &'r R),
) -> Result<(), sqlx::Error> {
    insert_rows_then(tx, head, "", rows, bind).await
}

/// `insert_rows` with `tail` after each statement's values (an `ON
/// CONFLICT` clause).
pub async fn insert_rows_then<'r, R>(
    tx: &mut Transaction<'_, Sqlite>,
    head: &str,
    tail: &str,
    rows: &'r [R],
    bind: impl Fn(&mut Separated<'_, 'r, Sqlite, &'static str>, &'r R),
) -> Result<(), sqlx::Error> {
    let statement = |chunk: &'r [R]| {
        let mut q = QueryBuilder::<Sqlite>::new(head);
        q.push_values(chunk, |mut values, row| bind(&mut values, row));
        q.push(tail);
        q
    };
    let mut chunks = rows.chunks(ROWS_PER_INSERT);
    let Some(first) = chunks.next() else {
        return Ok(());
    };
    let mut current = statement(first);
    loop {
        let next = chunks.next();
        // The statement is handed to SQLite's thread when its future is
        // first polled; the next one is built meanwhile, here.
        let (done, next) = tokio::join!(current.build().execute(&mut **tx), async {
            next.map(statement)
        });
        done?;
        match next {
            Some(q) => current = q,
            None => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::scratch_table;

    #[tokio::test]
    async fn every_row_goes_in_in_order_across_statements() {
        let (_dir, mut tx) = scratch_table("n INTEGER, word TEXT").await;
        for count in [0, 1, ROWS_PER_INSERT, 2 * ROWS_PER_INSERT + 7] {
            sqlx::query("DELETE FROM t")
                .execute(&mut *tx)
                .await
                .unwrap();
            let rows: Vec<(i64, String)> =
                (0..count as i64).map(|n| (n, format!("w{n}"))).collect();
            insert_rows(&mut tx, "INSERT INTO t (n, word) ", &rows, |b, (n, w)| {
                b.push_bind(*n).push_bind(w);
            })
            .await
            .unwrap();
            let back: Vec<(i64, String)> = sqlx::query_as("SELECT n, word FROM t ORDER BY rowid")
                .fetch_all(&mut *tx)
                .await
                .unwrap();
            assert_eq!(back, rows, "{count} rows");
        }
    }

    #[tokio::test]
    async fn the_tail_ends_every_statement() {
        let (_dir, mut tx) = scratch_table("n INTEGER PRIMARY KEY, seen INTEGER").await;
        // Each key twice, the second time in a later statement.
        let rows: Vec<i64> = (0..ROWS_PER_INSERT as i64).chain(0..3).collect();
        insert_rows_then(
            &mut tx,
            "INSERT INTO t (n, seen) ",
            " ON CONFLICT (n) DO UPDATE SET seen = seen + 1",
            &rows,
            |b, n| {
                b.push_bind(*n).push_bind(1);
            },
        )
        .await
        .unwrap();
        let twice: Vec<i64> = sqlx::query_scalar("SELECT n FROM t WHERE seen = 2 ORDER BY n")
            .fetch_all(&mut *tx)
            .await
            .unwrap();
        assert_eq!(twice, vec![0, 1, 2]);
    }

    #[tokio::test]
    async fn a_failing_statement_fails_the_insert() {
        let (_dir, mut tx) = scratch_table("n INTEGER PRIMARY KEY").await;
        // The second statement repeats a key of the first.
        let rows: Vec<i64> = (0..ROWS_PER_INSERT as i64).chain([0, 1]).collect();
        let result = insert_rows(&mut tx, "INSERT INTO t (n) ", &rows, |b, n| {
            b.push_bind(*n);
        })
        .await;
        assert!(result.is_err());
    }
}
