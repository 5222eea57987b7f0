//! Tests for episode 4: `cargo test -p exercises --test ep04`.
//! The same file tests solutions/ (see solutions/Cargo.toml).

use std::sync::{Condvar, Mutex};

/// A gate that one job opens and another waits at: lets a test make a
/// later item finish before an earlier one, without any timing.
#[derive(Default)]
struct Latch {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Latch {
    fn open(&self) {
        *self.open.lock().unwrap() = true;
        self.opened.notify_all();
    }

    fn wait(&self) {
        let open = self.open.lock().unwrap();
        let _open = self.opened.wait_while(open, |open| !*open).unwrap();
    }
}

mod ep04_ordered_map {
    use super::Latch;
    use course::ep04_ordered_map::ordered_map;
    use course_check::check;
    use std::collections::HashSet;
    use std::sync::{Arc, Barrier, Mutex};
    use std::thread;

    #[test]
    fn results_come_back_in_input_order() {
        check("ep04_ordered_map", || {
            let inputs: Vec<u64> = (0..1000).collect();
            let want: Vec<u64> = inputs.iter().map(|x| x * x).collect();
            for threads in [1, 2, 3] {
                let got = ordered_map(inputs.clone(), threads, |x| x * x);
                assert_eq!(
                    got, want,
                    "ordered_map(0..1000, {threads} threads, square) should return the 1000 squares in input order"
                );
            }
            let empty = ordered_map(Vec::<u64>::new(), 2, |x| x + 1);
            assert!(
                empty.is_empty(),
                "ordered_map of no inputs should return no results, got {empty:?}"
            );
        });
    }

    #[test]
    fn order_is_kept_when_later_items_finish_first() {
        check("ep04_ordered_map", || {
            let n = 8;
            let last_done = Arc::new(Latch::default());
            let finished = Arc::new(Mutex::new(Vec::new()));
            let (gate, log) = (Arc::clone(&last_done), Arc::clone(&finished));
            let got = ordered_map((0..n).collect(), 2, move |i: usize| {
                if i == 0 {
                    gate.wait(); // item 0 may only finish after the last item
                }
                log.lock().unwrap().push(i);
                if i == n - 1 {
                    gate.open();
                }
                i * 10
            });
            let finished = finished.lock().unwrap().clone();
            let pos = |i| finished.iter().position(|&x| x == i);
            assert!(
                pos(0) > pos(n - 1),
                "test setup: item 0 should have finished after item {}, finishing order was {finished:?}",
                n - 1
            );
            let want: Vec<usize> = (0..n).map(|i| i * 10).collect();
            assert_eq!(
                got, want,
                "item 0 finished last (order {finished:?}), but the results must still come back in input order"
            );
        });
    }

    #[test]
    fn runs_on_exactly_the_number_of_threads_asked_for() {
        check("ep04_ordered_map", || {
            // One more thread than this machine has cores, so rayon's global
            // pool (one thread per core) is not enough.
            let cores = thread::available_parallelism().map_or(1, |n| n.get());
            let threads = cores + 1;
            let meet = Arc::new(Barrier::new(threads));
            let seen = Arc::new(Mutex::new(HashSet::new()));
            let (m, s) = (Arc::clone(&meet), Arc::clone(&seen));
            // The first item each thread runs waits at the barrier until
            // `threads` threads have arrived: that only happens if `threads`
            // threads run items at the same time.
            let ids = ordered_map((0..threads * 8).collect(), threads, move |_: usize| {
                let me = thread::current().id();
                let arrived = {
                    let mut seen = s.lock().unwrap();
                    seen.insert(me).then_some(seen.len())
                };
                if arrived.is_some_and(|k| k <= threads) {
                    m.wait();
                }
                me
            });
            let distinct: HashSet<_> = ids.iter().collect();
            assert!(
                distinct.len() > 1,
                "every item ran on the same thread: the work must be spread over {threads} threads"
            );
            assert_eq!(
                distinct.len(),
                threads,
                "asked for {threads} threads, but the items ran on {} different threads: use a pool of exactly that many",
                distinct.len()
            );
        });
    }
}

mod ep04_pool {
    use super::Latch;
    use course::ep04_pool::Pool;
    use course_check::check;
    use std::cell::RefCell;
    use std::collections::HashSet;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Barrier, Mutex};
    use std::thread::{self, ThreadId};
    use std::time::Duration;

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
        check("ep04_pool", || {
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
        check("ep04_pool", || {
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
        check("ep04_pool", || {
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
    struct ExitCounter(Arc<AtomicUsize>);

    impl Drop for ExitCounter {
        fn drop(&mut self) {
            // A thread that is joined has finished this before join returns.
            // The pause only makes a pool that does *not* join easy to catch.
            thread::sleep(Duration::from_millis(50));
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    thread_local! {
        static ON_EXIT: RefCell<Option<ExitCounter>> = const { RefCell::new(None) };
    }

    #[test]
    fn dropping_the_pool_runs_queued_jobs_and_joins_every_worker() {
        check("ep04_pool", || {
            let n = 3;
            let pool = Pool::new(n);
            let exited = Arc::new(AtomicUsize::new(0));
            let meet = Arc::new(Barrier::new(n));
            // One job per worker (they meet at the barrier), each leaving an
            // ExitCounter on its thread.
            for _ in 0..n {
                let (m, exited) = (Arc::clone(&meet), Arc::clone(&exited));
                drop(pool.submit(move || {
                    ON_EXIT.with(|c| *c.borrow_mut() = Some(ExitCounter(exited)));
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
            assert_eq!(
                ran.load(Ordering::SeqCst),
                20,
                "all 20 jobs submitted before the pool was dropped should have run by the time drop returns"
            );
            assert_eq!(
                exited.load(Ordering::SeqCst),
                n,
                "when drop(pool) returns, all {n} worker threads should have ended: Drop must join every worker"
            );
        });
    }

    #[test]
    fn a_panicking_job_reports_an_error_and_its_worker_lives_on() {
        check("ep04_pool", || {
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
}

mod ep04_process_pool {
    use course::ep04_process_pool::{ProcessPool, serve};
    use course_check::check;
    use std::collections::HashSet;
    use std::path::Path;

    const WORKER: &str = course::helper_bin!("ep04_worker");

    #[test]
    fn a_worker_answers_every_line_until_its_input_ends() {
        check("ep04_process_pool", || {
            let mut out = Vec::new();
            serve(&b"3\n4\n\n10\n"[..], &mut out)
                .expect("serve should read to the end of its input and return Ok");
            let me = std::process::id();
            assert_eq!(
                String::from_utf8_lossy(&out),
                format!("{me} 9\n{me} 16\n{me} 100\n"),
                "serve on the lines 3, 4, (blank), 10 should write one line \"<pid> <square>\" per number"
            );
            assert!(
                serve(&b"7\nseven\n"[..], &mut Vec::new()).is_err(),
                "serve should return an error for a line that is not a number"
            );
        });
    }

    #[test]
    fn answers_come_back_in_job_order() {
        check("ep04_process_pool", || {
            let mut pool = ProcessPool::new(WORKER, 3).expect("could not start 3 worker processes");
            let jobs: Vec<u64> = (1..=20).collect();
            let answers = pool.map(&jobs).expect("map over 20 jobs failed");
            let values: Vec<u64> = answers.iter().map(|a| a.value).collect();
            let want: Vec<u64> = jobs.iter().map(|j| j * j).collect();
            assert_eq!(
                values, want,
                "the answers to jobs 1..=20 should be their squares, in job order"
            );
            assert!(
                pool.map(&[]).is_ok_and(|a| a.is_empty()),
                "map over no jobs should return no answers"
            );
        });
    }

    #[test]
    fn every_child_serves_jobs_and_lives_on() {
        check("ep04_process_pool", || {
            let n = 3;
            let mut pool = ProcessPool::new(WORKER, n).expect("could not start 3 worker processes");
            let pids = pool.pids();
            let children: HashSet<u32> = pids.iter().copied().collect();
            assert_eq!(
                children.len(),
                n,
                "ProcessPool::new(_, {n}) should start {n} different processes, pids() gave {pids:?}"
            );
            assert!(
                !children.contains(&std::process::id()),
                "the workers must be child processes, not the test process itself"
            );
            let answers = pool
                .map(&(1..=9).collect::<Vec<u64>>())
                .expect("map failed");
            let served: HashSet<u32> = answers.iter().map(|a| a.pid).collect();
            assert!(
                served.is_subset(&children),
                "answers came from pids {served:?}, but the pool's children are {pids:?}"
            );
            assert_eq!(
                served.len(),
                n,
                "9 jobs on {n} workers (job i goes to worker i % {n}): every child should have answered some, but only {served:?} did"
            );
            let again = pool.map(&[5, 6, 7]).expect("a second map failed");
            assert!(
                again.iter().all(|a| children.contains(&a.pid)) && pool.pids() == pids,
                "a second map should be served by the same long-lived children {pids:?}"
            );
            assert_eq!(
                again.iter().map(|a| a.value).collect::<Vec<_>>(),
                [25, 36, 49],
                "the second map should answer 5, 6, 7 with 25, 36, 49"
            );
        });
    }

    #[test]
    fn a_big_batch_does_not_fill_the_pipes_and_hang() {
        check("ep04_process_pool", || {
            let mut pool = ProcessPool::new(WORKER, 2).expect("could not start 2 worker processes");
            // Far more text than a pipe holds (64 KiB on Linux) in each direction.
            let jobs: Vec<u64> = (0..24_000).map(|i| 1_000_000_000 + i).collect();
            let answers = pool.map(&jobs).expect("map over 24000 jobs failed");
            assert_eq!(answers.len(), jobs.len(), "expected one answer per job");
            let wrong = jobs
                .iter()
                .zip(&answers)
                .position(|(j, a)| a.value != j * j);
            assert_eq!(
                wrong, None,
                "every answer should be the square of its job, in job order"
            );
        });
    }

    #[test]
    fn dropping_the_pool_waits_for_every_child() {
        check("ep04_process_pool", || {
            if !Path::new("/proc/self/status").exists() {
                return; // this check needs Linux's /proc
            }
            let mut pool = ProcessPool::new(WORKER, 2).expect("could not start 2 worker processes");
            let pids = pool.pids();
            pool.map(&[1, 2, 3, 4]).expect("map failed");
            drop(pool);
            for pid in pids {
                // A child that has been waited for is gone from /proc.
                if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
                    let zombie = status
                        .lines()
                        .any(|l| l.starts_with("State:") && l.contains('Z'));
                    assert!(
                        !zombie,
                        "child {pid} has exited but was never waited for (a zombie): Drop must call wait() on every child"
                    );
                    panic!(
                        "child {pid} is still running after the pool was dropped: Drop must close its stdin (so it sees the end of its input) and wait for it"
                    );
                }
            }
        });
    }
}
