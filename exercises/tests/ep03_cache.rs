//! Tests of exercise `ep03_cache`: `cargo test -p exercises --test ep03_cache`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep03_cache);
#[path = "support/ep03.rs"]
mod support;

use crate::ep03_cache::Cache;
use crate::support::{
    Latch, MEETING_TIME, Meeting, Seen, joined, spawn_with_tid, wait_until_blocked,
};
use course_check::check;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

#[test]
fn hits_come_from_the_cache_and_misses_are_computed() {
    check("ep03_cache", || {
        let cache = Cache::new();
        let computed = AtomicUsize::new(0);
        let times_ten = |k: &u32| {
            computed.fetch_add(1, Ordering::SeqCst);
            k * 10
        };
        assert_eq!(
            cache.get_or_compute(1, times_ten),
            10,
            "a miss returns compute(&key)"
        );
        assert_eq!(
            cache.get_or_compute(1, times_ten),
            10,
            "a hit returns the cached value"
        );
        assert_eq!(
            computed.load(Ordering::SeqCst),
            1,
            "the second get_or_compute(1, ..) should be a hit, without computing again"
        );
        assert_eq!(cache.get_or_compute(2, times_ten), 20);
        assert_eq!(cache.count(), 2, "two keys should be cached");
    });
}

#[test]
fn a_miss_returns_without_waiting_for_itself() {
    check("ep03_cache", || {
        let cache = Arc::new(Cache::new());
        let returned = Arc::new(AtomicBool::new(false));
        let (tid, h) = {
            let (cache, returned) = (Arc::clone(&cache), Arc::clone(&returned));
            spawn_with_tid(move || {
                let v = cache.get_or_compute(7, |k| k + 1);
                returned.store(true, Ordering::SeqCst);
                v
            })
        };
        let seen = wait_until_blocked(tid, || returned.load(Ordering::SeqCst) || h.is_finished());
        if seen == Seen::Blocked {
            panic!(
                "get_or_compute on a miss never returned: the thread sleeps, waiting for a lock. \
                 Does a read guard still live when you take the write lock? A guard made in a \
                 `match` or `if let` scrutinee lives to the end of the whole match: look up in a \
                 `let` statement of its own"
            );
        }
        assert_eq!(
            h.join().ok(),
            Some(8),
            "get_or_compute(7, |k| k + 1) should return 8"
        );
    });
}

/// A value whose `clone` waits at a meeting once the test arms it, to see
/// whether two threads can be in the cache, reading, at the same time.
struct Slow {
    armed: Arc<AtomicBool>,
    meeting: Arc<Meeting>,
}

impl Clone for Slow {
    fn clone(&self) -> Self {
        if self.armed.load(Ordering::SeqCst) {
            self.meeting.arrive();
        }
        Slow {
            armed: Arc::clone(&self.armed),
            meeting: Arc::clone(&self.meeting),
        }
    }
}

#[test]
fn readers_do_not_wait_for_each_other() {
    check("ep03_cache", || {
        let armed = Arc::new(AtomicBool::new(false));
        let meeting = Arc::new(Meeting::new(2));
        let cache = Cache::new();
        let value = Slow {
            armed: Arc::clone(&armed),
            meeting: Arc::clone(&meeting),
        };
        cache.get_or_compute("key", move |_| value);
        armed.store(true, Ordering::SeqCst);
        // Two hits on the same key; each copies the value out while it
        // holds the lock, and the copy waits for the other reader.
        thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    cache.get_or_compute("key", |_| panic!("\"key\" is cached: no compute"))
                });
            }
        });
        assert!(
            meeting.met(),
            "two threads reading the same cached key should be inside the cache at the same time, \
             but one waited for the other ({} s): read a hit under read(), which many threads may \
             hold at once, not under write() or a Mutex",
            MEETING_TIME.as_secs()
        );
    });
}

#[test]
fn compute_runs_with_no_lock_held() {
    check("ep03_cache", || {
        let cache = Arc::new(Cache::new());
        cache.get_or_compute(0, |_| 0);
        // Thread A computes key 1 and stays in compute until released.
        let (computing_tx, computing_rx) = mpsc::channel();
        let release = Arc::new(Latch::default());
        let a = {
            let (cache, release) = (Arc::clone(&cache), Arc::clone(&release));
            thread::spawn(move || {
                cache.get_or_compute(1, move |_| {
                    computing_tx.send(()).unwrap();
                    release.wait();
                    10
                })
            })
        };
        if computing_rx.recv().is_err() {
            joined(a);
            panic!("get_or_compute on a miss should call compute");
        }
        // Meanwhile, thread B reads a cached key, computes another one and counts.
        let b_done = Arc::new(AtomicBool::new(false));
        let (tid, b) = {
            let (cache, done) = (Arc::clone(&cache), Arc::clone(&b_done));
            spawn_with_tid(move || {
                let got = (
                    cache.get_or_compute(0, |_| 99),
                    cache.get_or_compute(2, |_| 20),
                );
                done.store(true, Ordering::SeqCst);
                got
            })
        };
        let seen = wait_until_blocked(tid, || b_done.load(Ordering::SeqCst) || b.is_finished());
        release.open();
        let a_got = joined(a);
        if seen == Seen::Blocked {
            panic!(
                "while one thread was in compute (key 1), another thread could neither read key 0 \
                 nor store key 2: it waited for a lock. Run compute with no lock held: drop the read \
                 guard before computing and take the write lock only to store"
            );
        }
        assert_eq!(
            b.join().ok(),
            Some((0, 20)),
            "key 0 is cached as 0; key 2 computes to 20"
        );
        assert_eq!(a_got, 10, "key 1 computes to 10");
        assert_eq!(cache.count(), 3, "keys 0, 1 and 2 should be cached");
    });
}

#[test]
fn two_threads_computing_one_key_return_the_same_value() {
    check("ep03_cache", || {
        let cache = Cache::new();
        let meeting = Meeting::new(2);
        // Both threads miss, and both are in compute at the same time; each
        // computes a value of its own.
        let got: Vec<String> = thread::scope(|s| {
            let handles: Vec<_> = ["from thread 1", "from thread 2"]
                .map(|mine| {
                    let (cache, meeting) = (&cache, &meeting);
                    s.spawn(move || {
                        cache.get_or_compute(5, |_| {
                            meeting.arrive();
                            mine.to_string()
                        })
                    })
                })
                .into_iter()
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(
            meeting.met(),
            "two threads that miss the same key should both compute, at the same time; one waited \
             for the other ({} s). Run compute with no lock held",
            MEETING_TIME.as_secs()
        );
        let stored = cache.get_or_compute(5, |_| panic!("key 5 is cached: no compute"));
        assert!(
            got[0] == got[1] && got[0] == stored,
            "both threads computed key 5 at once ({:?} and their own values); both should return \
             the value that was stored first, and that one should stay cached. They returned \
             {:?} and {:?}, and the cache holds {stored:?}. Under the write lock, check again \
             whether the key is there (entry(key).or_insert(value))",
            ["from thread 1", "from thread 2"],
            got[0],
            got[1]
        );
    });
}

#[test]
fn a_panicking_compute_leaves_the_cache_usable() {
    check("ep03_cache", || {
        let cache = Cache::new();
        cache.get_or_compute(1, |_| 1);
        let hook = panic::take_hook();
        panic::set_hook(Box::new(|_| {})); // the panic below is expected: keep it quiet
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            cache.get_or_compute(2, |_| panic!("compute crashed"))
        }));
        panic::set_hook(hook);
        assert!(
            outcome.is_err(),
            "compute panicked; get_or_compute should let that panic through"
        );
        let after = panic::catch_unwind(AssertUnwindSafe(|| {
            (
                cache.get_or_compute(2, |_| 2),
                cache.get_or_compute(1, |_| 99),
                cache.count(),
            )
        }));
        match after {
            Ok(got) => assert_eq!(
                got,
                (2, 1, 2),
                "after a compute panicked, key 2 should be computed again and key 1 still cached"
            ),
            Err(p) => panic!(
                "after a compute panicked, the cache no longer works: {:?}. If compute runs \
                 while a lock is held, its panic poisons the lock; run compute with no lock held",
                crate::support::panic_text(&*p)
            ),
        }
    });
}
