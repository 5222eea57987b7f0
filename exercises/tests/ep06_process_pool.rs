//! Tests of exercise `ep06_process_pool`: `cargo test -p exercises --test ep06_process_pool`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep06_process_pool);

use crate::ep06_process_pool::{ProcessPool, serve};
use course_check::check;
use std::cell::RefCell;
use std::collections::HashSet;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

// The worker process: this test program, started as `ep06_worker`, runs
// your `serve` on its standard input and output.
course_check::workers! {
    "ep06_worker" => || {
        match serve(std::io::stdin().lock(), std::io::stdout().lock()) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ep06_worker: {e}");
                std::process::ExitCode::FAILURE
            }
        }
    },
    // The same, and when `serve` returns (its input has ended) it leaves a
    // note, so that a test can tell a child that ended on its own from one
    // that was killed.
    "ep06_worker_notes_its_end" => || {
        match serve(std::io::stdin().lock(), std::io::stdout().lock()) {
            Ok(()) => {
                let parent = std::os::unix::process::parent_id();
                let note = ends_dir(parent).join(std::process::id().to_string());
                let _ = std::fs::write(note, "");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("ep06_worker_notes_its_end: {e}");
                std::process::ExitCode::FAILURE
            }
        }
    },
    // A worker that takes its first job and dies without answering.
    "ep06_worker_dies" => || {
        let mut job = String::new();
        let _ = std::io::stdin().read_line(&mut job);
        std::process::ExitCode::from(3)
    },
}

fn worker() -> std::path::PathBuf {
    course_check::worker_program("ep06_worker")
}

/// Where `ep06_worker_notes_its_end` leaves a file named after its pid when
/// its `serve` has returned: a folder named after the test's process.
fn ends_dir(test_pid: u32) -> PathBuf {
    std::env::temp_dir().join(format!("course-ep06-ends-{test_pid}"))
}

#[test]
fn a_worker_answers_every_line_until_its_input_ends() {
    check("ep06_process_pool", || {
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
    check("ep06_process_pool", || {
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
    check("ep06_process_pool", || {
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
        for (i, a) in answers.iter().enumerate() {
            assert_eq!(
                a.pid,
                pids[i % n],
                "job {i} goes to worker {i} % {n} = {}, whose pid is {} (pids() gave {pids:?}), but its answer came from pid {}",
                i % n,
                pids[i % n],
                a.pid
            );
        }
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
    check("ep06_process_pool", || {
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
    check("ep06_process_pool", || {
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

#[test]
fn a_square_too_big_for_u64_wraps_around() {
    check("ep06_process_pool", || {
        let me = std::process::id();
        let mut out = Vec::new();
        serve(&b"5\n"[..], &mut out).expect("serve should answer 5 and return Ok");
        assert_eq!(
            String::from_utf8_lossy(&out),
            format!("{me} 25\n"),
            "serve on the line 5 should write \"<pid> 25\""
        );
        // (2^32 + 1)^2 = 2^64 + 2^33 + 1, which wraps around to 2^33 + 1.
        let mut out = Vec::new();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            serve(&b"4294967297\n"[..], &mut out)
        }));
        match result {
            Err(_) => panic!(
                "serve panicked on the line 4294967297: its square does not fit in a u64, and n * n overflows; use n.wrapping_mul(n), as the doc comment asks"
            ),
            Ok(r) => r.expect("serve should answer 4294967297 and return Ok"),
        }
        assert_eq!(
            String::from_utf8_lossy(&out),
            format!("{me} 8589934593\n"),
            "the square of 4294967297 does not fit in a u64: serve should wrap around (n.wrapping_mul(n) = 8589934593), not overflow"
        );
    });
}

/// An output that keeps what is written to it until it is flushed.
struct HeldUntilFlushed {
    flushed: Rc<RefCell<Vec<u8>>>,
    held: Vec<u8>,
}

impl Write for HeldUntilFlushed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.held.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.flushed.borrow_mut().append(&mut self.held);
        Ok(())
    }
}

/// An input that hands out one line at a time, and notes how many answer
/// lines had been flushed when the reader first asked for each line (and,
/// last, for the end of the input).
struct OneLineAtATime {
    lines: Vec<&'static [u8]>,
    next: usize,
    pos: usize,
    flushed: Rc<RefCell<Vec<u8>>>,
    answers_before: Vec<Option<usize>>,
}

impl BufRead for OneLineAtATime {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.answers_before[self.next].is_none() {
            let answers = self
                .flushed
                .borrow()
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.answers_before[self.next] = Some(answers);
        }
        Ok(match self.lines.get(self.next) {
            Some(line) => &line[self.pos..],
            None => &[],
        })
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt;
        if self
            .lines
            .get(self.next)
            .is_some_and(|l| self.pos >= l.len())
        {
            self.next += 1;
            self.pos = 0;
        }
    }
}

impl Read for OneLineAtATime {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

#[test]
fn each_answer_is_flushed_before_the_next_line_is_read() {
    check("ep06_process_pool", || {
        let flushed = Rc::new(RefCell::new(Vec::new()));
        let lines: Vec<&'static [u8]> = vec![b"3\n", b"4\n", b"10\n"];
        let mut input = OneLineAtATime {
            next: 0,
            pos: 0,
            flushed: Rc::clone(&flushed),
            answers_before: vec![None; lines.len() + 1],
            lines,
        };
        let output = HeldUntilFlushed {
            flushed: Rc::clone(&flushed),
            held: Vec::new(),
        };
        serve(&mut input, output).expect("serve should read to the end of its input and return Ok");
        for (k, seen) in input.answers_before.iter().enumerate().skip(1) {
            let what = if k < 3 {
                format!("input line {}", k + 1)
            } else {
                "the end of the input".to_string()
            };
            assert_eq!(
                *seen,
                Some(k),
                "when serve asked for {what}, {} of the {k} answers before it had been flushed: the parent waits for each answer before it sends the next job, so call output.flush() after every answer line",
                seen.unwrap_or(0)
            );
        }
        let me = std::process::id();
        assert_eq!(
            String::from_utf8_lossy(&flushed.borrow()),
            format!("{me} 9\n{me} 16\n{me} 100\n"),
            "serve on the lines 3, 4, 10 should write (and flush) one line \"<pid> <square>\" per number"
        );
    });
}

#[test]
fn a_worker_that_dies_makes_map_an_error() {
    check("ep06_process_pool", || {
        let program = course_check::worker_program("ep06_worker_dies");
        let mut pool = ProcessPool::new(&program, 2).expect("could not start 2 worker processes");
        let result = pool.map(&[1, 2, 3]);
        assert!(
            result.is_err(),
            "the workers took a job each and exited without answering, so map should return an Err, got {result:?}: when read_line returns Ok(0) the child has closed its output"
        );
    });
}

#[test]
fn dropping_the_pool_lets_every_child_end_on_its_own() {
    check("ep06_process_pool", || {
        if !Path::new("/proc/self/status").exists() {
            return; // this check needs Linux's /proc
        }
        /// Removes the folder of notes when the test ends.
        struct Notes(PathBuf);
        impl Drop for Notes {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
        let notes = Notes(ends_dir(std::process::id()));
        std::fs::create_dir_all(&notes.0).expect("could not make a folder for the notes");
        let program = course_check::worker_program("ep06_worker_notes_its_end");
        let mut pool = ProcessPool::new(&program, 2).expect("could not start 2 worker processes");
        let pids = pool.pids();
        pool.map(&[1, 2, 3]).expect("map failed");
        drop(pool);
        let me = std::process::id();
        for pid in pids {
            let ours = std::fs::read_to_string(format!("/proc/{pid}/status")).is_ok_and(|s| {
                s.lines()
                    .any(|l| l.strip_prefix("PPid:").map(str::trim) == Some(&me.to_string()))
            });
            assert!(
                !ours,
                "child {pid} is still there after the pool was dropped: Drop must close its stdin and wait for it"
            );
            assert!(
                notes.0.join(pid.to_string()).exists(),
                "child {pid} was stopped before its serve saw the end of its input (was it killed?): Drop should close each child's stdin (drop the ChildStdin), so that the child finishes on its own, then wait for it"
            );
        }
    });
}
