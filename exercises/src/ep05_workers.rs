//! Exercise `ep05_workers`: a parent starts worker processes and gathers
//! their answers from their standard output.
//! Read: src/ep05-processes.md, "A program that starts copies of itself"
//! Check your answer: cargo test -p exercises --test ep05_workers
//! The tests start your `worker_main` as the worker program.

use std::io;
use std::path::Path;
use std::process::ExitCode;

/// The work of worker `index`: the sum of the squares of its block of 1000
/// numbers, `index * 1000 .. index * 1000 + 1000`. (Given: a stand-in for
/// real work.)
pub fn work(index: usize) -> u64 {
    let start = index as u64 * 1000;
    (start..start + 1000).map(|x| x * x).sum()
}

/// What one worker sent back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// The worker's own process id, as it reported it.
    pub pid: u32,
    /// Its answer.
    pub answer: u64,
}

/// The worker's side, called by the worker program with its arguments
/// (without the program name).
///
/// With exactly `--worker INDEX` it prints one line, `PID ANSWER`: its own
/// process id and `work(INDEX)`, and returns success. With anything else it
/// prints a usage message to standard error and returns exit code 2 without
/// doing any work: a worker never starts workers of its own.
pub fn worker_main(args: &[String]) -> ExitCode {
    let _ = args;
    todo!(
        "ep05_workers: check the arguments are `--worker INDEX`, then print `PID ANSWER` (chapter ep05-processes)"
    )
}

/// Starts `n` runs of `program`, run `i` with the arguments `--worker i`,
/// all at the same time; reads each one's line `PID ANSWER` from its
/// standard output and returns the reports in worker order (report `i` from
/// worker `i`). Every worker is waited for before this returns.
///
/// An error if a worker cannot be started, fails, or prints something else;
/// then the workers still running are killed and waited for.
pub fn run_workers(program: &Path, n: usize) -> io::Result<Vec<Report>> {
    let _ = (program, n);
    todo!(
        "ep05_workers: spawn every worker with piped stdout first, then wait_with_output each in order (chapter ep05-processes)"
    )
}
