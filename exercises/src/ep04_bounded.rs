//! Exercise `ep04_bounded`: a bounded buffer (Python's `queue.Queue(maxsize=n)`)
//! from a `Mutex<VecDeque<T>>` and one `Condvar`.
//! Read: src/ep04-deadlock.md, "Condition variables"
//! Check your answer: cargo test -p exercises --test ep04_bounded
//! Model-check it: cargo xtask loom ep04_bounded
//!
//! Use the types of `course_check::sync` (not `std::sync`): they are std's
//! in a normal build and loom's model-checked ones under `cargo xtask loom`.

#[allow(unused_imports)] // remove this line once you use them
use course_check::sync::{Condvar, Mutex};
use std::collections::VecDeque;

/// A first-in, first-out buffer of at most `capacity` items: `put` waits
/// while it is full, `get` while it is empty.
// These fields are a suggestion; change them if you like.
#[allow(dead_code)] // remove this line once you use the fields
pub struct Bounded<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    /// One Condvar for both "not full any more" and "not empty any more".
    changed: Condvar,
}

impl<T> Bounded<T> {
    /// An empty buffer for at most `capacity` items. Panics if `capacity` is 0.
    pub fn new(capacity: usize) -> Self {
        let _ = capacity;
        todo!(
            "ep04_bounded: an empty VecDeque in a Mutex, the capacity, a Condvar (chapter ep04-deadlock)"
        )
    }

    /// Adds `item` at the back, waiting while the buffer is full.
    pub fn put(&self, item: T) {
        let _ = item;
        todo!(
            "ep04_bounded: wait_while full, push_back, unlock, notify_all (chapter ep04-deadlock)"
        )
    }

    /// Takes the oldest item, waiting while the buffer is empty.
    pub fn get(&self) -> T {
        todo!(
            "ep04_bounded: wait_while empty, pop_front, unlock, notify_all (chapter ep04-deadlock)"
        )
    }

    /// How many items are in the buffer now.
    pub fn len(&self) -> usize {
        todo!("ep04_bounded: the length, under the lock (chapter ep04-deadlock)")
    }
}
