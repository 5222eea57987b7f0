//! Tests for episode 2: `cargo test -p exercises --test ep02`.
//! The same file tests solutions/ (see solutions/Cargo.toml).

/// A value that notices when it is dropped. Dropped on another thread than
/// the one that made it, it waits a little before it reports, so that a
/// function which returns without joining its threads (while they are still
/// dropping what they captured) is caught. The wait never makes a correct
/// answer fail: `join` waits for it.
mod drop_probe {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::thread::{self, ThreadId};
    use std::time::Duration;

    pub struct Probe {
        live: Arc<AtomicUsize>,
        home: ThreadId,
    }

    impl Probe {
        /// A new probe and a counter of how many copies of it are alive.
        pub fn new() -> (Probe, Arc<AtomicUsize>) {
            let live = Arc::new(AtomicUsize::new(1));
            (
                Probe {
                    live: Arc::clone(&live),
                    home: thread::current().id(),
                },
                live,
            )
        }
    }

    impl Clone for Probe {
        fn clone(&self) -> Self {
            self.live.fetch_add(1, Ordering::SeqCst);
            Probe {
                live: Arc::clone(&self.live),
                home: self.home,
            }
        }
    }

    impl Drop for Probe {
        fn drop(&mut self) {
            if thread::current().id() != self.home {
                thread::sleep(Duration::from_millis(50));
            }
            self.live.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

mod ep02_identify {
    use super::drop_probe::Probe;
    use course::ep02_identify::{Report, count_threads, spawn_named, whoami};
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
        });
    }
}

mod ep02_scoped {
    use course::ep02_scoped::map_chunks;
    use course_check::check;
    use std::collections::HashSet;
    use std::sync::Barrier;
    use std::thread;

    fn assert_chunks(data: &[u32], workers: usize) {
        let chunks: Vec<Vec<u32>> = map_chunks(data, workers, |c: &[u32]| c.to_vec());
        assert_eq!(
            chunks.len(),
            workers,
            "{} items over {workers} workers: expected {workers} chunks (some may be empty), got {chunks:?}",
            data.len()
        );
        let joined: Vec<u32> = chunks.concat();
        assert_eq!(
            joined,
            data,
            "{} items over {workers} workers: the chunks {chunks:?}, put back together, should be the data in order \
             (no item lost or counted twice at a chunk boundary)",
            data.len()
        );
        let sizes: Vec<usize> = chunks.iter().map(Vec::len).collect();
        let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(
            max - min <= 1,
            "{} items over {workers} workers: chunk sizes {sizes:?} should differ by at most one",
            data.len()
        );
    }

    #[test]
    fn every_item_is_in_exactly_one_chunk_in_order() {
        check("ep02_scoped", || {
            let data: Vec<u32> = (0..10).collect();
            for workers in [1, 2, 3, 4, 10] {
                assert_chunks(&data, workers);
            }
            let long: Vec<u32> = (0..1001).collect();
            for workers in [7, 8] {
                assert_chunks(&long, workers);
            }
        });
    }

    #[test]
    fn more_workers_than_items_gives_empty_chunks() {
        check("ep02_scoped", || {
            assert_chunks(&[7, 8, 9], 5);
            assert_chunks(&[], 2);
        });
    }

    #[test]
    fn each_chunk_runs_on_its_own_thread_all_at_once() {
        check("ep02_scoped", || {
            let data: Vec<u32> = (1..=12).collect();
            let workers = 4;
            // Every worker must reach this barrier before any can go on: if
            // one thread does all the chunks, or each thread is joined before
            // the next starts, the watchdog reports a hang.
            let barrier = Barrier::new(workers);
            let out = map_chunks(&data, workers, |c: &[u32]| {
                barrier.wait();
                (thread::current().id(), c.iter().sum::<u32>())
            });
            let ids: HashSet<_> = out.iter().map(|(id, _)| *id).collect();
            assert_eq!(
                ids.len(),
                workers,
                "each of the {workers} chunks should run on its own thread"
            );
            assert!(
                !ids.contains(&thread::current().id()),
                "the chunks should run on scoped threads, not on the caller's thread"
            );
            let sums: Vec<u32> = out.iter().map(|(_, s)| *s).collect();
            assert_eq!(
                sums,
                vec![6, 15, 24, 33],
                "1..=12 over 4 workers: expected chunk sums [6, 15, 24, 33] in chunk order"
            );
        });
    }

    #[test]
    fn empty_chunks_still_get_a_worker() {
        check("ep02_scoped", || {
            let workers = 4;
            let barrier = Barrier::new(workers);
            let lens = map_chunks(&[1u8, 2], workers, |c: &[u8]| {
                barrier.wait();
                c.len()
            });
            assert_eq!(
                lens.iter().sum::<usize>(),
                2,
                "2 items over 4 workers: the chunk lengths {lens:?} should add up to 2"
            );
        });
    }
}

mod ep02_worker {
    use super::drop_probe::Probe;
    use course::ep02_worker::Worker;
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
}
