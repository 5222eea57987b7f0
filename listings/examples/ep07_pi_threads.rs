//! Episode 7: Monte Carlo π on scoped threads, first with one chunk per
//! thread (the answer changes with the thread count), then with a fixed
//! number of chunks (the answer does not).
//! Run: cargo run -p listings --example ep07_pi_threads

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::thread;

// ANCHOR: hits
/// The generator of chunk `chunk` of the run with seed `seed`: both numbers
/// go into the 32-byte key, so every (seed, chunk) pair has its own stream.
fn chunk_rng(seed: u64, chunk: u64) -> StdRng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&chunk.to_le_bytes());
    StdRng::from_seed(key)
}

/// Throws `points` darts with chunk `chunk`'s own generator and counts
/// those inside the unit circle, in a local variable.
fn hits_in_chunk(seed: u64, chunk: u64, points: u64) -> u64 {
    let mut rng = chunk_rng(seed, chunk);
    let mut hits = 0;
    for _ in 0..points {
        let x: f64 = rng.random_range(-1.0..1.0);
        let y: f64 = rng.random_range(-1.0..1.0);
        if x * x + y * y < 1.0 {
            hits += 1;
        }
    }
    hits
}
// ANCHOR_END: hits

/// `n` items in `k` chunks whose sizes differ by at most one.
fn chunk_sizes(n: u64, k: usize) -> Vec<u64> {
    (0..k as u64)
        .map(|i| n / k as u64 + u64::from(i < n % k as u64))
        .collect()
}

// ANCHOR: one_chunk_per_thread
/// One chunk per thread: thread t throws its share of the `n` points with
/// the generator of chunk t.
fn pi_one_chunk_per_thread(seed: u64, n: u64, threads: usize) -> f64 {
    let sizes = chunk_sizes(n, threads);
    let hits: u64 = thread::scope(|s| {
        let handles: Vec<_> = sizes
            .iter()
            .enumerate()
            .map(|(t, &points)| s.spawn(move || hits_in_chunk(seed, t as u64, points)))
            .collect(); // start them all ...
        handles.into_iter().map(|h| h.join().unwrap()).sum() // ... then join and add
    });
    4.0 * hits as f64 / n as f64
}
// ANCHOR_END: one_chunk_per_thread

// ANCHOR: fixed_chunks
/// A fixed number of chunks, whatever the number of threads: thread t
/// counts chunks t, t + threads, t + 2 * threads, ... and returns one total.
fn pi_fixed_chunks(seed: u64, n: u64, chunks: usize, threads: usize) -> f64 {
    let sizes = chunk_sizes(n, chunks);
    let hits: u64 = thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let sizes = &sizes;
                s.spawn(move || {
                    (t..chunks)
                        .step_by(threads)
                        .map(|c| hits_in_chunk(seed, c as u64, sizes[c]))
                        .sum::<u64>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    4.0 * hits as f64 / n as f64
}
// ANCHOR_END: fixed_chunks

// ANCHOR: main
fn main() {
    let (seed, n) = (2024, 50_000);
    for threads in [1, 2, 4] {
        let pi = pi_one_chunk_per_thread(seed, n, threads);
        println!("one chunk per thread, {threads} thread(s): π ≈ {pi}");
    }
    for threads in [1, 2, 4] {
        let pi = pi_fixed_chunks(seed, n, 16, threads);
        println!("16 fixed chunks,      {threads} thread(s): π ≈ {pi}");
    }
}
// ANCHOR_END: main
