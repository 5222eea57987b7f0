//! Exercise `ep08_parallel`: the Riemann sum on scoped threads, one chunk
//! per thread.
//! Chapter: src/ep08-integration.md

use std::ops::Range;
use std::thread;

/// The left Riemann sum of `f` over `[a, b]` with `n` steps, computed by
/// `threads` scoped threads, each summing one contiguous chunk of `0..n`.
pub fn integrate_parallel(
    f: impl Fn(f64) -> f64 + Sync,
    a: f64,
    b: f64,
    n: usize,
    threads: usize,
) -> f64 {
    integrate_parallel_with(f, a, b, n, threads, |_, _| {})
}

// ANCHOR: integrate_parallel_with
/// Like [`integrate_parallel`], and each worker thread calls
/// `on_chunk(chunk_index, chunk)` once, on its own thread, before it sums
/// its chunk.
pub fn integrate_parallel_with(
    f: impl Fn(f64) -> f64 + Sync,
    a: f64,
    b: f64,
    n: usize,
    threads: usize,
    on_chunk: impl Fn(usize, Range<usize>) + Sync,
) -> f64 {
    assert!(threads >= 1, "integrate_parallel needs at least one thread");
    let dx = (b - a) / n as f64;
    // The `move` closures below copy these references, not the values.
    let (f, on_chunk) = (&f, &on_chunk);
    let sum: f64 = thread::scope(|s| {
        // Spawn every worker first (collect!), then join them in chunk order.
        let workers: Vec<_> = (0..threads)
            .map(|c| {
                let chunk = c * n / threads..(c + 1) * n / threads;
                s.spawn(move || {
                    on_chunk(c, chunk.clone());
                    chunk.map(|i| f(a + i as f64 * dx)).sum::<f64>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker panicked"))
            .sum()
    });
    sum * dx
}
// ANCHOR_END: integrate_parallel_with
