//! Tests of exercise `ep10_duplex`: `cargo test -p exercises --test ep10_duplex`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep10_messages, ep10_duplex);
#[path = "support/ep10.rs"]
mod support;

use crate::ep10_duplex::converse;
use crate::ep10_messages::{Msg, read_frame, write_frame};
use crate::support::{Notes, assert_reaped, leave_note};
use course_check::check;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

/// How the workers answer a question (the tests know what to expect).
fn answer(question: &Msg) -> Msg {
    match question {
        Msg::Job { id, start, end, .. } => Msg::Result {
            id: *id,
            value: end.wrapping_sub(*start) as f64,
        },
        Msg::Result { id, value } => Msg::Result {
            id: *id,
            value: value * 2.0,
        },
        Msg::Text(t) if t == "pid?" => Msg::Text(std::process::id().to_string()),
        Msg::Text(t) if t == "fds?" => {
            let link = |fd: u32| {
                std::fs::read_link(format!("/proc/self/fd/{fd}"))
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|e| format!("(unreadable: {e})"))
            };
            Msg::Text(format!("{} {}", link(0), link(1)))
        }
        Msg::Text(t) => Msg::Text(t.to_uppercase()),
        Msg::Samples(xs) => Msg::Samples(xs.iter().rev().copied().collect()),
        Msg::Stop => Msg::Stop,
    }
}

/// Answers every frame on stdin with `answer`, on stdout, until the input
/// ends cleanly; then leaves the note "ended". `Err` if reading fails.
fn serve(answers: Option<usize>) -> io::Result<()> {
    leave_note("started");
    let mut input = io::stdin().lock();
    let mut output = io::stdout().lock();
    let mut answered = 0;
    while let Some(question) = read_frame(&mut input)? {
        if answers == Some(answered) {
            // Read the question, then stop without a word.
            std::process::exit(0);
        }
        write_frame(&mut output, &answer(&question))?;
        answered += 1;
    }
    leave_note("ended");
    Ok(())
}

// Worker programs: this test program, started under these names, runs
// `serve` on its stdin and stdout (your read_frame and write_frame).
course_check::workers! {
    // Answers every question until its input ends, then exits with success.
    "ep10_answerer" => || match serve(None) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ep10_answerer: {e}");
            ExitCode::from(2)
        }
    },
    // The same, but exits with code 3 at the end.
    "ep10_answerer_fails" => || {
        let _ = serve(None);
        ExitCode::from(3)
    },
    // Answers the first question, reads the second, and exits (with
    // success) without answering it.
    "ep10_answers_once" => || match serve(Some(1)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    },
}

fn worker(name: &str) -> PathBuf {
    course_check::worker_program(name)
}

/// The one pid that left the note `what`.
fn the_pid(notes: &Notes, what: &str) -> u32 {
    let pids = notes.pids(what);
    assert_eq!(
        pids.len(),
        1,
        "converse should start the program exactly once, but {} copies of it started",
        pids.len()
    );
    pids[0]
}

#[test]
fn answers_come_back_in_question_order() {
    check("ep10_duplex", || {
        let questions = vec![
            Msg::Text("hello".to_string()),
            Msg::Job {
                id: 1,
                start: 10,
                end: 25,
                seed: 0,
            },
            Msg::Samples(vec![1.0, 2.0, 3.0]),
            Msg::Result { id: 2, value: 1.5 },
            Msg::Text("naïve\nsecond line".to_string()),
            Msg::Job {
                id: 3,
                start: 0,
                end: 1_000_000,
                seed: 9,
            },
            Msg::Stop,
            Msg::Text("last".to_string()),
        ];
        let want: Vec<Msg> = questions.iter().map(answer).collect();
        let got = converse(&worker("ep10_answerer"), &questions)
            .expect("converse with a worker that answers every question should succeed");
        assert_eq!(
            got, want,
            "the worker answers each question in turn (text in capitals, samples reversed, a job \
             with end - start, ...): the answers should come back one per question, in question order"
        );
        let none = converse(&worker("ep10_answerer"), &[])
            .expect("converse with no questions should succeed");
        assert!(none.is_empty(), "no questions, no answers; got {none:?}");
    });
}

#[test]
fn the_child_talks_over_one_socket() {
    check("ep10_duplex", || {
        let got = converse(&worker("ep10_answerer"), &[Msg::Text("fds?".to_string())])
            .expect("converse should succeed");
        let Some(Msg::Text(links)) = got.first() else {
            panic!("the worker answers \"fds?\" with one Text; converse returned {got:?}");
        };
        let (stdin, stdout) = links.split_once(' ').unwrap_or((links, ""));
        assert!(
            stdin.starts_with("socket:") && stdin == stdout,
            "the child's stdin and stdout should both be the one end of a socket pair \
             (UnixStream::pair()), so /proc shows the same socket for both; the child's \
             stdin is {stdin} and its stdout is {stdout}"
        );
    });
}

#[test]
fn big_questions_and_answers_do_not_deadlock() {
    check("ep10_duplex", || {
        // 12 questions of 256 KiB, each answered with 256 KiB: more than a
        // socket's buffer holds either way. A parent that sends every
        // question before reading any answer waits for the child, which
        // waits for the parent to read its first answer.
        let questions: Vec<Msg> = (0..12)
            .map(|q| Msg::Samples((0..32_768).map(|i| (q * 100_000 + i) as f64).collect()))
            .collect();
        let got = converse(&worker("ep10_answerer"), &questions)
            .expect("converse with big questions should succeed");
        assert_eq!(got.len(), questions.len(), "one answer per question");
        for (i, (g, q)) in got.iter().zip(&questions).enumerate() {
            assert!(
                *g == answer(q),
                "answer {i} should be question {i}'s 32768 numbers in reverse order"
            );
        }
    });
}

#[test]
fn the_child_ends_on_its_own_and_is_waited_for() {
    check("ep10_duplex", || {
        let notes = Notes::new();
        let got = converse(
            &worker("ep10_answerer"),
            &[Msg::Text("pid?".to_string()), Msg::Stop],
        )
        .expect("converse should succeed");
        let pid = the_pid(&notes, "started");
        assert_eq!(
            got.first(),
            Some(&Msg::Text(pid.to_string())),
            "the child (pid {pid}) answers \"pid?\" with its pid"
        );
        assert!(
            notes.pids("ended").contains(&pid),
            "the child (pid {pid}) did not see the end of its input: after the last answer, \
             shut down your end for writing (stream.shutdown(Shutdown::Write)) or drop it, so \
             that its read_frame returns Ok(None) and it finishes on its own; do not kill it"
        );
        assert_reaped(pid, "the child of converse");
    });
}

#[test]
fn a_child_that_fails_is_an_error_and_is_waited_for() {
    check("ep10_duplex", || {
        let notes = Notes::new();
        let got = converse(
            &worker("ep10_answerer_fails"),
            &[Msg::Text("hi".to_string())],
        );
        assert!(
            got.is_err(),
            "the child answered, then exited with code 3: converse should return Err, got {got:?}"
        );
        assert_reaped(
            the_pid(&notes, "started"),
            "the child that exited with code 3",
        );
        let missing = converse(&PathBuf::from("/no/such/ep10-program"), &[Msg::Stop]);
        assert!(
            missing.is_err(),
            "a program that does not exist cannot be started: expected Err, got {missing:?}"
        );
    });
}

#[test]
fn a_child_that_ends_too_soon_is_an_error_not_a_hang() {
    check("ep10_duplex", || {
        let notes = Notes::new();
        let questions = [
            Msg::Text("one".to_string()),
            Msg::Text("two".to_string()),
            Msg::Text("three".to_string()),
        ];
        let got = converse(&worker("ep10_answers_once"), &questions);
        assert!(
            got.is_err(),
            "the child answered the first question, read the second and exited (with success) \
             without answering: converse should return an Err, since read_frame gave Ok(None) \
             where an answer was due; got {got:?}"
        );
        assert_reaped(the_pid(&notes, "started"), "the child that ended too soon");
    });
}
