//! Tests of exercise `ep09_priority`: `cargo test -p exercises --test ep09_priority`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep09_priority);
#[path = "support/ep09.rs"]
mod support;

use crate::ep09_priority::PriorityQueue;
use crate::support::{Seen, current_tid, wait_until_blocked};
use course_check::check;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

#[test]
fn smallest_first() {
    check("ep09_priority", || {
        let q = PriorityQueue::new();
        for x in [5, 1, 4, 2, 3, 1] {
            q.put(x).expect("an open queue should take every item");
        }
        let got: Vec<i32> = (0..6).map(|_| q.get().unwrap()).collect();
        assert_eq!(
            got,
            vec![1, 1, 2, 3, 4, 5],
            "get should hand out the smallest item first, like Python's PriorityQueue \
             (a BinaryHeap pops the largest: wrap the items in std::cmp::Reverse)"
        );
    });
}

#[test]
fn priority_then_data_like_python_tuples() {
    check("ep09_priority", || {
        let q = PriorityQueue::new();
        for job in [
            (2, "write"),
            (1, "fix"),
            (3, "tidy"),
            (1, "answer"),
            (2, "read"),
        ] {
            q.put(job).unwrap();
        }
        let got: Vec<(u8, &str)> = (0..5).map(|_| q.get().unwrap()).collect();
        assert_eq!(
            got,
            vec![
                (1, "answer"),
                (1, "fix"),
                (2, "read"),
                (2, "write"),
                (3, "tidy")
            ],
            "(priority, data) tuples should come out lowest priority first, and equal priorities \
             ordered by their data, as in Python"
        );
    });
}

/// Starts a thread that calls `get` once and reports what it got; returns
/// its kernel thread id, the channel of its answer and a counter that is 1
/// once it has returned.
fn waiting_getter(
    q: &Arc<PriorityQueue<u32>>,
) -> (
    u32,
    mpsc::Receiver<Option<u32>>,
    Arc<AtomicUsize>,
    thread::JoinHandle<()>,
) {
    let (tid_tx, tid_rx) = mpsc::channel();
    let (got_tx, got_rx) = mpsc::channel();
    let returned = Arc::new(AtomicUsize::new(0));
    let (q, r) = (Arc::clone(q), Arc::clone(&returned));
    let h = thread::spawn(move || {
        tid_tx.send(current_tid()).unwrap();
        let got = q.get();
        r.store(1, Ordering::SeqCst);
        let _ = got_tx.send(got);
    });
    (tid_rx.recv().unwrap(), got_rx, returned, h)
}

#[test]
fn get_waits_for_an_item() {
    check("ep09_priority", || {
        let q = Arc::new(PriorityQueue::new());
        let (tid, got, returned, h) = waiting_getter(&q);
        match wait_until_blocked(tid, || returned.load(Ordering::SeqCst), |r| r == 1) {
            Seen::Blocked(_) => {}
            Seen::TooFar(_) => panic!(
                "get on an empty, open queue returned {:?} at once; it should wait until an item \
                 is put (or the queue is closed)",
                got.recv().unwrap()
            ),
            Seen::Spinning(_) => panic!(
                "get on an empty queue kept a core busy (a second of CPU time) instead of sleeping: \
                 wait on the Condvar"
            ),
        }
        // The getter is asleep in get: now give it something.
        q.put(42).unwrap();
        assert_eq!(
            got.recv().unwrap(),
            Some(42),
            "a waiting get should wake up and return the item that was put"
        );
        h.join().unwrap();
    });
}

#[test]
fn close_keeps_what_is_queued_and_refuses_more() {
    check("ep09_priority", || {
        let q = PriorityQueue::new();
        for x in [3, 1, 2] {
            q.put(x).unwrap();
        }
        q.close();
        assert_eq!(
            q.put(9),
            Err(9),
            "put after close should hand the item back as Err(item)"
        );
        assert_eq!(
            [q.get(), q.get(), q.get()],
            [Some(1), Some(2), Some(3)],
            "items put before close should still come out, smallest first"
        );
        assert_eq!(
            q.get(),
            None,
            "a closed, empty queue should return None from get, without waiting"
        );
    });
}

#[test]
fn close_wakes_every_waiting_get() {
    check("ep09_priority", || {
        let q = Arc::new(PriorityQueue::new());
        let getters: Vec<_> = (0..3).map(|_| waiting_getter(&q)).collect();
        for (tid, got, returned, _) in &getters {
            if let Seen::TooFar(_) =
                wait_until_blocked(*tid, || returned.load(Ordering::SeqCst), |r| r == 1)
            {
                panic!(
                    "get on an empty, open queue returned {:?} at once; it should wait",
                    got.recv().unwrap()
                );
            }
        }
        // All three are waiting in get. Closing must wake every one of them.
        q.close();
        for (i, (_, got, _, h)) in getters.into_iter().enumerate() {
            assert_eq!(
                got.recv().unwrap(),
                None,
                "waiting get number {i} should return None once the queue is closed"
            );
            h.join().unwrap();
        }
    });
}

#[test]
fn many_producers_and_consumers() {
    check("ep09_priority", || {
        let q = Arc::new(PriorityQueue::new());
        let consumers: Vec<_> = (0..3)
            .map(|_| {
                let q = Arc::clone(&q);
                thread::spawn(move || {
                    let mut mine = Vec::new();
                    while let Some(x) = q.get() {
                        mine.push(x);
                    }
                    mine
                })
            })
            .collect();
        let producers: Vec<_> = (0..4u32)
            .map(|p| {
                let q = Arc::clone(&q);
                thread::spawn(move || {
                    for i in 0..500 {
                        q.put(p * 1000 + i).unwrap();
                    }
                })
            })
            .collect();
        for p in producers {
            p.join().unwrap();
        }
        q.close(); // every item is in; the consumers stop once they are all taken
        let mut all = Vec::new();
        for c in consumers {
            all.extend(c.join().unwrap());
        }
        let unique: BTreeSet<u32> = all.iter().copied().collect();
        assert_eq!(
            all.len(),
            2000,
            "expected the 2000 items put, each taken once"
        );
        assert_eq!(unique.len(), 2000, "some item was taken twice");
    });
}
