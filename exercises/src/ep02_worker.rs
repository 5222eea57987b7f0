//! Exercise `ep02_worker`: a type that owns its worker thread.
//! Read: src/ep02-threads.md, "A type that owns its thread"
//! Check your answer: cargo test -p exercises --test ep02_worker

use std::sync::mpsc::{Receiver, Sender};
use std::thread::JoinHandle;

/// A background thread that handles jobs of type `J` one at a time, in the
/// order they were submitted, and sends back one result of type `R` per job.
///
/// Dropping a `Worker` (or calling [`Worker::shutdown`]) closes the job
/// channel and waits for the thread to finish the jobs it already has.
// These fields are a suggestion; change them if you like.
#[allow(dead_code)] // remove this line once you use the fields
pub struct Worker<J, R> {
    /// Where jobs go; `None` once the channel is closed.
    jobs: Option<Sender<J>>,
    /// Where results come from.
    results: Receiver<R>,
    /// The thread; `None` once it has been joined.
    thread: Option<JoinHandle<()>>,
}

impl<J: Send + 'static, R: Send + 'static> Worker<J, R> {
    /// Starts a thread called `name` that calls `handler` on every job.
    pub fn start<F>(name: &str, handler: F) -> Self
    where
        F: FnMut(J) -> R + Send + 'static,
    {
        let _ = (name, handler);
        todo!(
            "ep02_worker: make two channels and spawn a named thread that loops over the jobs (chapter ep02-threads)"
        )
    }

    /// Hands a job to the worker. Returns `false` if the worker has stopped
    /// (its handler panicked), so the job was not taken.
    pub fn submit(&self, job: J) -> bool {
        let _ = job;
        todo!("ep02_worker: send the job down the job channel (chapter ep02-threads)")
    }

    /// Waits for the next result. `None` if the worker has stopped and
    /// every result has been taken.
    pub fn result(&self) -> Option<R> {
        todo!("ep02_worker: receive from the result channel (chapter ep02-threads)")
    }

    /// Closes the job channel, waits for the thread to finish and returns
    /// the results nobody has taken yet, in order; or, if the handler
    /// panicked, the panic's message.
    pub fn shutdown(self) -> Result<Vec<R>, String> {
        todo!(
            "ep02_worker: drop the Sender, join the thread, then collect what is left (chapter ep02-threads)"
        )
    }
}

impl<J, R> Drop for Worker<J, R> {
    fn drop(&mut self) {
        // TODO(ep02_worker): close the job channel, then join the thread.
        // (This body is left empty rather than `todo!()`: a panic inside
        // drop while a failing test unwinds would abort the test run.)
    }
}
