//! Helpers shared by the tests of episode 10's exercises. (Several test
//! files include this one: add helpers at the end, and change none that
//! another test file uses.)
#![allow(dead_code, unused_imports)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::thread;
use std::time::Duration;

/// A fresh, empty scratch folder for one test, removed when dropped (also
/// when the test fails). Named after the process that runs the test body.
pub struct ScratchDir(PathBuf);

impl ScratchDir {
    pub fn new(name: &str) -> ScratchDir {
        let dir = std::env::temp_dir().join(format!("course-ep10-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("could not make a scratch folder");
        ScratchDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The folder where the worker processes of a test leave notes: named after
/// the test's process, which is the workers' parent.
pub fn notes_dir(test_pid: u32) -> PathBuf {
    std::env::temp_dir().join(format!("course-ep10-notes-{test_pid}"))
}

/// Called by a worker process: leaves the note `<what>-<its pid>` in its
/// parent's notes folder (if the test made one).
pub fn leave_note(what: &str) {
    let dir = notes_dir(std::os::unix::process::parent_id());
    let _ = fs::write(dir.join(format!("{what}-{}", std::process::id())), "");
}

/// The notes folder of this test's process, made empty; removed when dropped.
pub struct Notes(PathBuf);

impl Notes {
    pub fn new() -> Notes {
        let dir = notes_dir(std::process::id());
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("could not make a folder for the workers' notes");
        Notes(dir)
    }

    /// The pids of the workers that left the note `what`, in no order.
    pub fn pids(&self, what: &str) -> Vec<u32> {
        let prefix = format!("{what}-");
        fs::read_dir(&self.0)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_prefix(&prefix)?.parse().ok())
            .collect()
    }
}

impl Drop for Notes {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Fails with a clear message if child `pid` was not waited for.
pub fn assert_reaped(pid: u32, what: &str) {
    match course_check::proc::how_child_was_left(pid) {
        course_check::proc::Left::Reaped => {}
        course_check::proc::Left::Zombie => panic!(
            "{what} (pid {pid}) has ended but was never waited for: it is a zombie. \
             Call child.wait() on every path out of the function, the error paths too"
        ),
        course_check::proc::Left::Running(state) => panic!(
            "{what} (pid {pid}) is still running (state {state}) after the function returned: \
             it should have ended (it sees the end of its input when your end of the socket is \
             closed or shut down for writing) and been waited for"
        ),
    }
}

/// Whether process `pid` is waiting for a file lock, from Linux's
/// /proc/locks (a waiting request is listed with `->` before its kind);
/// `None` when /proc/locks cannot be read.
pub fn waits_for_a_lock(pid: u32) -> Option<bool> {
    let locks = fs::read_to_string("/proc/locks").ok()?;
    Some(locks.lines().any(|l| {
        let mut words = l.split_whitespace().skip(1); // "1:"
        words.next() == Some("->") && words.nth(3).and_then(|p| p.parse().ok()) == Some(pid)
    }))
}

/// What [`wait_until_waiting_for_a_lock`] saw.
#[derive(Debug, PartialEq, Eq)]
pub enum LockSeen {
    /// The child is asleep, waiting for the lock.
    Waiting,
    /// `went_on()` became true: it did not wait.
    WentOn,
    /// The child ended (it was reaped: `wait` gives its status at once).
    Ended,
}

/// Waits until `child` is blocked waiting for a file lock (as /proc/locks
/// shows it; without /proc/locks, asleep on four looks in a row), or until
/// it shows it did not wait: `went_on()` became true, or it ended. How long
/// that takes never decides the verdict (a child that waits for ever is
/// seen waiting sooner or later); the watchdog bounds the whole test.
pub fn wait_until_waiting_for_a_lock(child: &mut Child, went_on: impl Fn() -> bool) -> LockSeen {
    let pid = child.id();
    let mut calm = 0;
    loop {
        if went_on() {
            return LockSeen::WentOn;
        }
        if child.try_wait().ok().flatten().is_some() {
            return if went_on() {
                LockSeen::WentOn
            } else {
                LockSeen::Ended
            };
        }
        match waits_for_a_lock(pid) {
            Some(true) => {
                // Seen waiting; make sure it did not go on in the meantime.
                return if went_on() {
                    LockSeen::WentOn
                } else {
                    LockSeen::Waiting
                };
            }
            Some(false) => {}
            None => {
                let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
                let asleep = stat
                    .rsplit_once(')')
                    .is_some_and(|(_, r)| r.trim_start().starts_with('S'));
                calm = if asleep { calm + 1 } else { 0 };
                if calm >= 4 && !went_on() {
                    return LockSeen::Waiting;
                }
            }
        }
        thread::sleep(Duration::from_millis(2));
    }
}
