//! Exercise `ep06_process_pool`: a pool of long-lived worker processes.
//! Chapter: src/ep06-pools-and-futures.md

use std::ffi::OsStr;
use std::io::{self, BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// One answer from a worker process: who computed it, and the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// The process id of the worker that computed it.
    pub pid: u32,
    /// The square of the job's number.
    pub value: u64,
}

// ANCHOR: serve
/// The worker's side. Reads one number per line from `input` until the
/// input ends, and for each writes one line `"<pid> <square>"` to `output`
/// (pid: this process's id; the square wraps around on overflow).
/// Blank lines are skipped; a line that is not a number is an error.
pub fn serve(input: impl BufRead, mut output: impl Write) -> io::Result<()> {
    let pid = std::process::id();
    for line in input.lines() {
        let line = line?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let n: u64 = line.parse().map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("not a number: {line:?} ({e})"),
            )
        })?;
        writeln!(output, "{pid} {}", n.wrapping_mul(n))?;
        // The parent is waiting for this line: do not leave it in a buffer.
        output.flush()?;
    }
    Ok(()) // end of input: the parent closed our stdin, so we are done
}
// ANCHOR_END: serve

/// One child process and the two pipes to it.
struct Worker {
    child: Child,
    /// `None` once closed (at shutdown).
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Worker {
    fn send(&mut self, job: u64) -> io::Result<()> {
        let stdin = self
            .stdin
            .as_mut()
            .expect("stdin stays open until the pool is dropped");
        stdin.write_all(format!("{job}\n").as_bytes())?;
        stdin.flush()
    }

    fn receive(&mut self) -> io::Result<Answer> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "worker process {} closed its output (did it crash?)",
                    self.child.id()
                ),
            ));
        }
        let bad = || io::Error::new(io::ErrorKind::InvalidData, format!("bad answer {line:?}"));
        let (pid, value) = line.trim().split_once(' ').ok_or_else(bad)?;
        Ok(Answer {
            pid: pid.parse().map_err(|_| bad())?,
            value: value.parse().map_err(|_| bad())?,
        })
    }
}

// ANCHOR: pool
/// A fixed set of worker processes, each running `serve` on its stdin and
/// stdout, kept alive for as many `map` calls as you like.
/// Dropping the pool closes every child's stdin and waits for every child.
pub struct ProcessPool {
    workers: Vec<Worker>,
}

impl ProcessPool {
    /// Starts `workers` copies of `program` (at least one), with piped
    /// stdin and stdout.
    pub fn new(program: impl AsRef<OsStr>, workers: usize) -> io::Result<ProcessPool> {
        assert!(workers > 0, "a pool needs at least one worker");
        // Built one child at a time: if a spawn fails, `pool` is dropped and
        // its Drop reaps the children already started.
        let mut pool = ProcessPool {
            workers: Vec::with_capacity(workers),
        };
        for _ in 0..workers {
            let mut child = Command::new(program.as_ref())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()?;
            let stdin = child.stdin.take();
            let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
            pool.workers.push(Worker {
                child,
                stdin,
                stdout,
            });
        }
        Ok(pool)
    }

    /// The process ids of the workers, in worker order.
    pub fn pids(&self) -> Vec<u32> {
        self.workers.iter().map(|w| w.child.id()).collect()
    }

    /// Sends job `i` to worker `i % n` and returns the answers in job order.
    ///
    /// It works in rounds: one job to each worker, then one answer from
    /// each. The children compute at the same time, and no pipe ever holds
    /// more than one line, so neither side can block on a full pipe.
    pub fn map(&mut self, jobs: &[u64]) -> io::Result<Vec<Answer>> {
        let mut answers = Vec::with_capacity(jobs.len());
        for round in jobs.chunks(self.workers.len()) {
            for (worker, &job) in self.workers.iter_mut().zip(round) {
                worker.send(job)?;
            }
            for worker in self.workers.iter_mut().take(round.len()) {
                answers.push(worker.receive()?);
            }
        }
        Ok(answers)
    }
}

impl Drop for ProcessPool {
    fn drop(&mut self) {
        // Close every stdin first: each child reads end-of-input and exits...
        for worker in &mut self.workers {
            drop(worker.stdin.take());
        }
        // ...then wait for each one, so none is left as a zombie.
        for worker in &mut self.workers {
            let _ = worker.child.wait();
        }
    }
}
// ANCHOR_END: pool
