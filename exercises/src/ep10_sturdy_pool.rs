//! Exercise `ep10_sturdy_pool`: a process pool that outlives a stuck and a
//! crashing worker.
//! Read: src/ep10-processes-that-talk.md, "A pool that survives its workers"
//! Check your answer: cargo test -p exercises --test ep10_sturdy_pool
//!
//! The tests give your pool a worker program: it reads one job per line on
//! its stdin and answers each with one line on its stdout (some jobs make it
//! hang, panic, abort or kill itself, on purpose).

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What became of one job. (Given: you need not change it.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The worker answered with this line (without its line end).
    Done(String),
    /// The worker had not answered at the deadline: it was killed, waited
    /// for and replaced. The job is not tried again.
    TimedOut,
    /// The worker died on this job; the text says how it ended, with the
    /// exit code ("exit code 101") or the signal ("killed by signal 6").
    /// It was waited for and replaced. The job is not tried again.
    Crashed(String),
}

/// A fixed number of worker processes. Each takes one job per line on its
/// stdin and answers with one line on its stdout. A worker that runs past
/// the deadline or dies is reaped and replaced; dropping the pool kills and
/// reaps every worker.
// These fields are a suggestion; change them if you like (a `Vec` of
// workers, each a `Child`, its `ChildStdin`, and a `Receiver` of the answer
// lines that a reader thread takes from its stdout, works well).
#[allow(dead_code)] // remove this line once you use the fields
pub struct SturdyPool {
    program: PathBuf,
    deadline: Duration,
}

impl SturdyPool {
    /// Starts `workers` copies of `program` (at least one), with piped stdin
    /// and stdout. A job that takes longer than `deadline` counts as
    /// `TimedOut`.
    pub fn new(program: &Path, workers: usize, deadline: Duration) -> io::Result<SturdyPool> {
        let _ = (program, workers, deadline);
        todo!(
            "ep10_sturdy_pool: start `workers` children with piped stdin and stdout (chapter ep10-processes-that-talk)"
        )
    }

    /// The process ids of the current workers.
    pub fn pids(&self) -> Vec<u32> {
        todo!(
            "ep10_sturdy_pool: return each current worker's id (chapter ep10-processes-that-talk)"
        )
    }

    /// Runs every job once and returns one outcome per job, in job order.
    /// An `Err` means a replacement worker could not be started.
    pub fn run(&mut self, jobs: &[String]) -> io::Result<Vec<Outcome>> {
        let _ = jobs;
        todo!(
            "ep10_sturdy_pool: one thread per worker takes jobs from a shared queue, waits for each answer with recv_timeout(deadline), kills, reaps and replaces a stuck or dead worker (chapter ep10-processes-that-talk)"
        )
    }
}

impl Drop for SturdyPool {
    fn drop(&mut self) {
        // TODO(ep10_sturdy_pool): kill every worker, then wait for it. (This
        // body is left empty rather than `todo!()`: a panic inside drop while
        // a failing test unwinds would abort the test run.)
    }
}
