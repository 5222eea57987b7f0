//! Tests of exercise `ep05_timeout`: `cargo test -p exercises --test ep05_timeout`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep05_timeout);
#[path = "support/ep05.rs"]
mod support;

use crate::ep05_timeout::{Outcome, wait_with_deadline};
use crate::support::support::assert_reaped;
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
    check("ep05_timeout", || {
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
    check("ep05_timeout", || {
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
    check("ep05_timeout", || {
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
    check("ep05_timeout", || {
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
