//! Exercise `ep09_timer`: a timer you can cancel, Python's `threading.Timer`.
//! Chapter: src/ep09-queues.md

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

// ANCHOR: timer
/// Runs an action once, on a thread of its own, after a delay, unless it is
/// cancelled first. Dropping a `Timer` cancels it.
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
        let (cancel, cancelled) = mpsc::channel::<()>();
        let thread = thread::spawn(move || match cancelled.recv_timeout(delay) {
            // Nobody cancelled within `delay`: fire.
            Err(RecvTimeoutError::Timeout) => {
                action();
                true
            }
            // A message, or every Sender dropped: cancelled.
            Ok(()) | Err(RecvTimeoutError::Disconnected) => false,
        });
        Timer {
            cancel: Some(cancel),
            thread: Some(thread),
        }
    }

    /// Cancels the timer. Returns `true` if that stopped the action (it has
    /// not run and never will), `false` if it had already fired. Either
    /// way, the timer thread has ended when `cancel` returns.
    pub fn cancel(mut self) -> bool {
        !self.stop()
    }

    /// Waits until the timer has fired and its action has finished
    /// (Python's `join`).
    pub fn join(mut self) {
        // Keep `self.cancel` alive while waiting: dropping it would cancel.
        if let Some(thread) = self.thread.take() {
            thread.join().expect("the timer's action panicked");
        }
    }

    /// Wakes the thread (if it still waits) and joins it; says whether the
    /// action ran. Safe to call twice.
    fn stop(&mut self) -> bool {
        drop(self.cancel.take()); // recv_timeout returns Disconnected at once
        match self.thread.take() {
            Some(thread) => thread.join().unwrap_or(true), // a panicking action did start
            None => false,
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        self.stop();
    }
}
// ANCHOR_END: timer
