//! Tests of exercise `ep05_pipe`: `cargo test -p exercises --test ep05_pipe`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep05_pipe);
#[path = "support/ep05.rs"]
mod support;

use crate::ep05_pipe::pipe_through;
use crate::support::support::{ScratchDir, assert_reaped};
use course_check::check;

#[test]
fn sort_sorts_what_we_send() {
    check("ep05_pipe", || {
        let got = pipe_through("sort", &[], "pear\napple\nfig\n").expect("sort should run");
        assert_eq!(
            got, "apple\nfig\npear\n",
            "the three lines sent to `sort` should come back sorted"
        );
    });
}

#[test]
fn arguments_reach_the_program_and_stdin_is_closed() {
    check("ep05_pipe", || {
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
    check("ep05_pipe", || {
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
    check("ep05_pipe", || {
        let got = pipe_through("sh", &["-c", "cat > /dev/null; exit 1"], "some input\n");
        assert!(
            got.is_err(),
            "the program exited with code 1, so pipe_through should return Err, got {got:?}"
        );
        let got = pipe_through("ep05-no-such-program", &[], "x");
        assert!(
            got.is_err(),
            "a program that does not exist cannot be started: expected Err, got {got:?}"
        );
    });
}

#[cfg(unix)]
#[test]
fn output_that_is_not_utf8_is_an_error_and_the_child_is_reaped() {
    check("ep05_pipe", || {
        // The child writes its pid to a file, then prints two bytes that
        // are not UTF-8 (octal 377 and 376) and exits with success.
        let scratch = ScratchDir::new("not-utf8");
        let pid_file = scratch.path().join("pid");
        let got = pipe_through(
            "sh",
            &[
                "-c",
                r#"echo $$ > "$1"; printf '\377\376'"#,
                "sh",
                pid_file.to_str().expect("the scratch path is UTF-8"),
            ],
            "",
        );
        assert!(
            got.is_err(),
            "the child printed the bytes FF FE, which are not UTF-8: pipe_through should return Err \
             (String::from_utf8 says so; from_utf8_lossy hides it), got {got:?}"
        );
        let pid: u32 = std::fs::read_to_string(&pid_file)
            .expect("the child should have written its pid")
            .trim()
            .parse()
            .expect("the child's pid file should hold a number");
        assert_reaped(pid, "the child whose output was not UTF-8");
    });
}
