//! Tests of exercise `ep02_identify`: `cargo test -p exercises --test ep02_identify`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep02_identify);
#[path = "support/ep02.rs"]
mod support;

use crate::ep02_identify::{Report, count_threads, spawn_named, whoami};
use crate::support::drop_probe::Probe;
use crate::support::reverse_finish::Order;
use course_check::check;
use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Barrier};
use std::thread;

#[test]
fn whoami_describes_the_calling_thread() {
    check("ep02_identify", || {
        let me = thread::current();
        let r = whoami();
        assert_eq!(
            r.pid,
            std::process::id(),
            "whoami().pid should be this process's id, std::process::id()"
        );
        assert_eq!(
            r.id,
            me.id(),
            "whoami().id should be the id of the thread that calls whoami()"
        );
        assert_eq!(
            r.name.as_deref(),
            me.name(),
            "whoami().name should be the calling thread's name"
        );
        let unnamed = thread::spawn(whoami).join().unwrap();
        assert_eq!(
            unnamed.name, None,
            "a thread started with thread::spawn has no name, so whoami().name should be None there"
        );
    });
}

#[test]
fn spawn_named_gives_each_thread_its_name_and_its_own_id() {
    check("ep02_identify", || {
        let names = ["reader-0", "reader-1", "reader-2", "reader-3"];
        let reports: Vec<Report> = spawn_named(&names, whoami);
        assert_eq!(
            reports.len(),
            names.len(),
            "expected one report per name, got {reports:?}"
        );
        let got: Vec<Option<&str>> = reports.iter().map(|r| r.name.as_deref()).collect();
        let want: Vec<Option<&str>> = names.iter().map(|n| Some(*n)).collect();
        assert_eq!(
            got, want,
            "each thread should carry the name it was given (thread::Builder::name), reported in the order of the names"
        );
        for r in &reports {
            assert_eq!(
                r.pid,
                std::process::id(),
                "every thread belongs to this one process, so every pid should be std::process::id()"
            );
        }
        let ids: HashSet<_> = reports.iter().map(|r| r.id).collect();
        assert_eq!(
            ids.len(),
            names.len(),
            "every name needs its own thread, but some reports share a thread id: {reports:?}"
        );
        assert!(
            !ids.contains(&thread::current().id()),
            "the work must run on the new threads, not on the thread that called spawn_named"
        );
    });
}

#[test]
fn spawn_named_starts_all_threads_before_waiting_for_any() {
    check("ep02_identify", || {
        // All four threads must meet here. If spawn_named joins each
        // thread before starting the next, the first one waits forever
        // and the watchdog reports a hang.
        let barrier = Arc::new(Barrier::new(4));
        let work = {
            let barrier = Arc::clone(&barrier);
            move || {
                barrier.wait();
                whoami()
            }
        };
        let reports = spawn_named(&["a", "b", "c", "d"], work);
        assert_eq!(
            reports.len(),
            4,
            "expected four reports, one per name, got {reports:?}"
        );
    });
}

#[test]
fn spawn_named_returns_results_in_the_order_of_the_names() {
    check("ep02_identify", || {
        // The thread named "t3" finishes first and "t0" last; the results
        // must still come back in the order of the names.
        let names = ["t0", "t1", "t2", "t3"];
        let order = Order::new(names.len());
        let work = move || {
            let name = thread::current().name().map(str::to_string);
            let task = name
                .as_deref()
                .and_then(|n| n.strip_prefix('t')?.parse().ok());
            if let Some(task) = task {
                order.task(task); // wait until the next thread has ended
            }
            name
        };
        let got = spawn_named(&names, work);
        let want: Vec<Option<String>> = names.iter().map(|n| Some(n.to_string())).collect();
        assert_eq!(
            got, want,
            "these threads finish last to first, but result i must still come from the thread named names[i]: \
             keep the JoinHandles in the order of the names and join them in that order"
        );
    });
}

#[test]
fn spawn_named_joins_every_thread() {
    check("ep02_identify", || {
        let (probe, live) = Probe::new();
        let work = move || {
            let _keep = &probe; // the closure owns a probe
            thread::current().name().map(str::to_string)
        };
        let names = spawn_named(&["p", "q", "r"], work);
        assert_eq!(
            names,
            vec![Some("p".into()), Some("q".into()), Some("r".into())],
            "expected the three thread names in order"
        );
        assert_eq!(
            live.load(Ordering::SeqCst),
            0,
            "when spawn_named returns, every thread must have finished (its copy of `work` dropped): join every thread"
        );
    });
}

#[test]
fn count_threads_sees_threads_that_are_running() {
    check("ep02_identify", || {
        if std::fs::metadata("/proc/self/task").is_err() {
            assert_eq!(
                count_threads(),
                None,
                "without /proc/self/task, count_threads() should be None"
            );
            return;
        }
        // Three helpers wait with us at a barrier, so at least four
        // threads (them and this one) are alive while we count.
        let here = Arc::new(Barrier::new(4));
        let gone = Arc::new(Barrier::new(4));
        let helpers: Vec<_> = (0..3)
            .map(|_| {
                let (here, gone) = (Arc::clone(&here), Arc::clone(&gone));
                thread::spawn(move || {
                    here.wait();
                    gone.wait();
                })
            })
            .collect();
        here.wait();
        // What the kernel says, while every thread is held at a barrier.
        let kernel: Option<usize> =
            std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("Threads:"))
                        .and_then(|n| n.trim().parse().ok())
                });
        let n = std::panic::catch_unwind(count_threads);
        gone.wait(); // let the helpers go, whatever count_threads did
        for h in helpers {
            h.join().unwrap();
        }
        let n = n.unwrap_or_else(|e| std::panic::resume_unwind(e));
        match n {
            Some(n) => assert!(
                n >= 4,
                "count_threads() returned {n} while at least 4 threads of this process were running \
                 (count the entries of /proc/self/task, not the cores)"
            ),
            None => panic!("count_threads() returned None, but /proc/self/task exists"),
        }
        if let (Some(n), Some(kernel)) = (n, kernel) {
            assert_eq!(
                n, kernel,
                "count_threads() returned {n}, but the kernel says this process has {kernel} threads \
                 (the `Threads:` line of /proc/self/status): count the entries of /proc/self/task, \
                 one per thread of this process"
            );
        }
    });
}
