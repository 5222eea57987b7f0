//! Tests of exercise `ep03_counter`: `cargo test -p exercises --test ep03_counter`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep03_counter);
#[path = "support/ep03.rs"]
mod support;

use crate::ep03_counter::{total_with_atomic, total_with_local_sums, total_with_mutex};
use crate::support::{MEETING_TIME, Meeting};
use course_check::check;
use std::collections::BTreeSet;
use std::sync::Mutex;

/// What every test hands the three functions.
type Amount<'a> = &'a (dyn Fn(usize, usize) -> u64 + Sync);
type Way = fn(usize, usize, Amount) -> u64;

const MUTEX: Way = |n, k, f| total_with_mutex(n, k, f);
const ATOMIC: Way = |n, k, f| total_with_atomic(n, k, f);
const LOCAL: Way = |n, k, f| total_with_local_sums(n, k, f);

/// The total is the sum of every amount: none lost, none counted twice.
fn total_is_exact(way: Way, name: &str) {
    let amount = |t: usize, i: usize| (t * 1000 + i) as u64;
    for (threads, per_thread) in [(4, 250), (3, 1), (1, 7), (2, 0), (0, 5)] {
        let expected: u64 = (0..threads)
            .flat_map(|t| (0..per_thread).map(move |i| amount(t, i)))
            .sum();
        let got = way(threads, per_thread, &amount);
        assert_eq!(
            got, expected,
            "{name}({threads}, {per_thread}, amount) should add up amount(t, i) for every thread t \
             and every i in 0..{per_thread}: expected {expected}, got {got}"
        );
    }
}

/// `amount(t, i)` is asked once for every pair, no more, no fewer.
fn calls_every_pair_once(way: Way, name: &str) {
    let calls = Mutex::new(Vec::new());
    let amount = |t: usize, i: usize| {
        calls.lock().unwrap().push((t, i));
        1
    };
    way(3, 40, &amount);
    let calls = calls.into_inner().unwrap();
    let unique: BTreeSet<_> = calls.iter().copied().collect();
    let expected: BTreeSet<_> = (0..3).flat_map(|t| (0..40).map(move |i| (t, i))).collect();
    assert_eq!(
        calls.len(),
        120,
        "{name}(3, 40, amount) should call amount 120 times (3 threads x 40), it called it {} times",
        calls.len()
    );
    assert_eq!(
        unique, expected,
        "{name}(3, 40, amount) should call amount(t, i) once for every t in 0..3 and i in 0..40; \
         thread t passes its own index t"
    );
}

/// The first step of every thread waits until all four threads have got
/// there: threads that run at the same time all meet; threads kept apart
/// (one after another, or a lock held while `amount` runs) never do. Then
/// every thread adds 1 a thousand times more, and the total must be exact.
fn threads_meet_and_nothing_is_lost(way: Way, name: &str, apart: &str) {
    let meeting = Meeting::new(4);
    let amount = |_t: usize, i: usize| {
        if i == 0 {
            meeting.arrive();
        }
        1
    };
    let got = way(4, 1000, &amount);
    assert!(
        meeting.met(),
        "the first call of amount in each of the 4 threads waits until all 4 are there, but only \
         {} came within {} s: {apart}",
        meeting.arrived(),
        MEETING_TIME.as_secs()
    );
    assert_eq!(
        got,
        4000,
        "{name}(4, 1000, amount) with every amount 1 should give 4000, got {got}: {} updates were \
         lost. The threads met while each was between reading the total and writing it back",
        4000u64.saturating_sub(got)
    );
}

#[test]
fn mutex_total_is_exact() {
    check("ep03_counter", || total_is_exact(MUTEX, "total_with_mutex"));
}

#[test]
fn mutex_calls_amount_once_for_every_pair() {
    check("ep03_counter", || {
        calls_every_pair_once(MUTEX, "total_with_mutex")
    });
}

#[test]
fn mutex_threads_compute_at_the_same_time() {
    check("ep03_counter", || {
        threads_meet_and_nothing_is_lost(
            MUTEX,
            "total_with_mutex",
            "the threads did not run amount at the same time. Is the lock held while amount runs \
             (locked before the loop, or before calling amount)? Compute first, then lock just to add",
        )
    });
}

#[test]
fn atomic_total_is_exact() {
    check("ep03_counter", || {
        total_is_exact(ATOMIC, "total_with_atomic")
    });
}

#[test]
fn atomic_calls_amount_once_for_every_pair() {
    check("ep03_counter", || {
        calls_every_pair_once(ATOMIC, "total_with_atomic")
    });
}

#[test]
fn atomic_loses_no_update_when_threads_meet() {
    check("ep03_counter", || {
        threads_meet_and_nothing_is_lost(
            ATOMIC,
            "total_with_atomic",
            "the threads did not run at the same time. Start them all before any of them is joined",
        )
    });
}

#[test]
fn local_sums_total_is_exact() {
    check("ep03_counter", || {
        total_is_exact(LOCAL, "total_with_local_sums")
    });
}

#[test]
fn local_sums_call_amount_once_for_every_pair() {
    check("ep03_counter", || {
        calls_every_pair_once(LOCAL, "total_with_local_sums")
    });
}

#[test]
fn local_sums_threads_run_at_the_same_time() {
    check("ep03_counter", || {
        threads_meet_and_nothing_is_lost(
            LOCAL,
            "total_with_local_sums",
            "the threads ran one after another. Collect every handle into a Vec before joining any \
             of them: a lazy iterator chain that spawns and joins starts each thread only after the \
             previous one has finished",
        )
    });
}
