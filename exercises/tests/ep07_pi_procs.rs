//! Tests of exercise `ep07_pi_procs`: `cargo test -p exercises --test ep07_pi_procs`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep07_split, ep07_pi_chunks, ep07_pi_procs);
#[path = "support/ep07.rs"]
mod support;

use crate::ep07_pi_chunks::{estimate_pi, hits_in_chunk};
use crate::ep07_pi_procs::{estimate_pi_processes, worker_hits};
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

// The worker program: this test program, started as `ep07_pi_worker`,
// prints what your `worker_hits` makes of its arguments.
course_check::workers! {
    "ep07_pi_worker" => || {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match worker_hits(&args) {
            Ok(hits) => {
                println!("{hits}");
                std::process::ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("ep07_pi_worker: {message}");
                std::process::ExitCode::from(2)
            }
        }
    },
    // A worker that fails at once and prints nothing.
    "ep07_pi_worker_fails" => || std::process::ExitCode::from(3),
    // A worker that succeeds but prints something that is not a count.
    "ep07_pi_worker_babbles" => || {
        println!("hello from a confused worker");
        std::process::ExitCode::SUCCESS
    },
}

fn worker() -> std::path::PathBuf {
    course_check::worker_program("ep07_pi_worker")
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

#[test]
fn worker_hits_adds_up_its_chunks() {
    check("ep07_pi_procs", || {
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
    check("ep07_pi_procs", || {
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
            "`ep07_pi_worker 4 2 3000` failed ({})",
            output.status
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            want.to_string(),
            "`ep07_pi_worker 4 2 3000` must print hits_in_chunk(4, 2, 3000) = {want}"
        );
    });
}

#[test]
fn processes_give_the_threaded_answer() {
    check("ep07_pi_procs", || {
        let _one = one_at_a_time();
        let (seed, total, chunks) = (9, 30_001, 6);
        let want = estimate_pi(seed, total, chunks, 1);
        for processes in [1, 2, 3] {
            let got = estimate_pi_processes(&worker(), seed, total, chunks, processes)
                .expect("estimate_pi_processes failed");
            assert_eq!(
                got.to_bits(),
                want.to_bits(),
                "estimate_pi_processes(.., {seed}, {total}, {chunks}, {processes}) = {got}, but ep07_pi_chunks::estimate_pi gives {want}: every chunk must go to exactly one worker, with its chunk_sizes({total}, {chunks}) points"
            );
        }
    });
}

#[cfg(unix)]
#[test]
fn a_failing_worker_is_an_error() {
    check("ep07_pi_procs", || {
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

#[test]
fn a_worker_that_prints_no_number_is_an_error() {
    check("ep07_pi_procs", || {
        let _one = one_at_a_time();
        let babbler = course_check::worker_program("ep07_pi_worker_babbles");
        let result = estimate_pi_processes(&babbler, 1, 100, 2, 2);
        assert!(
            result.is_err(),
            "the workers exited with success but printed \"hello from a confused worker\" instead of a count, so estimate_pi_processes must return an Err, got {result:?}"
        );
    });
}

/// A stand-in worker in a folder of its own (removed when the test ends):
/// a script that notes its arguments in the folder, waits (about 3 s at
/// most) until `meet` runs have started, then runs the real worker. If one
/// run waited in vain, it leaves a `late.` note and the others do not wait.
#[cfg(unix)]
struct StandIn {
    dir: std::path::PathBuf,
    script: std::path::PathBuf,
}

#[cfg(unix)]
impl StandIn {
    fn new(meet: usize) -> StandIn {
        use std::os::unix::fs::PermissionsExt;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir =
            std::env::temp_dir().join(format!("ep07_pi_procs_{}_{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("could not make a temporary folder");
        let script = dir.join("worker.sh");
        let text = format!(
            "#!/bin/sh\n\
             dir=\"$(dirname \"$0\")\"\n\
             echo \"$@\" > \"$dir/tmp.$$\" && mv \"$dir/tmp.$$\" \"$dir/args.$$\"\n\
             i=0\n\
             while [ \"$(ls \"$dir\" | grep -c '^args\\.')\" -lt {meet} ] && [ $i -lt 60 ]; do\n\
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
        StandIn { dir, script }
    }

    /// The arguments of every run (as numbers), and whether a run waited
    /// in vain for the others.
    fn runs(&self) -> (Vec<Vec<u64>>, bool) {
        let mut runs = Vec::new();
        let mut late = false;
        for entry in std::fs::read_dir(&self.dir).expect("could not read the temporary folder") {
            let name = entry.expect("bad folder entry").file_name();
            let name = name.to_string_lossy();
            if name.starts_with("late.") {
                late = true;
            } else if name.starts_with("args.") {
                let args = std::fs::read_to_string(self.dir.join(&*name)).unwrap_or_default();
                runs.push(
                    args.split_whitespace()
                        .map(|a| a.parse::<u64>().unwrap_or(u64::MAX))
                        .collect::<Vec<u64>>(),
                );
            }
        }
        (runs, late)
    }
}

#[cfg(unix)]
impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(unix)]
#[test]
fn the_workers_run_at_the_same_time_each_with_its_own_chunks() {
    check("ep07_pi_procs", || {
        let _one = one_at_a_time();
        let (seed, total, chunks, processes) = (13u64, 6_000u64, 6usize, 3usize);
        let stand_in = StandIn::new(processes);
        let script = &stand_in.script;

        let got = estimate_pi_processes(script, seed, total, chunks, processes)
            .expect("estimate_pi_processes failed");

        let (runs, late) = stand_in.runs();
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
            "estimate_pi_processes must give the same answer as ep07_pi_chunks::estimate_pi"
        );
    });
}

#[cfg(unix)]
#[test]
fn at_most_one_worker_per_chunk() {
    check("ep07_pi_procs", || {
        let _one = one_at_a_time();
        let (seed, total, chunks, processes) = (21u64, 3_001u64, 2usize, 5usize);
        let stand_in = StandIn::new(1);
        let got = estimate_pi_processes(&stand_in.script, seed, total, chunks, processes)
            .expect("estimate_pi_processes failed");
        let (runs, _) = stand_in.runs();
        assert_eq!(
            runs.len(),
            chunks,
            "with {chunks} chunks and {processes} processes, {} worker processes were started (with the arguments {runs:?}), expected {chunks}: start at most one worker per chunk, never one with no chunk to count",
            runs.len()
        );
        assert_eq!(
            got.to_bits(),
            estimate_pi(seed, total, chunks, 1).to_bits(),
            "estimate_pi_processes must give the same answer as ep07_pi_chunks::estimate_pi"
        );
    });
}

/// The child processes of this test's process that are still there,
/// running or as zombies (a child that was waited for is gone), with their
/// state letter from /proc.
#[cfg(target_os = "linux")]
fn our_children() -> Vec<(u32, char)> {
    let me = std::process::id();
    let mut children = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return children;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // "pid (name) state ppid ...": the name may hold spaces and parentheses.
        let mut rest = stat
            .rsplit_once(')')
            .map_or("", |(_, r)| r)
            .split_whitespace();
        let state = rest.next().and_then(|s| s.chars().next()).unwrap_or('?');
        if rest.next().and_then(|p| p.parse::<u32>().ok()) == Some(me) {
            children.push((pid, state));
        }
    }
    children
}

#[cfg(target_os = "linux")]
fn left_behind(children: &[(u32, char)]) -> String {
    children
        .iter()
        .map(|&(pid, state)| {
            if state == 'Z' {
                format!("{pid} (ended, never waited for: a zombie)")
            } else {
                format!("{pid} (still running)")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(target_os = "linux")]
#[test]
fn every_worker_is_waited_for_after_a_worker_fails() {
    check("ep07_pi_procs", || {
        let _one = one_at_a_time();
        let failing = course_check::worker_program("ep07_pi_worker_fails");
        let result = estimate_pi_processes(&failing, 1, 300, 3, 3);
        assert!(
            result.is_err(),
            "with 3 workers that fail, estimate_pi_processes must return an Err, got {result:?}"
        );
        let children = our_children();
        assert!(
            children.is_empty(),
            "estimate_pi_processes returned {result:?}, but it left behind worker processes it started: {}. Wait for every worker, even after one has failed: note the first error, keep waiting for the others, and return the error at the end",
            left_behind(&children)
        );
    });
}

/// Lets this process open only `files` files (file descriptors 0..files)
/// until it is dropped.
#[cfg(target_os = "linux")]
struct FewFiles(course_check::libc::rlimit);

#[cfg(target_os = "linux")]
impl FewFiles {
    fn new(files: u64) -> FewFiles {
        use course_check::libc::{RLIMIT_NOFILE, getrlimit, rlimit, setrlimit};
        let mut old = rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: plain system calls with a pointer to a local value.
        unsafe {
            assert_eq!(getrlimit(RLIMIT_NOFILE, &mut old), 0, "getrlimit failed");
            let few = rlimit {
                rlim_cur: files.min(old.rlim_max),
                rlim_max: old.rlim_max,
            };
            assert_eq!(setrlimit(RLIMIT_NOFILE, &few), 0, "setrlimit failed");
        }
        FewFiles(old)
    }
}

#[cfg(target_os = "linux")]
impl Drop for FewFiles {
    fn drop(&mut self) {
        // SAFETY: as in `new`.
        unsafe {
            course_check::libc::setrlimit(course_check::libc::RLIMIT_NOFILE, &self.0);
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn started_workers_are_waited_for_when_a_later_start_fails() {
    check("ep07_pi_procs", || {
        let _one = one_at_a_time();
        let (seed, total, chunks, processes) = (3u64, 600u64, 6usize, 3usize);
        let want = estimate_pi(seed, total, chunks, 1);
        // Each worker started holds a pipe open, so with a limit on open
        // files that is just high enough for the first worker, starting
        // the second fails. Try limits from low to high until all start.
        let highest_open = std::fs::read_dir("/proc/self/fd")
            .expect("cannot list /proc/self/fd")
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<u64>().ok())
            .max()
            .unwrap_or(2);
        let mut all_started = false;
        for files in 3..highest_open + 64 {
            let result = {
                let _few = FewFiles::new(files);
                estimate_pi_processes(&worker(), seed, total, chunks, processes)
            };
            let children = our_children();
            assert!(
                children.is_empty(),
                "with only {files} files allowed open, starting a worker failed and estimate_pi_processes returned {result:?}, but it left behind worker processes it had already started: {}. When a start fails, stop starting more, but still wait for the workers already running before you return the error",
                left_behind(&children)
            );
            if let Ok(got) = result {
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "estimate_pi_processes must give the same answer as ep07_pi_chunks::estimate_pi"
                );
                all_started = true;
                break;
            }
        }
        assert!(
            all_started,
            "estimate_pi_processes(.., {seed}, {total}, {chunks}, {processes}) never succeeded, even with {} files allowed open",
            highest_open + 63
        );
    });
}
