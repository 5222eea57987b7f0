//! `course-check`: what every exercise test runs through.
//!
//! - [`EXERCISES`] is the manifest: the one place that lists each exercise,
//!   the chapter that teaches it and a hint. Its name is used by the chapter
//!   (anchor), the stub, the solution and the test.
//! - [`check`] runs a test body under a watchdog: a deadlock becomes a
//!   failure within seconds instead of a hang, and every failure names the
//!   exercise, says what went wrong and which chapter to read.
//! - [`Reaper`] kills and waits for a child process when a test ends, even
//!   when the test fails.

use std::any::Any;
use std::cell::RefCell;
use std::panic;
use std::process::Child;
use std::sync::{Once, mpsc};
use std::thread;
use std::time::Duration;

mod manifest;
pub use manifest::{EXERCISES, Exercise};

/// How long a test may run before the watchdog calls it a hang.
/// Set `COURSE_TIMEOUT_SECS` to change it (say, under a debugger).
pub fn timeout() -> Duration {
    let secs = std::env::var("COURSE_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    Duration::from_secs(secs)
}

/// Looks an exercise up in the manifest.
pub fn exercise(name: &str) -> &'static Exercise {
    EXERCISES
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| {
            panic!("`{name}` is not in the exercise manifest (checker/src/manifest.rs)")
        })
}

const THREAD_PREFIX: &str = "exercise ";

thread_local! {
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Our test-body threads report their panics through the watchdog, with
/// the exercise and chapter; the default hook would print them a second
/// time without either, so for those threads we only note where it happened.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let ours = thread::current()
                .name()
                .is_some_and(|n| n.starts_with(THREAD_PREFIX));
            if ours {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                LOCATION.with(|c| *c.borrow_mut() = at);
            } else {
                default(info);
            }
        }));
    });
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

/// Runs `body`, the test of exercise `name`, under the watchdog.
///
/// On failure it panics with a message that names the exercise, says what
/// was expected (the assertion's own message) and points at the chapter.
pub fn check<F>(name: &str, body: F)
where
    F: FnOnce() + Send + 'static,
{
    check_within(name, timeout(), body)
}

/// [`check`] with an explicit time limit.
pub fn check_within<F>(name: &str, limit: Duration, body: F)
where
    F: FnOnce() + Send + 'static,
{
    let ex = exercise(name);
    install_hook();
    let (tx, rx) = mpsc::channel();
    let spawned = thread::Builder::new()
        .name(format!("{THREAD_PREFIX}{name}"))
        .spawn(move || {
            let result = panic::catch_unwind(panic::AssertUnwindSafe(body));
            let outcome = result.map_err(|p| {
                let at = LOCATION.with(|c| c.borrow_mut().take());
                (message(&*p), at)
            });
            let _ = tx.send(outcome);
        })
        .expect("could not start the test thread");
    match rx.recv_timeout(limit) {
        Ok(Ok(())) => {
            let _ = spawned.join();
        }
        Ok(Err((msg, at))) => panic!("{}", failure_report(ex, &msg, at.as_deref())),
        Err(_) => panic!("{}", timeout_report(ex, limit)),
    }
}

fn read_more(ex: &Exercise) -> String {
    format!(
        "  read:  {} (src/{}), the part on {}\n  hint:  {}",
        ex.chapter_title, ex.chapter, ex.topic, ex.hint
    )
}

/// The text a learner sees when an exercise test fails.
pub fn failure_report(ex: &Exercise, msg: &str, at: Option<&str>) -> String {
    let (headline, detail) = if msg.contains("not yet implemented") {
        ("is not solved yet", msg.to_string())
    } else {
        ("gave a wrong answer", msg.to_string())
    };
    let at = at
        .map(|a| format!("\n  (checked at {a})"))
        .unwrap_or_default();
    format!(
        "\n\nexercise `{}` {headline}:\n  {}{at}\n{}\n",
        ex.name,
        detail.replace('\n', "\n  "),
        read_more(ex)
    )
}

/// The text a learner sees when an exercise test runs past its time limit.
pub fn timeout_report(ex: &Exercise, limit: Duration) -> String {
    format!(
        "\n\nexercise `{}` did not finish within {} s: this may be a deadlock.\n  \
         Look for a thread that is never joined or waits forever, a lock that is never released,\n  \
         a channel whose sender is never dropped, or a child process that is never waited for.\n{}\n",
        ex.name,
        limit.as_secs(),
        read_more(ex)
    )
}

/// Owns a child process for the length of a test: when it is dropped (the
/// test ended, passed or failed) the child is killed if still running and
/// always waited for, so no test leaves a process behind.
pub struct Reaper(pub Option<Child>);

impl Reaper {
    pub fn new(child: Child) -> Self {
        Reaper(Some(child))
    }

    pub fn child(&mut self) -> &mut Child {
        self.0.as_mut().expect("child already taken")
    }

    /// Hands the child back (for `wait_with_output`); the caller reaps it.
    pub fn take(mut self) -> Child {
        self.0.take().expect("child already taken")
    }
}

impl Drop for Reaper {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panic_text(f: impl FnOnce() + Send + 'static) -> String {
        let e = panic::catch_unwind(panic::AssertUnwindSafe(f)).unwrap_err();
        message(&*e)
    }

    #[test]
    fn a_wrong_answer_names_exercise_expectation_and_chapter() {
        let ex = &EXERCISES[0];
        let name = ex.name;
        let text = panic_text(move || check(name, || assert_eq!(1 + 1, 3, "expected three")));
        assert!(
            text.contains(&format!("exercise `{name}` gave a wrong answer")),
            "{text}"
        );
        assert!(text.contains("expected three"), "{text}");
        assert!(text.contains(ex.chapter), "{text}");
    }

    #[test]
    fn a_stub_is_reported_as_not_solved() {
        let name = EXERCISES[0].name;
        let text = panic_text(move || check(name, move || todo!("{name}: write it")));
        assert!(text.contains("is not solved yet"), "{text}");
    }

    #[test]
    fn a_hang_becomes_a_failure_that_mentions_deadlock() {
        let name = EXERCISES[0].name;
        let start = std::time::Instant::now();
        let text = panic_text(move || {
            check_within(name, Duration::from_millis(300), || {
                let (_tx, rx) = mpsc::channel::<()>();
                let _ = rx.recv();
            })
        });
        assert!(text.contains("may be a deadlock"), "{text}");
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn every_manifest_entry_is_complete_and_unique() {
        let mut names: Vec<_> = EXERCISES.iter().map(|e| e.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), EXERCISES.len(), "duplicate exercise names");
        for e in EXERCISES {
            assert!(
                !e.hint.is_empty() && !e.topic.is_empty(),
                "{} lacks a hint or topic",
                e.name
            );
            assert!(
                e.name.starts_with(&e.chapter[..4].replace('-', "")),
                "{}: name must start with its episode",
                e.name
            );
        }
    }

    #[test]
    fn reaper_kills_and_waits() {
        let child = std::process::Command::new("sleep").arg("30").spawn();
        let Ok(child) = child else { return };
        let pid = child.id();
        drop(Reaper::new(child));
        // After reaping, the pid is no longer our child: /proc has no zombie.
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        assert!(!status.contains("State:\tZ"), "child left as a zombie");
    }
}
