//! Exercise `ep04_event`: Python's `threading.Event`, from a `Mutex<bool>`
//! and a `Condvar`.
//! Read: src/ep04-deadlock.md, "An event"
//! Check your answer: cargo test -p exercises --test ep04_event
//! Model-check it: cargo xtask loom ep04_event
//!
//! Use the types of `course_check::sync` (not `std::sync`): they are std's
//! in a normal build and loom's model-checked ones under `cargo xtask loom`.

#[allow(unused_imports)] // remove this line once you use them
use course_check::sync::{Condvar, Mutex};
use std::time::Duration;

/// A flag that threads can wait for.
// These fields are a suggestion; change them if you like.
#[allow(dead_code)] // remove this line once you use the fields
pub struct Event {
    flag: Mutex<bool>,
    changed: Condvar,
}

impl Event {
    /// A new event, not set.
    pub fn new() -> Event {
        todo!("ep04_event: a Mutex holding false, and a Condvar (chapter ep04-deadlock)")
    }

    /// Sets the flag and wakes every thread waiting for it.
    pub fn set(&self) {
        todo!(
            "ep04_event: set the flag under the lock, then wake every waiting thread (chapter ep04-deadlock)"
        )
    }

    /// Clears the flag: from now on `wait` waits again.
    pub fn clear(&self) {
        todo!("ep04_event: clear the flag under the lock (chapter ep04-deadlock)")
    }

    /// Is the flag set?
    pub fn is_set(&self) -> bool {
        todo!("ep04_event: read the flag under the lock (chapter ep04-deadlock)")
    }

    /// Returns once the flag is set: at once if it is set already.
    pub fn wait(&self) {
        todo!("ep04_event: lock, then wait_while the flag is not set (chapter ep04-deadlock)")
    }

    /// Like `wait`, but gives up after `timeout`. Returns whether the flag
    /// is set, like Python's `Event.wait(timeout)`.
    pub fn wait_timeout(&self, timeout: Duration) -> bool {
        let _ = timeout;
        todo!(
            "ep04_event: loop while the flag is not set: stop at the deadline, else wait_timeout for the time left (chapter ep04-deadlock)"
        )
    }
}

impl Default for Event {
    fn default() -> Self {
        Event::new()
    }
}
