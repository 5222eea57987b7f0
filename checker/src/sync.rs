//! The synchronisation types of the hand-built primitives' exercises:
//! `std::sync` and `std::thread` in a normal build, loom's model-checked
//! versions under `RUSTFLAGS="--cfg loom"` (`cargo xtask loom`). Write an
//! exercise against `course_check::sync::{Arc, Mutex, Condvar}` and the same
//! code is tested both ways: by ordinary tests, and by loom, which tries
//! every interleaving of a small model and reports one that breaks it.
//!
//! Loom's `Condvar` has no `wait_while` or `wait_timeout_while`; the
//! [`Condvar`] here adds them on top of `wait`, exactly as std defines them.

#[cfg(not(loom))]
pub use std::sync::{
    Arc, Condvar, LockResult, Mutex, MutexGuard, PoisonError, WaitTimeoutResult, atomic,
};
#[cfg(not(loom))]
pub use std::thread;

#[cfg(loom)]
pub use loom::sync::{Arc, LockResult, Mutex, MutexGuard, WaitTimeoutResult, atomic};
#[cfg(loom)]
pub use loom::thread;
#[cfg(loom)]
pub use std::sync::PoisonError;

/// loom's `Condvar`, with std's `wait_while`.
#[cfg(loom)]
#[derive(Debug, Default)]
pub struct Condvar(loom::sync::Condvar);

#[cfg(loom)]
impl Condvar {
    pub fn new() -> Self {
        Condvar(loom::sync::Condvar::new())
    }

    pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        self.0.wait(guard)
    }

    pub fn wait_while<'a, T, F>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut condition: F,
    ) -> LockResult<MutexGuard<'a, T>>
    where
        F: FnMut(&mut T) -> bool,
    {
        while condition(&mut *guard) {
            guard = self.0.wait(guard)?;
        }
        Ok(guard)
    }

    pub fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        dur: std::time::Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        self.0.wait_timeout(guard, dur)
    }

    pub fn notify_one(&self) {
        self.0.notify_one()
    }

    pub fn notify_all(&self) {
        self.0.notify_all()
    }
}
