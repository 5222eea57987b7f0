//! Tests of exercise `ep04_bounded`: `cargo test -p exercises --test ep04_bounded`,
//! and its loom checks: `cargo xtask loom ep04_bounded`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep04_bounded);
#[path = "support/ep04.rs"]
mod support;

use crate::ep04_bounded::Bounded;

#[cfg(not(loom))]
mod ordinary {
    use super::Bounded;
    use crate::support::{Seen, spawn_with_tid, wait_until_blocked};
    use course_check::check;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, mpsc};
    use std::thread;

    /// Sets a flag when dropped: when the thread that owns it returns or
    /// panics.
    struct Gone(Arc<AtomicBool>);

    impl Drop for Gone {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn first_in_first_out() {
        check("ep04_bounded", || {
            let b = Bounded::new(3);
            for x in [10, 20, 30] {
                b.put(x);
            }
            assert_eq!(b.len(), 3, "three items put in a buffer of capacity 3");
            let got = [b.get(), b.get(), b.get()];
            assert_eq!(got, [10, 20, 30], "get should return the oldest item first");
            assert_eq!(b.len(), 0, "all taken out");
        });
    }

    #[test]
    fn put_waits_while_full() {
        check("ep04_bounded", || {
            let b = Arc::new(Bounded::new(2));
            b.put('a');
            b.put('b');
            let done = Arc::new(AtomicBool::new(false));
            let (b2, d) = (Arc::clone(&b), Arc::clone(&done));
            let (tid, putter) = spawn_with_tid(move || {
                b2.put('c');
                d.store(true, Ordering::SeqCst);
            });
            match wait_until_blocked(tid, || done.load(Ordering::SeqCst)) {
                Seen::Blocked => {}
                Seen::WentOn => panic!(
                    "put returned while the buffer (capacity 2) held 2 items: the buffer overfilled \
                     to {} items; put should wait while it is full",
                    b.len()
                ),
                Seen::Spinning => panic!("put kept a core busy instead of sleeping on the Condvar"),
            }
            assert_eq!(b.get(), 'a', "the oldest item first");
            // The waiting put can go on now: if this hangs, get did not wake it.
            putter.join().unwrap();
            assert_eq!(b.len(), 2);
            assert_eq!([b.get(), b.get()], ['b', 'c']);
        });
    }

    #[test]
    fn get_waits_while_empty() {
        check("ep04_bounded", || {
            let b = Arc::new(Bounded::new(2));
            let done = Arc::new(AtomicBool::new(false));
            let (b2, d) = (Arc::clone(&b), Arc::clone(&done));
            let (tid, getter) = spawn_with_tid(move || {
                let _gone = Gone(d);
                b2.get()
            });
            match wait_until_blocked(tid, || done.load(Ordering::SeqCst)) {
                Seen::Blocked => {}
                Seen::WentOn => {
                    panic!("get on an empty buffer returned (or panicked) instead of waiting")
                }
                Seen::Spinning => panic!("get kept a core busy instead of sleeping on the Condvar"),
            }
            b.put(7u32);
            assert_eq!(
                getter.join().unwrap(),
                7,
                "the waiting get should return the item put"
            );
        });
    }

    #[test]
    fn two_waiting_gets_and_one_item() {
        check("ep04_bounded", || {
            // Two threads wait in get on an empty buffer; one item comes.
            // One of them takes it; the other must go back to sleep, not
            // take from an empty buffer.
            let b = Arc::new(Bounded::new(1));
            let (tx, rx) = mpsc::channel();
            let getters: Vec<_> = (0..2)
                .map(|i| {
                    let gone = Arc::new(AtomicBool::new(false));
                    let (b, tx, g) = (Arc::clone(&b), tx.clone(), Arc::clone(&gone));
                    let (tid, h) = spawn_with_tid(move || {
                        let _gone = Gone(g);
                        let item = b.get();
                        tx.send((i, item)).unwrap();
                    });
                    (tid, gone, h)
                })
                .collect();
            for (tid, gone, _) in &getters {
                if wait_until_blocked(*tid, || gone.load(Ordering::SeqCst)) != Seen::Blocked {
                    panic!("get on an empty buffer returned (or panicked) instead of waiting");
                }
            }
            b.put(1u32);
            let (first, item) = rx.recv().unwrap();
            assert_eq!(item, 1);
            let (tid, gone, _) = &getters[1 - first];
            match wait_until_blocked(*tid, || gone.load(Ordering::SeqCst)) {
                Seen::Blocked => {}
                _ => panic!(
                    "two gets waited on an empty buffer and one item came; the get that did not \
                     take it woke up and returned (or panicked) instead of waiting again: wait in a \
                     loop (while, or wait_while), not once (if)"
                ),
            }
            b.put(2);
            assert_eq!(
                rx.recv().unwrap(),
                (1 - first, 2),
                "the other get takes the second item"
            );
            for (_, _, h) in getters {
                h.join().unwrap();
            }
        });
    }

    #[test]
    fn many_producers_and_consumers() {
        check("ep04_bounded", || {
            let b = Arc::new(Bounded::new(4));
            let producers: Vec<_> = (0..3u32)
                .map(|p| {
                    let b = Arc::clone(&b);
                    thread::spawn(move || {
                        for i in 0..500 {
                            b.put(p * 1000 + i);
                        }
                    })
                })
                .collect();
            let consumers: Vec<_> = (0..3)
                .map(|_| {
                    let b = Arc::clone(&b);
                    thread::spawn(move || {
                        let mut got = Vec::new();
                        let mut most = 0;
                        for _ in 0..500 {
                            got.push(b.get());
                            most = most.max(b.len());
                        }
                        (got, most)
                    })
                })
                .collect();
            for p in producers {
                p.join().unwrap();
            }
            let mut all = Vec::new();
            for c in consumers {
                let (got, most) = c.join().unwrap();
                assert!(most <= 4, "the buffer of capacity 4 held {most} items");
                all.extend(got);
            }
            all.sort();
            let want: Vec<u32> = (0..3)
                .flat_map(|p| (0..500).map(move |i| p * 1000 + i))
                .collect();
            assert_eq!(all.len(), 1500, "1500 items put, {} taken", all.len());
            assert!(all == want, "every item put should be taken exactly once");
        });
    }

    #[test]
    fn zero_capacity_is_a_panic() {
        check("ep04_bounded", || {
            let ok = Bounded::<u8>::new(1);
            ok.put(1);
            let r = std::panic::catch_unwind(|| Bounded::<u8>::new(0));
            assert!(
                r.is_err(),
                "Bounded::new(0) should panic: nothing could ever be put"
            );
        });
    }
}

#[cfg(loom)]
mod model_checked {
    use super::Bounded;
    use course_check::sync::{Arc, thread};

    #[test]
    fn loom_never_more_than_capacity() {
        course_check::check("ep04_bounded", || {
            course_check::loom::model(|| {
                let b = Arc::new(Bounded::new(1));
                b.put(0);
                let b2 = Arc::clone(&b);
                let producer = thread::spawn(move || b2.put(1)); // must wait: full
                assert!(b.len() <= 1, "a buffer of capacity 1 held 2 items");
                assert_eq!(b.get(), 0);
                assert_eq!(b.get(), 1);
                producer.join().unwrap();
            });
        });
    }

    #[test]
    fn loom_two_gets_two_puts() {
        course_check::check("ep04_bounded", || {
            // Three threads: at most two forced switches in each
            // interleaving keeps the model to seconds.
            let mut model = course_check::loom::model::Builder::new();
            model.preemption_bound = Some(2);
            model.check(|| {
                let b = Arc::new(Bounded::new(2));
                let consumers: Vec<_> = (0..2)
                    .map(|_| {
                        let b = Arc::clone(&b);
                        thread::spawn(move || b.get())
                    })
                    .collect();
                b.put(1);
                b.put(2);
                let mut got: Vec<i32> = consumers.into_iter().map(|c| c.join().unwrap()).collect();
                got.sort();
                assert_eq!(got, [1, 2]);
            });
        });
    }
}
