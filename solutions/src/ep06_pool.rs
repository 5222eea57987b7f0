//! Exercise `ep06_pool`: a thread pool with futures, built from channels.
//! Chapter: src/ep06-pools-and-futures.md

use crossbeam::channel::{self, Receiver, Sender};
use std::any::Any;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

/// A job as the workers see it: any closure, run once.
type Job = Box<dyn FnOnce() + Send + 'static>;

/// The error [`Handle::wait`] returns when the job panicked instead of
/// returning a value (Python's `future.result()` re-raises the exception).
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

// ANCHOR: types
/// A fixed set of worker threads that take jobs from one shared queue.
/// Dropping the pool lets the workers finish every job already submitted,
/// then joins them.
pub struct Pool {
    /// The sending end of the job queue; `None` once the pool shuts down.
    jobs: Option<Sender<Job>>,
    /// The worker threads, joined when the pool is dropped.
    workers: Vec<JoinHandle<()>>,
}

/// A future: the result of one submitted job, once a worker has run it.
pub struct Handle<R> {
    /// A one-shot channel: the job sends exactly one message on it.
    result: Receiver<Result<R, JobPanicked>>,
}
// ANCHOR_END: types

// ANCHOR: wait
impl<R> Handle<R> {
    /// Blocks until the job has run; returns its value, or the panic's
    /// message if it panicked.
    pub fn wait(self) -> Result<R, JobPanicked> {
        // recv() fails only if the sending end was dropped without a send,
        // which the job in `submit` never does; report it all the same
        // rather than hang or panic.
        self.result.recv().unwrap_or_else(|_| {
            Err(JobPanicked {
                message: "the job was dropped before it ran".to_string(),
            })
        })
    }
}
// ANCHOR_END: wait

impl Pool {
    // ANCHOR: new
    /// Starts `workers` threads (at least one).
    pub fn new(workers: usize) -> Pool {
        assert!(workers > 0, "a pool needs at least one worker");
        let (jobs, queue) = channel::unbounded::<Job>();
        let workers = (0..workers)
            .map(|i| {
                let queue = queue.clone(); // crossbeam receivers can be shared
                thread::Builder::new()
                    .name(format!("pool-worker-{i}"))
                    .spawn(move || {
                        // Ends once every Sender is gone and the queue is empty.
                        for job in queue {
                            job(); // never panics: `submit` wraps f in catch_unwind
                        }
                    })
                    .expect("the operating system refused to start a thread")
            })
            .collect();
        Pool {
            jobs: Some(jobs),
            workers,
        }
    }
    // ANCHOR_END: new

    // ANCHOR: submit
    /// Queues `f` to run on one of the workers and returns a handle to
    /// wait for its result, like `executor.submit(f)` in Python.
    pub fn submit<F, R>(&self, f: F) -> Handle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        let (tx, rx) = channel::bounded(1);
        let job: Job = Box::new(move || {
            // A panic in f is caught here, on the worker, and sent to the
            // caller as an error: the worker thread lives on.
            let outcome = panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| JobPanicked {
                message: panic_message(&*payload),
            });
            // The caller may have dropped the handle: then nobody wants
            // the result, and that is fine.
            let _ = tx.send(outcome);
        });
        self.jobs
            .as_ref()
            .expect("the pool is shutting down")
            .send(job)
            .expect("every worker has stopped");
        Handle { result: rx }
    }
    // ANCHOR_END: submit

    // ANCHOR: map
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
        let f = Arc::new(f); // every job needs f; share one copy
        // Submit everything first, so that all workers get busy...
        let handles: Vec<Handle<R>> = inputs
            .into_iter()
            .map(|x| {
                let f = Arc::clone(&f);
                self.submit(move || f(x))
            })
            .collect();
        // ...then wait in submission order: that is what keeps the order.
        handles.into_iter().map(Handle::wait).collect()
    }
    // ANCHOR_END: map
}

// ANCHOR: drop
impl Drop for Pool {
    fn drop(&mut self) {
        // First close the queue: once it is empty, each worker's loop ends.
        drop(self.jobs.take());
        // Then wait for every worker. (In the other order, join would wait
        // for workers that wait for jobs that never come.)
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}
// ANCHOR_END: drop

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}
