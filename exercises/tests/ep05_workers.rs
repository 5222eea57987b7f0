//! Tests of exercise `ep05_workers`: `cargo test -p exercises --test ep05_workers`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep05_workers);
#[path = "support/ep05.rs"]
mod support;

use crate::ep05_workers::{Report, run_workers, work};
use crate::support::support::{ScratchDir, assert_reaped};
use course_check::{Reaper, check};
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};

// The worker program: this test program, started as `ep05_workers`, runs
// your `worker_main` with its arguments.
course_check::workers! {
    "ep05_workers" => || {
        let args: Vec<String> = std::env::args().skip(1).collect();
        crate::ep05_workers::worker_main(&args)
    },
}

fn helper() -> std::path::PathBuf {
    course_check::worker_program("ep05_workers")
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
    check("ep05_workers", || {
        let (pid, out) = run_helper(&["--worker", "7"]);
        assert!(
            out.status.success(),
            "`ep05_workers --worker 7` should succeed, but ended with {}; its stderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            text,
            format!("{pid} {}\n", work(7)),
            "`ep05_workers --worker 7` should print one line: its own pid (std::process::id()), a space, and work(7)"
        );
    });
}

#[test]
fn the_worker_refuses_other_arguments() {
    check("ep05_workers", || {
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
            assert!(
                !out.stderr.is_empty(),
                "the worker program run with {args:?} should say on its standard error what is wrong \
                 (eprintln!), but printed nothing there"
            );
        }
    });
}

#[test]
fn answers_come_back_in_worker_order() {
    check("ep05_workers", || {
        let reports = run_workers(&helper(), 5).expect("run_workers should succeed");
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
    check("ep05_workers", || {
        let reports = run_workers(&helper(), 4).expect("run_workers should succeed");
        assert_eq!(reports.len(), 4, "expected 4 reports, got {reports:?}");
        check_pids(&reports, 4);
    });
}

#[test]
fn no_workers_no_reports() {
    check("ep05_workers", || {
        let reports = run_workers(&helper(), 0).expect("run_workers(_, 0) should succeed");
        assert!(
            reports.is_empty(),
            "0 workers give 0 reports, got {reports:?}"
        );
    });
}

#[cfg(unix)]
#[test]
fn workers_run_at_the_same_time_and_may_finish_in_any_order() {
    check("ep05_workers", || {
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
            give_up = crate::support::support::seconds_from_now(4),
        );
        let program = crate::support::support::script(dir, "chain-worker", &body);
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
    check("ep05_workers", || {
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
            give_up = crate::support::support::seconds_from_now(4),
        );
        let program = crate::support::support::script(dir, "failing-worker", &body);
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

/// Runs `run_workers` on a script whose workers first write their pid to
/// `DIR/pid.INDEX`, then run `body` (`$i` is the index, `$$` the pid). In
/// `body`, `wait_all` waits until every worker has written its pid (it
/// gives up after a few seconds). Checks that all `n` were started and
/// that none is left behind.
#[cfg(unix)]
fn run_script_workers(name: &str, n: usize, body: &str) -> std::io::Result<Vec<Report>> {
    let scratch = ScratchDir::new(name);
    let dir = scratch.path();
    let script = format!(
        r#"dir='{dir}'; i="$2"; echo $$ > "$dir/pid.$i.tmp"; mv "$dir/pid.$i.tmp" "$dir/pid.$i"
wait_all() {{
  j=0
  while [ "$j" -lt {n} ]; do
    while [ ! -e "$dir/pid.$j" ] && [ "$(date +%s)" -le {give_up} ]; do sleep 0.01; done
    j=$((j + 1))
  done
}}
{body}"#,
        dir = dir.display(),
        give_up = crate::support::support::seconds_from_now(4),
    );
    let program = crate::support::support::script(dir, name, &script);
    let result = run_workers(&program, n);
    let pids: Vec<u32> = (0..n)
        .filter_map(|i| std::fs::read_to_string(dir.join(format!("pid.{i}"))).ok())
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    assert_eq!(
        pids.len(),
        n,
        "all {n} workers should have been started, all at once (start every worker before you wait for any), \
         got {result:?}"
    );
    for pid in pids {
        assert_reaped(pid, "a worker");
    }
    result
}

#[cfg(unix)]
#[test]
fn a_worker_that_answers_but_fails_is_an_error() {
    check("ep05_workers", || {
        // Worker 1 prints a proper answer, then (once all have started)
        // exits with code 3.
        let result = run_script_workers(
            "answer-then-fail",
            3,
            r#"echo "$$ 5"; if [ "$i" = 1 ]; then wait_all; exit 3; fi"#,
        );
        assert!(
            result.is_err(),
            "worker 1 printed an answer but exited with code 3: a worker that fails is an error, \
             whatever it printed, so run_workers should return Err, got {result:?}"
        );
    });
}

#[cfg(unix)]
#[test]
fn a_worker_that_prints_something_else_is_an_error() {
    check("ep05_workers", || {
        // Worker 1 (once all have started) prints a greeting, not
        // `PID ANSWER`, and exits with success.
        let result = run_script_workers(
            "prints-else",
            3,
            r#"if [ "$i" = 1 ]; then wait_all; echo "hello there"; else echo "$$ 5"; fi"#,
        );
        assert!(
            result.is_err(),
            "worker 1 printed \"hello there\", not `PID ANSWER`: run_workers should return Err, \
             not skip that worker or make up an answer, got {result:?}"
        );
    });
}

#[test]
fn a_program_that_cannot_be_started_is_an_error() {
    check("ep05_workers", || {
        let result = run_workers(Path::new("ep05-no-such-program"), 2);
        assert!(
            result.is_err(),
            "the program ep05-no-such-program does not exist, so no worker can be started: \
             run_workers should return Err (pass spawn's error on with `?`), got {result:?}"
        );
    });
}
