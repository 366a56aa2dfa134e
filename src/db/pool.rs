//! The server's connections: each read takes a connection of its own
//! (`Held`) and gives it back as it is, rather than through sqlx's pool
//! (ingest, the one writer, keeps sqlx's pool of one connection).
//!
//! Why: sqlx's pool pings every connection it takes back, one more trip to
//! the connection's thread (a wake-up there and one back) for every query,
//! as costly as the trip of the query itself; the server's pages are one
//! query of one row each, so that was half of their trips. A connection of
//! this archive needs no such check: it reads a local file and holds no
//! transaction (the server's connections refuse every write). A connection
//! whose query was abandoned half-way (a reader who left) is pinged, as
//! sqlx would, and counts against the bound until its statement is done.

use std::sync::{Arc, Mutex, PoisonError};

use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use futures_util::stream::{self, BoxStream};
use sqlx::sqlite::{SqliteConnectOptions, SqliteQueryResult, SqliteRow, SqliteStatement};
use sqlx::{ConnectOptions, Connection, Either, Execute, Executor, Sqlite, SqliteConnection};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The server's connections, as an sqlx executor: `fetch_optional` (which
/// `fetch_one` goes through) and `fetch_many` (which `fetch_all` does, its
/// rows collected before they are handed on, as the server reads pages,
/// never the whole archive) each take a held connection for the query.
#[derive(Clone, Debug)]
pub struct Pool(Arc<Held>);

/// Connections taken by one query at a time, opened as they are first
/// needed, at most `slots`' permits of them; a fair semaphore, so that reads
/// are served in the order they came.
#[derive(Debug)]
struct Held {
    options: SqliteConnectOptions,
    idle: Mutex<Vec<SqliteConnection>>,
    slots: Arc<Semaphore>,
}

impl Pool {
    /// At most `bound` connections of `options`, `first` (opened by the
    /// caller, who checked the options with it) among them.
    pub fn held(options: SqliteConnectOptions, first: SqliteConnection, bound: usize) -> Self {
        let mut idle = Vec::with_capacity(bound);
        idle.push(first);
        Self(Arc::new(Held {
            options,
            idle: Mutex::new(idle),
            slots: Arc::new(Semaphore::new(bound)),
        }))
    }

    /// Closes every connection; reads after it fail with `PoolClosed`.
    pub async fn close(&self) {
        self.0.slots.close();
        let idle = std::mem::take(&mut *self.0.lock());
        for conn in idle {
            let _ = conn.close().await;
        }
    }

    /// Held connections open now (at most the number given).
    #[cfg(test)]
    fn held_open(&self) -> usize {
        self.0.lock().len()
    }
}

impl Held {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<SqliteConnection>> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// An idle connection, or a new one when none is, with the permit that
    /// bounds them.
    async fn take(self: &Arc<Self>) -> Result<Taken, sqlx::Error> {
        let slot = Arc::clone(&self.slots)
            .acquire_owned()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let idle = self.lock().pop();
        let conn = match idle {
            Some(conn) => conn,
            None => self.options.connect().await?,
        };
        Ok(Taken {
            held: Arc::clone(self),
            conn: Some(conn),
            slot: Some(slot),
        })
    }

    async fn fetch_optional<'q, E>(
        self: &Arc<Self>,
        query: E,
    ) -> Result<Option<SqliteRow>, sqlx::Error>
    where
        E: 'q + Execute<'q, Sqlite>,
    {
        let mut taken = self.take().await?;
        let outcome = taken.conn().fetch_optional(query).await;
        taken.give_back(outcome.as_ref().err()).await;
        outcome
    }

    async fn prepare_with<'q>(
        self: &Arc<Self>,
        sql: &'q str,
        parameters: &[sqlx::sqlite::SqliteTypeInfo],
    ) -> Result<SqliteStatement<'q>, sqlx::Error> {
        let mut taken = self.take().await?;
        let outcome = taken.conn().prepare_with(sql, parameters).await;
        taken.give_back(outcome.as_ref().err()).await;
        outcome
    }

    async fn describe(self: &Arc<Self>, sql: &str) -> Result<sqlx::Describe<Sqlite>, sqlx::Error> {
        let mut taken = self.take().await?;
        let outcome = taken.conn().describe(sql).await;
        taken.give_back(outcome.as_ref().err()).await;
        outcome
    }

    /// Every result of `query`, collected before they are handed on, so
    /// that the connection is given back at once.
    async fn fetch_many<'q, E>(self: &Arc<Self>, query: E) -> Vec<Result<Step, sqlx::Error>>
    where
        E: 'q + Execute<'q, Sqlite>,
    {
        let mut taken = match self.take().await {
            Ok(taken) => taken,
            Err(e) => return vec![Err(e)],
        };
        let steps: Vec<Result<Step, sqlx::Error>> = taken.conn().fetch_many(query).collect().await;
        taken
            .give_back(steps.iter().find_map(|s| s.as_ref().err()))
            .await;
        steps
    }
}

/// A held connection out for one query, with its permit.
struct Taken {
    held: Arc<Held>,
    conn: Option<SqliteConnection>,
    slot: Option<OwnedSemaphorePermit>,
}

impl Taken {
    fn conn(&mut self) -> &mut SqliteConnection {
        self.conn
            .as_mut()
            .expect("a connection is out until it is given back")
    }

    /// Gives the connection back after its query, unless the query met
    /// `error`, which the connection itself may be the cause of (its thread
    /// gone, the file unreadable): that one is closed, and the next query
    /// opens another.
    async fn give_back(mut self, error: Option<&sqlx::Error>) {
        let Some(conn) = self.conn.take() else {
            return;
        };
        match error {
            Some(sqlx::Error::Io(_) | sqlx::Error::WorkerCrashed | sqlx::Error::Protocol(_)) => {
                let _ = conn.close_hard().await;
            }
            _ => self.held.lock().push(conn),
        }
    }
}

/// A connection dropped with its query (a reader who left mid-statement)
/// keeps its permit until its thread has finished the statement, so that
/// statements still running count against the bound; then it is given
/// back. The ping that waits for it is sent only here, not after every
/// query as sqlx's pool does.
impl Drop for Taken {
    fn drop(&mut self) {
        let (Some(mut conn), Some(slot)) = (self.conn.take(), self.slot.take()) else {
            return;
        };
        let held = Arc::clone(&self.held);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                if conn.ping().await.is_ok() {
                    held.lock().push(conn);
                }
                drop(slot);
            });
        }
    }
}

/// What a statement yields: a row, or the count of rows it changed.
type Step = Either<SqliteQueryResult, SqliteRow>;

impl<'c> Executor<'c> for &'c Pool {
    type Database = Sqlite;

    fn fetch_many<'e, 'q: 'e, E>(self, query: E) -> BoxStream<'e, Result<Step, sqlx::Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        Box::pin(stream::once(self.0.fetch_many(query)).flat_map(stream::iter))
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<SqliteRow>, sqlx::Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Sqlite>,
    {
        Box::pin(self.0.fetch_optional(query))
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [sqlx::sqlite::SqliteTypeInfo],
    ) -> BoxFuture<'e, Result<SqliteStatement<'q>, sqlx::Error>>
    where
        'c: 'e,
    {
        Box::pin(self.0.prepare_with(sql, parameters))
    }

    fn describe<'e, 'q: 'e>(
        self,
        sql: &'q str,
    ) -> BoxFuture<'e, Result<sqlx::Describe<Sqlite>, sqlx::Error>>
    where
        'c: 'e,
    {
        Box::pin(self.0.describe(sql))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// An archive-like file with `n` rows, opened as a server opens it, its
    /// reads bounded to `held` connections.
    async fn numbers(n: i64, held: usize) -> (tempfile::TempDir, Pool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.sqlite");
        let writer = crate::db::open_for_writing(&path).await.unwrap();
        sqlx::query(
            "CREATE TABLE numbers AS WITH RECURSIVE n(i) AS
               (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT i FROM n",
        )
        .bind(n)
        .execute(&writer)
        .await
        .unwrap();
        writer.close().await;
        let options = crate::db::options(&path).read_only(true);
        let first = options.connect().await.unwrap();
        (dir, Pool::held(options, first, held))
    }

    /// A statement that runs for a while (counts to three million) and
    /// then yields one row.
    const SLOW: &str = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                          WHERE i < 3000000) SELECT count(*) FROM n";

    #[tokio::test]
    async fn reads_share_the_connections_held_and_get_every_row() {
        let (_dir, pool) = numbers(1_000, 2).await;
        let reads = (0..40).map(|k| {
            let pool = pool.clone();
            async move {
                let all: Vec<i64> = sqlx::query_scalar("SELECT i FROM numbers WHERE i % 40 = ?")
                    .bind(k)
                    .fetch_all(&pool)
                    .await
                    .unwrap();
                let sum: i64 = sqlx::query_scalar("SELECT sum(i) FROM numbers WHERE i % 40 = ?")
                    .bind(k)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
                (k, all, sum)
            }
        });
        for (k, all, sum) in futures_util::future::join_all(reads).await {
            let expected: Vec<i64> = (1..=1_000).filter(|i| i % 40 == k).collect();
            assert_eq!(all, expected, "every row, in order");
            assert_eq!(sum, expected.iter().sum::<i64>());
        }
        assert!(
            (1..=2).contains(&pool.held_open()),
            "{} connections held for a bound of 2",
            pool.held_open()
        );
        // An unknown table is the query's error, not the connection's: it
        // is kept.
        let error = sqlx::query_scalar::<_, i64>("SELECT * FROM nowhere")
            .fetch_optional(&pool)
            .await
            .unwrap_err();
        assert!(error.to_string().contains("no such table"), "{error}");
        assert!(pool.held_open() >= 1);
    }

    #[tokio::test]
    async fn a_read_abandoned_half_way_holds_its_slot_until_done_and_leaves_the_next_right() {
        let (_dir, pool) = numbers(10, 1).await;
        let held = Arc::clone(&pool.0);
        let warm: i64 = sqlx::query_scalar("SELECT count(*) FROM numbers")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!((warm, pool.held_open()), (10, 1));
        // A reader who leaves: the query's future is dropped mid-statement.
        let abandoned = tokio::time::timeout(
            Duration::from_millis(20),
            sqlx::query_scalar::<_, i64>(SLOW).fetch_one(&pool),
        )
        .await;
        assert!(abandoned.is_err(), "the slow statement was cut short");
        assert_eq!(
            (held.slots.available_permits(), pool.held_open()),
            (0, 0),
            "the statement still running keeps its slot and its connection"
        );
        // The next read waits for it, then answers its own question on the
        // same connection.
        let next = tokio::time::timeout(
            Duration::from_secs(60),
            sqlx::query_scalar::<_, i64>("SELECT max(i) FROM numbers").fetch_one(&pool),
        )
        .await
        .expect("the next read is not stuck behind the abandoned one")
        .unwrap();
        assert_eq!(next, 10);
        let rows: Vec<i64> = sqlx::query_scalar("SELECT i FROM numbers ORDER BY i DESC LIMIT 3")
            .fetch_all(&pool)
            .await
            .unwrap();
        assert_eq!(rows, [10, 9, 8]);
        assert_eq!((held.slots.available_permits(), pool.held_open()), (1, 1));
    }

    #[tokio::test]
    async fn a_closed_pool_refuses_reads() {
        let (_dir, pool) = numbers(3, 2).await;
        pool.close().await;
        let error = sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_optional(&pool)
            .await
            .unwrap_err();
        assert!(matches!(error, sqlx::Error::PoolClosed), "{error}");
    }
}
