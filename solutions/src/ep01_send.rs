//! Exercise `ep01_send`: share read-only data between threads with `Arc`.
//! Chapter: src/ep01-cores-and-the-gil.md

use std::sync::Arc;
use std::thread;

// ANCHOR: solution
/// Splits `data` into `threads` contiguous chunks whose sizes differ by at
/// most one, sums each chunk on its own thread, and returns the partial sums
/// in chunk order.
pub fn partial_sums(data: Arc<Vec<u64>>, threads: usize) -> Vec<u64> {
    assert!(threads > 0, "need at least one thread");
    let len = data.len();
    let handles: Vec<_> = (0..threads)
        .map(|i| {
            // Chunk i covers [start, end): sizes differ by at most one.
            let start = i * len / threads;
            let end = (i + 1) * len / threads;
            let data = Arc::clone(&data); // one more owner, moved into the thread
            thread::spawn(move || data[start..end].iter().sum::<u64>())
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("a summing thread panicked"))
        .collect()
}
// ANCHOR_END: solution
