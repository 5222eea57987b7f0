//! Exercise `ep09_timer`: a timer you can cancel, Python's `threading.Timer`.
//! Read: src/ep09-queues.md, "A timer you can cancel"
//! Check your answer: cargo test -p exercises --test ep09_timer

use std::sync::mpsc::Sender;
use std::thread::JoinHandle;
use std::time::Duration;

/// Runs an action once, on a thread of its own, after a delay, unless it is
/// cancelled first. Dropping a `Timer` cancels it.
// These fields are a suggestion; change them if you like.
#[allow(dead_code)] // remove this line once you use the fields
pub struct Timer {
    /// Dropping (or sending on) this wakes the timer thread: cancel.
    cancel: Option<Sender<()>>,
    /// The timer thread; it returns whether it ran the action.
    thread: Option<JoinHandle<bool>>,
}

impl Timer {
    /// Starts the timer and returns at once; `action` runs after `delay`
    /// unless the timer is cancelled before.
    pub fn start<F>(delay: Duration, action: F) -> Timer
    where
        F: FnOnce() + Send + 'static,
    {
        let _ = (delay, action);
        todo!(
            "ep09_timer: spawn a thread that waits with recv_timeout(delay) and fires only on Timeout (chapter ep09-queues)"
        )
    }

    /// Cancels the timer. Returns `true` if that stopped the action (it has
    /// not run and never will), `false` if it had already fired. Either
    /// way, the timer thread has ended when `cancel` returns.
    pub fn cancel(self) -> bool {
        todo!(
            "ep09_timer: drop the Sender, join the thread, and say whether it fired (chapter ep09-queues)"
        )
    }

    /// Waits until the timer has fired and its action has finished
    /// (Python's `join`).
    pub fn join(self) {
        todo!("ep09_timer: join the thread while you still hold the Sender (chapter ep09-queues)")
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        // TODO(ep09_timer): cancel: drop the Sender, then join the thread.
        // (This body is left empty rather than `todo!()`: a panic inside
        // drop while a failing test unwinds would abort the test run.)
    }
}
