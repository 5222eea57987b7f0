//! Episode 2, "When is threading a good option?": a small benchmark.
//! Run it yourself, in release mode, on an otherwise quiet machine:
//!     cargo run --release -p listings --example ep02_when_threads_pay
//! It prints a Markdown table: the same work done on one thread and on
//! several, for tasks from tiny to large, and for waiting (a stand-in for I/O).

use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: sort_two
/// Sorts two vectors one after the other, on the calling thread.
fn sort_one_thread(a: &mut [u32], b: &mut [u32]) {
    a.sort_unstable();
    b.sort_unstable();
}

/// Sorts two vectors at the same time, one on a new thread.
fn sort_two_threads(a: &mut [u32], b: &mut [u32]) {
    thread::scope(|s| {
        s.spawn(|| a.sort_unstable());
        b.sort_unstable(); // the calling thread takes the other one
    });
}
// ANCHOR_END: sort_two

fn random_vec(len: usize, seed: u64) -> Vec<u32> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..len).map(|_| rng.random_range(0..1_000_000)).collect()
}

/// Average time per call of `run`, over `reps` fresh copies of two vectors.
fn time_sort(len: usize, reps: usize, run: fn(&mut [u32], &mut [u32])) -> Duration {
    let (a, b) = (random_vec(len, 1), random_vec(len, 2));
    let mut copies: Vec<(Vec<u32>, Vec<u32>)> = (0..reps).map(|_| (a.clone(), b.clone())).collect();
    let start = Instant::now();
    for (a, b) in &mut copies {
        run(a, b);
    }
    start.elapsed() / reps as u32
}

fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

/// Counts the primes below `limit` with `threads` threads, each taking a
/// contiguous range.
fn count_primes(limit: u64, threads: u64) -> usize {
    thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let (lo, hi) = (i * limit / threads, (i + 1) * limit / threads);
                s.spawn(move || (lo..hi).filter(|&n| is_prime(n)).count())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// `waits` pauses of `each`, one after another or each on its own thread.
fn wait(waits: u32, each: Duration, parallel: bool) {
    if parallel {
        thread::scope(|s| {
            for _ in 0..waits {
                s.spawn(move || thread::sleep(each));
            }
        });
    } else {
        for _ in 0..waits {
            thread::sleep(each);
        }
    }
}

fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    println!("available_parallelism: {cores}\n");
    println!("| task | one thread | more threads | threads |");
    println!("| --- | --- | --- | --- |");

    // Starting and joining a thread that does nothing.
    let reps = 2_000;
    let (_, t) = timed(|| {
        for _ in 0..reps {
            thread::spawn(|| ()).join().unwrap();
        }
    });
    println!("| spawn + join an empty thread | - | {:?} | 1 |", t / reps);

    // The learner's experiment: sort two arrays, sequentially or in parallel.
    for (len, reps) in [(1_000, 2_000), (1_000_000, 10)] {
        let one = time_sort(len, reps, sort_one_thread);
        let two = time_sort(len, reps, sort_two_threads);
        println!("| sort two arrays of {len} | {one:?} | {two:?} | 2 |");
    }

    // CPU-bound work: count primes below a limit.
    let limit = 3_000_000;
    let (n1, one) = timed(|| count_primes(limit, 1));
    let (n2, many) = timed(|| count_primes(limit, cores as u64));
    assert_eq!(n1, n2);
    println!("| count primes below {limit} | {one:?} | {many:?} | {cores} |");

    // Waiting (a stand-in for I/O): 8 pauses of 50 ms.
    let each = Duration::from_millis(50);
    let (_, one) = timed(|| wait(8, each, false));
    let (_, many) = timed(|| wait(8, each, true));
    println!("| 8 waits of {each:?} | {one:?} | {many:?} | 8 |");
}
