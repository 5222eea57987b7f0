//! Helpers shared by the tests of episode 4's exercises.
//!
//! - [`Gathering`] forces the unlucky moment of a deadlock: every thread
//!   that arrives waits until all the expected threads are there (or a
//!   generous time has passed), so that a wrong lock order deadlocks every
//!   time instead of once in a while. A right answer never gets them all
//!   there, waits out the time once, and goes on.
//! - [`wait_until_blocked`] reads Linux's /proc to see whether a thread is
//!   asleep (blocked), so that the tests can tell "waits" from "went on"
//!   without timing anything.
#![allow(dead_code)]

use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long a [`Gathering`] waits for everybody at most. Generous: the
/// threads of a wrong answer all arrive within microseconds, even on a
/// loaded machine; a right answer waits this long once per test.
pub const GATHERING_TIME: Duration = Duration::from_millis(1500);

/// A meeting of `expected` threads that ends when all of them have arrived
/// or when [`GATHERING_TIME`] has passed since the first one came, whichever
/// is first. It happens once: after it has ended, `arrive` returns at once.
pub struct Gathering {
    expected: usize,
    state: Mutex<GatheringState>,
    changed: Condvar,
}

#[derive(Default)]
struct GatheringState {
    here: usize,
    over: bool,
    /// Did all the expected threads meet?
    met: bool,
}

impl Gathering {
    pub fn new(expected: usize) -> Self {
        Gathering {
            expected,
            state: Mutex::new(GatheringState::default()),
            changed: Condvar::new(),
        }
    }

    /// Arrives, and waits until everybody is here or the time is up.
    pub fn arrive(&self) {
        let mut state = self.state.lock().unwrap();
        if state.over {
            return;
        }
        state.here += 1;
        if state.here == self.expected {
            state.over = true;
            state.met = true;
            self.changed.notify_all();
            return;
        }
        let (mut state, timeout) = self
            .changed
            .wait_timeout_while(state, GATHERING_TIME, |s| !s.over)
            .unwrap();
        if timeout.timed_out() {
            state.over = true;
            self.changed.notify_all();
        }
    }

    /// Did all the expected threads meet (at the same time)?
    pub fn met(&self) -> bool {
        self.state.lock().unwrap().met
    }
}

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

/// The fields of a /proc `stat` file after the command name (which sits in
/// parentheses and may hold spaces): the state is [0].
fn stat_fields(path: &str) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(path).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// The state of thread `tid` of this process: 'R' running or ready to run,
/// 'S' asleep (blocked, waiting for something); `None` once it has gone.
pub fn thread_state(tid: u32) -> Option<char> {
    stat_fields(&format!("/proc/self/task/{tid}/stat"))?
        .first()?
        .chars()
        .next()
}

/// The CPU time thread `tid` has used so far, in clock ticks (10 ms).
fn thread_cpu_ticks(tid: u32) -> Option<u64> {
    let f = stat_fields(&format!("/proc/self/task/{tid}/stat"))?;
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// What [`wait_until_blocked`] saw.
#[derive(Debug, PartialEq, Eq)]
pub enum Seen {
    /// The thread was asleep on several looks in a row and `done()` stayed
    /// false: it is blocked.
    Blocked,
    /// `done()` became true: the thread went on instead of waiting.
    WentOn,
    /// The thread used a second of CPU time without ever blocking.
    Spinning,
}

/// Waits until thread `tid` is blocked: asleep on four looks in a row, 2 ms
/// apart, with `done()` false all along. Stops early when `done()` becomes
/// true (the thread did not wait), or when the thread has burnt a second of
/// CPU time (it spins instead of sleeping). How long this takes never
/// decides a verdict: a thread that really blocks is seen blocked sooner or
/// later, and one that goes on is seen going on.
pub fn wait_until_blocked(tid: u32, done: impl Fn() -> bool) -> Seen {
    let cpu_at_start = thread_cpu_ticks(tid).unwrap_or(0);
    let mut calm = 0;
    loop {
        if done() {
            return Seen::WentOn;
        }
        if thread_cpu_ticks(tid).unwrap_or(0) > cpu_at_start + 100 {
            return Seen::Spinning;
        }
        let asleep = thread_state(tid) == Some('S');
        if asleep && !done() {
            calm += 1;
            if calm >= 4 {
                return Seen::Blocked;
            }
        } else {
            calm = 0;
        }
        thread::sleep(Duration::from_millis(2));
    }
}

/// Spawns `f` on a thread of its own and returns the thread's kernel id
/// (for [`wait_until_blocked`]) with its handle.
pub fn spawn_with_tid<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> (u32, thread::JoinHandle<T>) {
    let (tx, rx) = std::sync::mpsc::channel();
    let h = thread::spawn(move || {
        tx.send(current_tid()).unwrap();
        f()
    });
    (rx.recv().unwrap(), h)
}

/// How long since `start`, in whole milliseconds (for messages).
pub fn ms_since(start: Instant) -> u128 {
    start.elapsed().as_millis()
}
