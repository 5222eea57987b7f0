//! Tests of exercise `ep04_semaphore`: `cargo test -p exercises --test ep04_semaphore`,
//! and its loom checks: `cargo xtask loom ep04_semaphore`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep04_semaphore);
#[path = "support/ep04.rs"]
mod support;

use crate::ep04_semaphore::Semaphore;

#[cfg(not(loom))]
mod ordinary {
    use super::Semaphore;
    use crate::support::{Seen, spawn_with_tid, wait_until_blocked};
    use course_check::check;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, Barrier};
    use std::thread;

    #[test]
    fn permits_run_out_and_come_back() {
        check("ep04_semaphore", || {
            let s = Semaphore::new(2);
            assert_eq!(
                s.available(),
                2,
                "a new Semaphore::new(2) has 2 free permits"
            );
            let a = s
                .try_acquire()
                .expect("the first of 2 permits should be free");
            let b = s
                .try_acquire()
                .expect("the second of 2 permits should be free");
            assert_eq!(s.available(), 0, "after taking both permits, none is free");
            assert!(
                s.try_acquire().is_none(),
                "a third permit of 2 was handed out: try_acquire should return None when every permit is out"
            );
            drop(a);
            assert_eq!(s.available(), 1, "dropping a permit should give it back");
            let c = s.acquire(); // a permit is free: this must not wait
            assert_eq!(
                s.available(),
                0,
                "acquire should take the permit that came back"
            );
            drop((b, c));
            assert_eq!(s.available(), 2, "both permits back after dropping them");
            let none = Semaphore::new(0);
            assert!(
                none.try_acquire().is_none(),
                "Semaphore::new(0) has no permit to give"
            );
        });
    }

    #[test]
    fn acquire_waits_until_a_permit_is_dropped() {
        check("ep04_semaphore", || {
            let s = Arc::new(Semaphore::new(1));
            let held = s.acquire();
            let got = Arc::new(AtomicBool::new(false));
            let (s2, g) = (Arc::clone(&s), Arc::clone(&got));
            let (tid, h) = spawn_with_tid(move || {
                let _p = s2.acquire();
                g.store(true, Ordering::SeqCst);
            });
            match wait_until_blocked(tid, || got.load(Ordering::SeqCst)) {
                Seen::Blocked => {}
                Seen::WentOn => panic!(
                    "acquire returned a second permit of a Semaphore::new(1) while the first was still \
                     held: one too many let in"
                ),
                Seen::Spinning => {
                    panic!("acquire kept a core busy instead of sleeping: wait on the Condvar")
                }
            }
            drop(held); // the waiting thread can have it now
            h.join().unwrap();
            assert!(got.load(Ordering::SeqCst));
            assert_eq!(s.available(), 1, "every permit back at the end");
        });
    }

    #[test]
    fn n_threads_hold_permits_at_once() {
        check("ep04_semaphore", || {
            // Three threads each take a permit of three and meet while they
            // hold it: a semaphore that lets fewer in never gets them all there.
            let s = Arc::new(Semaphore::new(3));
            let meet = Arc::new(Barrier::new(3));
            let hs: Vec<_> = (0..3)
                .map(|_| {
                    let (s, meet) = (Arc::clone(&s), Arc::clone(&meet));
                    thread::spawn(move || {
                        let _p = s.acquire();
                        meet.wait();
                    })
                })
                .collect();
            for h in hs {
                h.join().unwrap();
            }
            assert_eq!(s.available(), 3, "every permit back at the end");
        });
    }

    #[test]
    fn never_more_than_the_limit_at_once() {
        check("ep04_semaphore", || {
            let s = Arc::new(Semaphore::new(2));
            let inside = Arc::new(AtomicUsize::new(0));
            let most = Arc::new(AtomicUsize::new(0));
            let hs: Vec<_> = (0..6)
                .map(|_| {
                    let (s, inside, most) =
                        (Arc::clone(&s), Arc::clone(&inside), Arc::clone(&most));
                    thread::spawn(move || {
                        for _ in 0..300 {
                            let _p = s.acquire();
                            let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            thread::yield_now();
                            inside.fetch_sub(1, Ordering::SeqCst);
                        }
                    })
                })
                .collect();
            for h in hs {
                h.join().unwrap();
            }
            let most = most.load(Ordering::SeqCst);
            assert!(
                most <= 2,
                "{most} threads held a permit of a Semaphore::new(2) at the same time"
            );
            assert_eq!(s.available(), 2, "every permit back at the end");
        });
    }
}

#[cfg(loom)]
mod model_checked {
    use super::Semaphore;
    use course_check::sync::atomic::{AtomicUsize, Ordering};
    use course_check::sync::{Arc, thread};

    #[test]
    fn loom_no_two_permits_too_many() {
        course_check::check("ep04_semaphore", || {
            course_check::loom::model(|| {
                let s = Arc::new(Semaphore::new(1));
                let inside = Arc::new(AtomicUsize::new(0));
                let hs: Vec<_> = (0..2)
                    .map(|_| {
                        let (s, inside) = (Arc::clone(&s), Arc::clone(&inside));
                        thread::spawn(move || {
                            let _p = s.acquire();
                            let before = inside.fetch_add(1, Ordering::SeqCst);
                            assert_eq!(
                                before, 0,
                                "two threads held the one permit of a Semaphore::new(1) at once"
                            );
                            inside.fetch_sub(1, Ordering::SeqCst);
                        })
                    })
                    .collect();
                for h in hs {
                    h.join().unwrap();
                }
                assert_eq!(s.available(), 1, "the permit should be back at the end");
            });
        });
    }

    #[test]
    fn loom_a_dropped_permit_wakes_a_waiter() {
        course_check::check("ep04_semaphore", || {
            course_check::loom::model(|| {
                let s = Arc::new(Semaphore::new(1));
                let held = s.try_acquire().expect("one permit is free");
                let s2 = Arc::clone(&s);
                let waiter = thread::spawn(move || {
                    let _p = s2.acquire();
                });
                drop(held);
                waiter.join().unwrap();
                assert_eq!(s.available(), 1);
            });
        });
    }
}
