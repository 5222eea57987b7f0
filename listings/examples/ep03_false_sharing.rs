//! Episode 3, "False sharing": per-thread counters that share a cache line.
//! Run it in release mode, on an otherwise quiet machine:
//!     cargo run --release -p listings --example ep03_false_sharing
//! Each of two threads counts to 100 million in its own counter; only where
//! the counters live changes. It prints a Markdown table of times.

use crossbeam::utils::CachePadded;
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;
use std::time::{Duration, Instant};

const THREADS: usize = 2;
const STEPS: u64 = 100_000_000;

// ANCHOR: layouts
/// Neighbouring slots of one Vec: 8 bytes each, so all of them share one
/// 64-byte cache line, and every add by one thread takes that line away
/// from the other thread's core.
fn neighbouring_slots() -> u64 {
    let slots: Vec<AtomicU64> = (0..THREADS).map(|_| AtomicU64::new(0)).collect();
    thread::scope(|s| {
        for slot in &slots {
            s.spawn(move || {
                for _ in 0..STEPS {
                    slot.fetch_add(1, Relaxed);
                }
            });
        }
    });
    slots.iter().map(|c| c.load(Relaxed)).sum()
}

/// The same, with each slot padded to a cache line of its own.
#[repr(align(64))]
struct Padded(AtomicU64);

fn padded_slots() -> u64 {
    let slots: Vec<Padded> = (0..THREADS).map(|_| Padded(AtomicU64::new(0))).collect();
    thread::scope(|s| {
        for slot in &slots {
            s.spawn(move || {
                for _ in 0..STEPS {
                    slot.0.fetch_add(1, Relaxed);
                }
            });
        }
    });
    slots.iter().map(|c| c.0.load(Relaxed)).sum()
}

/// crossbeam's CachePadded does the padding for you (128 bytes on x86-64,
/// where the hardware fetches cache lines in pairs).
fn cache_padded_slots() -> u64 {
    let slots: Vec<CachePadded<AtomicU64>> = (0..THREADS)
        .map(|_| CachePadded::new(AtomicU64::new(0)))
        .collect();
    thread::scope(|s| {
        for slot in &slots {
            s.spawn(move || {
                for _ in 0..STEPS {
                    slot.fetch_add(1, Relaxed);
                }
            });
        }
    });
    slots.iter().map(|c| c.load(Relaxed)).sum()
}

/// Each thread counts in a local variable and returns it once at the end.
fn local_counters() -> u64 {
    thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = 0u64;
                    for _ in 0..STEPS {
                        // black_box: keep the compiler from replacing the
                        // loop by `mine = STEPS`.
                        mine = black_box(mine) + 1;
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
// ANCHOR_END: layouts

/// One shared counter that every thread adds to (true sharing), for comparison.
fn one_shared_counter() -> u64 {
    let counter = AtomicU64::new(0);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..STEPS {
                    counter.fetch_add(1, Relaxed);
                }
            });
        }
    });
    counter.into_inner()
}

/// A row of the table: its label and the function to time.
type Case = (&'static str, fn() -> u64);

/// The best of three runs of `f`.
fn best_of_three(f: fn() -> u64) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            assert_eq!(f(), THREADS as u64 * STEPS);
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    println!("| {THREADS} threads, {STEPS} adds each | time (best of 3) |");
    println!("| --- | --- |");
    let cases: [Case; 5] = [
        ("one shared AtomicU64", one_shared_counter),
        (
            "neighbouring AtomicU64 slots of one Vec",
            neighbouring_slots,
        ),
        ("slots padded with #[repr(align(64))]", padded_slots),
        ("slots in crossbeam's CachePadded", cache_padded_slots),
        ("a local counter per thread", local_counters),
    ];
    for (name, f) in cases {
        println!("| {name} | {:.2?} |", best_of_three(f));
    }
}
