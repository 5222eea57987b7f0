//! Exercise `ep06_process_pool`: a pool of long-lived worker processes.
//! Read: src/ep06-pools-and-futures.md, "A pool of worker processes"
//! Check your answer: cargo test -p exercises --test ep06_process_pool
//!
//! The tests give your pool a worker program that only calls your `serve`,
//! so everything you write is in this file.

use std::ffi::OsStr;
use std::io::{self, BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout};

/// One answer from a worker process: who computed it, and the value.
/// (Given: you need not change it.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// The process id of the worker that computed it.
    pub pid: u32,
    /// The square of the job's number.
    pub value: u64,
}

/// The worker's side. Reads one number per line from `input` until the
/// input ends, and for each writes one line `"<pid> <square>"` to `output`
/// (pid: this process's id; the square wraps around on overflow).
/// Blank lines are skipped; a line that is not a number is an error.
pub fn serve(input: impl BufRead, output: impl Write) -> io::Result<()> {
    let _ = (input, output);
    todo!(
        "ep06_process_pool: answer each input line with \"<pid> <square>\" and flush, until the input ends (chapter ep06-pools-and-futures)"
    )
}

/// One child process and the two pipes to it.
// These fields are a suggestion; change them if you like.
#[allow(dead_code)] // remove this line once you use the fields
struct Worker {
    child: Child,
    /// `None` once closed (at shutdown).
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

/// A fixed set of worker processes, each running `serve` on its stdin and
/// stdout, kept alive for as many `map` calls as you like.
/// Dropping the pool closes every child's stdin and waits for every child.
#[allow(dead_code)] // remove this line once you use the field
pub struct ProcessPool {
    workers: Vec<Worker>,
}

impl ProcessPool {
    /// Starts `workers` copies of `program` (at least one), with piped
    /// stdin and stdout.
    pub fn new(program: impl AsRef<OsStr>, workers: usize) -> io::Result<ProcessPool> {
        let _ = (program.as_ref(), workers);
        todo!(
            "ep06_process_pool: spawn `workers` children with piped stdin and stdout (chapter ep06-pools-and-futures)"
        )
    }

    /// The process ids of the workers, in worker order.
    pub fn pids(&self) -> Vec<u32> {
        todo!("ep06_process_pool: return each child's id (chapter ep06-pools-and-futures)")
    }

    /// Sends job `i` to worker `i % n` and returns the answers in job order.
    ///
    /// Work in rounds: one job to each worker, then one answer from each.
    /// (Sending every job before reading any answer can hang: a pipe holds
    /// only so much, 64 KiB on Linux.)
    pub fn map(&mut self, jobs: &[u64]) -> io::Result<Vec<Answer>> {
        let _ = jobs;
        todo!(
            "ep06_process_pool: write one line to each child, read one line back from each, round after round (chapter ep06-pools-and-futures)"
        )
    }
}

impl Drop for ProcessPool {
    fn drop(&mut self) {
        // TODO(ep06_process_pool): close every child's stdin, then wait for
        // every child. (This body is left empty rather than `todo!()`: a
        // panic inside drop while a failing test unwinds would abort the
        // test run.)
    }
}
