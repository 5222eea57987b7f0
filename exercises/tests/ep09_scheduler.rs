//! Tests of exercise `ep09_scheduler`: `cargo test -p exercises --test ep09_scheduler`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).
//!
//! Where the order of jobs matters, the first job holds the scheduler thread
//! at a gate until every other job is in, so no deadline can pass before
//! its turn: the expected order never depends on how fast the machine is.

course_check::exercise!(ep09_scheduler);
#[path = "support/ep09.rs"]
mod support;

use crate::ep09_scheduler::Scheduler;
use crate::support::{
    Latch, Probe, Seen, TICK, current_tid, process_cpu_ticks, wait_until_blocked,
};
use course_check::check;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

const AN_HOUR: Duration = Duration::from_secs(3600);

/// A gate that a job waits at; it opens when the test says so, or when the
/// test ends (a failing assertion must not leave a job waiting for ever).
struct Gate(Arc<Latch>);

impl Gate {
    fn open(&self) {
        self.0.open();
    }
}

impl Drop for Gate {
    fn drop(&mut self) {
        self.0.open();
    }
}

/// Schedules a first job that reports and then holds the scheduler thread
/// until the returned gate opens; returns once that job is running.
fn hold_the_thread(s: &Scheduler) -> Gate {
    let gate = Arc::new(Latch::default());
    let (tx, rx) = mpsc::channel();
    let g = Arc::clone(&gate);
    s.schedule_in(Duration::ZERO, move || {
        tx.send(()).unwrap();
        g.wait();
    });
    rx.recv().expect(
        "a job scheduled for now should run (and the scheduler thread should still be alive)",
    );
    Gate(gate)
}

#[test]
fn jobs_run_in_deadline_order() {
    check("ep09_scheduler", || {
        let s = Scheduler::new();
        let gate = hold_the_thread(&s);
        let (tx, rx) = mpsc::channel();
        let base = Instant::now();
        // Scheduled out of order; "d" and "e" share a deadline, "d" first.
        for (ms, name) in [(30, "d"), (10, "b"), (30, "e"), (20, "c"), (0, "a")] {
            let tx = tx.clone();
            s.schedule_at(base + Duration::from_millis(ms), move || {
                tx.send(name).unwrap()
            });
        }
        drop(tx);
        gate.open();
        s.finish();
        let order: Vec<&str> = rx.try_iter().collect();
        assert_eq!(
            order,
            vec!["a", "b", "c", "d", "e"],
            "jobs should run soonest deadline first (jobs with equal deadlines in the order they \
             were scheduled), and finish should return after all of them"
        );
    });
}

#[test]
fn a_job_never_runs_early() {
    check("ep09_scheduler", || {
        let s = Scheduler::new();
        let (tx, rx) = mpsc::channel();
        let when = Instant::now() + Duration::from_millis(50);
        let t = tx.clone();
        s.schedule_at(when, move || {
            t.send((Instant::now(), thread::current().id())).unwrap()
        });
        let (ran_at, on) = rx.recv().unwrap();
        assert!(
            ran_at >= when,
            "a job ran {:?} before its deadline",
            when.duration_since(ran_at)
        );
        assert_ne!(
            on,
            thread::current().id(),
            "jobs should run on the scheduler's thread"
        );
        let before = Instant::now();
        s.schedule_in(Duration::from_millis(30), move || {
            tx.send((Instant::now(), thread::current().id())).unwrap()
        });
        let (ran_at, _) = rx.recv().unwrap();
        assert!(
            ran_at >= before + Duration::from_millis(30),
            "schedule_in(30 ms) ran its job after {:?}",
            ran_at.duration_since(before)
        );
    });
}

#[test]
fn a_sooner_job_added_later_runs_first() {
    check("ep09_scheduler", || {
        let s = Scheduler::new();
        // Learn which thread is the scheduler's.
        let (tid_tx, tid_rx) = mpsc::channel();
        s.schedule_in(Duration::ZERO, move || tid_tx.send(current_tid()).unwrap());
        let tid = tid_rx.recv().unwrap();
        let (tx, rx) = mpsc::channel();
        let t = tx.clone();
        s.schedule_in(AN_HOUR, move || t.send("an hour later").unwrap());
        // Let the scheduler thread fall asleep, waiting for the hour to pass.
        if let Seen::Spinning(_) = wait_until_blocked(tid, || 0, |_| false) {
            panic!(
                "the scheduler thread kept a core busy (a second of CPU time) waiting for a deadline \
                 an hour away: sleep with Condvar::wait_timeout instead"
            );
        }
        s.schedule_in(Duration::from_millis(20), move || tx.send("soon").unwrap());
        assert_eq!(
            rx.recv().unwrap(),
            "soon",
            "the job due in 20 ms should run first"
        );
        drop(s); // cancels the job an hour away
    });
}

#[test]
fn waiting_does_not_spin() {
    check("ep09_scheduler", || {
        let s = Scheduler::new();
        let (tx, rx) = mpsc::channel();
        let cpu_before = process_cpu_ticks();
        let start = Instant::now();
        s.schedule_in(Duration::from_millis(800), move || tx.send(()).unwrap());
        rx.recv().unwrap();
        let wall = start.elapsed();
        let cpu = TICK * (process_cpu_ticks() - cpu_before) as u32;
        assert!(
            cpu * 4 <= wall,
            "while the only job waited for its deadline, {wall:?} long, this process used {cpu:?} \
             of CPU time: the scheduler thread should sleep (Condvar::wait_timeout until the \
             deadline), not check the clock in a loop"
        );
        s.finish();
    });
}

#[test]
fn cancel_prevents_a_job() {
    check("ep09_scheduler", || {
        let s = Scheduler::new();
        let gate = hold_the_thread(&s);
        let (tx, rx) = mpsc::channel();
        let base = Instant::now();
        let mut ids = Vec::new();
        for (ms, name) in [(1, "a"), (2, "b"), (3, "c")] {
            let tx = tx.clone();
            ids.push(s.schedule_at(base + Duration::from_millis(ms), move || {
                tx.send(name).unwrap()
            }));
        }
        assert!(
            s.cancel(ids[1]),
            "cancelling a job that has not run should return true"
        );
        assert!(
            !s.cancel(ids[1]),
            "cancelling the same job again should return false"
        );
        gate.open();
        let done = rx.recv().unwrap();
        assert_eq!(
            done, "a",
            "the first job to run after the gate should be \"a\""
        );
        assert!(
            !s.cancel(ids[0]),
            "cancelling a job that has already run should return false"
        );
        drop(tx);
        s.finish();
        let rest: Vec<&str> = rx.try_iter().collect();
        assert_eq!(
            rest,
            vec!["c"],
            "after \"a\", only \"c\" should run: \"b\" was cancelled"
        );
    });
}

#[test]
fn finish_runs_every_job_before_it_returns() {
    check("ep09_scheduler", || {
        let s = Scheduler::new();
        let (tx, rx) = mpsc::channel();
        let base = Instant::now();
        for i in 0..5u64 {
            let tx = tx.clone();
            s.schedule_at(base + Duration::from_millis(10 * (5 - i)), move || {
                tx.send(i).unwrap()
            });
        }
        drop(tx);
        s.finish();
        let mut ran: Vec<u64> = rx.try_iter().collect();
        ran.sort();
        assert_eq!(
            ran,
            vec![0, 1, 2, 3, 4],
            "finish should wait until every scheduled job has run, then return"
        );
        Scheduler::new().finish(); // nothing to run: returns at once
    });
}

#[test]
fn dropping_the_scheduler_stops_it_at_once() {
    check("ep09_scheduler", || {
        let s = Scheduler::new();
        let fired = Arc::new(AtomicBool::new(false));
        let (probe, live) = Probe::new();
        let f = Arc::clone(&fired);
        s.schedule_in(AN_HOUR, move || {
            let _keep = &probe; // the job owns the probe
            f.store(true, Ordering::SeqCst);
        });
        drop(s); // must not wait an hour
        assert!(
            !fired.load(Ordering::SeqCst),
            "a dropped scheduler should not run its jobs"
        );
        assert_eq!(
            live.load(Ordering::SeqCst),
            0,
            "when drop returns, the scheduler thread should have ended and the jobs it never ran \
             should be dropped: set the stop flag, wake the thread, join it"
        );
    });
}
