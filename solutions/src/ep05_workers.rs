//! Exercise `ep05_workers`: a parent starts worker processes and gathers
//! their answers from their standard output.
//! Chapter: src/ep05-processes.md, "A program that starts copies of itself"
//! The tests run `worker_main` as the worker program.

use std::io;
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};

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

// ANCHOR: worker_main
/// The worker's side, called by the worker program with its arguments
/// (without the program name).
///
/// With exactly `--worker INDEX` it prints one line, `PID ANSWER`: its own
/// process id and `work(INDEX)`, and returns success. With anything else it
/// prints a usage message to standard error and returns exit code 2 without
/// doing any work: a worker never starts workers of its own.
pub fn worker_main(args: &[String]) -> ExitCode {
    match args {
        [flag, index] if flag == "--worker" => match index.parse::<usize>() {
            Ok(index) => {
                println!("{} {}", std::process::id(), work(index));
                ExitCode::SUCCESS
            }
            Err(_) => usage(&format!("`{index}` is not a worker index")),
        },
        _ => usage("expected exactly `--worker INDEX`"),
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("ep05_workers: {problem}");
    ExitCode::from(2)
}
// ANCHOR_END: worker_main

// ANCHOR: guard
/// A child that is killed and waited for if it is dropped before we
/// collected it: the early returns below leave no process behind.
struct Reaped(Option<Child>);

impl Reaped {
    fn take(mut self) -> Child {
        self.0.take().expect("the child is still here")
    }
}

impl Drop for Reaped {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
// ANCHOR_END: guard

// ANCHOR: run_workers
/// Starts `n` runs of `program`, run `i` with the arguments `--worker i`,
/// all at the same time; reads each one's line `PID ANSWER` from its
/// standard output and returns the reports in worker order (report `i` from
/// worker `i`). Every worker is waited for before this returns.
///
/// An error if a worker cannot be started, fails, or prints something else;
/// then the workers still running are killed and waited for.
pub fn run_workers(program: &Path, n: usize) -> io::Result<Vec<Report>> {
    // Start them all first, so they run at the same time. If starting one
    // fails, `?` returns and dropping `children` reaps those already started.
    let mut children = Vec::with_capacity(n);
    for i in 0..n {
        let child = Command::new(program)
            .arg("--worker")
            .arg(i.to_string())
            .stdout(Stdio::piped())
            .spawn()?;
        children.push(Reaped(Some(child)));
    }
    // Then collect them in worker order. wait_with_output reads the child's
    // stdout to the end and waits for it.
    let mut reports = Vec::with_capacity(n);
    for (i, child) in children.into_iter().enumerate() {
        let output = child.take().wait_with_output()?;
        if !output.status.success() {
            return Err(io::Error::other(format!(
                "worker {i} failed ({})",
                output.status
            )));
        }
        reports.push(parse_report(&output.stdout).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "worker {i} printed {:?}, not `PID ANSWER`",
                    String::from_utf8_lossy(&output.stdout)
                ),
            )
        })?);
    }
    Ok(reports)
}

/// Reads `PID ANSWER` (one line, two whole numbers).
fn parse_report(stdout: &[u8]) -> Option<Report> {
    let text = std::str::from_utf8(stdout).ok()?;
    let mut words = text.split_whitespace();
    let pid = words.next()?.parse().ok()?;
    let answer = words.next()?.parse().ok()?;
    if words.next().is_some() {
        return None;
    }
    Some(Report { pid, answer })
}
// ANCHOR_END: run_workers
