//! Exercise `ep02_worker`: a type that owns its worker thread.
//! Chapter: src/ep02-threads.md

use std::any::Any;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

// ANCHOR: worker
/// A background thread that handles jobs of type `J` one at a time, in the
/// order they were submitted, and sends back one result of type `R` per job.
///
/// Dropping a `Worker` (or calling [`Worker::shutdown`]) closes the job
/// channel and waits for the thread to finish the jobs it already has.
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
    pub fn start<F>(name: &str, mut handler: F) -> Self
    where
        F: FnMut(J) -> R + Send + 'static,
    {
        let (job_tx, job_rx) = mpsc::channel::<J>();
        let (result_tx, result_rx) = mpsc::channel::<R>();
        let thread = thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                // recv() fails once every Sender is gone: that is the signal to stop.
                for job in job_rx {
                    if result_tx.send(handler(job)).is_err() {
                        break; // nobody is listening any more
                    }
                }
                // handler, job_rx and result_tx are dropped here, on this thread.
            })
            .expect("the operating system refused to start a thread");
        Worker {
            jobs: Some(job_tx),
            results: result_rx,
            thread: Some(thread),
        }
    }

    /// Hands a job to the worker. Returns `false` if the worker has stopped
    /// (its handler panicked), so the job was not taken.
    pub fn submit(&self, job: J) -> bool {
        match &self.jobs {
            Some(tx) => tx.send(job).is_ok(),
            None => false,
        }
    }

    /// Waits for the next result. `None` if the worker has stopped and
    /// every result has been taken.
    pub fn result(&self) -> Option<R> {
        self.results.recv().ok()
    }

    /// Closes the job channel, waits for the thread to finish and returns
    /// the results nobody has taken yet, in order; or, if the handler
    /// panicked, the panic's message.
    pub fn shutdown(mut self) -> Result<Vec<R>, String> {
        let joined = self.stop();
        // The thread has ended, so every result it will ever send is queued.
        let rest: Vec<R> = self.results.try_iter().collect();
        joined
            .map(|()| rest)
            .map_err(|payload| panic_message(&*payload))
        // `self` is dropped here; `stop` has already run, so Drop does nothing.
    }
}

impl<J, R> Worker<J, R> {
    /// Closes the channel (first!) and then joins the thread. Safe to call twice.
    fn stop(&mut self) -> thread::Result<()> {
        drop(self.jobs.take()); // the worker's `for job in job_rx` loop ends
        match self.thread.take() {
            Some(handle) => handle.join(),
            None => Ok(()),
        }
    }
}

impl<J, R> Drop for Worker<J, R> {
    fn drop(&mut self) {
        // Never panic in drop: a panicked worker was already reported on stderr.
        let _ = self.stop();
    }
}

/// The text of a panic payload (`panic!("literal")` carries a `&str`,
/// `panic!("{x}")` a `String`).
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "the worker panicked with a non-text payload".to_string()
    }
}
// ANCHOR_END: worker
