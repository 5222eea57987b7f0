//! Helpers shared by the tests of episode 7's exercises.
#![allow(dead_code)]

/// The sizes `chunk_sizes(n, k)` must return, written out here so that the
/// tests of the other exercises do not depend on your `ep07_split`.
pub fn expected_sizes(n: u64, k: usize) -> Vec<u64> {
    let k64 = k as u64;
    (0..k64).map(|i| n / k64 + u64::from(i < n % k64)).collect()
}

/// A meeting point for the workers of a test: each one arrives and waits
/// until `expected` have arrived. If they do not all arrive within a few
/// seconds (the workers are running one after another, say), the meeting is
/// called off so the test can say so instead of hanging.
pub struct Meeting {
    state: std::sync::Mutex<(usize, bool)>, // (arrived, called off)
    changed: std::sync::Condvar,
    expected: usize,
}

impl Meeting {
    pub fn new(expected: usize) -> Self {
        Meeting {
            state: std::sync::Mutex::new((0, false)),
            changed: std::sync::Condvar::new(),
            expected,
        }
    }

    /// Arrives and waits; returns false if the meeting was called off.
    pub fn arrive_and_wait(&self) -> bool {
        let limit = std::time::Duration::from_secs(5);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 += 1;
        self.changed.notify_all();
        let (mut state, _) = self
            .changed
            .wait_timeout_while(state, limit, |s| s.0 < self.expected && !s.1)
            .unwrap_or_else(|e| e.into_inner());
        if state.0 < self.expected {
            state.1 = true;
            self.changed.notify_all();
        }
        state.0 >= self.expected
    }
}
