//! Episode 10, "The pool API beyond `map`": `multiprocessing.Pool`'s
//! `apply_async` + `get(timeout)`, `map_async`, `imap` and `imap_unordered`,
//! as Rust types on a rayon thread pool: a handle to wait on, and iterators
//! of results.
//!     cargo run -p listings --example ep10_pool_api

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

// ANCHOR: handle
/// What `apply_async` returns: one result, some time later. Python's
/// `AsyncResult`; `get` is its `get(timeout)`.
pub struct AsyncResult<T>(Receiver<T>);

impl<T> AsyncResult<T> {
    /// Waits at most `timeout`. `Err(Timeout)`: not ready yet (the job runs
    /// on, and you may ask again); `Err(Disconnected)`: it will never come
    /// (the job panicked).
    pub fn get(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.0.recv_timeout(timeout)
    }

    /// `get()` without a timeout: waits as long as it takes.
    pub fn wait(self) -> Option<T> {
        self.0.recv().ok()
    }
}
// ANCHOR_END: handle

// ANCHOR: pool
pub struct Pool(rayon::ThreadPool);

impl Pool {
    pub fn new(threads: usize) -> Pool {
        Pool(
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap(),
        )
    }

    /// `pool.apply_async(f)`: run `f` on the pool; return at once.
    pub fn apply_async<T, F>(&self, f: F) -> AsyncResult<T>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (tx, rx) = mpsc::sync_channel(1); // a one-shot channel
        self.0.spawn(move || {
            let _ = tx.send(f()); // nobody waiting any more? then drop it
        });
        AsyncResult(rx)
    }

    /// `pool.map_async(f, items)`: the whole list of results, in input
    /// order, behind one handle.
    pub fn map_async<T, R, F>(&self, items: Vec<T>, f: F) -> AsyncResult<Vec<R>>
    where
        T: Send + 'static,
        R: Send + 'static,
        F: Fn(T) -> R + Send + Sync + 'static,
    {
        use rayon::prelude::*;
        let pool = &self.0;
        let (tx, rx) = mpsc::sync_channel(1);
        pool.spawn(move || {
            let _ = tx.send(items.into_par_iter().map(f).collect());
        });
        AsyncResult(rx)
    }
}
// ANCHOR_END: pool

// ANCHOR: unordered
impl Pool {
    /// `pool.imap_unordered(f, items)`: results as they finish. Each job
    /// sends `(index, result)` on one channel; the iterator is the receiving
    /// end, and it ends when every job's sender is gone.
    pub fn imap_unordered<T, R, F>(&self, items: Vec<T>, f: F) -> mpsc::IntoIter<(usize, R)>
    where
        T: Send + 'static,
        R: Send + 'static,
        F: Fn(T) -> R + Send + Sync + 'static,
    {
        let f = Arc::new(f);
        let (tx, rx) = mpsc::channel();
        for (i, item) in items.into_iter().enumerate() {
            let (tx, f) = (tx.clone(), Arc::clone(&f));
            self.0.spawn(move || {
                let _ = tx.send((i, f(item)));
            });
        }
        rx.into_iter()
    }
}
// ANCHOR_END: unordered

// ANCHOR: ordered
impl Pool {
    /// `pool.imap(f, items)`: results in input order, each as soon as it and
    /// every one before it are done. A result that comes early waits in a
    /// reorder buffer.
    pub fn imap<T, R, F>(&self, items: Vec<T>, f: F) -> Ordered<R>
    where
        T: Send + 'static,
        R: Send + 'static,
        F: Fn(T) -> R + Send + Sync + 'static,
    {
        Ordered {
            done: self.imap_unordered(items, f),
            next: 0,
            early: BTreeMap::new(),
        }
    }
}

pub struct Ordered<R> {
    done: mpsc::IntoIter<(usize, R)>,
    next: usize,
    early: BTreeMap<usize, R>,
}

impl<R> Iterator for Ordered<R> {
    type Item = R;
    fn next(&mut self) -> Option<R> {
        loop {
            if let Some(r) = self.early.remove(&self.next) {
                self.next += 1;
                return Some(r);
            }
            let (i, r) = self.done.next()?; // all senders gone: no more results
            self.early.insert(i, r);
        }
    }
}
// ANCHOR_END: ordered

/// A job whose early items are the slow ones.
fn slow_square(i: u64) -> u64 {
    thread::sleep(Duration::from_millis(4 * (6 - i)));
    i * i
}

fn main() {
    // ANCHOR: use
    let pool = Pool::new(3);

    let answer = pool.apply_async(|| (1..=100u64).sum::<u64>());
    assert_eq!(answer.get(Duration::from_secs(5)), Ok(5050));

    let slow = pool.apply_async(|| {
        thread::sleep(Duration::from_millis(200));
        42
    });
    // Python's get(timeout=0.01) raises TimeoutError; the job runs on.
    assert_eq!(
        slow.get(Duration::from_millis(10)),
        Err(RecvTimeoutError::Timeout)
    );
    assert_eq!(slow.get(Duration::from_secs(5)), Ok(42)); // ask again later

    let all = pool.map_async((0..6).collect(), slow_square);
    assert_eq!(all.wait(), Some(vec![0, 1, 4, 9, 16, 25]));

    let in_order: Vec<u64> = pool.imap((0..6).collect(), slow_square).collect();
    assert_eq!(in_order, [0, 1, 4, 9, 16, 25]);

    let as_done: Vec<(usize, u64)> = pool.imap_unordered((0..6).collect(), slow_square).collect();
    println!("imap:           {in_order:?}");
    println!("imap_unordered: {as_done:?}"); // finishing order: differs from run to run
    let mut sorted = as_done.clone();
    sorted.sort();
    assert_eq!(sorted, [(0, 0), (1, 1), (2, 4), (3, 9), (4, 16), (5, 25)]);
    // ANCHOR_END: use
}
