//! Tests of exercise `ep10_log`: `cargo test -p exercises --test ep10_log`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep10_log);
#[path = "support/ep10.rs"]
mod support;

use crate::ep10_log::Log;
use crate::support::{LockSeen, ScratchDir, wait_until_waiting_for_a_lock};
use course_check::{Reaper, check};
use std::fs::{self, File, TryLockError};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdout, Command, ExitCode, Stdio};

fn arg(i: usize) -> String {
    std::env::args()
        .nth(i)
        .expect("the test starts its workers with arguments")
}

/// Reads a line from stdin: the test's go-ahead.
fn wait_for_the_test() {
    let mut line = String::new();
    let _ = io::stdin().read_line(&mut line);
}

fn run(name: &str, body: impl FnOnce() -> io::Result<()>) -> ExitCode {
    match body() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{name}: {e}");
            ExitCode::FAILURE
        }
    }
}

// Worker programs: this test program, started under these names, uses
// your `Log` from another process.
course_check::workers! {
    // `ep10_log_once PATH NAME`: appends one record of three lines.
    "ep10_log_once" => || run("ep10_log_once", || {
        let name = arg(2);
        let mut log = Log::open(Path::new(&arg(1)))?;
        log.append(&[&format!("{name} begins"), &format!("{name} goes on"), &format!("{name} ends")])
    }),
    // `ep10_log_many PATH NAME COUNT`: appends COUNT records of three lines.
    "ep10_log_many" => || run("ep10_log_many", || {
        let (name, count) = (arg(2), arg(3).parse::<usize>().expect("a count"));
        let mut log = Log::open(Path::new(&arg(1)))?;
        for r in 0..count {
            log.record(|out| {
                for part in 1..=3 {
                    writeln!(out, "{name} r{r} {part}/3")?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }),
    // `ep10_log_pauses PATH`: writes a record in two halves, and tells the
    // test (on stdout) and waits for its go-ahead (on stdin) in the middle
    // of it, then again between it and a second record.
    "ep10_log_pauses" => || run("ep10_log_pauses", || {
        let mut log = Log::open(Path::new(&arg(1)))?;
        log.record(|out| {
            writeln!(out, "first half")?;
            println!("in the middle of a record");
            wait_for_the_test();
            writeln!(out, "second half")
        })?;
        println!("between two records");
        wait_for_the_test();
        log.append(&["second record"])?;
        println!("done");
        Ok(())
    }),
}

fn start(worker: &str, args: &[&str]) -> Reaper {
    Reaper::new(
        Command::new(course_check::worker_program(worker))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("could not start a worker process"),
    )
}

/// Waits for a worker; its exit status and what it printed on stderr.
fn ending(mut child: Reaper) -> (std::process::ExitStatus, String) {
    drop(child.child().stdin.take());
    let out = child
        .take()
        .wait_with_output()
        .expect("could not wait for a worker");
    let said = String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(|l| format!("\n  it said: {l}"))
        .collect::<String>();
    (out.status, said)
}

fn finish(child: Reaper, what: &str) {
    let (status, said) = ending(child);
    assert!(
        status.success(),
        "{what} should append its records and end with success, but it ended with {status}{said}"
    );
}

fn log_path(scratch: &ScratchDir) -> PathBuf {
    scratch.path().join("shared.log")
}

fn text_of(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn a_record_waits_for_the_lock() {
    check("ep10_log", || {
        let scratch = ScratchDir::new("waits");
        let path = log_path(&scratch);
        // The test holds a shared lock on the log, as a reader would: a
        // writer must wait for it with an exclusive lock.
        let reader = File::create(&path).expect("could not make the log file");
        reader
            .lock_shared()
            .expect("the test could not lock the log file");
        let mut child = start("ep10_log_once", &[path.to_str().unwrap(), "w1"]);
        let seen = wait_until_waiting_for_a_lock(child.child(), || !text_of(&path).is_empty());
        if seen == LockSeen::Ended {
            let (status, said) = ending(child);
            panic!(
                "while the test held a shared lock on the log file, the worker (Log::open, then \
                 append) ended with {status} without writing its record; it should have waited \
                 for the lock{said}"
            );
        }
        assert_eq!(
            seen,
            LockSeen::Waiting,
            "while the test held a shared lock on the log file, a worker appended a record \
             without waiting (the log now holds {:?}): record should take the file's exclusive \
             lock with File::lock, which waits until no one else holds any lock on it",
            text_of(&path)
        );
        reader
            .unlock()
            .expect("the test could not unlock the log file");
        finish(child, "the worker");
        assert_eq!(
            text_of(&path),
            "w1 begins\nw1 goes on\nw1 ends\n",
            "once the test let go of the lock, the waiting worker should have appended its record"
        );
    });
}

/// Reads the worker's next line, which must be `want`; if the worker ended
/// instead, says how (with what it printed on stderr).
fn expect_line(
    child: &mut Option<Reaper>,
    from: &mut BufReader<ChildStdout>,
    want: &str,
    before: &str,
) {
    let mut line = String::new();
    let _ = from.read_line(&mut line);
    if line.is_empty() {
        let (status, said) = ending(child.take().expect("the worker is still ours"));
        panic!(
            "the worker (which writes a record in two halves with Log::record) should have said \
             {want:?} {before}, but it ended with {status} first{said}"
        );
    }
    assert_eq!(
        line.trim_end(),
        want,
        "the worker should have said {want:?} {before}"
    );
}

/// Tries to take the exclusive lock on `path` at once. `true` if it was
/// free (and releases it again).
fn lock_is_free(path: &Path) -> bool {
    let probe = File::open(path).expect("could not open the log file");
    match probe.try_lock() {
        Ok(()) => {
            probe.unlock().expect("could not unlock");
            true
        }
        Err(TryLockError::WouldBlock) => false,
        Err(TryLockError::Error(e)) => panic!("could not try the lock on the log file: {e}"),
    }
}

#[test]
fn the_lock_is_held_for_the_whole_record_and_no_longer() {
    check("ep10_log", || {
        let scratch = ScratchDir::new("held");
        let path = log_path(&scratch);
        let mut child = Some(start("ep10_log_pauses", &[path.to_str().unwrap()]));
        let worker = child.as_mut().expect("just started");
        let mut to_child = worker.child().stdin.take().expect("stdin is piped");
        let mut from_child = BufReader::new(worker.child().stdout.take().expect("stdout is piped"));

        expect_line(
            &mut child,
            &mut from_child,
            "in the middle of a record",
            "halfway through its first record",
        );
        assert!(
            !lock_is_free(&path),
            "halfway through a record (between its two writes), the test could take the log \
             file's lock: record should hold the exclusive lock from before it calls the closure \
             until the closure has returned. (A guard dropped at once, as in `let _ = guard;`, \
             releases it too early: name it `_locked`.)"
        );
        writeln!(to_child, "go on").expect("could not tell the worker to go on");

        expect_line(
            &mut child,
            &mut from_child,
            "between two records",
            "after its first record",
        );
        assert!(
            lock_is_free(&path),
            "between two records the log file's lock should be free, so other processes can \
             write theirs; the worker still held it: take the lock in record, not in open, and \
             release it when the record is written"
        );
        writeln!(to_child, "go on").expect("could not tell the worker to go on");

        expect_line(
            &mut child,
            &mut from_child,
            "done",
            "after its second record",
        );
        finish(child.expect("the worker is still ours"), "the worker");
        assert_eq!(
            text_of(&path),
            "first half\nsecond half\nsecond record\n",
            "the log should hold the two records, the first in its two halves"
        );
    });
}

#[test]
fn records_from_many_processes_stay_whole() {
    check("ep10_log", || {
        let scratch = ScratchDir::new("many");
        let path = log_path(&scratch);
        let (writers, records) = (3, 150);
        let children: Vec<Reaper> = (0..writers)
            .map(|w| {
                start(
                    "ep10_log_many",
                    &[
                        path.to_str().unwrap(),
                        &format!("w{w}"),
                        &records.to_string(),
                    ],
                )
            })
            .collect();
        for (w, child) in children.into_iter().enumerate() {
            finish(child, &format!("worker w{w}"));
        }
        let text = text_of(&path);
        let lines: Vec<&str> = text.lines().collect();
        let mut seen = std::collections::HashSet::new();
        for (k, record) in lines.chunks(3).enumerate() {
            let first = record[0];
            let head = first.strip_suffix(" 1/3").unwrap_or_else(|| {
                panic!(
                    "record {k} of the log should start with a line \"wN rM 1/3\", but it starts \
                     with {first:?}: records from different processes got mixed"
                )
            });
            let want: Vec<String> = (1..=3).map(|p| format!("{head} {p}/3")).collect();
            assert_eq!(
                record, want,
                "record {k} of the log is not whole: lines of records from different processes got mixed"
            );
            assert!(
                seen.insert(head.to_string()),
                "the record {head:?} is in the log twice"
            );
        }
        assert_eq!(
            seen.len(),
            writers * records,
            "{writers} processes wrote {records} records each, but the log holds {} whole records \
             (is the file opened in append mode? Without it, processes write over each other)",
            seen.len()
        );
    });
}

#[test]
fn a_second_log_appends_instead_of_overwriting() {
    check("ep10_log", || {
        let scratch = ScratchDir::new("append");
        let fresh = scratch.path().join("fresh.log");
        drop(Log::open(&fresh).expect("Log::open should create a missing file"));
        assert!(
            fresh.exists(),
            "Log::open on a missing file should create it"
        );

        let path = log_path(&scratch);
        fs::write(&path, "already there\n").expect("could not write the log file");
        let mut one = Log::open(&path).expect("Log::open failed");
        one.append(&["one"]).expect("append failed");
        let mut two = Log::open(&path).expect("a second Log::open of the same file failed");
        two.append(&["two"]).expect("append failed");
        one.append(&["three"]).expect("append failed");
        drop((one, two));
        Log::open(&path)
            .and_then(|mut again| again.append(&["four"]))
            .expect("opening the log again and appending failed");
        assert_eq!(
            text_of(&path),
            "already there\none\ntwo\nthree\nfour\n",
            "every record should go to the end of the file, after what is there already, \
             whichever Log writes it: open the file in append mode (OpenOptions::new()\
             .append(true).create(true)), never truncate it or write from the start"
        );
    });
}

#[test]
fn a_failed_or_panicking_record_releases_the_lock() {
    check("ep10_log", || {
        let scratch = ScratchDir::new("released");
        let path = log_path(&scratch);
        let mut log = Log::open(&path).expect("Log::open failed");

        let failed = log.record(|out| {
            writeln!(out, "a record that fails halfway")?;
            Err(io::Error::other("the disk is full (pretend)"))
        });
        assert!(
            failed
                .as_ref()
                .is_err_and(|e| e.to_string().contains("the disk is full")),
            "record should return the closure's error, got {failed:?}"
        );
        assert!(
            lock_is_free(&path),
            "after a record whose closure returned an error, the lock is still held, so every \
             other process would wait for ever: release it however record ends (a guard whose \
             Drop unlocks does it; a `?` before the unlock skips it)"
        );

        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = log.record(|_| panic!("a record closure that panics (the test means it)"));
        }));
        assert!(
            panicked.is_err(),
            "the closure's panic should come out of record"
        );
        assert!(
            lock_is_free(&path),
            "after a record whose closure panicked, the lock is still held: unlock in the Drop \
             of a guard, which runs while the panic unwinds, as Python's `with lock:` does"
        );
        log.append(&["after"])
            .expect("the log should still work after a failed record");
        assert!(
            text_of(&path).ends_with("after\n"),
            "the record \"after\" should be at the end of the log"
        );
    });
}
