//! Exercise `ep02_identify`: which process and which thread am I?
//! Read: src/ep02-threads.md, "Names, ids and the process id"
//! Check your answer: cargo test -p exercises --test ep02_identify

use std::thread::ThreadId;

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

/// Describes the thread that calls it.
pub fn whoami() -> Report {
    todo!(
        "ep02_identify: fill a Report from thread::current() and std::process::id() (chapter ep02-threads)"
    )
}

/// How many threads this process has right now, as the operating system
/// counts them: on Linux, one entry per thread in `/proc/self/task`.
/// `None` where that directory does not exist.
pub fn count_threads() -> Option<usize> {
    todo!("ep02_identify: count the entries of /proc/self/task (chapter ep02-threads)")
}

/// Starts one thread per name in `names`, each with that name, runs a clone
/// of `work` on every thread, waits for all of them and returns their
/// results in the order of `names`.
pub fn spawn_named<T, F>(names: &[&str], work: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn() -> T + Clone + Send + 'static,
{
    let _ = (names, work);
    todo!(
        "ep02_identify: start named threads with thread::Builder, then join them all (chapter ep02-threads)"
    )
}
