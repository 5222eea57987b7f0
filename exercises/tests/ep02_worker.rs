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
        let gate = course_check::Gate::new();
        let held = gate.clone();
        let w = Worker::start("slow-doubler", move |x: u32| {
            // Job 3 is still running when shutdown is called: a shutdown
            // that takes the queued results before it joins the thread
            // misses its result and the ones after it.
            if x == 3 {
                held.wait();
            }
            2 * x
        });
        for x in 0..10 {
            w.submit(x);
        }
        let first: Vec<u32> = (0..3).map(|_| w.result().unwrap()).collect();
        assert_eq!(first, vec![0, 2, 4], "the first three results, in order");
        let rest = w.shutdown();
        gate.open();
        assert_eq!(
            rest,
            Ok(vec![6, 8, 10, 12, 14, 16, 18]),
            "shutdown should let the worker finish the jobs it has, join it, and only then return the seven results not yet taken"
        );
    });
}

/// Counts down when dropped, after waiting at its gate.
struct GatedProbe(
    course_check::Gate,
    std::sync::Arc<std::sync::atomic::AtomicUsize>,
);

impl Drop for GatedProbe {
    fn drop(&mut self) {
        self.0.wait();
        self.1.fetch_sub(1, Ordering::SeqCst);
    }
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
        let gate = course_check::Gate::new();
        let live = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(1));
        let probe = GatedProbe(gate.clone(), live.clone());
        let w = Worker::start("dropper", move |x: i32| {
            let _keep = &probe; // dropped with the handler, on the worker's thread
            x
        });
        assert!(w.submit(7), "a running worker should accept a job");
        assert_eq!(w.result(), Some(7), "expected the job's result");
        drop(w);
        let left = live.load(Ordering::SeqCst);
        gate.open();
        assert_eq!(
            left, 0,
            "dropping a Worker should close its job channel and join its thread (implement Drop), so that the handler is gone when drop returns"
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

/// Waits until no thread of this process is called `name`: that thread
/// has ended, and everything it owned has been dropped. False where
/// /proc/self/task cannot be read (not Linux).
fn wait_until_thread_gone(name: &str) -> bool {
    loop {
        let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
            return false;
        };
        let alive = tasks.flatten().any(|t| {
            std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| c.trim_end() == name)
        });
        if !alive {
            return true;
        }
        thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn submit_returns_false_once_the_worker_has_stopped() {
    check("ep02_worker", || {
        let w = Worker::start("ep02-stopping", |x: u32| {
            if x == 1 {
                panic!("job 1 stops this worker (this panic is part of the test)");
            }
            x
        });
        assert!(w.submit(0), "a running worker should accept job 0");
        assert_eq!(w.result(), Some(0), "the result of job 0");
        assert!(w.submit(1), "a running worker should accept job 1");
        assert_eq!(
            w.result(),
            None,
            "job 1 made the handler panic, so the worker has stopped and result() should be None"
        );
        if wait_until_thread_gone("ep02-stopping") {
            assert!(
                !w.submit(2),
                "the handler panicked and the worker thread has ended, so nobody can take job 2: \
                 submit should return false (the send fails once the receiving end is gone)"
            );
        }
        assert!(
            w.shutdown().is_err(),
            "the handler panicked, so shutdown should return Err"
        );
    });
}

#[test]
fn a_panic_with_a_literal_message_is_reported_too() {
    check("ep02_worker", || {
        let w = Worker::start("fragile-literal", |x: u32| {
            if x == 1 {
                // No {} in the message: the payload is a &'static str, not a String.
                panic!("a literal message (this panic is part of the test)");
            }
            x
        });
        assert!(w.submit(1), "a running worker should accept a job");
        match w.shutdown() {
            Ok(v) => panic!(
                "the handler panicked, so shutdown should return Err(the panic message), not Ok({v:?})"
            ),
            Err(msg) => assert!(
                msg.contains("a literal message"),
                "panic!(\"a literal message ...\") carries a &'static str payload, not a String; \
                 shutdown should return its text, got {msg:?}"
            ),
        }
    });
}
