//! Helpers shared by the tests of episode 9's exercises. Some read Linux's
//! /proc to see whether a thread is blocked and how much CPU time it used,
//! so that the tests can tell "waits" from "spins" without timing anything.
#![allow(dead_code, unused_imports)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

pub use course_check::proc::{
    TICK, current_tid, process_cpu_ticks, thread_cpu_ticks, thread_state,
};

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
