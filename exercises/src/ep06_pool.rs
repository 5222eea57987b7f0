//! Exercise `ep06_pool`: a thread pool with futures, built from channels.
//! Read: src/ep06-pools-and-futures.md, "Shutting down: drop the sender"
//! (and "A thread pool by hand" before it)
//! Check your answer: cargo test -p exercises --test ep06_pool

use crossbeam::channel::{Receiver, Sender};
use std::fmt;
use std::thread::JoinHandle;

/// A job as the workers see it: any closure, run once.
type Job = Box<dyn FnOnce() + Send + 'static>;

/// The error [`Handle::wait`] returns when the job panicked instead of
/// returning a value (Python's `future.result()` re-raises the exception).
/// (Given: you need not change it.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPanicked {
    /// The panic's message.
    pub message: String,
}

impl fmt::Display for JobPanicked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the job panicked: {}", self.message)
    }
}

impl std::error::Error for JobPanicked {}

/// A fixed set of worker threads that take jobs from one shared queue.
/// Dropping the pool lets the workers finish every job already submitted,
/// then joins them.
// These fields are a suggestion; change them if you like.
#[allow(dead_code)] // remove this line once you use the fields
pub struct Pool {
    /// The sending end of the job queue; `None` once the pool shuts down.
    jobs: Option<Sender<Job>>,
    /// The worker threads, joined when the pool is dropped.
    workers: Vec<JoinHandle<()>>,
}

/// A future: the result of one submitted job, once a worker has run it.
#[allow(dead_code)] // remove this line once you use the field
pub struct Handle<R> {
    /// A one-shot channel: the job sends exactly one message on it.
    result: Receiver<Result<R, JobPanicked>>,
}

impl<R> Handle<R> {
    /// Blocks until the job has run; returns its value, or the panic's
    /// message if it panicked. Must not hang if the job panicked.
    pub fn wait(self) -> Result<R, JobPanicked> {
        todo!(
            "ep06_pool: receive the job's one message from the one-shot channel (chapter ep06-pools-and-futures)"
        )
    }
}

impl Pool {
    /// Starts `workers` threads (at least one).
    pub fn new(workers: usize) -> Pool {
        let _ = workers;
        todo!(
            "ep06_pool: make one job channel and spawn `workers` threads that loop over it (chapter ep06-pools-and-futures)"
        )
    }

    /// Queues `f` to run on one of the workers and returns a handle to
    /// wait for its result, like `executor.submit(f)` in Python.
    /// A panic in `f` must not kill the worker: report it through the handle.
    pub fn submit<F, R>(&self, f: F) -> Handle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        let _ = f;
        todo!(
            "ep06_pool: wrap f in a job that sends its outcome on a one-shot channel, queue it, return the receiving end (chapter ep06-pools-and-futures)"
        )
    }

    /// Runs `f` on every input on the pool and returns the results in input
    /// order, like `executor.map(f, inputs)`; or the first error, in input
    /// order, if a job panicked.
    pub fn map<T, R, F>(
        &self,
        f: F,
        inputs: impl IntoIterator<Item = T>,
    ) -> Result<Vec<R>, JobPanicked>
    where
        T: Send + 'static,
        R: Send + 'static,
        F: Fn(T) -> R + Send + Sync + 'static,
    {
        let _ = (f, inputs.into_iter());
        todo!(
            "ep06_pool: submit every input first, then wait for the handles in order (chapter ep06-pools-and-futures)"
        )
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // TODO(ep06_pool): close the job queue (drop the Sender), then join
        // every worker. (This body is left empty rather than `todo!()`: a
        // panic inside drop while a failing test unwinds would abort the
        // test run.)
    }
}
