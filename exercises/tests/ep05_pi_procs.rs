//! Tests of exercise `ep05_pi_procs`: `cargo test -p exercises --test ep05_pi_procs`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep05_split, ep05_pi_chunks, ep05_pi_procs);
#[path = "support/ep05.rs"]
mod support;

use crate::ep05_pi_chunks::{estimate_pi, hits_in_chunk};
use crate::ep05_pi_procs::{estimate_pi_processes, worker_hits};
use crate::support::expected_sizes;
use course_check::{Reaper, check};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard};

/// The tests of this module start processes one test at a time.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

// The worker program: this test program, started as `ep05_pi_worker`,
// prints what your `worker_hits` makes of its arguments.
course_check::workers! {
    "ep05_pi_worker" => || {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match worker_hits(&args) {
            Ok(hits) => {
                println!("{hits}");
                std::process::ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("ep05_pi_worker: {message}");
                std::process::ExitCode::from(2)
            }
        }
    },
}

fn worker() -> std::path::PathBuf {
    course_check::worker_program("ep05_pi_worker")
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

#[test]
fn worker_hits_adds_up_its_chunks() {
    check("ep05_pi_procs", || {
        let want = hits_in_chunk(11, 0, 2_000) + hits_in_chunk(11, 3, 1_500);
        assert_eq!(
            worker_hits(&strings(&["11", "0", "2000", "3", "1500"])),
            Ok(want),
            "worker_hits([\"11\", \"0\", \"2000\", \"3\", \"1500\"]) must be hits_in_chunk(11, 0, 2000) + hits_in_chunk(11, 3, 1500)"
        );
        assert_eq!(
            worker_hits(&strings(&["11"])),
            Ok(0),
            "worker_hits([\"11\"]): a seed and no chunks is 0 hits"
        );
        for bad in [&[][..], &["x"], &["1", "2"], &["1", "2", "many"]] {
            assert!(
                worker_hits(&strings(bad)).is_err(),
                "worker_hits({bad:?}) must be an Err: the arguments are SEED followed by CHUNK POINTS pairs of whole numbers"
            );
        }
    });
}

#[test]
fn the_worker_program_prints_its_count() {
    check("ep05_pi_procs", || {
        let _one = one_at_a_time();
        let want = hits_in_chunk(4, 2, 3_000);
        let child = Command::new(worker())
            .args(["4", "2", "3000"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("could not start the worker program");
        let output = Reaper::new(child)
            .take()
            .wait_with_output()
            .expect("could not wait for the worker program");
        assert!(
            output.status.success(),
            "`ep05_pi_worker 4 2 3000` failed ({})",
            output.status
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            want.to_string(),
            "`ep05_pi_worker 4 2 3000` must print hits_in_chunk(4, 2, 3000) = {want}"
        );
    });
}

#[test]
fn processes_give_the_threaded_answer() {
    check("ep05_pi_procs", || {
        let _one = one_at_a_time();
        let (seed, total, chunks) = (9, 30_001, 6);
        let want = estimate_pi(seed, total, chunks, 1);
        for processes in [1, 2, 3] {
            let got = estimate_pi_processes(&worker(), seed, total, chunks, processes)
                .expect("estimate_pi_processes failed");
            assert_eq!(
                got.to_bits(),
                want.to_bits(),
                "estimate_pi_processes(.., {seed}, {total}, {chunks}, {processes}) = {got}, but ep05_pi_chunks::estimate_pi gives {want}: every chunk must go to exactly one worker, with its chunk_sizes({total}, {chunks}) points"
            );
        }
    });
}

#[cfg(unix)]
#[test]
fn a_failing_worker_is_an_error() {
    check("ep05_pi_procs", || {
        let _one = one_at_a_time();
        // `false` is a program that prints nothing and fails.
        let result = estimate_pi_processes(Path::new("false"), 1, 100, 2, 2);
        assert!(
            result.is_err(),
            "with workers that fail, estimate_pi_processes must return an Err, got {result:?}"
        );
        let result = estimate_pi_processes(Path::new("/no/such/worker"), 1, 100, 2, 2);
        assert!(
            result.is_err(),
            "with a worker program that does not exist, estimate_pi_processes must return an Err, got {result:?}"
        );
    });
}

/// A folder that is removed when the test ends.
struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
#[test]
fn the_workers_run_at_the_same_time_each_with_its_own_chunks() {
    check("ep05_pi_procs", || {
        use std::os::unix::fs::PermissionsExt;
        let _one = one_at_a_time();
        let (seed, total, chunks, processes) = (13u64, 6_000u64, 6usize, 3usize);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = TempDir(
            std::env::temp_dir().join(format!("ep05_pi_procs_{}_{nanos}", std::process::id())),
        );
        std::fs::create_dir_all(&dir.0).expect("could not make a temporary folder");
        // A stand-in worker: it notes its arguments, waits (about 3 s at most) until
        // all the workers have started, then runs the real worker. If one
        // waited in vain, the others do not wait at all.
        let script = dir.0.join("worker.sh");
        let text = format!(
            "#!/bin/sh\n\
             dir=\"$(dirname \"$0\")\"\n\
             echo \"$@\" > \"$dir/tmp.$$\" && mv \"$dir/tmp.$$\" \"$dir/args.$$\"\n\
             i=0\n\
             while [ \"$(ls \"$dir\" | grep -c '^args\\.')\" -lt {processes} ] && [ $i -lt 60 ]; do\n\
             ls \"$dir\" | grep -q '^late\\.' && break\n\
             sleep 0.05; i=$((i+1))\n\
             done\n\
             [ $i -ge 60 ] && touch \"$dir/late.$$\"\n\
             exec \"{}\" \"$@\"\n",
            worker().display()
        );
        std::fs::write(&script, text).expect("could not write the stand-in worker");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .expect("could not make the stand-in worker executable");

        let got = estimate_pi_processes(&script, seed, total, chunks, processes)
            .expect("estimate_pi_processes failed");

        let mut runs = Vec::new();
        let mut late = false;
        for entry in std::fs::read_dir(&dir.0).expect("could not read the temporary folder") {
            let name = entry.expect("bad folder entry").file_name();
            let name = name.to_string_lossy();
            if name.starts_with("late.") {
                late = true;
            } else if name.starts_with("args.") {
                let args = std::fs::read_to_string(dir.0.join(&*name)).unwrap_or_default();
                runs.push(
                    args.split_whitespace()
                        .map(|a| a.parse::<u64>().unwrap_or(u64::MAX))
                        .collect::<Vec<u64>>(),
                );
            }
        }
        assert_eq!(
            runs.len(),
            processes,
            "{} worker processes were started, expected {processes}",
            runs.len()
        );
        assert!(
            !late,
            "the {processes} workers did not all run at the same time: spawn every worker before waiting for any"
        );
        let sizes = expected_sizes(total, chunks);
        let mut chunk_seen = vec![0; chunks];
        for args in &runs {
            assert!(
                args.len() >= 3 && args.len() % 2 == 1 && args[0] == seed,
                "a worker got the arguments {args:?}: expected SEED ({seed}) and at least one CHUNK POINTS pair"
            );
            for pair in args[1..].chunks(2) {
                let (chunk, points) = (pair[0] as usize, pair[1]);
                assert!(
                    chunk < chunks,
                    "a worker got chunk {chunk}; chunks are 0..{chunks}"
                );
                assert_eq!(
                    points, sizes[chunk],
                    "chunk {chunk} must have chunk_sizes({total}, {chunks})[{chunk}] = {} points, a worker was given {points}",
                    sizes[chunk]
                );
                chunk_seen[chunk] += 1;
            }
        }
        assert_eq!(
            chunk_seen,
            vec![1; chunks],
            "how many workers got each chunk 0..{chunks}: each chunk must go to exactly one worker"
        );
        assert_eq!(
            got.to_bits(),
            estimate_pi(seed, total, chunks, 1).to_bits(),
            "estimate_pi_processes must give the same answer as ep05_pi_chunks::estimate_pi"
        );
    });
}
