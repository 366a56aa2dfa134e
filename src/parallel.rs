//! Work spread over every core: the ingest's CPU-bound steps (parsing files,
//! grouping versions per date) map a slice in contiguous parts, one thread per
//! core, and get the results back in order.

/// `f` applied to every item, on every core; results in the items' order. A
/// panic in a worker is resumed here.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_on(items, f, false)
}

/// As `map`, on threads that give way to the process's others: for work
/// done beside a path that bounds the run (parsing the next batch while one
/// is stored, SQLite's thread and the driver taking turns), which then
/// takes the CPU that path leaves rather than half of a core it waits for.
pub fn map_giving_way<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_on(items, f, true)
}

/// The nice value of threads that give way: the lowest priority, which the
/// scheduler still runs on any core nothing else wants.
const GIVING_WAY: i32 = 19;

/// Lowers the calling thread's priority. On Linux a nice value belongs to
/// the thread, not the process; a thread of `map_on` ends with its part, so
/// no other work inherits it. Elsewhere, or if refused, nothing changes but
/// the order in which the cores are shared.
fn give_way() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority reads no memory of ours; `who` 0 is this thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, GIVING_WAY);
    }
}

fn map_on<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync, giving_way: bool) -> Vec<R> {
    let threads = cores();
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    if giving_way {
                        give_way();
                    }
                    part.iter().map(f).collect::<Vec<R>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The cores this process may use, asked once: the standard library reads
/// the cgroup's quota files at every call (a run of a million articles
/// asked it about 1,800 times).
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| {
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled = super::map(&items, |n| n * 2);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u32], |n| *n).is_empty());
    }

    /// The calling thread's nice value.
    #[cfg(target_os = "linux")]
    fn nice() -> i32 {
        // SAFETY: getpriority reads no memory of ours; `who` 0 is this thread.
        unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) }
    }

    /// Work beside the critical path runs at the lowest priority, on its own
    /// threads only: the caller, and `map`'s threads, keep theirs; results
    /// come in order as `map`'s do.
    #[cfg(target_os = "linux")]
    #[test]
    fn work_giving_way_runs_at_the_lowest_priority_on_its_own_threads() {
        let caller = nice();
        let items: Vec<u32> = (0..64).collect();
        let seen = super::map_giving_way(&items, |n| (*n, nice()));
        assert_eq!(
            seen.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            items,
            "in order"
        );
        assert!(
            seen.iter().all(|(_, p)| *p == super::GIVING_WAY),
            "{seen:?}"
        );
        assert_eq!(nice(), caller, "the caller keeps its priority");
        assert!(super::map(&items, |_| nice()).iter().all(|p| *p == caller));
    }
}
