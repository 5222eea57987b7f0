//! Exercise `ep08_fixed_chunks`: a parallel sum whose result does not
//! depend on the thread count.
//! Chapter: src/ep08-integration.md

use crate::ep08_chunks::chunk_bounds;
use std::thread;

// ANCHOR: integrate_fixed_chunks
/// The left Riemann sum of `f` over `[a, b]` with `n` steps, cut into
/// `chunks` fixed chunks (chunk `c` is `c * n / chunks .. (c + 1) * n / chunks`)
/// and computed by `threads` threads.
///
/// The result is, bit for bit, what this serial recipe gives, whatever `threads` is:
/// each chunk summed in index order, the chunk sums added in chunk order,
/// then multiplied by `dx = (b - a) / n`.
pub fn integrate_fixed_chunks(
    f: impl Fn(f64) -> f64 + Sync,
    a: f64,
    b: f64,
    n: usize,
    chunks: usize,
    threads: usize,
) -> f64 {
    assert!(
        chunks >= 1 && threads >= 1,
        "need at least one chunk and one thread"
    );
    let dx = (b - a) / n as f64;
    let f = &f;
    let chunk_sum = move |c: usize| -> f64 {
        (c * n / chunks..(c + 1) * n / chunks)
            .map(|i| f(a + i as f64 * dx))
            .sum()
    };
    // Each thread gets a run of consecutive chunks and returns their sums in
    // order; joining the threads in order puts every sum in its chunk's place.
    let partials: Vec<f64> = thread::scope(|s| {
        let workers: Vec<_> = chunk_bounds(chunks, threads)
            .into_iter()
            .map(|mine| s.spawn(move || mine.map(chunk_sum).collect::<Vec<f64>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker panicked"))
            .collect()
    });
    // The chunk sums are added in chunk order, on one thread: the threads
    // decided who computed what, never what was added to what.
    partials.iter().sum::<f64>() * dx
}
// ANCHOR_END: integrate_fixed_chunks
