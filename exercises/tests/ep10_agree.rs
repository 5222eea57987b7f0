//! Tests of exercise `ep10_agree`: `cargo test -p exercises --test ep10_agree`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep07_split, ep07_pi_chunks, ep10_agree);
#[path = "support/ep10_pool.rs"]
mod support;

use crate::ep07_pi_chunks::hits_in_chunk;
use crate::ep10_agree::{Work, count, hits_processes, hits_threads, worker_main};
use crate::support::{Notes, described, note, our_children};
use course_check::check;
use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;

const TOPIC: &str = "ep10-agree";

// The worker programs: this test program, started under these names.
course_check::workers! {
    // Reads one line, notes "PID<tab>LINE" for the test that started its
    // parent, and hands the line to your `worker_main`.
    "ep10_agree_worker" => || {
        let line = first_line();
        let notes = Notes::path_for(TOPIC, std::os::unix::process::parent_id());
        note(&notes, &format!("{}\t{}", std::process::id(), line.trim_end()));
        match worker_main(line.as_bytes(), std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ep10_agree_worker: {e}");
                ExitCode::from(2)
            }
        }
    },
    // The same, but before counting it waits (3 s at most) until two
    // workers have noted their work; one that waited in vain notes "late".
    "ep10_agree_meets" => || {
        let line = first_line();
        let notes = Notes::path_for(TOPIC, std::os::unix::process::parent_id());
        note(&notes, &format!("{}\t{}", std::process::id(), line.trim_end()));
        let mut waited = 0;
        while std::fs::read_to_string(&notes).unwrap_or_default().lines().count() < 2 {
            if waited >= 600 {
                note(&notes, "late");
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            waited += 1;
        }
        match worker_main(line.as_bytes(), std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ep10_agree_meets: {e}");
                ExitCode::from(2)
            }
        }
    },
    // Takes its work and fails without a word.
    "ep10_agree_fails" => || {
        first_line();
        ExitCode::from(1)
    },
    // Takes its work, prints something that is not a count, and succeeds.
    "ep10_agree_babbles" => || {
        first_line();
        println!("a great many hits");
        ExitCode::SUCCESS
    },
    // Takes its work, prints nothing, and succeeds.
    "ep10_agree_silent" => || {
        first_line();
        ExitCode::SUCCESS
    },
}

fn first_line() -> String {
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    line
}

fn worker() -> std::path::PathBuf {
    course_check::worker_program("ep10_agree_worker")
}

/// The sizes `chunk_sizes(n, k)` must return, written out here.
fn expected_sizes(n: u64, k: usize) -> Vec<u64> {
    let k64 = k as u64;
    (0..k64).map(|i| n / k64 + u64::from(i < n % k64)).collect()
}

/// The hits of chunks `range` of `n` points in `chunks` chunks, chunk by chunk.
fn reference(seed: u64, n: u64, chunks: usize, range: std::ops::Range<u64>) -> u64 {
    let sizes = expected_sizes(n, chunks);
    range
        .map(|c| hits_in_chunk(seed, c, sizes[c as usize]))
        .sum()
}

/// (seed, n, chunks): n divisible by chunks or not, fewer points than
/// chunks, a single chunk.
const CASES: [(u64, u64, usize); 5] = [
    (1, 12_000, 8),
    (2, 10_007, 6),
    (3, 5, 7),
    (4, 9_999, 1),
    (5, 4_003, 2),
];

#[test]
fn count_adds_up_the_chunks_of_its_work() {
    check("ep10_agree", || {
        let work = Work {
            seed: 5,
            n: 10_001,
            chunks: 7,
            range: 2..5,
        };
        let want = reference(5, 10_001, 7, 2..5);
        assert_eq!(
            count(&work),
            want,
            "count({work:?}) should add up hits_in_chunk(5, c, chunk_sizes(10001, 7)[c]) for the chunks c = 2, 3, 4"
        );
        let none = Work {
            range: 3..3,
            ..work
        };
        assert_eq!(count(&none), 0, "count({none:?}): no chunks, no hits");
    });
}

#[test]
fn worker_main_reads_its_work_and_writes_its_count() {
    check("ep10_agree", || {
        let work = Work {
            seed: 8,
            n: 3_001,
            chunks: 4,
            range: 1..4,
        };
        let line = format!(
            "{}\n",
            serde_json::to_string(&work).expect("Work turns into JSON")
        );
        let mut out = Vec::new();
        worker_main(line.as_bytes(), &mut out)
            .unwrap_or_else(|e| panic!("worker_main on the line {line:?} failed: {e}"));
        assert_eq!(
            String::from_utf8_lossy(&out),
            format!("{}\n", reference(8, 3_001, 4, 1..4)),
            "worker_main on the line {line:?} should write the count of chunks 1..4, on a line of its own"
        );
        for bad in [
            "",
            "seven chunks, please\n",
            "{\"seed\":1,\"n\":100,\"chunks\":4,\"range\":{\"start\":2,\"end\":9}}\n",
        ] {
            let result = worker_main(bad.as_bytes(), &mut Vec::new());
            assert!(
                result.is_err(),
                "worker_main on the input {bad:?} should return an Err (no Work, or chunks beyond the 0..chunks there are), got {result:?}"
            );
        }
    });
}

#[test]
fn threads_agree_with_the_chunk_by_chunk_count() {
    check("ep10_agree", || {
        for (seed, n, chunks) in CASES {
            let want = reference(seed, n, chunks, 0..chunks as u64);
            for threads in [1, 3] {
                let got = hits_threads(seed, n, chunks, threads);
                assert_eq!(
                    got, want,
                    "hits_threads(seed {seed}, n {n}, chunks {chunks}, threads {threads}) = {got}, but chunk by chunk (hits_in_chunk with chunk_sizes({n}, {chunks})) the count is {want}"
                );
            }
        }
    });
}

#[test]
fn the_thread_count_does_not_change_the_answer() {
    check("ep10_agree", || {
        let (seed, n, chunks) = (9, 30_000, 12);
        let one = hits_threads(seed, n, chunks, 1);
        for threads in 2..=6 {
            let got = hits_threads(seed, n, chunks, threads);
            assert_eq!(
                got, one,
                "hits_threads(seed {seed}, n {n}, chunks {chunks}) gave {one} on 1 thread but {got} on {threads}: the answer must depend on the chunks only, never on how many threads count them"
            );
        }
    });
}

#[test]
fn processes_agree_with_threads() {
    check("ep10_agree", || {
        let _notes = Notes::new(TOPIC);
        for ((seed, n, chunks), processes) in CASES.into_iter().zip([2, 3, 5, 2, 4]) {
            let threads = hits_threads(seed, n, chunks, 2);
            let got = hits_processes(&worker(), seed, n, chunks, processes)
                .unwrap_or_else(|e| panic!("hits_processes(seed {seed}, n {n}, chunks {chunks}, processes {processes}) failed: {e}"));
            assert_eq!(
                got, threads,
                "hits_processes(seed {seed}, n {n}, chunks {chunks}, processes {processes}) = {got}, but hits_threads gives {threads}"
            );
            assert_eq!(
                got,
                reference(seed, n, chunks, 0..chunks as u64),
                "hits_processes(seed {seed}, n {n}, chunks {chunks}, processes {processes}) must be the chunk-by-chunk count"
            );
        }
    });
}

/// Runs `hits_processes` and returns what each worker process was given:
/// (pid, Work).
fn work_given(seed: u64, n: u64, chunks: usize, processes: usize) -> Vec<(u32, Work)> {
    let notes = Notes::new(TOPIC);
    let got = hits_processes(&worker(), seed, n, chunks, processes).unwrap_or_else(|e| {
        panic!(
            "hits_processes(seed {seed}, n {n}, chunks {chunks}, processes {processes}) failed: {e}"
        )
    });
    assert_eq!(
        got,
        reference(seed, n, chunks, 0..chunks as u64),
        "hits_processes(seed {seed}, n {n}, chunks {chunks}, processes {processes}) must be the chunk-by-chunk count"
    );
    notes
        .lines()
        .iter()
        .map(|line| {
            let (pid, json) = line.split_once('\t').unwrap_or(("0", line));
            let work: Work = serde_json::from_str(json).unwrap_or_else(|e| {
                panic!("a worker was given the line {json:?}, which is not a Work in JSON ({e})")
            });
            (pid.parse().unwrap_or(0), work)
        })
        .collect()
}

#[test]
fn the_processes_share_the_chunks() {
    check("ep10_agree", || {
        let (seed, n, chunks) = (7, 20_000, 10);
        let given = work_given(seed, n, chunks, 2);
        let pids: HashSet<u32> = given.iter().map(|(pid, _)| *pid).collect();
        assert!(
            given.len() == 2 && pids.len() == 2,
            "with 2 processes and {chunks} chunks, expected 2 worker processes with some chunks each; they were given {given:?}"
        );
        let mut seen = vec![0; chunks];
        for (pid, work) in &given {
            assert!(
                work.seed == seed && work.n == n && work.chunks == chunks,
                "worker {pid} was given {work:?}: every worker needs the run's seed ({seed}), n ({n}) and chunks ({chunks})"
            );
            assert!(
                !work.range.is_empty() && work.range.end <= chunks as u64,
                "worker {pid} was given the chunks {:?}: expected a non-empty part of 0..{chunks}",
                work.range
            );
            for c in work.range.clone() {
                seen[c as usize] += 1;
            }
        }
        assert_eq!(
            seen,
            vec![1; chunks],
            "how many workers were given each chunk 0..{chunks} (they were given {given:?}): each chunk must go to exactly one worker"
        );
        // More processes than chunks: no worker without a chunk.
        let given = work_given(seed, 3_000, 2, 5);
        assert_eq!(
            given.len(),
            2,
            "with 5 processes and only 2 chunks, start 2 workers (one per chunk), not one with nothing to count; they were given {given:?}"
        );
    });
}

#[test]
fn the_processes_count_at_the_same_time() {
    check("ep10_agree", || {
        let notes = Notes::new(TOPIC);
        let (seed, n, chunks) = (11, 4_000, 4);
        let program = course_check::worker_program("ep10_agree_meets");
        let got = hits_processes(&program, seed, n, chunks, 2);
        let lines = notes.lines();
        assert!(
            !lines.iter().any(|l| l == "late"),
            "the 2 workers did not run at the same time (one waited 3 s for the other in vain; they noted {lines:?}): start every worker before you wait for any"
        );
        assert_eq!(
            got.ok(),
            Some(reference(seed, n, chunks, 0..chunks as u64)),
            "hits_processes(seed {seed}, n {n}, chunks {chunks}, processes 2) must be the chunk-by-chunk count"
        );
    });
}

#[test]
fn every_worker_is_waited_for() {
    check("ep10_agree", || {
        let _notes = Notes::new(TOPIC);
        let got = hits_processes(&worker(), 3, 6_000, 6, 3);
        assert!(got.is_ok(), "hits_processes failed: {got:?}");
        let left = our_children();
        assert!(
            left.is_empty(),
            "hits_processes returned, but it left behind worker processes it started: {}. Wait for every child (wait_with_output, or wait)",
            described(&left)
        );
    });
}

#[test]
fn a_failing_worker_is_an_error() {
    check("ep10_agree", || {
        let cases = [
            ("ep10_agree_fails", "exits with code 1"),
            ("ep10_agree_babbles", "prints \"a great many hits\""),
            (
                "ep10_agree_silent",
                "prints nothing (and exits with success)",
            ),
        ];
        for (name, what) in cases {
            let program = course_check::worker_program(name);
            let result = hits_processes(&program, 1, 900, 3, 3);
            assert!(
                result.is_err(),
                "every worker {what}, so hits_processes must return an Err, got {result:?}: check each child's exit status, and parse its output with `?`, never unwrap_or(0)"
            );
            let left = our_children();
            assert!(
                left.is_empty(),
                "every worker {what} and hits_processes returned {result:?}, but it left behind worker processes: {}. Wait for every worker, even after one failed",
                described(&left)
            );
        }
        let result = hits_processes(Path::new("/no/such/worker"), 1, 900, 3, 3);
        assert!(
            result.is_err(),
            "with a worker program that does not exist, hits_processes must return an Err, got {result:?}"
        );
    });
}
