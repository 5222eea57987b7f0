//! Episode 7: a benchmark. Sorts two arrays of random numbers, for several
//! sizes, four ways: one after the other on this thread; in two spawned
//! threads at once; in two spawned threads one after the other (spawn, join,
//! spawn, join); and with rayon::join. Prints the median time of each.
//! Run (always in release mode; optional arguments replace the sizes):
//!   cargo run --release -p listings --example ep07_sort_granularity
//!   cargo run --release -p listings --example ep07_sort_granularity -- 1000 5000

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: ways
/// Sort both on the calling thread, one after the other.
fn serial(a: &mut [u32], b: &mut [u32]) {
    a.sort_unstable();
    b.sort_unstable();
}

/// Start two threads, one per array, and wait for both.
fn two_threads(a: &mut [u32], b: &mut [u32]) {
    thread::scope(|s| {
        s.spawn(|| a.sort_unstable());
        s.spawn(|| b.sort_unstable());
    });
}

/// Two threads, but each is joined before the next one starts: the
/// threads' costs without their benefit.
fn threads_one_by_one(a: &mut [u32], b: &mut [u32]) {
    thread::scope(|s| s.spawn(|| a.sort_unstable()).join().unwrap());
    thread::scope(|s| s.spawn(|| b.sort_unstable()).join().unwrap());
}

/// rayon::join: runs the two closures, in parallel if a pool thread is free.
/// The pool's threads already exist, so nothing is started here.
fn rayon_join(a: &mut [u32], b: &mut [u32]) {
    rayon::join(|| a.sort_unstable(), || b.sort_unstable());
}
// ANCHOR_END: ways

/// Times `sort` on fresh copies of `a` and `b`, `reps` times (the copying
/// is not timed), and returns the median time.
fn median_time(a: &[u32], b: &[u32], reps: usize, sort: fn(&mut [u32], &mut [u32])) -> Duration {
    let (mut wa, mut wb) = (a.to_vec(), b.to_vec());
    let mut times: Vec<Duration> = (0..reps)
        .map(|_| {
            wa.copy_from_slice(a);
            wb.copy_from_slice(b);
            let start = Instant::now();
            sort(&mut wa, &mut wb);
            start.elapsed()
        })
        .collect();
    times.sort();
    times[reps / 2]
}

// ANCHOR: main
fn main() {
    let mut rng = StdRng::seed_from_u64(3);
    rayon::join(|| (), || ()); // start rayon's pool before timing anything
    println!(
        "| elements per array | serial (µs) | two threads (µs) | threads one by one (µs) | rayon::join (µs) |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: |");
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|s| s.parse().expect("sizes are whole numbers"))
        .collect();
    if sizes.is_empty() {
        sizes = vec![1_000, 100_000, 10_000_000];
    }
    for size in sizes {
        let a: Vec<u32> = (0..size).map(|_| rng.random()).collect();
        let b: Vec<u32> = (0..size).map(|_| rng.random()).collect();
        let reps = (10_000_000 / size).clamp(3, 1_000);
        let micros = |sort| median_time(&a, &b, reps, sort).as_secs_f64() * 1e6;
        println!(
            "| {size} | {:.1} | {:.1} | {:.1} | {:.1} |",
            micros(serial),
            micros(two_threads),
            micros(threads_one_by_one),
            micros(rayon_join),
        );
    }
}
// ANCHOR_END: main
