//! Exercise `ep02_scoped`: scoped threads that borrow a slice.
//! Chapter: src/ep02-threads.md

use std::thread;

// ANCHOR: map_chunks
/// Splits `data` into `workers` contiguous chunks whose lengths differ by at
/// most one (some are empty when there are more workers than items), calls
/// `f` on each chunk on its own scoped thread, and returns the results in
/// chunk order. Panics if `workers` is 0.
pub fn map_chunks<T, R, F>(data: &[T], workers: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&[T]) -> R + Sync,
{
    assert!(workers > 0, "map_chunks needs at least one worker");
    let len = data.len();
    let f = &f; // every thread borrows the one closure
    thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|i| {
                // Chunk i is data[i*len/workers .. (i+1)*len/workers].
                let chunk = &data[i * len / workers..(i + 1) * len / workers];
                s.spawn(move || f(chunk))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a chunk worker panicked"))
            .collect()
    })
}
// ANCHOR_END: map_chunks
