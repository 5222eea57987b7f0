//! Tests of exercise `ep04_process_pool`: `cargo test -p exercises --test ep04_process_pool`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep04_process_pool);

use crate::ep04_process_pool::{ProcessPool, serve};
use course_check::check;
use std::collections::HashSet;
use std::path::Path;

// The worker process: this test program, started as `ep04_worker`, runs
// your `serve` on its standard input and output.
course_check::workers! {
    "ep04_worker" => || {
        match serve(std::io::stdin().lock(), std::io::stdout().lock()) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ep04_worker: {e}");
                std::process::ExitCode::FAILURE
            }
        }
    },
}

fn worker() -> std::path::PathBuf {
    course_check::worker_program("ep04_worker")
}

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
        let mut pool = ProcessPool::new(&worker(), 3).expect("could not start 3 worker processes");
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
        let mut pool = ProcessPool::new(&worker(), n).expect("could not start 3 worker processes");
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
        let mut pool = ProcessPool::new(&worker(), 2).expect("could not start 2 worker processes");
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
        let mut pool = ProcessPool::new(&worker(), 2).expect("could not start 2 worker processes");
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
