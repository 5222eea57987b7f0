//! Tests of exercise `ep02_worker`: `cargo test -p exercises --test ep02_worker`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep02_worker);
#[path = "support/ep02.rs"]
mod support;

use crate::ep02_worker::Worker;
use crate::support::drop_probe::Probe;
use course_check::check;
use std::sync::atomic::Ordering;
use std::thread;
use std::time::Duration;

#[test]
fn results_come_back_in_order() {
    check("ep02_worker", || {
        let w = Worker::start("squarer", |x: u64| x * x);
        for x in 1..=50 {
            assert!(w.submit(x), "a running worker should accept job {x}");
        }
        for x in 1..=50 {
            assert_eq!(
                w.result(),
                Some(x * x),
                "results should come back one per job, in the order the jobs were submitted"
            );
        }
        assert_eq!(
            w.shutdown(),
            Ok(vec![]),
            "every result was already taken, so shutdown should return Ok(an empty Vec)"
        );
    });
}

#[test]
fn jobs_run_on_the_named_worker_thread() {
    check("ep02_worker", || {
        let w = Worker::start("ep02-worker", |_: ()| {
            let me = thread::current();
            (me.name().map(str::to_string), me.id())
        });
        assert!(w.submit(()), "a running worker should accept a job");
        let (name, id) = w.result().expect("expected one result for one job");
        assert_eq!(
            name.as_deref(),
            Some("ep02-worker"),
            "the handler should run on a thread named as given to Worker::start"
        );
        assert_ne!(
            id,
            thread::current().id(),
            "the handler should run on the worker's own thread, not the caller's"
        );
        drop(w);
    });
}

#[test]
fn shutdown_returns_the_results_not_yet_taken() {
    check("ep02_worker", || {
        let w = Worker::start("slow-doubler", |x: u32| {
            // Slow jobs: a shutdown that does not wait for the thread
            // finds some results missing.
            thread::sleep(Duration::from_millis(5));
            2 * x
        });
        for x in 0..10 {
            w.submit(x);
        }
        let first: Vec<u32> = (0..3).map(|_| w.result().unwrap()).collect();
        assert_eq!(first, vec![0, 2, 4], "the first three results, in order");
        assert_eq!(
            w.shutdown(),
            Ok(vec![6, 8, 10, 12, 14, 16, 18]),
            "shutdown should let the worker finish the jobs it has, join it, and return the seven results not yet taken"
        );
    });
}

#[test]
fn shutdown_joins_the_thread() {
    check("ep02_worker", || {
        let (probe, live) = Probe::new();
        let w = Worker::start("prober", move |x: i32| {
            let _keep = &probe; // the handler owns the probe
            x + 1
        });
        w.submit(1);
        w.submit(2);
        let rest = w.shutdown();
        assert_eq!(rest, Ok(vec![2, 3]), "expected the two results, in order");
        assert_eq!(
            live.load(Ordering::SeqCst),
            0,
            "when shutdown returns, the worker thread must have ended and dropped its handler: \
             close the job channel, then join the thread"
        );
    });
}

#[test]
fn dropping_the_worker_joins_the_thread() {
    check("ep02_worker", || {
        let (probe, live) = Probe::new();
        let w = Worker::start("dropper", move |x: i32| {
            let _keep = &probe;
            x
        });
        assert!(w.submit(7), "a running worker should accept a job");
        assert_eq!(w.result(), Some(7), "expected the job's result");
        drop(w);
        assert_eq!(
            live.load(Ordering::SeqCst),
            0,
            "dropping a Worker should close its job channel and join its thread (implement Drop)"
        );
    });
}

#[test]
fn a_panicking_handler_is_reported_by_shutdown() {
    check("ep02_worker", || {
        let w = Worker::start("fragile", |x: u32| {
            if x == 3 {
                panic!("job {x} is cursed (this panic is part of the test)");
            }
            x * 10
        });
        for x in 1..=3 {
            w.submit(x);
        }
        assert_eq!(w.result(), Some(10), "the result of job 1");
        assert_eq!(w.result(), Some(20), "the result of job 2");
        assert_eq!(
            w.result(),
            None,
            "after the handler panicked the worker has stopped, so result() should be None"
        );
        match w.shutdown() {
            Ok(v) => panic!(
                "the handler panicked, so shutdown should return Err(the panic message), not Ok({v:?})"
            ),
            Err(msg) => assert!(
                msg.contains("job 3 is cursed"),
                "shutdown should return the panic's message (a String payload here), got {msg:?}"
            ),
        }
    });
}
