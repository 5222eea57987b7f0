//! Helpers shared by the tests of episode 6's exercises.
#![allow(dead_code)]

use std::sync::{Condvar, Mutex};

/// A gate that one job opens and another waits at: lets a test make a
/// later item finish before an earlier one, without any timing.
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
}
