//! Helpers shared by the tests of episode 9's exercises. Some read Linux's
//! /proc to see whether a thread is blocked and how much CPU time it used,
//! so that the tests can tell "waits" from "spins" without timing anything.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

/// The kernel's id of the calling thread (`/proc/thread-self` links to
/// `<pid>/task/<tid>`).
pub fn current_tid() -> u32 {
    let link = std::fs::read_link("/proc/thread-self")
        .expect("these tests read /proc/thread-self, which needs Linux");
    link.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.parse().ok())
        .expect("/proc/thread-self should end in the thread's id")
}

/// The fields of a /proc `stat` file after the command name, which sits in
/// parentheses and may hold spaces: field 3 of the file (the state) is [0].
fn stat_fields(path: &str) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(path).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// utime + stime (fields 14 and 15) of a stat file, in clock ticks.
fn cpu_ticks(path: &str) -> Option<u64> {
    let f = stat_fields(path)?;
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// One clock tick of /proc's CPU times (Linux's USER_HZ is 100).
pub const TICK: Duration = Duration::from_millis(10);

/// The state of thread `tid` of this process: 'R' running or ready to run,
/// 'S' asleep (blocked, waiting for something), ...; `None` once it has gone.
pub fn thread_state(tid: u32) -> Option<char> {
    stat_fields(&format!("/proc/self/task/{tid}/stat"))?
        .first()?
        .chars()
        .next()
}

/// The CPU time thread `tid` of this process has used so far, in ticks.
pub fn thread_cpu_ticks(tid: u32) -> Option<u64> {
    cpu_ticks(&format!("/proc/self/task/{tid}/stat"))
}

/// The CPU time this whole process has used so far (every thread, running
/// or ended), in ticks.
pub fn process_cpu_ticks() -> u64 {
    cpu_ticks("/proc/self/stat").expect("cannot read /proc/self/stat")
}

/// What [`wait_until_blocked`] saw.
#[derive(Debug, PartialEq, Eq)]
pub enum Seen {
    /// The thread was asleep on several looks in a row, and `progress` did
    /// not move: it is blocked. Carries the progress.
    Blocked(usize),
    /// `too_far(progress)` became true first. Carries the progress.
    TooFar(usize),
    /// The thread used a second of CPU time without ever blocking.
    Spinning(usize),
}

/// Waits until thread `tid` is blocked: asleep on four looks in a row, 2 ms
/// apart, with `progress()` the same all along. Gives up early when
/// `too_far(progress())` holds, or when the thread has burnt a second of
/// CPU time (it spins instead of waiting). How long this takes never
/// decides a verdict: a thread that really blocks is seen blocked sooner or
/// later, and one that never blocks never is.
pub fn wait_until_blocked(
    tid: u32,
    progress: impl Fn() -> usize,
    too_far: impl Fn(usize) -> bool,
) -> Seen {
    let cpu_at_start = thread_cpu_ticks(tid).unwrap_or(0);
    let mut calm = 0;
    let mut last = progress();
    loop {
        let now = progress();
        if too_far(now) {
            return Seen::TooFar(now);
        }
        if thread_cpu_ticks(tid).unwrap_or(0) > cpu_at_start + 100 {
            return Seen::Spinning(now);
        }
        let asleep = thread_state(tid) == Some('S');
        let after = progress();
        if asleep && now == last && after == now {
            calm += 1;
            if calm >= 4 {
                return Seen::Blocked(now);
            }
        } else {
            calm = 0;
        }
        last = after;
        thread::sleep(Duration::from_millis(2));
    }
}

/// A gate that one thread opens and others wait at.
#[derive(Default)]
pub struct Latch {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Latch {
    pub fn open(&self) {
        *self.open.lock().unwrap() = true;
        self.opened.notify_all();
    }

    pub fn wait(&self) {
        let open = self.open.lock().unwrap();
        let _open = self.opened.wait_while(open, |open| !*open).unwrap();
    }

    pub fn is_open(&self) -> bool {
        *self.open.lock().unwrap()
    }
}

/// A value that notices when it is dropped. Dropped on another thread than
/// the one that made it, it waits a little before it reports, so that code
/// which returns without joining the thread that owns it is caught. The
/// wait never makes a correct answer fail: `join` waits for it.
pub struct Probe {
    live: Arc<AtomicUsize>,
    home: ThreadId,
}

impl Probe {
    /// A new probe and a counter of how many copies of it are alive.
    pub fn new() -> (Probe, Arc<AtomicUsize>) {
        let live = Arc::new(AtomicUsize::new(1));
        (
            Probe {
                live: Arc::clone(&live),
                home: thread::current().id(),
            },
            live,
        )
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        if thread::current().id() != self.home {
            thread::sleep(Duration::from_millis(50));
        }
        self.live.fetch_sub(1, Ordering::SeqCst);
    }
}
