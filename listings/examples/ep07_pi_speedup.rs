//! Episode 7: a benchmark. Times the Monte Carlo estimate of π serially, on
//! scoped threads and on a rayon pool, for 1, 2, 4 and 8 threads, with the
//! same N and the same 64 chunks, and prints a table.
//! Run (always in release mode; the optional argument is N):
//!   cargo run --release -p listings --example ep07_pi_speedup
//!   cargo run --release -p listings --example ep07_pi_speedup -- 1000000

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;
use std::thread;
use std::time::{Duration, Instant};

/// Fixed, whatever the thread count, so every run computes the same thing.
const CHUNKS: usize = 64;
/// Each time is the best of this many runs.
const RUNS: usize = 3;

fn chunk_rng(seed: u64, chunk: u64) -> StdRng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&chunk.to_le_bytes());
    StdRng::from_seed(key)
}

// Not inlined, so that every contender below runs the very same machine code
// for a chunk; otherwise the optimiser may compile the loop differently in
// each caller, and the comparison would measure that instead.
#[inline(never)]
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

// ANCHOR: contenders
fn serial(seed: u64, sizes: &[u64]) -> u64 {
    (0..sizes.len())
        .map(|c| hits_in_chunk(seed, c as u64, sizes[c]))
        .sum()
}

fn threads(seed: u64, sizes: &[u64], threads: usize) -> u64 {
    thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    (t..sizes.len())
                        .step_by(threads)
                        .map(|c| hits_in_chunk(seed, c as u64, sizes[c]))
                        .sum::<u64>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

fn rayon_pool(seed: u64, sizes: &[u64], pool: &rayon::ThreadPool) -> u64 {
    pool.install(|| {
        (0..sizes.len())
            .into_par_iter()
            .map(|c| hits_in_chunk(seed, c as u64, sizes[c]))
            .sum()
    })
}
// ANCHOR_END: contenders

/// Runs `f` once untimed (to warm up caches and clock speed), then RUNS
/// times; returns its result and the shortest time.
fn best_of(mut f: impl FnMut() -> u64) -> (u64, Duration) {
    let mut best = Duration::MAX;
    let mut result = std::hint::black_box(f());
    for _ in 0..RUNS {
        let start = Instant::now();
        result = std::hint::black_box(f());
        best = best.min(start.elapsed());
    }
    (result, best)
}

// ANCHOR: main
fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("N must be a whole number"))
        .unwrap_or(100_000_000);
    let seed = 2024;
    let sizes = chunk_sizes(n, CHUNKS);
    let cores = thread::available_parallelism().map_or(1, |c| c.get());
    println!("N = {n} points in {CHUNKS} chunks; this program may use {cores} core(s)");

    let (hits, t_serial) = best_of(|| serial(seed, &sizes));
    let pi = 4.0 * hits as f64 / n as f64;
    println!("serial: {:.3} s, π ≈ {pi}", t_serial.as_secs_f64());
    println!();
    println!("| threads | threads (s) | speed-up | rayon (s) | speed-up |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    for k in [1, 2, 4, 8] {
        let (h_threads, t_threads) = best_of(|| threads(seed, &sizes, k));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(k)
            .build()
            .expect("could not start the pool");
        let (h_rayon, t_rayon) = best_of(|| rayon_pool(seed, &sizes, &pool));
        assert_eq!(
            (h_threads, h_rayon),
            (hits, hits),
            "same chunks, same count"
        );
        println!(
            "| {k} | {:.3} | {:.2} | {:.3} | {:.2} |",
            t_threads.as_secs_f64(),
            t_serial.as_secs_f64() / t_threads.as_secs_f64(),
            t_rayon.as_secs_f64(),
            t_serial.as_secs_f64() / t_rayon.as_secs_f64(),
        );
    }
}
// ANCHOR_END: main
