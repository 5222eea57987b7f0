//! Episode 3, "Data races and race conditions": a lost update in safe Rust.
//! Four threads each add 1 a million times to one atomic counter, but with
//! a `load` and a `store` instead of one indivisible step. Run it a few times:
//!     cargo run --release -p listings --example ep03_lost_update -- 5
//! (the argument is how many runs; 1 without it).

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;

// ANCHOR: race
/// Each of `threads` threads adds 1, `per_thread` times, to one counter.
/// Every step compiles and no step is a data race, yet updates get lost.
fn count_with_a_race(threads: u64, per_thread: u64) -> u64 {
    let counter = AtomicU64::new(0);
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                for _ in 0..per_thread {
                    let seen = counter.load(Relaxed); // 1. read
                    let next = seen + 1; //              2. add
                    counter.store(next, Relaxed); //     3. write back
                }
            });
        }
    });
    counter.into_inner()
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    for _ in 0..runs {
        let total = count_with_a_race(4, 1_000_000);
        println!("counter = {total} (4000000 if no update were lost)");
    }
}
// ANCHOR_END: race
