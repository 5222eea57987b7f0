//! Exercise `ep04_event`: Python's `threading.Event`, from a `Mutex<bool>`
//! and a `Condvar`.
//! Chapter: src/ep04-deadlock.md
//!
//! Written against `course_check::sync`, which is `std::sync` in a normal
//! build and loom's model-checked types under `cargo xtask loom`.

use course_check::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

// ANCHOR: event
/// A flag that threads can wait for.
pub struct Event {
    flag: Mutex<bool>,
    changed: Condvar,
}

impl Event {
    /// A new event, not set.
    pub fn new() -> Event {
        Event {
            flag: Mutex::new(false),
            changed: Condvar::new(),
        }
    }

    /// Sets the flag and wakes every thread waiting for it.
    pub fn set(&self) {
        *self.flag.lock().unwrap() = true;
        self.changed.notify_all(); // all of them, not one: they all wait for this
    }

    /// Clears the flag: from now on `wait` waits again.
    pub fn clear(&self) {
        *self.flag.lock().unwrap() = false;
    }

    /// Is the flag set?
    pub fn is_set(&self) -> bool {
        *self.flag.lock().unwrap()
    }

    /// Returns once the flag is set: at once if it is set already.
    pub fn wait(&self) {
        let flag = self.flag.lock().unwrap();
        // The flag is checked under the lock before sleeping, and again
        // after every wake-up.
        let _flag = self.changed.wait_while(flag, |set| !*set).unwrap();
    }

    /// Like `wait`, but gives up after `timeout`. Returns whether the flag
    /// is set, like Python's `Event.wait(timeout)`.
    pub fn wait_timeout(&self, timeout: Duration) -> bool {
        let Some(deadline) = Instant::now().checked_add(timeout) else {
            self.wait(); // a deadline too far away to write down
            return true;
        };
        let mut set = self.flag.lock().unwrap();
        // A wake-up is a hint to look again, not a promise: loop.
        while !*set {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            set = self.changed.wait_timeout(set, left).unwrap().0;
        }
        true
    }
}
// ANCHOR_END: event

impl Default for Event {
    fn default() -> Self {
        Event::new()
    }
}
