//! Exercise `ep04_bounded`: a bounded buffer (Python's `queue.Queue(maxsize=n)`)
//! from a `Mutex<VecDeque<T>>` and one `Condvar`.
//! Chapter: src/ep04-deadlock.md
//!
//! Written against `course_check::sync`, which is `std::sync` in a normal
//! build and loom's model-checked types under `cargo xtask loom`.

use course_check::sync::{Condvar, Mutex};
use std::collections::VecDeque;

// ANCHOR: bounded
/// A first-in, first-out buffer of at most `capacity` items: `put` waits
/// while it is full, `get` while it is empty.
pub struct Bounded<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    /// One Condvar for both "not full any more" and "not empty any more".
    changed: Condvar,
}

impl<T> Bounded<T> {
    /// An empty buffer for at most `capacity` items. Panics if `capacity` is 0.
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "a buffer needs room for at least one item");
        Bounded {
            items: Mutex::new(VecDeque::with_capacity(capacity)),
            capacity,
            changed: Condvar::new(),
        }
    }

    /// Adds `item` at the back, waiting while the buffer is full.
    pub fn put(&self, item: T) {
        let items = self.items.lock().unwrap();
        let mut items = self
            .changed
            .wait_while(items, |q| q.len() >= self.capacity)
            .unwrap();
        items.push_back(item);
        drop(items);
        // Producers and consumers share the Condvar: notify_one might wake
        // another producer, which would go back to sleep, and the consumer
        // that could take the item would never hear of it.
        self.changed.notify_all();
    }

    /// Takes the oldest item, waiting while the buffer is empty.
    pub fn get(&self) -> T {
        let items = self.items.lock().unwrap();
        let mut items = self.changed.wait_while(items, |q| q.is_empty()).unwrap();
        let item = items
            .pop_front()
            .expect("wait_while returned, so the buffer is not empty");
        drop(items);
        self.changed.notify_all();
        item
    }

    /// How many items are in the buffer now.
    pub fn len(&self) -> usize {
        self.items.lock().unwrap().len()
    }
}
// ANCHOR_END: bounded
