//! Exercise `ep09_priority`: a blocking priority queue, Python's
//! `queue.PriorityQueue`, from a `Mutex`, a `Condvar` and a `BinaryHeap`.
//! Chapter: src/ep09-queues.md

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Condvar, Mutex};

// ANCHOR: queue
/// A queue that many threads can share. `get` hands out the *smallest*
/// item first, like Python's `queue.PriorityQueue`; put `(priority, data)`
/// tuples in it to order by priority.
pub struct PriorityQueue<T> {
    state: Mutex<State<T>>,
    /// Signalled when an item arrives or the queue is closed.
    changed: Condvar,
}

struct State<T> {
    /// `BinaryHeap` pops its largest item; `Reverse` makes that the smallest.
    heap: BinaryHeap<Reverse<T>>,
    closed: bool,
}

impl<T: Ord> PriorityQueue<T> {
    /// An empty, open queue.
    pub fn new() -> Self {
        PriorityQueue {
            state: Mutex::new(State {
                heap: BinaryHeap::new(),
                closed: false,
            }),
            changed: Condvar::new(),
        }
    }

    /// Adds `item` and wakes one thread waiting in `get`. After `close`,
    /// the item is refused and handed back as `Err(item)`.
    pub fn put(&self, item: T) -> Result<(), T> {
        let mut state = self.state.lock().unwrap();
        if state.closed {
            return Err(item);
        }
        state.heap.push(Reverse(item));
        drop(state); // let the woken thread take the lock at once
        self.changed.notify_one();
        Ok(())
    }

    /// Takes the smallest item, waiting while the queue is empty. Returns
    /// `None` once the queue is closed and empty.
    pub fn get(&self) -> Option<T> {
        let state = self.state.lock().unwrap();
        // wait_while re-checks after every wake-up, spurious or not.
        let mut state = self
            .changed
            .wait_while(state, |s| s.heap.is_empty() && !s.closed)
            .unwrap();
        state.heap.pop().map(|Reverse(item)| item)
    }

    /// Refuses new items from now on. Items already in the queue are still
    /// handed out; after the last one, `get` returns `None` in every thread,
    /// including those waiting now (Python 3.13's `Queue.shutdown()`).
    pub fn close(&self) {
        self.state.lock().unwrap().closed = true;
        self.changed.notify_all(); // every waiting thread must see it
    }
}
// ANCHOR_END: queue
