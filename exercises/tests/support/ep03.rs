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
#![allow(dead_code, unused_imports)]

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

pub use course_check::proc::{Seen, current_tid, spawn_with_tid, wait_until_blocked};

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
