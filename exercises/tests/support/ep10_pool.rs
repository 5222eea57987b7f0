//! Helpers shared by the tests of `ep10_sturdy_pool` and `ep10_agree`:
//! which processes are still there, and notes that worker programs leave.
#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::Duration;

/// What /proc says of process `pid`: its name, state letter (`Z` for a
/// zombie) and parent's pid; `None` if there is no such process.
pub fn proc_stat(pid: u32) -> Option<(String, char, u32)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (name) state ppid ...": the name may hold spaces and parentheses.
    let (head, rest) = stat.rsplit_once(')')?;
    let name = head.split_once('(')?.1.to_string();
    let mut rest = rest.split_whitespace();
    let state = rest.next()?.chars().next()?;
    let ppid = rest.next()?.parse().ok()?;
    Some((name, state, ppid))
}

/// The children of this process that are still there, running or as
/// zombies (a child that was waited for is gone), with their state letter.
pub fn our_children() -> Vec<(u32, char)> {
    let me = std::process::id();
    let mut children = Vec::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return children;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        if let Some((_, state, ppid)) = proc_stat(pid)
            && ppid == me
        {
            children.push((pid, state));
        }
    }
    children.sort();
    children
}

/// The children in `children` as words: "123 (still running), 456 (...)".
pub fn described(children: &[(u32, char)]) -> String {
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

/// Kills process `pid` (a test cleans up after a failure this way).
pub fn kill(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status();
}

/// Fails unless child `pid` of this process has been waited for (it is no
/// longer our child). A child that was just killed takes a moment to die,
/// so a running child is given up to two seconds to become a zombie or go.
pub fn assert_reaped(pid: u32, what: &str) {
    let me = std::process::id();
    let ours = || proc_stat(pid).filter(|s| s.2 == me).map(|s| s.1);
    let mut state = ours();
    for _ in 0..200 {
        match state {
            Some(s) if s != 'Z' => {
                thread::sleep(Duration::from_millis(10));
                state = ours();
            }
            _ => break,
        }
    }
    match state {
        None => {}
        Some('Z') => panic!(
            "{what} (pid {pid}) has ended but was never waited for: it is a zombie. \
             After kill(), call wait() on the child; a child that died by itself needs wait() too"
        ),
        Some(state) => {
            kill(pid);
            panic!(
                "{what} (pid {pid}) is still running (state {state}): it should have been killed and waited for"
            )
        }
    }
}

/// Notes that worker programs leave for the test that started them: one
/// file per test process (named after it), removed when the test ends.
pub struct Notes(PathBuf);

impl Notes {
    /// The notes of the test process `test_pid` about `topic`.
    pub fn path_for(topic: &str, test_pid: u32) -> PathBuf {
        std::env::temp_dir().join(format!("course-{topic}-{test_pid}.log"))
    }

    /// A fresh, empty notes file for this test process.
    pub fn new(topic: &str) -> Notes {
        Notes::at(Notes::path_for(topic, std::process::id()))
    }

    /// A fresh, empty notes file at `path` (removed when dropped).
    pub fn at(path: PathBuf) -> Notes {
        fs::write(&path, "").expect("could not make a notes file");
        Notes(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// The lines noted so far.
    pub fn lines(&self) -> Vec<String> {
        fs::read_to_string(&self.0)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Notes {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// Adds one line to a notes file, in one write (a worker calls this). A
/// file that is gone (its test has ended) is not made again.
pub fn note(path: &Path, line: &str) {
    if let Ok(mut file) = fs::OpenOptions::new().append(true).open(path) {
        let _ = file.write_all(format!("{line}\n").as_bytes());
    }
}
