//! Episode 3, "Atomics": what a memory ordering costs on this machine.
//! Run it in release mode, on an otherwise quiet machine:
//!     cargo run --release -p listings --example ep03_orderings
//! One thread, no contention: 100 million stores, loads or fetch_adds on
//! one atomic, with each ordering. It prints a Markdown table of times.

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const STEPS: u64 = 100_000_000;

fn stores(order: Ordering) -> Duration {
    let cell = AtomicU64::new(0);
    // black_box: the compiler must assume another thread can see `cell`,
    // or it would drop the loop of a variable nobody else can reach.
    let x: &AtomicU64 = black_box(&cell);
    let start = Instant::now();
    for i in 0..STEPS {
        x.store(i, order);
    }
    let took = start.elapsed();
    assert_eq!(x.load(Ordering::Relaxed), STEPS - 1);
    took
}

fn loads(order: Ordering) -> Duration {
    let cell = AtomicU64::new(1);
    // black_box: the compiler must assume another thread can see `cell`,
    // or it would drop the loop of a variable nobody else can reach.
    let x: &AtomicU64 = black_box(&cell);
    let start = Instant::now();
    let mut sum = 0u64;
    for _ in 0..STEPS {
        sum += x.load(order);
    }
    let took = start.elapsed();
    assert_eq!(sum, STEPS);
    took
}

fn fetch_adds(order: Ordering) -> Duration {
    let cell = AtomicU64::new(0);
    // black_box: the compiler must assume another thread can see `cell`,
    // or it would drop the loop of a variable nobody else can reach.
    let x: &AtomicU64 = black_box(&cell);
    let start = Instant::now();
    for _ in 0..STEPS {
        x.fetch_add(1, order);
    }
    let took = start.elapsed();
    assert_eq!(x.load(Ordering::Relaxed), STEPS);
    took
}

fn best_of_three(f: fn(Ordering) -> Duration, order: Ordering) -> Duration {
    (0..3).map(|_| f(order)).min().unwrap()
}

fn main() {
    println!("| {STEPS} operations, one thread | Relaxed | Release / Acquire | SeqCst |");
    println!("| --- | --- | --- | --- |");
    println!(
        "| `store` | {:.0?} | {:.0?} (Release) | {:.0?} |",
        best_of_three(stores, Ordering::Relaxed),
        best_of_three(stores, Ordering::Release),
        best_of_three(stores, Ordering::SeqCst)
    );
    println!(
        "| `load` | {:.0?} | {:.0?} (Acquire) | {:.0?} |",
        best_of_three(loads, Ordering::Relaxed),
        best_of_three(loads, Ordering::Acquire),
        best_of_three(loads, Ordering::SeqCst)
    );
    println!(
        "| `fetch_add` | {:.0?} | {:.0?} (AcqRel) | {:.0?} |",
        best_of_three(fetch_adds, Ordering::Relaxed),
        best_of_three(fetch_adds, Ordering::AcqRel),
        best_of_three(fetch_adds, Ordering::SeqCst)
    );
}
