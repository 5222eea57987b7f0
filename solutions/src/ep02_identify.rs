//! Exercise `ep02_identify`: which process and which thread am I?
//! Chapter: src/ep02-threads.md

use std::thread::{self, ThreadId};

/// What a thread can say about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The thread's name, if it was given one.
    pub name: Option<String>,
    /// The id of the process the thread belongs to.
    pub pid: u32,
    /// The thread's id, unique among the threads of this process.
    pub id: ThreadId,
}

// ANCHOR: whoami
/// Describes the thread that calls it.
pub fn whoami() -> Report {
    let me = thread::current();
    Report {
        name: me.name().map(str::to_string),
        pid: std::process::id(),
        id: me.id(),
    }
}
// ANCHOR_END: whoami

// ANCHOR: count_threads
/// How many threads this process has right now, as the operating system
/// counts them: on Linux, one entry per thread in `/proc/self/task`.
/// `None` where that directory does not exist.
pub fn count_threads() -> Option<usize> {
    let entries = std::fs::read_dir("/proc/self/task").ok()?;
    Some(entries.filter(|e| e.is_ok()).count())
}
// ANCHOR_END: count_threads

// ANCHOR: spawn_named
/// Starts one thread per name in `names`, each with that name, runs a clone
/// of `work` on every thread, waits for all of them and returns their
/// results in the order of `names`.
pub fn spawn_named<T, F>(names: &[&str], work: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn() -> T + Clone + Send + 'static,
{
    // Start every thread first, so that they all run at the same time...
    let handles: Vec<_> = names
        .iter()
        .map(|name| {
            let work = work.clone();
            thread::Builder::new()
                .name(name.to_string())
                .spawn(work) // the closure itself is the thread's body
                .expect("the operating system refused to start a thread")
        })
        .collect();
    // ...then wait for each in turn. join() hands back the thread's result.
    handles
        .into_iter()
        .map(|h| h.join().expect("a worker thread panicked"))
        .collect()
}
// ANCHOR_END: spawn_named
