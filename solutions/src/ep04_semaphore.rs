//! Exercise `ep04_semaphore`: Python's `threading.Semaphore`, from a `Mutex`
//! and a `Condvar`, with permits that give themselves back when dropped.
//! Chapter: src/ep04-deadlock.md
//!
//! Written against `course_check::sync`, which is `std::sync` in a normal
//! build and loom's model-checked types under `cargo xtask loom`.

use course_check::sync::{Condvar, Mutex, PoisonError};

// ANCHOR: semaphore
/// At most `limit` permits out at a time; `acquire` waits for a free one.
pub struct Semaphore {
    /// How many permits are out right now.
    in_use: Mutex<usize>,
    limit: usize,
    /// Signalled when a permit comes back.
    freed: Condvar,
}

/// A permit; dropping it gives it back (the `release` you cannot forget).
pub struct Permit<'a> {
    semaphore: &'a Semaphore,
}

impl Semaphore {
    /// A semaphore with `permits` permits, all free.
    pub fn new(permits: usize) -> Semaphore {
        Semaphore {
            in_use: Mutex::new(0),
            limit: permits,
            freed: Condvar::new(),
        }
    }

    /// Takes a permit, waiting while all of them are out.
    pub fn acquire(&self) -> Permit<'_> {
        let in_use = self.in_use.lock().unwrap();
        // The check and the update happen under one lock: nobody can take
        // the permit we saw between our looking and our taking.
        let mut in_use = self.freed.wait_while(in_use, |n| *n >= self.limit).unwrap();
        *in_use += 1;
        Permit { semaphore: self }
    }

    /// Takes a permit if one is free, without waiting
    /// (Python's `acquire(blocking=False)`).
    pub fn try_acquire(&self) -> Option<Permit<'_>> {
        let mut in_use = self.in_use.lock().unwrap();
        if *in_use >= self.limit {
            return None;
        }
        *in_use += 1;
        Some(Permit { semaphore: self })
    }

    /// How many permits are free right now.
    pub fn available(&self) -> usize {
        self.limit - *self.in_use.lock().unwrap()
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        // No unwrap in drop: a second panic while unwinding aborts.
        let mut in_use = self
            .semaphore
            .in_use
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *in_use -= 1;
        drop(in_use);
        self.semaphore.freed.notify_one(); // one permit back, one waiter can go
    }
}
// ANCHOR_END: semaphore
