//! Exercise `ep09_priority`: a blocking priority queue, Python's
//! `queue.PriorityQueue`, from a `Mutex`, a `Condvar` and a `BinaryHeap`.
//! Read: src/ep09-queues.md, "LIFO and priority queues"
//! Check your answer: cargo test -p exercises --test ep09_priority

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Condvar, Mutex};

/// A queue that many threads can share. `get` hands out the *smallest*
/// item first, like Python's `queue.PriorityQueue`; put `(priority, data)`
/// tuples in it to order by priority.
// These fields are a suggestion; change them if you like.
#[allow(dead_code)] // remove this line once you use the fields
pub struct PriorityQueue<T> {
    state: Mutex<State<T>>,
    /// Signalled when an item arrives or the queue is closed.
    changed: Condvar,
}

#[allow(dead_code)] // remove this line once you use the fields
struct State<T> {
    /// `BinaryHeap` pops its largest item; `Reverse` makes that the smallest.
    heap: BinaryHeap<Reverse<T>>,
    closed: bool,
}

impl<T: Ord> PriorityQueue<T> {
    /// An empty, open queue.
    pub fn new() -> Self {
        todo!("ep09_priority: an empty heap, not closed, and a Condvar (chapter ep09-queues)")
    }

    /// Adds `item` and wakes one thread waiting in `get`. After `close`,
    /// the item is refused and handed back as `Err(item)`.
    pub fn put(&self, item: T) -> Result<(), T> {
        let _ = item;
        todo!(
            "ep09_priority: lock, push Reverse(item), unlock, notify one waiting get (chapter ep09-queues)"
        )
    }

    /// Takes the smallest item, waiting while the queue is empty. Returns
    /// `None` once the queue is closed and empty.
    pub fn get(&self) -> Option<T> {
        todo!(
            "ep09_priority: wait on the Condvar while the heap is empty and the queue open, then pop (chapter ep09-queues)"
        )
    }

    /// Refuses new items from now on. Items already in the queue are still
    /// handed out; after the last one, `get` returns `None` in every thread,
    /// including those waiting now (Python 3.13's `Queue.shutdown()`).
    pub fn close(&self) {
        todo!(
            "ep09_priority: mark the queue closed and wake every waiting thread (chapter ep09-queues)"
        )
    }
}
