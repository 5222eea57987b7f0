//! Exercise `ep07_pi_chunks`: estimate π on threads, one seeded RNG per chunk.
//! Chapter: src/ep07-monte-carlo-pi.md, "One random number generator per chunk"

use crate::ep07_split::chunk_sizes;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::thread;

// ANCHOR: hits_in_chunk
/// The generator of chunk `chunk` in the run with seed `seed`. The 32-byte
/// ChaCha key holds both numbers, so no two (seed, chunk) pairs share a stream.
fn chunk_rng(seed: u64, chunk: u64) -> StdRng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&chunk.to_le_bytes());
    StdRng::from_seed(key)
}

/// Throws `points` random points into the square [-1, 1]² with the generator
/// of chunk `chunk` (seeded from `seed` and `chunk` only) and returns how
/// many land inside the unit circle.
pub fn hits_in_chunk(seed: u64, chunk: u64, points: u64) -> u64 {
    let mut rng = chunk_rng(seed, chunk);
    let mut hits = 0; // a local count: no other thread ever sees it
    for _ in 0..points {
        let x: f64 = rng.random_range(-1.0..1.0);
        let y: f64 = rng.random_range(-1.0..1.0);
        if x * x + y * y < 1.0 {
            hits += 1;
        }
    }
    hits
}
// ANCHOR_END: hits_in_chunk

/// Estimates π from `total_points` points split into `chunks` chunks (sizes
/// as `chunk_sizes(total_points, chunks)`), counted on `threads` threads.
/// The answer depends on `seed`, `total_points` and `chunks`, never on
/// `threads`.
pub fn estimate_pi(seed: u64, total_points: u64, chunks: usize, threads: usize) -> f64 {
    estimate_pi_observed(seed, total_points, chunks, threads, &|_, _| {})
}

// ANCHOR: estimate_pi_observed
/// [`estimate_pi`], telling `before_chunk(worker, chunk)` which worker
/// thread (0..threads) is about to count which chunk.
pub fn estimate_pi_observed(
    seed: u64,
    total_points: u64,
    chunks: usize,
    threads: usize,
    before_chunk: &(dyn Fn(usize, usize) + Sync),
) -> f64 {
    assert!(total_points > 0, "need at least one point");
    assert!(threads > 0, "need at least one thread");
    let sizes = chunk_sizes(total_points, chunks);
    let hits: u64 = thread::scope(|s| {
        // Start every worker first ...
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let sizes = &sizes;
                s.spawn(move || {
                    // Worker w takes chunks w, w + threads, w + 2 * threads, ...
                    let mut hits = 0;
                    for chunk in (worker..chunks).step_by(threads) {
                        before_chunk(worker, chunk);
                        hits += hits_in_chunk(seed, chunk as u64, sizes[chunk]);
                    }
                    hits
                })
            })
            .collect();
        // ... then wait for each one and add its count: once per worker.
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker thread panicked"))
            .sum()
    });
    4.0 * hits as f64 / total_points as f64
}
// ANCHOR_END: estimate_pi_observed
