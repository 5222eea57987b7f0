//! Tests of exercise `ep06_pool`: `cargo test -p exercises --test ep06_pool`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep06_pool);
#[path = "support/ep06.rs"]
mod support;

use crate::ep06_pool::Pool;
use crate::support::Latch;
use course_check::check;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::thread::{self, ThreadId};

/// Submits `n` jobs that wait for each other at a barrier, so they can
/// only finish if `n` workers run them at the same time (otherwise the
/// watchdog reports a hang); returns the ids of the threads that ran them.
fn meet_on_n_workers(pool: &Pool, n: usize) -> HashSet<ThreadId> {
    let meet = Arc::new(Barrier::new(n));
    let handles: Vec<_> = (0..n)
        .map(|_| {
            let m = Arc::clone(&meet);
            pool.submit(move || {
                m.wait();
                thread::current().id()
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| {
            h.wait()
                .expect("jobs that only wait at a barrier do not panic")
        })
        .collect()
}

#[test]
fn submit_returns_a_handle_that_waits_for_the_result() {
    check("ep06_pool", || {
        let pool = Pool::new(2);
        let a = pool.submit(|| 6 * 7);
        let b = pool.submit(|| String::from("from the pool"));
        assert_eq!(
            b.wait(),
            Ok("from the pool".to_string()),
            "handle.wait() should return the job's value"
        );
        assert_eq!(
            a.wait(),
            Ok(42),
            "handle.wait() should return the job's value"
        );
        let handles: Vec<_> = (0..50u64).map(|i| pool.submit(move || i * i)).collect();
        // Waiting in reverse order must work too: each handle has its own result.
        for (i, h) in handles.into_iter().enumerate().rev() {
            let i = i as u64;
            assert_eq!(
                h.wait(),
                Ok(i * i),
                "the handle of job {i} should give {i}*{i}"
            );
        }
    });
}

#[test]
fn map_keeps_input_order_when_later_jobs_finish_first() {
    check("ep06_pool", || {
        let n = 8;
        let pool = Pool::new(2);
        let last_done = Arc::new(Latch::default());
        let finished = Arc::new(Mutex::new(Vec::new()));
        let (gate, log) = (Arc::clone(&last_done), Arc::clone(&finished));
        let got = pool.map(
            move |i: usize| {
                if i == 0 {
                    gate.wait(); // job 0 may only finish after the last job
                }
                log.lock().unwrap().push(i);
                if i == n - 1 {
                    gate.open();
                }
                i * 10
            },
            0..n,
        );
        let finished = finished.lock().unwrap().clone();
        let want: Vec<usize> = (0..n).map(|i| i * 10).collect();
        assert_eq!(
            got,
            Ok(want),
            "job 0 finished last (order {finished:?}), but map must return the results in input order"
        );
    });
}

#[test]
fn all_workers_take_part_and_are_reused() {
    check("ep06_pool", || {
        let n = 4;
        let pool = Pool::new(n);
        let first = meet_on_n_workers(&pool, n);
        assert_eq!(
            first.len(),
            n,
            "Pool::new({n}) should run {n} jobs on {n} different worker threads at once"
        );
        let later: HashSet<ThreadId> = pool
            .map(|_: usize| thread::current().id(), 0..40)
            .expect("these jobs do not panic")
            .into_iter()
            .collect();
        assert!(
            later.is_subset(&first),
            "later jobs ran on threads outside the pool's {n} workers: a pool reuses its threads, it does not start one per job"
        );
    });
}

/// Set by a job on its worker thread; its destructor runs when that
/// thread ends, and only then counts the thread as finished.
struct ExitCounter(Arc<AtomicUsize>, course_check::Gate);

impl Drop for ExitCounter {
    fn drop(&mut self) {
        // A thread that is joined has finished this before join returns.
        // The gate (shut until the test has looked) makes a pool that does
        // *not* join be caught every time.
        self.1.wait();
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

thread_local! {
    static ON_EXIT: RefCell<Option<ExitCounter>> = const { RefCell::new(None) };
}

#[test]
fn dropping_the_pool_runs_queued_jobs_and_joins_every_worker() {
    check("ep06_pool", || {
        let n = 3;
        let pool = Pool::new(n);
        let exited = Arc::new(AtomicUsize::new(0));
        let gate = course_check::Gate::new();
        let meet = Arc::new(Barrier::new(n));
        // One job per worker (they meet at the barrier), each leaving an
        // ExitCounter on its thread.
        for _ in 0..n {
            let (m, exited, gate) = (Arc::clone(&meet), Arc::clone(&exited), gate.clone());
            drop(pool.submit(move || {
                ON_EXIT.with(|c| *c.borrow_mut() = Some(ExitCounter(exited, gate)));
                m.wait();
            }));
        }
        // Jobs still queued when the pool is dropped must run, too.
        let ran = Arc::new(AtomicUsize::new(0));
        for _ in 0..20 {
            let ran = Arc::clone(&ran);
            drop(pool.submit(move || {
                ran.fetch_add(1, Ordering::SeqCst);
            }));
        }
        drop(pool); // must return (close the queue first!) and join the workers
        let ended = exited.load(Ordering::SeqCst);
        gate.open();
        assert_eq!(
            ran.load(Ordering::SeqCst),
            20,
            "all 20 jobs submitted before the pool was dropped should have run by the time drop returns"
        );
        assert_eq!(
            ended, n,
            "when drop(pool) returns, all {n} worker threads should have ended: Drop must join every worker"
        );
    });
}

#[test]
fn a_panicking_job_reports_an_error_and_its_worker_lives_on() {
    check("ep06_pool", || {
        let n = 2;
        let pool = Pool::new(n);
        let failed = pool.submit(|| -> u32 { panic!("this job fails on purpose") });
        let err = failed
            .wait()
            .expect_err("a job that panics should make wait() return Err, not a value");
        assert!(
            err.message.contains("fails on purpose"),
            "the error should carry the panic's message, got {err:?}"
        );
        // Both workers must still be there: n jobs that wait for each other.
        assert_eq!(
            meet_on_n_workers(&pool, n).len(),
            n,
            "after a job panicked, the pool should still run jobs on all {n} workers"
        );
        let r = pool.map(
            |i: u32| {
                if i == 3 {
                    panic!("job 3 fails on purpose");
                }
                i
            },
            0..6,
        );
        assert!(
            r.as_ref().is_err_and(|e| e.message.contains("job 3")),
            "map over jobs where job 3 panics should return that error, got {r:?}"
        );
    });
}

#[test]
fn the_message_of_a_formatted_panic_is_kept() {
    check("ep06_pool", || {
        let pool = Pool::new(1);
        // panic!("...") with arguments carries a String, without them a &str.
        let job = 7;
        let err = pool
            .submit(move || -> u32 { panic!("job {job} fails on purpose") })
            .wait()
            .expect_err("a job that panics should make wait() return Err, not a value");
        assert!(
            err.message.contains("job 7 fails on purpose"),
            "the job called panic!(\"job {{job}} fails on purpose\") with job = 7, so the error should carry \"job 7 fails on purpose\", got {err:?}: a panic with arguments carries a String, not a &str"
        );
    });
}

#[test]
fn map_returns_the_first_error_in_input_order() {
    check("ep06_pool", || {
        let pool = Pool::new(2);
        // Job 2 fails only after job 5 has failed: the first error in input
        // order is not the first one to happen.
        let five_failed = Arc::new(Latch::default());
        let gate = Arc::clone(&five_failed);
        let r = pool.map(
            move |i: u32| {
                if i == 2 {
                    gate.wait();
                    panic!("job 2 fails on purpose");
                }
                if i == 5 {
                    gate.open();
                    panic!("job 5 fails on purpose");
                }
                i
            },
            0..8,
        );
        assert!(
            r.as_ref().is_err_and(|e| e.message.contains("job 2")),
            "jobs 2 and 5 panic (job 5 first): map should return the error of job 2, the first in input order, got {r:?}"
        );
    });
}
