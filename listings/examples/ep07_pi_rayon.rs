//! Episode 7: Monte Carlo π with rayon: the chunk indices become a parallel
//! iterator, each chunk is mapped to its count, and the counts are summed.
//! Run: cargo run -p listings --example ep07_pi_rayon

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;

fn chunk_rng(seed: u64, chunk: u64) -> StdRng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&chunk.to_le_bytes());
    StdRng::from_seed(key)
}

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

fn chunk_sizes(n: u64, k: usize) -> Vec<u64> {
    (0..k as u64)
        .map(|i| n / k as u64 + u64::from(i < n % k as u64))
        .collect()
}

// ANCHOR: rayon
/// The chunks, counted by rayon's pool: par_iter over chunk indices, map, sum.
fn pi_rayon(seed: u64, n: u64, chunks: usize) -> f64 {
    let sizes = chunk_sizes(n, chunks);
    let hits: u64 = (0..chunks)
        .into_par_iter()
        .map(|c| hits_in_chunk(seed, c as u64, sizes[c]))
        .sum();
    4.0 * hits as f64 / n as f64
}
// ANCHOR_END: rayon

// ANCHOR: pool
/// The same, in a pool of exactly `threads` threads.
fn pi_rayon_in_pool(seed: u64, n: u64, chunks: usize, threads: usize) -> f64 {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("could not start the pool");
    pool.install(|| pi_rayon(seed, n, chunks)) // runs inside this pool
}
// ANCHOR_END: pool

// ANCHOR: main
fn main() {
    let (seed, n, chunks) = (2024, 50_000, 16);
    let pi = pi_rayon(seed, n, chunks);
    println!("rayon, global pool: π ≈ {pi}");
    for threads in [1, 2, 3] {
        let same = pi_rayon_in_pool(seed, n, chunks, threads);
        assert_eq!(same.to_bits(), pi.to_bits(), "same chunks, same bits");
    }
    println!("pools of 1, 2 and 3 threads: the same bits");
}
// ANCHOR_END: main
