//! A thread pool built by hand from channels: `submit` returns a handle
//! (a future) to wait on, and dropping the pool shuts it down cleanly.
//! Run: cargo run -p listings --example ep06_thread_pool

// ANCHOR: types
use crossbeam::channel::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

/// A job as the workers see it: any closure that can be sent to a thread
/// and run once. Boxing lets jobs of different types share one queue.
type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct Pool {
    jobs: Option<Sender<Job>>, // None once the pool is shutting down
    workers: Vec<JoinHandle<()>>,
}

/// The caller's side of one job: a future.
pub struct Handle<R> {
    result: Receiver<R>, // one-shot: the job sends exactly one value
}
// ANCHOR_END: types

// ANCHOR: new
impl Pool {
    pub fn new(n: usize) -> Pool {
        let (jobs, queue) = channel::unbounded::<Job>();
        let workers = (0..n)
            .map(|_| {
                let queue = queue.clone(); // every worker reads the same queue
                thread::spawn(move || {
                    // Blocks while the queue is empty; ends when the queue is
                    // empty *and* every Sender is gone.
                    for job in queue {
                        job();
                    }
                })
            })
            .collect();
        Pool {
            jobs: Some(jobs),
            workers,
        }
    }
    // ANCHOR_END: new

    // ANCHOR: submit
    pub fn submit<R, F>(&self, f: F) -> Handle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        let (tx, rx) = channel::bounded(1);
        let job = Box::new(move || {
            let _ = tx.send(f()); // Err only if the caller dropped the handle
        });
        self.jobs.as_ref().unwrap().send(job).unwrap();
        Handle { result: rx }
    }
}

impl<R> Handle<R> {
    /// Blocks until the job has run, like `future.result()` in Python.
    pub fn wait(self) -> R {
        // If the job panicked, its worker thread died and dropped `tx`
        // without sending: recv() then fails instead of blocking forever.
        self.result.recv().expect("the job panicked")
    }
}
// ANCHOR_END: submit

// ANCHOR: drop
impl Drop for Pool {
    fn drop(&mut self) {
        drop(self.jobs.take()); // 1. close the queue: no more jobs are coming
        for worker in self.workers.drain(..) {
            let _ = worker.join(); // 2. wait until each worker has run out of work
        }
    }
}
// ANCHOR_END: drop

// ANCHOR: main
fn main() {
    let pool = Pool::new(3);
    let total = pool.submit(|| (1..=100u64).sum::<u64>());
    let shout = pool.submit(|| "hello from the pool".to_uppercase());
    // Many jobs at once: submit them all first, then wait in order.
    let squares: Vec<Handle<u64>> = (1..=5u64).map(|i| pool.submit(move || i * i)).collect();
    let squares: Vec<u64> = squares.into_iter().map(Handle::wait).collect();
    println!("{} / {} / {squares:?}", total.wait(), shout.wait());
} // `pool` is dropped here: the queue closes and all 3 workers are joined
// ANCHOR_END: main
