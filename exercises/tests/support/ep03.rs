//! Helpers shared by the tests of episode 3's exercises.
//!
//! - [`Meeting`] shows that threads run at the same time: every thread that
//!   arrives waits until all the expected threads are there, or until a
//!   generous time has passed. Threads that really run at once all arrive
//!   within microseconds; threads kept apart by a lock never do, so the
//!   meeting ends without them and [`Meeting::met`] says so.
//! - [`wait_until_blocked`] reads Linux's /proc to see whether a thread is
//!   asleep (blocked on a lock, say), so that a test can tell "waits" from
//!   "went on" without timing anything.
//! - [`Latch`] holds a thread at a point of the test's choosing (between a
//!   check and an act) until the test lets it go.
#![allow(dead_code)]

use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

/// How long a [`Meeting`] waits for everybody at most. Generous: threads
/// that run at once arrive within microseconds, even on a loaded machine;
/// only a wrong answer waits this long, once.
pub const MEETING_TIME: Duration = Duration::from_secs(3);

/// A meeting of `expected` threads that ends when all of them have arrived
/// or when [`MEETING_TIME`] has passed since the first one came, whichever
/// is first. It happens once: after it has ended, `arrive` returns at once.
pub struct Meeting {
    expected: usize,
    state: Mutex<MeetingState>,
    changed: Condvar,
}

#[derive(Default)]
struct MeetingState {
    here: usize,
    over: bool,
    met: bool,
}

impl Meeting {
    pub fn new(expected: usize) -> Self {
        Meeting {
            expected,
            state: Mutex::new(MeetingState::default()),
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
            .wait_timeout_while(state, MEETING_TIME, |s| !s.over)
            .unwrap();
        if timeout.timed_out() {
            state.over = true;
            self.changed.notify_all();
        }
    }

    /// Did all the expected threads meet, at the same time?
    pub fn met(&self) -> bool {
        self.state.lock().unwrap().met
    }

    /// How many threads came before the meeting ended.
    pub fn arrived(&self) -> usize {
        self.state.lock().unwrap().here
    }
}

/// A gate that the test opens and other threads wait at.
#[derive(Default)]
pub struct Latch {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Latch {
    pub fn open(&self) {
        *self.open.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.opened.notify_all();
    }

    pub fn wait(&self) {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let _open = self
            .opened
            .wait_while(open, |open| !*open)
            .unwrap_or_else(|e| e.into_inner());
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
fn thread_state(tid: u32) -> Option<char> {
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

/// Joins `h`; if its thread panicked, panics here with the same payload,
/// so that the learner's own message (a `todo!`, an assertion) is the one
/// reported.
pub fn joined<T>(h: thread::JoinHandle<T>) -> T {
    h.join()
        .unwrap_or_else(|payload| std::panic::resume_unwind(payload))
}

/// The text of a panic payload.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".to_string())
}
