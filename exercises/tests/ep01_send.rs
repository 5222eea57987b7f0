//! Tests of exercise `ep01_send`: `cargo test -p exercises --test ep01_send`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep01_send);

use crate::ep01_send::partial_sums;
use course_check::check;
use std::sync::Arc;
use std::thread::{self, ThreadId};

#[test]
fn partial_sums_add_up_and_keep_chunk_order() {
    check("ep01_send", || {
        let data = Arc::new((1..=10).collect::<Vec<u64>>());
        let sums = partial_sums(Arc::clone(&data), 3);
        // 10 items over 3 threads: chunks of 3, 3 and 4 (or 4, 3, 3): sizes differ by at most one.
        assert_eq!(
            sums.len(),
            3,
            "expected one partial sum per thread, got {sums:?}"
        );
        assert_eq!(
            sums.iter().sum::<u64>(),
            55,
            "the partial sums {sums:?} must add up to 1+2+...+10 = 55"
        );
        let ok = [vec![6, 15, 34], vec![10, 18, 27], vec![6, 22, 27]];
        assert!(
            ok.contains(&sums),
            "partial sums {sums:?} are not those of contiguous chunks in order whose sizes differ by at most one"
        );
    });
}

#[test]
fn every_thread_is_joined_and_drops_its_arc() {
    check("ep01_send", || {
        let data = Arc::new(vec![1u64; 1000]);
        let sums = partial_sums(Arc::clone(&data), 4);
        assert_eq!(
            sums,
            vec![250; 4],
            "1000 ones over 4 threads: expected [250, 250, 250, 250]"
        );
        assert_eq!(
            Arc::strong_count(&data),
            1,
            "after partial_sums returns, only the caller should still own the data: join every thread"
        );
    });
}

#[test]
fn more_threads_than_items_still_works() {
    check("ep01_send", || {
        let sums = partial_sums(Arc::new(vec![7u64, 8]), 4);
        assert_eq!(
            sums.len(),
            4,
            "expected 4 partial sums (some of empty chunks), got {sums:?}"
        );
        assert_eq!(
            sums.iter().sum::<u64>(),
            15,
            "the partial sums {sums:?} must add up to 15"
        );
        // Chunk sizes differ by at most one: 2 items over 4 chunks puts at
        // most one item in each chunk.
        assert!(
            sums.iter().all(|s| [0, 7, 8].contains(s)),
            "2 items over 4 threads: each chunk holds at most one item (sizes differ by at most one), \
             so every partial sum should be 0, 7 or 8, got {sums:?}"
        );
    });
}

/// The number in a `ThreadId`'s Debug text, `ThreadId(7)`.
fn thread_number(id: ThreadId) -> Option<u64> {
    format!("{id:?}")
        .strip_prefix("ThreadId(")?
        .strip_suffix(')')?
        .parse()
        .ok()
}

/// The number the next thread gets. The standard library numbers threads
/// 1, 2, 3, ... as they are made, so the difference between two of these
/// counts the threads made in between (plus the one that looked).
fn next_thread_number() -> Option<u64> {
    thread_number(thread::spawn(|| thread::current().id()).join().ok()?)
}

/// How many threads `f` started, if this standard library numbers threads
/// as they are made (checked first with two threads of our own).
fn threads_started_by<T>(f: impl FnOnce() -> T) -> (T, Option<u64>) {
    let before = next_thread_number();
    for h in [thread::spawn(|| ()), thread::spawn(|| ())] {
        h.join().unwrap();
    }
    let middle = next_thread_number();
    let out = f();
    let after = next_thread_number();
    let started = match (before, middle, after) {
        (Some(b), Some(m), Some(a)) if m == b + 3 && a > m => Some(a - m - 1),
        _ => None,
    };
    (out, started)
}

#[test]
fn each_chunk_is_summed_on_a_thread_of_its_own() {
    check("ep01_send", || {
        let data = Arc::new((1..=1000).collect::<Vec<u64>>());
        let (sums, started) = threads_started_by(|| partial_sums(Arc::clone(&data), 4));
        assert_eq!(
            sums.iter().sum::<u64>(),
            500_500,
            "the partial sums {sums:?} must add up to 1+2+...+1000 = 500500"
        );
        if let Some(started) = started {
            assert!(
                started >= 4,
                "partial_sums(data, 4) started {started} thread(s); it should sum each of the 4 chunks \
                 on a thread of its own (thread::spawn, one per chunk)"
            );
        }
    });
}
