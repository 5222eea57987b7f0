//! Exercise `ep07_pi_rayon`: the same estimate of π with rayon, in a pool of n threads.
//! Chapter: src/ep07-monte-carlo-pi.md, "rayon: chunks as a parallel iterator"

use crate::ep07_pi_chunks::hits_in_chunk;
use crate::ep07_split::chunk_sizes;
use rayon::ThreadPoolBuilder;
use rayon::prelude::*;

/// Estimates π like `ep07_pi_chunks::estimate_pi` (same seed, same chunks,
/// same answer to the last bit), with the chunks counted by a rayon pool
/// of `threads` threads.
pub fn estimate_pi_rayon(seed: u64, total_points: u64, chunks: usize, threads: usize) -> f64 {
    estimate_pi_rayon_observed(seed, total_points, chunks, threads, &|_| {})
}

// ANCHOR: estimate_pi_rayon_observed
/// [`estimate_pi_rayon`], calling `before_chunk(chunk)` on the pool thread
/// that is about to count chunk `chunk`.
pub fn estimate_pi_rayon_observed(
    seed: u64,
    total_points: u64,
    chunks: usize,
    threads: usize,
    before_chunk: &(dyn Fn(usize) + Sync),
) -> f64 {
    assert!(total_points > 0, "need at least one point");
    let sizes = chunk_sizes(total_points, chunks);
    let pool = ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("could not start the thread pool");
    // install: run the closure inside this pool, so the parallel iterator
    // uses its threads and not rayon's global pool.
    let hits: u64 = pool.install(|| {
        (0..chunks)
            .into_par_iter()
            .map(|chunk| {
                before_chunk(chunk);
                hits_in_chunk(seed, chunk as u64, sizes[chunk])
            })
            .sum()
    });
    4.0 * hits as f64 / total_points as f64
}
// ANCHOR_END: estimate_pi_rayon_observed
