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
#![allow(dead_code, unused_imports)]

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

pub use course_check::proc::{Seen, current_tid, spawn_with_tid, thread_state, wait_until_blocked};

/// How long since `start`, in whole milliseconds (for messages).
pub fn ms_since(start: Instant) -> u128 {
    start.elapsed().as_millis()
}
