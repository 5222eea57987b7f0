//! Tests of exercise `ep09_timer`: `cargo test -p exercises --test ep09_timer`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).
//!
//! No test waits for a long timer: "an hour" timers are cancelled or
//! dropped at once, and a correct answer ends them at once.

course_check::exercise!(ep09_timer);
#[path = "support/ep09.rs"]
mod support;

use crate::ep09_timer::Timer;
use crate::support::Probe;
use course_check::check;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

const AN_HOUR: Duration = Duration::from_secs(3600);

#[test]
fn the_action_runs_after_the_delay_on_another_thread() {
    check("ep09_timer", || {
        let (tx, rx) = mpsc::channel();
        let delay = Duration::from_millis(40);
        let started = Instant::now();
        let t = Timer::start(delay, move || {
            tx.send((Instant::now(), thread::current().id())).unwrap();
        });
        t.join();
        let (fired_at, on) = rx.try_recv().expect(
            "when join returns, the action should have run (join must not cancel the timer)",
        );
        assert!(
            fired_at.duration_since(started) >= delay,
            "the action ran {:?} after start; it should wait the whole delay of {delay:?}",
            fired_at.duration_since(started)
        );
        assert_ne!(
            on,
            thread::current().id(),
            "the action should run on the timer's own thread, not the caller's"
        );
    });
}

#[test]
fn start_returns_at_once() {
    check("ep09_timer", || {
        // A timer set for an hour: start must not wait for it (if it did,
        // the watchdog would stop this test), and cancel must wake it.
        let t = Timer::start(AN_HOUR, || {});
        assert!(
            t.cancel(),
            "a timer cancelled long before its delay should report true"
        );
    });
}

#[test]
fn cancel_stops_a_waiting_timer() {
    check("ep09_timer", || {
        let fired = Arc::new(AtomicBool::new(false));
        let (probe, live) = Probe::new();
        let f = Arc::clone(&fired);
        let t = Timer::start(AN_HOUR, move || {
            let _keep = &probe; // the action owns the probe
            f.store(true, Ordering::SeqCst);
        });
        assert!(
            t.cancel(),
            "cancel before the delay has passed should return true"
        );
        assert!(
            !fired.load(Ordering::SeqCst),
            "the action ran although the timer was cancelled"
        );
        assert_eq!(
            live.load(Ordering::SeqCst),
            0,
            "when cancel returns, the timer thread should have ended and dropped the action, \
             so that it can never fire: wake the thread (drop or send on the Sender) and join it"
        );
    });
}

#[test]
fn cancel_after_firing_returns_false() {
    check("ep09_timer", || {
        let (tx, rx) = mpsc::channel();
        let t = Timer::start(Duration::from_millis(1), move || tx.send(()).unwrap());
        rx.recv().expect("the timer should fire"); // it has fired
        assert!(
            !t.cancel(),
            "the timer had already fired, so cancel could not stop it and should return false"
        );
    });
}

#[test]
fn join_waits_for_the_action() {
    check("ep09_timer", || {
        let done = Arc::new(AtomicBool::new(false));
        let d = Arc::clone(&done);
        let t = Timer::start(Duration::from_millis(20), move || {
            thread::sleep(Duration::from_millis(20));
            d.store(true, Ordering::SeqCst);
        });
        t.join();
        assert!(
            done.load(Ordering::SeqCst),
            "join should wait until the timer has fired and its action has finished; \
             if it drops the Sender first, it cancels the timer instead"
        );
    });
}

#[test]
fn dropping_a_timer_cancels_it() {
    check("ep09_timer", || {
        let fired = Arc::new(AtomicBool::new(false));
        let (probe, live) = Probe::new();
        let f = Arc::clone(&fired);
        let t = Timer::start(AN_HOUR, move || {
            let _keep = &probe;
            f.store(true, Ordering::SeqCst);
        });
        drop(t);
        assert!(
            !fired.load(Ordering::SeqCst),
            "a dropped timer should not fire"
        );
        assert_eq!(
            live.load(Ordering::SeqCst),
            0,
            "dropping a Timer should cancel it and join its thread (implement Drop)"
        );
    });
}

#[test]
fn cancel_tells_the_truth() {
    check("ep09_timer", || {
        // Delays around the time a cancel takes, so that some timers fire
        // and some do not. Whichever happens, cancel's answer must match.
        for i in 0..60u64 {
            let fired = Arc::new(AtomicBool::new(false));
            let f = Arc::clone(&fired);
            let t = Timer::start(Duration::from_micros(20 * i), move || {
                f.store(true, Ordering::SeqCst);
            });
            let stopped = t.cancel();
            let ran = fired.load(Ordering::SeqCst);
            assert_eq!(
                stopped,
                !ran,
                "cancel returned {stopped}, but the action {} run: cancel should return true \
                 exactly when the action has not run and never will",
                if ran { "has" } else { "has not" }
            );
            thread::yield_now();
            assert_eq!(
                fired.load(Ordering::SeqCst),
                ran,
                "the action ran after cancel had returned"
            );
        }
    });
}
