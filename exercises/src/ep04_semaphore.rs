//! Exercise `ep04_semaphore`: Python's `threading.Semaphore`, from a `Mutex`
//! and a `Condvar`, with permits that give themselves back when dropped.
//! Read: src/ep04-deadlock.md, "A semaphore"
//! Check your answer: cargo test -p exercises --test ep04_semaphore
//! Model-check it: cargo xtask loom ep04_semaphore
//!
//! Use the types of `course_check::sync` (not `std::sync`): they are std's
//! in a normal build and loom's model-checked ones under `cargo xtask loom`.

#[allow(unused_imports)] // remove this line once you use them
use course_check::sync::{Condvar, Mutex, PoisonError};

/// At most `limit` permits out at a time; `acquire` waits for a free one.
// These fields are a suggestion; change them if you like.
#[allow(dead_code)] // remove this line once you use the fields
pub struct Semaphore {
    /// How many permits are out right now.
    in_use: Mutex<usize>,
    limit: usize,
    /// Signalled when a permit comes back.
    freed: Condvar,
}

/// A permit; dropping it gives it back (the `release` you cannot forget).
#[allow(dead_code)] // remove this line once you use the field
pub struct Permit<'a> {
    semaphore: &'a Semaphore,
}

impl Semaphore {
    /// A semaphore with `permits` permits, all free.
    pub fn new(permits: usize) -> Semaphore {
        let _ = permits;
        todo!("ep04_semaphore: no permit out yet, the limit, and a Condvar (chapter ep04-deadlock)")
    }

    /// Takes a permit, waiting while all of them are out.
    pub fn acquire(&self) -> Permit<'_> {
        todo!(
            "ep04_semaphore: lock, wait_while every permit is out, count one more out, return a Permit (chapter ep04-deadlock)"
        )
    }

    /// Takes a permit if one is free, without waiting
    /// (Python's `acquire(blocking=False)`).
    pub fn try_acquire(&self) -> Option<Permit<'_>> {
        todo!(
            "ep04_semaphore: lock; if a permit is free, count it out and return Some(Permit) (chapter ep04-deadlock)"
        )
    }

    /// How many permits are free right now.
    pub fn available(&self) -> usize {
        todo!("ep04_semaphore: the limit minus the permits out (chapter ep04-deadlock)")
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        // Write here: count one permit fewer out (lock with
        // `.unwrap_or_else(PoisonError::into_inner)`, never `unwrap`, in
        // drop), unlock, and wake one waiting `acquire`. This body stays
        // empty in the stub: a `todo!()` here would panic while a failing
        // test unwinds, and abort the whole test program.
    }
}
