//! Tests of exercise `ep04_ordered_map`: `cargo test -p exercises --test ep04_ordered_map`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep04_ordered_map);
#[path = "support/ep04.rs"]
mod support;

use crate::ep04_ordered_map::ordered_map;
use crate::support::Latch;
use course_check::check;
use std::collections::HashSet;
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

#[test]
fn results_come_back_in_input_order() {
    check("ep04_ordered_map", || {
        let inputs: Vec<u64> = (0..1000).collect();
        let want: Vec<u64> = inputs.iter().map(|x| x * x).collect();
        for threads in [1, 2, 3] {
            let got = ordered_map(inputs.clone(), threads, |x| x * x);
            assert_eq!(
                got, want,
                "ordered_map(0..1000, {threads} threads, square) should return the 1000 squares in input order"
            );
        }
        let empty = ordered_map(Vec::<u64>::new(), 2, |x| x + 1);
        assert!(
            empty.is_empty(),
            "ordered_map of no inputs should return no results, got {empty:?}"
        );
    });
}

#[test]
fn order_is_kept_when_later_items_finish_first() {
    check("ep04_ordered_map", || {
        let n = 8;
        let last_done = Arc::new(Latch::default());
        let finished = Arc::new(Mutex::new(Vec::new()));
        let (gate, log) = (Arc::clone(&last_done), Arc::clone(&finished));
        let got = ordered_map((0..n).collect(), 2, move |i: usize| {
            if i == 0 {
                gate.wait(); // item 0 may only finish after the last item
            }
            log.lock().unwrap().push(i);
            if i == n - 1 {
                gate.open();
            }
            i * 10
        });
        let finished = finished.lock().unwrap().clone();
        let pos = |i| finished.iter().position(|&x| x == i);
        assert!(
            pos(0) > pos(n - 1),
            "test setup: item 0 should have finished after item {}, finishing order was {finished:?}",
            n - 1
        );
        let want: Vec<usize> = (0..n).map(|i| i * 10).collect();
        assert_eq!(
            got, want,
            "item 0 finished last (order {finished:?}), but the results must still come back in input order"
        );
    });
}

#[test]
fn runs_on_exactly_the_number_of_threads_asked_for() {
    check("ep04_ordered_map", || {
        // One more thread than this machine has cores, so rayon's global
        // pool (one thread per core) is not enough.
        let cores = thread::available_parallelism().map_or(1, |n| n.get());
        let threads = cores + 1;
        let meet = Arc::new(Barrier::new(threads));
        let seen = Arc::new(Mutex::new(HashSet::new()));
        let (m, s) = (Arc::clone(&meet), Arc::clone(&seen));
        // The first item each thread runs waits at the barrier until
        // `threads` threads have arrived: that only happens if `threads`
        // threads run items at the same time.
        let ids = ordered_map((0..threads * 8).collect(), threads, move |_: usize| {
            let me = thread::current().id();
            let arrived = {
                let mut seen = s.lock().unwrap();
                seen.insert(me).then_some(seen.len())
            };
            if arrived.is_some_and(|k| k <= threads) {
                m.wait();
            }
            me
        });
        let distinct: HashSet<_> = ids.iter().collect();
        assert!(
            distinct.len() > 1,
            "every item ran on the same thread: the work must be spread over {threads} threads"
        );
        assert_eq!(
            distinct.len(),
            threads,
            "asked for {threads} threads, but the items ran on {} different threads: use a pool of exactly that many",
            distinct.len()
        );
    });
}
