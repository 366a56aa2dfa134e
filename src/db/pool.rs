//! The server's connections: each read takes a connection of its own
//! (`Held`) and gives it back as it is, rather than through sqlx's pool
//! (ingest, the one writer, keeps sqlx's pool of one connection).
//!
//! Why: sqlx's pool pings every connection it takes back, one more trip to
//! the connection's thread (a wake-up there and one back) for every query,
//! as costly as the trip of the query itself; the server's pages are one
//! query of one row each, so that was half of their trips. A connection of
//! this archive needs no such check: it reads a local file and writes
//! nothing (the server's connections refuse every write). A connection
//! whose query was abandoned half-way (a reader who left) is pinged, as
//! sqlx would, and counts against the bound until its statement is done.
//!
//! The reads of one connection share a read transaction (a snapshot) for
//! at most `SNAPSHOT_LEASE`: in autocommit, every statement took SQLite's
//! shared lock on the file and gave it back (`fcntl` twice), and looked for
//! a hot journal and a WAL file and read the file's change counter (three
//! more system calls), a ninth of a communiqué page's time. A snapshot is
//! ended when it is older than the lease, when its connection is next
//! taken, and by a sweep of the idle ones every lease. In the archive's
//! rollback-journal mode a reader's lock holds off a commit, so a snapshot
//! never misses a change: an ingest's commit waits for the snapshots open
//! to end, a lease at most (SQLite's busy handler tries again), busy
//! server or idle.
//!
//! Before a connection opens or begins a snapshot, the pool checks that the
//! archive's path still names the file it opened (`file_identity`): a read
//! through a path that names another file could take that file's journal
//! for a crashed one and delete it.

use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use futures_util::stream::{self, BoxStream};
use sqlx::sqlite::{SqliteConnectOptions, SqliteQueryResult, SqliteRow, SqliteStatement};
use sqlx::{ConnectOptions, Connection, Either, Execute, Executor, Sqlite, SqliteConnection};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::file_identity::{FileId, OpenedFile};

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
    file: OpenedFile,
    idle: Mutex<Vec<Idle>>,
    slots: Arc<Semaphore>,
}

/// How long the reads of a connection may share one snapshot of the
/// archive: what an ingest's commit may wait for a reader's lock to go, on
/// top of SQLite's own waits between its tries.
const SNAPSHOT_LEASE: Duration = Duration::from_millis(50);

/// An idle connection, with the read transaction it is in, if any.
#[derive(Debug)]
struct Idle {
    conn: SqliteConnection,
    snapshot: Option<Snapshot>,
}

/// A read transaction: when it began, or that its state is not known (its
/// query failed, or was abandoned), which makes it stale at once.
#[derive(Debug, Clone, Copy)]
enum Snapshot {
    Since(Instant),
    Unknown,
}

impl Snapshot {
    fn stale(self) -> bool {
        match self {
            Self::Since(since) => since.elapsed() >= SNAPSHOT_LEASE,
            Self::Unknown => true,
        }
    }
}

impl Idle {
    /// Ends the connection's read transaction, if it is in one. A `COMMIT`
    /// that fails (the transaction already ended by SQLite after an error,
    /// or anything else) is the connection's error: it is then closed, so
    /// that no connection can keep its lock.
    async fn end_snapshot(&mut self) -> Result<(), sqlx::Error> {
        if self.snapshot.take().is_some() {
            sqlx::query("COMMIT").execute(&mut self.conn).await?;
        }
        Ok(())
    }

    /// Whether `ready` begins a snapshot (and so reads the file's state
    /// anew, and looks for a journal by the file's path).
    fn begins_snapshot(&self) -> bool {
        self.snapshot.is_none_or(Snapshot::stale)
    }

    /// Ends a snapshot that is stale, and begins one when there is none.
    async fn ready(&mut self) -> Result<(), sqlx::Error> {
        if self.snapshot.is_some_and(Snapshot::stale) {
            self.end_snapshot().await?;
        }
        if self.snapshot.is_none() {
            sqlx::query("BEGIN").execute(&mut self.conn).await?;
            self.snapshot = Some(Snapshot::Since(Instant::now()));
        }
        Ok(())
    }
}

impl Pool {
    /// At most `bound` connections of `options`, `first` (opened by the
    /// caller, who checked the options with it) among them. Called within
    /// a Tokio runtime, it also starts the sweep that ends idle
    /// connections' snapshots, which stops within a lease of the pool's
    /// end.
    pub fn held(options: SqliteConnectOptions, first: SqliteConnection, bound: usize) -> Self {
        let mut idle = Vec::with_capacity(bound);
        idle.push(Idle {
            conn: first,
            snapshot: None,
        });
        let held = Arc::new(Held {
            file: OpenedFile::record(options.get_filename()),
            options,
            idle: Mutex::new(idle),
            slots: Arc::new(Semaphore::new(bound)),
        });
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let held = Arc::downgrade(&held);
            // A thread of its own, not a task: the sweep must go on when the
            // runtime's threads are all busy or blocked (a caller waiting,
            // synchronously, for an ingest to commit).
            let spawned = std::thread::Builder::new()
                .name("snapshot-sweep".to_owned())
                .spawn(move || sweep(&held, &runtime));
            if let Err(e) = spawned {
                tracing::warn!(error = %e, "no sweep of idle snapshots: they end when next used");
            }
        }
        Self(held)
    }

    /// Closes every connection; reads after it fail with `PoolClosed`.
    pub async fn close(&self) {
        self.0.slots.close();
        let idle = std::mem::take(&mut *self.0.lock());
        for idle in idle {
            let _ = idle.conn.close().await;
        }
    }

    /// Whether the archive's path names another file now than the one the
    /// pool opened, or none (one `stat`).
    pub fn file_replaced(&self) -> bool {
        self.0.file.replaced()
    }

    /// Whether `now`, the file the archive's path names now (`None`: none),
    /// is another than the one the pool opened.
    pub fn file_replaced_by(&self, now: Option<FileId>) -> bool {
        self.0.file.replaced_by(now)
    }

    /// Held connections open now (at most the number given).
    #[cfg(test)]
    fn held_open(&self) -> usize {
        self.0.lock().len()
    }
}

/// Every lease, ends the snapshots of the connections left idle, so that
/// an idle server holds no lock; stops with the pool. Ending one is a trip
/// to its connection's thread, which needs no driver of the runtime.
fn sweep(held: &Weak<Held>, runtime: &tokio::runtime::Handle) {
    loop {
        std::thread::sleep(SNAPSHOT_LEASE);
        let Some(held) = held.upgrade() else {
            return;
        };
        if held.slots.is_closed() {
            return;
        }
        runtime.block_on(held.end_stale_snapshots());
    }
}

impl Held {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Idle>> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Ends the stale snapshots of idle connections, one at a time, each
    /// with a permit (a connection being swept counts against the bound);
    /// stops when every permit is out: those connections are in use, and
    /// their snapshots are ended when they are next taken.
    async fn end_stale_snapshots(&self) {
        loop {
            let Ok(slot) = Arc::clone(&self.slots).try_acquire_owned() else {
                return;
            };
            let stale = {
                let mut idle = self.lock();
                idle.iter()
                    .position(|i| i.snapshot.is_some_and(Snapshot::stale))
                    .map(|k| idle.swap_remove(k))
            };
            let Some(mut idle) = stale else {
                return;
            };
            if idle.end_snapshot().await.is_ok() {
                self.lock().push(idle);
            }
            drop(slot);
        }
    }

    /// An idle connection, or a new one when none is, with the permit that
    /// bounds them, in a snapshot of the archive as it is now.
    async fn take(self: &Arc<Self>) -> Result<Taken, sqlx::Error> {
        let slot = Arc::clone(&self.slots)
            .acquire_owned()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let idle = self.lock().pop();
        if idle.as_ref().is_none_or(Idle::begins_snapshot)
            && let Err(e) = self.file.check()
        {
            if let Some(idle) = idle {
                self.lock().push(idle);
            }
            return Err(e);
        }
        let mut idle = match idle {
            Some(idle) => idle,
            None => Idle {
                conn: self.options.connect().await?,
                snapshot: None,
            },
        };
        // A connection whose snapshot cannot be ended or begun is dropped
        // (closed), and the error is the query's.
        idle.ready().await?;
        Ok(Taken {
            held: Arc::clone(self),
            conn: Some(idle),
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
    conn: Option<Idle>,
    slot: Option<OwnedSemaphorePermit>,
}

impl Taken {
    fn conn(&mut self) -> &mut SqliteConnection {
        &mut self
            .conn
            .as_mut()
            .expect("a connection is out until it is given back")
            .conn
    }

    /// Gives the connection back after its query, unless the query met
    /// `error`, which the connection itself may be the cause of (its thread
    /// gone, the file unreadable): that one is closed, and the next query
    /// opens another. After any other error the state of its transaction
    /// is not known, and it is ended before the connection's next read.
    async fn give_back(mut self, error: Option<&sqlx::Error>) {
        let Some(mut idle) = self.conn.take() else {
            return;
        };
        match error {
            Some(sqlx::Error::Io(_) | sqlx::Error::WorkerCrashed | sqlx::Error::Protocol(_)) => {
                let _ = idle.conn.close_hard().await;
            }
            Some(_) => {
                idle.snapshot = Some(Snapshot::Unknown);
                self.held.lock().push(idle);
            }
            None => self.held.lock().push(idle),
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
        let (Some(mut idle), Some(slot)) = (self.conn.take(), self.slot.take()) else {
            return;
        };
        let held = Arc::clone(&self.held);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                if idle.conn.ping().await.is_ok() {
                    idle.snapshot = Some(Snapshot::Unknown);
                    held.lock().push(idle);
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

    /// Permits free and connections idle once the sweep of idle snapshots,
    /// which holds one of each while it ends a snapshot, has let them go:
    /// waits up to a second for `expected`.
    async fn settled(pool: &Pool, expected: impl Fn(usize, usize) -> bool) -> (usize, usize) {
        let started = Instant::now();
        loop {
            let now = (pool.0.slots.available_permits(), pool.held_open());
            if expected(now.0, now.1) || started.elapsed() > Duration::from_secs(1) {
                return now;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// How long a writer's commit of one more number took, as ingest
    /// writes (its busy handler gives up after ten seconds).
    async fn commit_one(dir: &tempfile::TempDir, i: i64) -> Duration {
        let writer = crate::db::open_for_writing(&dir.path().join("archive.sqlite"))
            .await
            .unwrap();
        let started = Instant::now();
        sqlx::query("INSERT INTO numbers VALUES (?)")
            .bind(i)
            .execute(&writer)
            .await
            .unwrap();
        let waited = started.elapsed();
        writer.close().await;
        waited
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
        let (_, open) = settled(&pool, |free, open| free == 2 && (1..=2).contains(&open)).await;
        assert!(
            (1..=2).contains(&open),
            "{open} connections held for a bound of 2"
        );
        // An unknown table is the query's error, not the connection's: it
        // is kept.
        let error = sqlx::query_scalar::<_, i64>("SELECT * FROM nowhere")
            .fetch_optional(&pool)
            .await
            .unwrap_err();
        assert!(error.to_string().contains("no such table"), "{error}");
        assert!(settled(&pool, |_, open| open >= 1).await.1 >= 1);
        // Its transaction is ended before its next read, which answers.
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM numbers")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(n, 1_000);
    }

    /// A read leaves its connection in a snapshot, which the sweep ends
    /// within a lease or two when the pool is idle: a writer's commit,
    /// which waits for every reader's lock to go, is not held up for
    /// longer (its busy handler would give up after ten seconds), and the
    /// next read sees what it wrote.
    #[tokio::test]
    async fn an_idle_snapshot_ends_within_its_lease_and_the_next_read_sees_the_commit() {
        let (dir, pool) = numbers(10, 2).await;
        let count =
            || sqlx::query_scalar::<_, i64>("SELECT count(*) FROM numbers").fetch_one(&pool);
        assert_eq!(count().await.unwrap(), 10);
        assert!(
            pool.0.lock().iter().any(|i| i.snapshot.is_some()),
            "the read left its connection in a snapshot"
        );
        let waited = commit_one(&dir, 11).await;
        assert!(
            waited < Duration::from_secs(3),
            "the commit waited {waited:?}"
        );
        assert_eq!(count().await.unwrap(), 11);
    }

    /// Under reads that never stop, each connection ends its snapshot when
    /// it is next taken past the lease, so a commit waits for the snapshots
    /// open then, not for the reads to stop.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_busy_pool_lets_a_commit_through_within_leases() {
        let (dir, pool) = numbers(1_000, 2).await;
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let readers: Vec<_> = (0..4)
            .map(|_| {
                let (pool, stop) = (pool.clone(), Arc::clone(&stop));
                tokio::spawn(async move {
                    let mut last = 0;
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        last = sqlx::query_scalar::<_, i64>("SELECT count(*) FROM numbers")
                            .fetch_one(&pool)
                            .await
                            .unwrap();
                    }
                    last
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(100)).await;
        let waited = commit_one(&dir, 1_001).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for reader in readers {
            assert_eq!(
                reader.await.unwrap(),
                1_001,
                "the reads go on to see the commit"
            );
        }
        assert!(
            waited < Duration::from_secs(3),
            "the commit waited {waited:?}"
        );
    }

    #[tokio::test]
    async fn a_read_abandoned_half_way_holds_its_slot_until_done_and_leaves_the_next_right() {
        let (_dir, pool) = numbers(10, 1).await;
        let held = Arc::clone(&pool.0);
        let warm: i64 = sqlx::query_scalar("SELECT count(*) FROM numbers")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(warm, 10);
        assert_eq!(
            settled(&pool, |free, open| (free, open) == (1, 1)).await,
            (1, 1)
        );
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
        assert_eq!(
            settled(&pool, |free, open| (free, open) == (1, 1)).await,
            (1, 1)
        );
    }

    /// A server's pool whose file was moved away while a new archive is
    /// being written at its path: its reads are refused, and the new
    /// archive's journal (synced to disk, as a large transaction's is once
    /// its pages spill) is left to the writer, whose commit goes through.
    #[tokio::test]
    async fn reads_through_a_path_that_names_another_file_are_refused() {
        let (dir, _) = numbers(10, 1).await;
        let path = dir.path().join("archive.sqlite");
        let pool = crate::db::open_read_only(&path).await.unwrap();
        let count =
            || sqlx::query_scalar::<_, i64>("SELECT count(*) FROM numbers").fetch_one(&pool);
        assert_eq!(count().await.unwrap(), 10);
        assert!(!pool.file_replaced());

        std::fs::rename(&path, dir.path().join("moved.sqlite")).unwrap();
        let writer = crate::db::open_for_writing(&path).await.unwrap();
        let mut tx = writer.begin().await.unwrap();
        sqlx::query("PRAGMA cache_size = 2")
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query(
            "CREATE TABLE numbers AS WITH RECURSIVE n(i) AS
               (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i FROM n",
        )
        .execute(&mut *tx)
        .await
        .unwrap();
        let journal = dir.path().join("archive.sqlite-journal");
        assert!(journal.is_file(), "the new archive's transaction is open");
        assert!(pool.file_replaced());

        // Past the lease, the next read would begin a snapshot.
        tokio::time::sleep(SNAPSHOT_LEASE * 2).await;
        let error = count().await.unwrap_err();
        assert!(
            super::super::file_identity::is_file_replaced(&error),
            "{error}"
        );
        assert!(journal.is_file(), "the new archive's journal is left alone");
        tx.commit().await.unwrap();
        writer.close().await;
        assert!(
            count().await.is_err(),
            "still refused: the pool's file is gone"
        );
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
