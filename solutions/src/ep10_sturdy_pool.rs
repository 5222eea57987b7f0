//! Exercise `ep10_sturdy_pool`: a process pool that outlives a stuck and a
//! crashing worker.
//! Chapter: src/ep10-processes-that-talk.md, "A pool that survives its workers"

use crossbeam::channel;
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// What became of one job.
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

// ANCHOR: worker
/// One worker process, with a pipe to its stdin and its answers.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    /// The child's answer lines, read by a thread of their own so that we
    /// can wait for one with a deadline. Disconnected once the child's
    /// stdout is closed: the child has ended.
    lines: mpsc::Receiver<String>,
}

impl Worker {
    fn start(program: &Path) -> io::Result<Worker> {
        let mut child = Command::new(program)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, lines) = mpsc::channel();
        // The reader ends by itself when the child ends (its stdout closes).
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            lines,
        })
    }

    /// Gives the child one job and waits at most `deadline` for its answer.
    fn work_on(&mut self, job: &str, deadline: Duration) -> io::Result<Outcome> {
        let sent = writeln!(self.stdin, "{job}").and_then(|()| self.stdin.flush());
        if sent.is_err() {
            // Nobody reads the pipe any more: the child has died.
            return Ok(Outcome::Crashed(describe(self.child.wait()?)));
        }
        match self.lines.recv_timeout(deadline) {
            Ok(answer) => Ok(Outcome::Done(answer)),
            Err(RecvTimeoutError::Timeout) => {
                self.child.kill()?; // kill only sends the signal...
                self.child.wait()?; // ...wait reaps the child: no zombie
                Ok(Outcome::TimedOut)
            }
            // Its stdout closed before it answered: it has died. Reap it.
            Err(RecvTimeoutError::Disconnected) => {
                Ok(Outcome::Crashed(describe(self.child.wait()?)))
            }
        }
    }
}

/// How a child ended: its exit code, or the signal that killed it.
fn describe(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        (None, None) => status.to_string(),
    }
}
// ANCHOR_END: worker

// ANCHOR: pool
/// A fixed number of worker processes. Each takes one job per line on its
/// stdin and answers with one line on its stdout. A worker that runs past
/// the deadline or dies is reaped and replaced; dropping the pool kills and
/// reaps every worker.
pub struct SturdyPool {
    program: PathBuf,
    deadline: Duration,
    workers: Vec<Worker>,
}

impl SturdyPool {
    /// Starts `workers` copies of `program` (at least one). A job that takes
    /// longer than `deadline` counts as `TimedOut`.
    pub fn new(program: &Path, workers: usize, deadline: Duration) -> io::Result<SturdyPool> {
        assert!(workers > 0, "a pool needs at least one worker");
        let mut pool = SturdyPool {
            program: program.to_path_buf(),
            deadline,
            workers: Vec::with_capacity(workers),
        };
        for _ in 0..workers {
            // If a start fails, `pool` is dropped: Drop reaps those started.
            pool.workers.push(Worker::start(program)?);
        }
        Ok(pool)
    }

    /// The process ids of the current workers.
    pub fn pids(&self) -> Vec<u32> {
        self.workers.iter().map(|w| w.child.id()).collect()
    }

    /// Runs every job once and returns one outcome per job, in job order.
    /// An `Err` means a replacement worker could not be started.
    pub fn run(&mut self, jobs: &[String]) -> io::Result<Vec<Outcome>> {
        // One queue of (index, job) for all the workers.
        let (queue, jobs_rx) = channel::unbounded();
        for (i, job) in jobs.iter().enumerate() {
            queue.send((i, job.as_str())).expect("the queue is open");
        }
        drop(queue); // once it is empty, each slot's loop ends
        let (results_tx, results) = mpsc::channel();
        let mut outcomes: Vec<Option<Outcome>> = vec![None; jobs.len()];
        let (program, deadline) = (self.program.as_path(), self.deadline);
        thread::scope(|s| {
            // One thread per worker slot.
            let slots: Vec<_> = self
                .workers
                .iter_mut()
                .map(|worker| {
                    let (jobs, results) = (jobs_rx.clone(), results_tx.clone());
                    s.spawn(move || -> io::Result<()> {
                        for (i, job) in jobs {
                            let outcome = worker.work_on(job, deadline)?;
                            let replace = !matches!(outcome, Outcome::Done(_));
                            let _ = results.send((i, outcome));
                            if replace {
                                *worker = Worker::start(program)?;
                            }
                        }
                        Ok(())
                    })
                })
                .collect();
            drop(results_tx);
            // Each outcome goes in its job's place, whenever it comes.
            for (i, outcome) in results {
                outcomes[i] = Some(outcome);
            }
            slots
                .into_iter()
                .try_for_each(|slot| slot.join().expect("a slot thread panicked"))
        })?;
        Ok(outcomes
            .into_iter()
            .map(|o| o.expect("every job has an outcome"))
            .collect())
    }
}

impl Drop for SturdyPool {
    fn drop(&mut self) {
        for worker in &mut self.workers {
            let _ = worker.child.kill(); // it may be busy, or waiting for a job
            let _ = worker.child.wait(); // reap it
        }
    }
}
// ANCHOR_END: pool
