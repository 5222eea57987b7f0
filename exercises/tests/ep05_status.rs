//! Tests of exercise `ep05_status`: `cargo test -p exercises --test ep05_status`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep05_status);

use crate::ep05_status::{Ending, ending, run};
use course_check::check;
use std::process::Command;

#[test]
fn reads_the_exit_code() {
    check("ep05_status", || {
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
    check("ep05_status", || {
        let got = run("echo", &["hello", "processes"]).expect("echo should start");
        assert_eq!(
            got,
            (Ending::Code(0), "hello processes\n".to_string()),
            "`echo hello processes` prints that line and exits with code 0; \
             each argument goes in as its own string (no shell splitting)"
        );
        let got = run("sh", &["-c", "echo out; echo err >&2; exit 1"]).expect("sh should start");
        assert_eq!(
            got,
            (Ending::Code(1), "out\n".to_string()),
            "the answer holds the child's standard output (\"out\"), not its standard error (\"err\")"
        );
    });
}

#[test]
fn a_child_that_prints_a_lot_is_read_to_the_end() {
    check("ep05_status", || {
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
    check("ep05_status", || {
        let got = run("sh", &["-c", "kill -KILL $$"]).expect("sh should start");
        assert_eq!(
            got,
            (Ending::Signal(9), String::new()),
            "a shell that sends itself SIGKILL has no exit code: it ended by signal 9"
        );
        let got =
            run("sh", &["-c", "echo before; kill -TERM $$; echo after"]).expect("sh should start");
        assert_eq!(
            got,
            (Ending::Signal(15), "before\n".to_string()),
            "this shell prints \"before\", then SIGTERM (15) ends it: expected Signal(15) and \"before\\n\""
        );
    });
}

#[test]
fn ending_reads_a_status() {
    check("ep05_status", || {
        let status = Command::new("sh")
            .args(["-c", "exit 42"])
            .status()
            .expect("sh should start");
        assert_eq!(
            ending(status),
            Ending::Code(42),
            "`sh -c 'exit 42'` ended with code 42"
        );
        #[cfg(unix)]
        {
            let status = Command::new("sh")
                .args(["-c", "kill -KILL $$"])
                .status()
                .expect("sh should start");
            assert_eq!(
                ending(status),
                Ending::Signal(9),
                "`sh -c 'kill -KILL $$'` was ended by signal 9 (SIGKILL) and has no exit code"
            );
        }
    });
}

#[test]
fn a_missing_program_is_an_error_not_a_panic() {
    check("ep05_status", || {
        let got = run("ep05-no-such-program", &[]);
        assert!(
            got.is_err(),
            "a program that does not exist cannot be started: run should return Err, got {got:?}"
        );
    });
}
