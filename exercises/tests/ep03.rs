//! Tests for episode 3: `cargo test -p exercises --test ep03`.
//! The same file tests solutions/ (see solutions/Cargo.toml).
//!
//! These tests start programs found on every Unix system (sh, echo, sleep,
//! sort, tr, cat) and read /proc on Linux to find out whether a child was
//! waited for.

/// Helpers shared by the tests of this episode.
mod support {
    use std::fs;
    use std::path::PathBuf;
    use std::process::Command;
    use std::thread;
    use std::time::Duration;

    /// If `pid` is still a child of this test process (running, or a zombie
    /// that was never waited for), its state letter from /proc (`Z` for a
    /// zombie); `None` if it is gone (it was reaped) or /proc is missing.
    pub fn still_our_child(pid: u32) -> Option<char> {
        let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map(str::trim)
        };
        let ppid: u32 = field("PPid:")?.parse().ok()?;
        if ppid != std::process::id() {
            return None; // the pid now belongs to someone else's process
        }
        field("State:")?.chars().next()
    }

    /// Fails with a clear message if `pid` was not waited for.
    pub fn assert_reaped(pid: u32, what: &str) {
        let mut state = still_our_child(pid);
        // A child that was just killed takes a moment to become a zombie;
        // look again for up to two seconds before calling it "running".
        // (A child that was waited for is gone at once.)
        for _ in 0..200 {
            match state {
                Some(s) if s != 'Z' => {
                    thread::sleep(Duration::from_millis(10));
                    state = still_our_child(pid);
                }
                _ => break,
            }
        }
        match state {
            None => {}
            Some('Z') => panic!(
                "{what} (pid {pid}) has ended but was never waited for: it is a zombie. \
                 Call wait() (or wait_with_output, try_wait until it returns Some) on every child"
            ),
            Some(state) => {
                // Do not leave it behind after the test.
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
                panic!(
                    "{what} (pid {pid}) is still running (state {state}) after the function returned: \
                     it should have been killed and waited for"
                )
            }
        }
    }

    /// The Unix time (whole seconds) `secs` seconds from now: when a test
    /// script stops waiting for something that is not going to happen.
    pub fn seconds_from_now(secs: u64) -> u64 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("the clock is before 1970");
        now.as_secs() + secs
    }

    /// A fresh, empty scratch folder for one test, removed when dropped
    /// (also when the test fails).
    pub struct ScratchDir(PathBuf);

    impl ScratchDir {
        pub fn new(name: &str) -> ScratchDir {
            let dir =
                std::env::temp_dir().join(format!("course-ep03-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("could not make a scratch folder");
            ScratchDir(dir)
        }

        pub fn path(&self) -> &std::path::Path {
            &self.0
        }
    }

    impl Drop for ScratchDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// Writes an executable shell script `dir/name` whose body is `body`.
    /// Run with `--probe` it exits at once: we run it that way until it
    /// starts, because a program that was just written can be "busy"
    /// (ETXTBSY) for a moment while another test thread starts a process.
    #[cfg(unix)]
    pub fn script(dir: &std::path::Path, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        let text = format!("#!/bin/sh\nif [ \"$1\" = --probe ]; then exit 0; fi\n{body}\n");
        fs::write(&path, text).expect("could not write a test script");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755))
            .expect("could not make the test script executable");
        for _ in 0..200 {
            match Command::new(&path).arg("--probe").status() {
                Ok(_) => return path,
                Err(e) if e.raw_os_error() == Some(26) => thread::sleep(Duration::from_millis(5)),
                Err(e) => panic!("could not run the test script {}: {e}", path.display()),
            }
        }
        panic!("the test script {} stayed busy", path.display());
    }
}

mod ep03_status {
    use course::ep03_status::{Ending, ending, run};
    use course_check::check;
    use std::process::Command;

    #[test]
    fn reads_the_exit_code() {
        check("ep03_status", || {
            let got = run("sh", &["-c", "exit 3"]).expect("`sh -c 'exit 3'` should start");
            assert_eq!(
                got,
                (Ending::Code(3), String::new()),
                "`sh -c 'exit 3'` exits with code 3 and prints nothing"
            );
            let got = run("sh", &["-c", "exit 0"]).expect("`sh -c 'exit 0'` should start");
            assert_eq!(
                got.0,
                Ending::Code(0),
                "`sh -c 'exit 0'` exits with code 0 (success)"
            );
        });
    }

    #[test]
    fn captures_standard_output_only() {
        check("ep03_status", || {
            let got = run("echo", &["hello", "processes"]).expect("echo should start");
            assert_eq!(
                got,
                (Ending::Code(0), "hello processes\n".to_string()),
                "`echo hello processes` prints that line and exits with code 0; \
                 each argument goes in as its own string (no shell splitting)"
            );
            let got =
                run("sh", &["-c", "echo out; echo err >&2; exit 1"]).expect("sh should start");
            assert_eq!(
                got,
                (Ending::Code(1), "out\n".to_string()),
                "the answer holds the child's standard output (\"out\"), not its standard error (\"err\")"
            );
        });
    }

    #[test]
    fn a_child_that_prints_a_lot_is_read_to_the_end() {
        check("ep03_status", || {
            // About 600 KB, far more than a pipe holds: a parent that waits
            // before it reads never sees the child finish.
            let (end, out) = run("seq", &["1", "100000"]).expect("seq should start");
            assert_eq!(end, Ending::Code(0), "`seq 1 100000` exits with code 0");
            assert_eq!(
                out.lines().count(),
                100_000,
                "`seq 1 100000` prints 100000 lines; all of them should be in the answer"
            );
            assert_eq!(
                out.lines().last(),
                Some("100000"),
                "the last line is 100000"
            );
        });
    }

    #[cfg(unix)]
    #[test]
    fn a_child_ended_by_a_signal_reports_the_signal() {
        check("ep03_status", || {
            let got = run("sh", &["-c", "kill -KILL $$"]).expect("sh should start");
            assert_eq!(
                got,
                (Ending::Signal(9), String::new()),
                "a shell that sends itself SIGKILL has no exit code: it ended by signal 9"
            );
            let got = run("sh", &["-c", "echo before; kill -TERM $$; echo after"])
                .expect("sh should start");
            assert_eq!(
                got,
                (Ending::Signal(15), "before\n".to_string()),
                "this shell prints \"before\", then SIGTERM (15) ends it: expected Signal(15) and \"before\\n\""
            );
        });
    }

    #[test]
    fn ending_reads_a_status() {
        check("ep03_status", || {
            let status = Command::new("sh")
                .args(["-c", "exit 42"])
                .status()
                .expect("sh should start");
            assert_eq!(
                ending(status),
                Ending::Code(42),
                "`sh -c 'exit 42'` ended with code 42"
            );
        });
    }

    #[test]
    fn a_missing_program_is_an_error_not_a_panic() {
        check("ep03_status", || {
            let got = run("ep03-no-such-program", &[]);
            assert!(
                got.is_err(),
                "a program that does not exist cannot be started: run should return Err, got {got:?}"
            );
        });
    }
}

mod ep03_pipe {
    use course::ep03_pipe::pipe_through;
    use course_check::check;

    #[test]
    fn sort_sorts_what_we_send() {
        check("ep03_pipe", || {
            let got = pipe_through("sort", &[], "pear\napple\nfig\n").expect("sort should run");
            assert_eq!(
                got, "apple\nfig\npear\n",
                "the three lines sent to `sort` should come back sorted"
            );
        });
    }

    #[test]
    fn arguments_reach_the_program_and_stdin_is_closed() {
        check("ep03_pipe", || {
            // tr only finishes when its input ends: if stdin is never
            // closed, it waits for ever (and the watchdog reports a hang).
            let got = pipe_through("tr", &["a-z", "A-Z"], "hello, child\n").expect("tr should run");
            assert_eq!(
                got, "HELLO, CHILD\n",
                "`tr a-z A-Z` should turn the input into capitals"
            );
            let got = pipe_through("cat", &[], "").expect("cat should run");
            assert_eq!(got, "", "nothing in, nothing out");
        });
    }

    #[test]
    fn a_big_input_does_not_deadlock() {
        check("ep03_pipe", || {
            // About 1.5 MB through cat. cat writes as it reads, so if all
            // the input is written before any output is read, both sides
            // wait for ever: write from a second thread.
            let input: String = (0..150_000).map(|i| format!("line {i:>4}\n")).collect();
            let got = pipe_through("cat", &[], &input).expect("cat should run");
            assert!(
                got == input,
                "cat should give back exactly what it was sent ({} bytes), got {} bytes",
                input.len(),
                got.len()
            );
        });
    }

    #[test]
    fn a_failing_or_missing_program_is_an_error() {
        check("ep03_pipe", || {
            let got = pipe_through("sh", &["-c", "cat > /dev/null; exit 1"], "some input\n");
            assert!(
                got.is_err(),
                "the program exited with code 1, so pipe_through should return Err, got {got:?}"
            );
            let got = pipe_through("ep03-no-such-program", &[], "x");
            assert!(
                got.is_err(),
                "a program that does not exist cannot be started: expected Err, got {got:?}"
            );
        });
    }
}

mod ep03_workers {
    use super::support::{ScratchDir, assert_reaped};
    use course::ep03_workers::{Report, run_workers, work};
    use course_check::{Reaper, check};
    use std::collections::HashSet;
    use std::path::Path;
    use std::process::{Command, Output, Stdio};

    fn helper() -> &'static Path {
        Path::new(course::helper_bin!("ep03_workers"))
    }

    /// Runs the worker program once with `args` and returns what it did.
    fn run_helper(args: &[&str]) -> (u32, Output) {
        let child = Command::new(helper())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("could not start the worker program");
        let mut reaper = Reaper::new(child);
        let pid = reaper.child().id();
        let output = reaper
            .take()
            .wait_with_output()
            .expect("could not wait for the worker program");
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("not yet implemented") {
            // The stub's todo!() ran in the worker program.
            panic!("the worker program stopped at a todo!(): {}", stderr.trim());
        }
        (pid, output)
    }

    fn check_pids(reports: &[Report], n: usize) {
        let pids: HashSet<u32> = reports.iter().map(|r| r.pid).collect();
        assert_eq!(
            pids.len(),
            n,
            "each of the {n} workers should be its own process with its own pid, got {reports:?}"
        );
        assert!(
            !pids.contains(&std::process::id()),
            "a worker reported the pid of the test process itself: the work must run in child processes"
        );
        for r in reports {
            assert_reaped(r.pid, "a worker");
        }
    }

    #[test]
    fn the_worker_prints_its_pid_and_answer() {
        check("ep03_workers", || {
            let (pid, out) = run_helper(&["--worker", "7"]);
            assert!(
                out.status.success(),
                "`ep03_workers --worker 7` should succeed, but ended with {}; its stderr: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8_lossy(&out.stdout);
            assert_eq!(
                text,
                format!("{pid} {}\n", work(7)),
                "`ep03_workers --worker 7` should print one line: its own pid (std::process::id()), a space, and work(7)"
            );
        });
    }

    #[test]
    fn the_worker_refuses_other_arguments() {
        check("ep03_workers", || {
            for args in [
                &[][..],
                &["--worker"][..],
                &["--worker", "seven"][..],
                &["--work", "7"][..],
                &["--worker", "1", "--worker", "2"][..],
            ] {
                let (_, out) = run_helper(args);
                assert_eq!(
                    out.status.code(),
                    Some(2),
                    "the worker program run with {args:?} should refuse with exit code 2 \
                     (it only accepts exactly `--worker INDEX`)"
                );
                assert!(
                    out.stdout.is_empty(),
                    "the worker program run with {args:?} should print no answer, but printed {:?}",
                    String::from_utf8_lossy(&out.stdout)
                );
            }
        });
    }

    #[test]
    fn answers_come_back_in_worker_order() {
        check("ep03_workers", || {
            let reports = run_workers(helper(), 5).expect("run_workers should succeed");
            let answers: Vec<u64> = reports.iter().map(|r| r.answer).collect();
            let want: Vec<u64> = (0..5).map(work).collect();
            assert_eq!(
                answers, want,
                "with 5 workers, report i should hold worker i's answer, work(i)"
            );
        });
    }

    #[test]
    fn every_worker_is_its_own_process_and_is_waited_for() {
        check("ep03_workers", || {
            let reports = run_workers(helper(), 4).expect("run_workers should succeed");
            assert_eq!(reports.len(), 4, "expected 4 reports, got {reports:?}");
            check_pids(&reports, 4);
        });
    }

    #[test]
    fn no_workers_no_reports() {
        check("ep03_workers", || {
            let reports = run_workers(helper(), 0).expect("run_workers(_, 0) should succeed");
            assert!(
                reports.is_empty(),
                "0 workers give 0 reports, got {reports:?}"
            );
        });
    }

    #[cfg(unix)]
    #[test]
    fn workers_run_at_the_same_time_and_may_finish_in_any_order() {
        check("ep03_workers", || {
            // Worker i only answers after worker i+1 has finished, so they
            // finish last to first. That works only if all of them are
            // running at once; started one by one, worker 0 waits in vain
            // and gives up with exit code 1.
            let scratch = ScratchDir::new("chain");
            let dir = scratch.path();
            let body = format!(
                r#"dir='{dir}'; n=4; i="$2"; next=$((i + 1))
if [ "$next" -lt "$n" ]; then
  while [ ! -e "$dir/done.$next" ]; do
    if [ "$(date +%s)" -gt {give_up} ]; then echo "worker $i: worker $next never finished" >&2; exit 1; fi
    sleep 0.01
  done
fi
echo "$$ $((i * 100 + 7))"
: > "$dir/done.$i""#,
                dir = dir.display(),
                give_up = super::support::seconds_from_now(4),
            );
            let program = super::support::script(dir, "chain-worker", &body);
            let reports = run_workers(&program, 4).expect(
                "run_workers failed. Here worker i waits for worker i+1 to finish first: \
                 start every worker before you wait for any",
            );
            let answers: Vec<u64> = reports.iter().map(|r| r.answer).collect();
            assert_eq!(
                answers,
                vec![7, 107, 207, 307],
                "these workers finish last to first, but report i must still be worker i's answer"
            );
            check_pids(&reports, 4);
        });
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_worker_is_an_error_and_leaves_no_process_behind() {
        check("ep03_workers", || {
            // Worker 0 answers, worker 1 fails once worker 2 has started,
            // worker 2 would sleep for 30 s. Each writes its pid to a file.
            let scratch = ScratchDir::new("failing");
            let dir = scratch.path();
            let body = format!(
                r#"dir='{dir}'; i="$2"; echo $$ > "$dir/pid.$i.tmp"; mv "$dir/pid.$i.tmp" "$dir/pid.$i"
case "$i" in
  0) echo "$$ 5" ;;
  1) while [ ! -e "$dir/pid.2" ] && [ "$(date +%s)" -le {give_up} ]; do sleep 0.01; done
     exit 1 ;;
  *) exec sleep 30 ;;
esac"#,
                dir = dir.display(),
                give_up = super::support::seconds_from_now(4),
            );
            let program = super::support::script(dir, "failing-worker", &body);
            let result = run_workers(&program, 3);
            let pids: Vec<u32> = (0..3)
                .filter_map(|i| std::fs::read_to_string(dir.join(format!("pid.{i}"))).ok())
                .filter_map(|s| s.trim().parse().ok())
                .collect();
            assert!(
                result.is_err(),
                "worker 1 exited with code 1, so run_workers should return Err, got {result:?}"
            );
            assert_eq!(
                pids.len(),
                3,
                "all three workers should have been started, all at the same time"
            );
            for pid in pids {
                assert_reaped(
                    pid,
                    "after a worker failed, a worker that was still running or had ended",
                );
            }
        });
    }
}

mod ep03_timeout {
    use super::support::assert_reaped;
    use course::ep03_timeout::{Outcome, wait_with_deadline};
    use course_check::{Reaper, check};
    use std::process::Command;
    use std::time::{Duration, Instant};

    fn start(program: &str, args: &[&str]) -> Reaper {
        Reaper::new(
            Command::new(program)
                .args(args)
                .spawn()
                .expect("could not start the test's child"),
        )
    }

    #[test]
    fn a_child_past_its_deadline_is_killed_and_reaped() {
        check("ep03_timeout", || {
            let mut child = start("sleep", &["30"]);
            let pid = child.child().id();
            let began = Instant::now();
            let outcome = wait_with_deadline(child.child(), Duration::from_millis(200))
                .expect("waiting should not fail");
            let took = began.elapsed();
            assert_eq!(
                outcome,
                Outcome::TimedOut,
                "`sleep 30` cannot finish within 200 ms: expected TimedOut"
            );
            assert!(
                took < Duration::from_secs(5),
                "with a 200 ms deadline, wait_with_deadline took {took:?}: it should kill the child at the deadline, not wait for it to end"
            );
            assert_reaped(pid, "the child that ran past its deadline");
        });
    }

    #[test]
    fn a_zero_deadline_still_kills_and_reaps() {
        check("ep03_timeout", || {
            let mut child = start("sleep", &["30"]);
            let pid = child.child().id();
            let outcome =
                wait_with_deadline(child.child(), Duration::ZERO).expect("waiting should not fail");
            assert_eq!(
                outcome,
                Outcome::TimedOut,
                "a deadline of zero has passed at once: expected TimedOut"
            );
            assert_reaped(pid, "the child given a zero deadline");
        });
    }

    #[test]
    fn a_child_that_ends_in_time_gives_its_status_at_once() {
        check("ep03_timeout", || {
            let mut child = start("sh", &["-c", "exit 4"]);
            let pid = child.child().id();
            let began = Instant::now();
            let outcome = wait_with_deadline(child.child(), Duration::from_secs(5))
                .expect("waiting should not fail");
            let took = began.elapsed();
            match outcome {
                Outcome::Finished(status) => assert_eq!(
                    status.code(),
                    Some(4),
                    "`sh -c 'exit 4'` ended with code 4, got {status}"
                ),
                Outcome::TimedOut => {
                    panic!(
                        "`sh -c 'exit 4'` ends at once, well within 5 s: expected Finished, got TimedOut"
                    )
                }
            }
            assert!(
                took < Duration::from_secs(3),
                "the child ended at once but wait_with_deadline (with a 5 s deadline) returned only after {took:?}: \
                 return as soon as the child has ended, not at the deadline"
            );
            assert_reaped(pid, "the child that ended in time");
        });
    }

    #[cfg(unix)]
    #[test]
    fn a_signal_is_not_a_timeout() {
        check("ep03_timeout", || {
            use std::os::unix::process::ExitStatusExt;
            let mut child = start("sh", &["-c", "kill -TERM $$"]);
            let outcome = wait_with_deadline(child.child(), Duration::from_secs(5))
                .expect("waiting should not fail");
            match outcome {
                Outcome::Finished(status) => assert_eq!(
                    status.signal(),
                    Some(15),
                    "the child ended itself with SIGTERM (15): expected Finished with that status, got {status}"
                ),
                Outcome::TimedOut => panic!(
                    "the child ended at once (by a signal, so without an exit code): expected Finished, got TimedOut"
                ),
            }
        });
    }
}
