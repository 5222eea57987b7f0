//! Tests of exercise `ep04_event`: `cargo test -p exercises --test ep04_event`,
//! and its loom checks: `cargo xtask loom ep04_event`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep04_event);
#[path = "support/ep04.rs"]
mod support;

use crate::ep04_event::Event;

#[cfg(not(loom))]
mod ordinary {
    use super::Event;
    use crate::support::{Seen, spawn_with_tid, wait_until_blocked};
    use course_check::check;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::thread::JoinHandle;
    use std::time::{Duration, Instant};

    /// Starts a thread that waits for `e` with `how`, and waits until it is
    /// asleep in there. Returns its handle.
    fn sleeping_waiter<T: Send + 'static>(
        e: &Arc<Event>,
        how: impl FnOnce(&Event) -> T + Send + 'static,
    ) -> JoinHandle<T> {
        let returned = Arc::new(AtomicUsize::new(0));
        let (e2, r) = (Arc::clone(e), Arc::clone(&returned));
        let (tid, h) = spawn_with_tid(move || {
            let t = how(&e2);
            r.store(1, Ordering::SeqCst);
            t
        });
        match wait_until_blocked(tid, || returned.load(Ordering::SeqCst) == 1) {
            Seen::Blocked => h,
            Seen::WentOn => panic!(
                "a wait on an event that is not set returned at once; it should sleep until set()"
            ),
            Seen::Spinning => {
                panic!("a wait kept a core busy instead of sleeping: wait on the Condvar")
            }
        }
    }

    #[test]
    fn a_set_before_the_wait_is_not_missed() {
        check("ep04_event", || {
            let e = Event::new();
            assert!(!e.is_set(), "a new event is not set");
            e.set();
            assert!(e.is_set(), "after set(), is_set() is true");
            // If this hangs, wait() slept although the flag was already set.
            e.wait();
            assert!(
                e.wait_timeout(Duration::from_secs(3600)),
                "wait_timeout on a set event should return true at once"
            );
            e.wait(); // still set: waiting does not clear it
        });
    }

    #[test]
    fn wait_sleeps_until_set() {
        check("ep04_event", || {
            let e = Arc::new(Event::new());
            let waiter = sleeping_waiter(&e, |e| e.wait());
            e.set();
            waiter.join().unwrap();
        });
    }

    #[test]
    fn set_wakes_every_waiter() {
        check("ep04_event", || {
            let e = Arc::new(Event::new());
            let waiters: Vec<_> = (0..3).map(|_| sleeping_waiter(&e, |e| e.wait())).collect();
            e.set(); // all three are asleep in wait: all three must wake
            for w in waiters {
                w.join().unwrap();
            }
        });
    }

    #[test]
    fn clear_makes_wait_wait_again() {
        check("ep04_event", || {
            let e = Arc::new(Event::new());
            e.set();
            e.clear();
            assert!(!e.is_set(), "after set() and clear(), is_set() is false");
            let waiter = sleeping_waiter(&e, |e| e.wait());
            e.set();
            waiter.join().unwrap();
        });
    }

    #[test]
    fn wait_timeout_gives_up_with_false() {
        check("ep04_event", || {
            let e = Event::new();
            let start = Instant::now();
            let got = e.wait_timeout(Duration::from_millis(100));
            let took = start.elapsed();
            assert!(
                !got,
                "wait_timeout on an event nobody sets should return false (the flag is not set)"
            );
            assert!(
                took >= Duration::from_millis(100),
                "wait_timeout(100 ms) gave up after {took:?}, before its time"
            );
        });
    }

    #[test]
    fn wait_timeout_returns_true_when_set_meanwhile() {
        check("ep04_event", || {
            let e = Arc::new(Event::new());
            let waiter = sleeping_waiter(&e, |e| e.wait_timeout(Duration::from_secs(3600)));
            e.set();
            assert!(
                waiter.join().unwrap(),
                "wait_timeout should return true when the event is set while it waits"
            );
        });
    }
}

#[cfg(loom)]
mod model_checked {
    use super::Event;
    use course_check::sync::{Arc, thread};

    #[test]
    fn loom_wait_returns_after_set() {
        course_check::check("ep04_event", || {
            course_check::loom::model(|| {
                let e = Arc::new(Event::new());
                let e2 = Arc::clone(&e);
                let setter = thread::spawn(move || e2.set());
                e.wait(); // whether the set comes before or after
                assert!(e.is_set());
                setter.join().unwrap();
            });
        });
    }

    #[test]
    fn loom_set_wakes_both_waiters() {
        course_check::check("ep04_event", || {
            course_check::loom::model(|| {
                let e = Arc::new(Event::new());
                let waiters: Vec<_> = (0..2)
                    .map(|_| {
                        let e = Arc::clone(&e);
                        thread::spawn(move || e.wait())
                    })
                    .collect();
                e.set();
                for w in waiters {
                    w.join().unwrap();
                }
            });
        });
    }
}
