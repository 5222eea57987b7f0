//! Exercise `ep03_counter`: the lost update of "Data races and race
//! conditions", fixed three ways: a `Mutex`, an atomic `fetch_add`, and
//! sums that each thread keeps to itself until the end.
//! Chapter: src/ep03-shared-state.md

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

// ANCHOR: mutex
/// Starts `threads` threads; thread `t` adds `amount(t, i)`, for every `i`
/// in `0..per_thread`, to one total kept in a `Mutex<u64>`. Returns the
/// total. `amount` runs without the lock held: work first, then lock to add.
pub fn total_with_mutex(
    threads: usize,
    per_thread: usize,
    amount: impl Fn(usize, usize) -> u64 + Sync,
) -> u64 {
    let total = Mutex::new(0u64);
    thread::scope(|s| {
        for t in 0..threads {
            let (total, amount) = (&total, &amount);
            s.spawn(move || {
                for i in 0..per_thread {
                    let x = amount(t, i); // no lock held: other threads add meanwhile
                    *total.lock().unwrap() += x; // the guard lives for this line only
                }
            });
        }
    });
    total.into_inner().unwrap()
}
// ANCHOR_END: mutex

// ANCHOR: atomic
/// The same, with the total in an `AtomicU64`: `fetch_add` reads, adds and
/// writes back in one indivisible step.
pub fn total_with_atomic(
    threads: usize,
    per_thread: usize,
    amount: impl Fn(usize, usize) -> u64 + Sync,
) -> u64 {
    let total = AtomicU64::new(0);
    thread::scope(|s| {
        for t in 0..threads {
            let (total, amount) = (&total, &amount);
            s.spawn(move || {
                for i in 0..per_thread {
                    // Relaxed: nothing else is published through this counter,
                    // and the end of the scope (a join) makes the total visible.
                    total.fetch_add(amount(t, i), Ordering::Relaxed);
                }
            });
        }
    });
    total.into_inner()
}
// ANCHOR_END: atomic

// ANCHOR: local
/// The same, with nothing shared: each thread sums into a local variable
/// and returns it; the caller adds the sums up after joining.
pub fn total_with_local_sums(
    threads: usize,
    per_thread: usize,
    amount: impl Fn(usize, usize) -> u64 + Sync,
) -> u64 {
    let amount = &amount;
    thread::scope(|s| {
        // Start every thread first (collect), then join: joining inside the
        // same lazy chain would run the threads one after another.
        let handles: Vec<_> = (0..threads)
            .map(|t| s.spawn(move || (0..per_thread).map(|i| amount(t, i)).sum::<u64>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
// ANCHOR_END: local
