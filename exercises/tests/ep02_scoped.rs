//! Tests of exercise `ep02_scoped`: `cargo test -p exercises --test ep02_scoped`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep02_scoped);
#[path = "support/ep02.rs"]
mod support;

use crate::ep02_scoped::map_chunks;
use crate::support::reverse_finish::Order;
use course_check::check;
use std::collections::HashSet;
use std::sync::Barrier;
use std::thread;

fn assert_chunks(data: &[u32], workers: usize) {
    let chunks: Vec<Vec<u32>> = map_chunks(data, workers, |c: &[u32]| c.to_vec());
    assert_eq!(
        chunks.len(),
        workers,
        "{} items over {workers} workers: expected {workers} chunks (some may be empty), got {chunks:?}",
        data.len()
    );
    let joined: Vec<u32> = chunks.concat();
    assert_eq!(
        joined,
        data,
        "{} items over {workers} workers: the chunks {chunks:?}, put back together, should be the data in order \
         (no item lost or counted twice at a chunk boundary)",
        data.len()
    );
    let sizes: Vec<usize> = chunks.iter().map(Vec::len).collect();
    let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
    assert!(
        max - min <= 1,
        "{} items over {workers} workers: chunk sizes {sizes:?} should differ by at most one",
        data.len()
    );
}

#[test]
fn every_item_is_in_exactly_one_chunk_in_order() {
    check("ep02_scoped", || {
        let data: Vec<u32> = (0..10).collect();
        for workers in [1, 2, 3, 4, 10] {
            assert_chunks(&data, workers);
        }
        let long: Vec<u32> = (0..1001).collect();
        for workers in [7, 8] {
            assert_chunks(&long, workers);
        }
    });
}

#[test]
fn more_workers_than_items_gives_empty_chunks() {
    check("ep02_scoped", || {
        assert_chunks(&[7, 8, 9], 5);
        assert_chunks(&[], 2);
    });
}

#[test]
fn each_chunk_runs_on_its_own_thread_all_at_once() {
    check("ep02_scoped", || {
        let data: Vec<u32> = (1..=12).collect();
        let workers = 4;
        // Every worker must reach this barrier before any can go on: if
        // one thread does all the chunks, or each thread is joined before
        // the next starts, the watchdog reports a hang.
        let barrier = Barrier::new(workers);
        let out = map_chunks(&data, workers, |c: &[u32]| {
            barrier.wait();
            (thread::current().id(), c.iter().sum::<u32>())
        });
        let ids: HashSet<_> = out.iter().map(|(id, _)| *id).collect();
        assert_eq!(
            ids.len(),
            workers,
            "each of the {workers} chunks should run on its own thread"
        );
        assert!(
            !ids.contains(&thread::current().id()),
            "the chunks should run on scoped threads, not on the caller's thread"
        );
        let sums: Vec<u32> = out.iter().map(|(_, s)| *s).collect();
        assert_eq!(
            sums,
            vec![6, 15, 24, 33],
            "1..=12 over 4 workers: expected chunk sums [6, 15, 24, 33] in chunk order"
        );
    });
}

#[test]
fn empty_chunks_still_get_a_worker() {
    check("ep02_scoped", || {
        let workers = 4;
        let barrier = Barrier::new(workers);
        let lens = map_chunks(&[1u8, 2], workers, |c: &[u8]| {
            barrier.wait();
            c.len()
        });
        assert_eq!(
            lens.iter().sum::<usize>(),
            2,
            "2 items over 4 workers: the chunk lengths {lens:?} should add up to 2"
        );
    });
}

#[test]
fn results_keep_chunk_order_when_threads_finish_in_reverse() {
    check("ep02_scoped", || {
        // Chunk k holds the one number k. The thread of chunk 3 finishes
        // first and that of chunk 0 last; the results must still come back
        // in chunk order.
        let data: Vec<usize> = (0..4).collect();
        let order = Order::new(data.len());
        let out = map_chunks(&data, data.len(), |c: &[usize]| {
            if let [k] = c {
                order.task(*k); // wait until the next chunk's thread has ended
            }
            c.to_vec()
        });
        assert_eq!(
            out,
            vec![vec![0], vec![1], vec![2], vec![3]],
            "these threads finish last to first, but result i must still be f(chunk i): \
             keep the handles in chunk order and join them in that order"
        );
    });
}

#[test]
fn zero_workers_is_a_panic() {
    check("ep02_scoped", || {
        let one = map_chunks(&[1, 2, 3], 1, |c: &[i32]| c.len());
        assert_eq!(one, vec![3], "one worker gets the whole slice of 3 items");
        let got = std::panic::catch_unwind(|| map_chunks(&[1, 2, 3], 0, |c: &[i32]| c.len()));
        assert!(
            got.is_err(),
            "map_chunks(data, 0, f) has nobody to do the work, so it should panic (its doc comment says so), \
             but it returned {:?}",
            got.unwrap()
        );
    });
}
