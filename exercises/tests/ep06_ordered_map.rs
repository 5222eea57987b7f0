//! Tests of exercise `ep06_ordered_map`: `cargo test -p exercises --test ep06_ordered_map`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep06_ordered_map);
#[path = "support/ep06.rs"]
mod support;

use crate::ep06_ordered_map::ordered_map;
use crate::support::Latch;
use course_check::check;
use std::collections::HashSet;
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

#[test]
fn results_come_back_in_input_order() {
    check("ep06_ordered_map", || {
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
    check("ep06_ordered_map", || {
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
    check("ep06_ordered_map", || {
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

#[test]
fn items_run_inside_a_pool_of_that_many_threads() {
    check("ep06_ordered_map", || {
        // rayon's global pool has one thread per core: ask for a different
        // number, so that running there instead of in a pool of your own shows.
        let cores = thread::available_parallelism().map_or(1, |n| n.get());
        for threads in [1, cores + 1] {
            let seen = ordered_map((0..20).collect(), threads, |_: usize| {
                (
                    rayon::current_thread_index().is_some(),
                    rayon::current_num_threads(),
                )
            });
            for (item, &(in_pool, size)) in seen.iter().enumerate() {
                assert!(
                    in_pool,
                    "with {threads} threads, item {item} ran outside any rayon pool: run the parallel map inside pool.install(..)"
                );
                assert_eq!(
                    size, threads,
                    "asked for {threads} threads, but item {item} ran in a pool of {size}: build a pool with ThreadPoolBuilder::new().num_threads({threads}) and run the map inside pool.install(..), not in rayon's global pool"
                );
            }
        }
    });
}

#[test]
fn zero_threads_is_refused() {
    check("ep06_ordered_map", || {
        assert_eq!(
            ordered_map(vec![1, 2, 3], 1, |x: u32| x + 1),
            [2, 3, 4],
            "ordered_map([1, 2, 3], 1 thread, x + 1) should return [2, 3, 4]"
        );
        let zero = std::panic::catch_unwind(|| ordered_map(vec![1, 2, 3], 0, |x: u32| x + 1));
        assert!(
            zero.is_err(),
            "ordered_map(.., 0 threads, ..) returned {:?}, but it must panic: a pool of no threads cannot run anything (rayon reads num_threads(0) as \"choose for me\", so check for 0 yourself)",
            zero.unwrap()
        );
    });
}
