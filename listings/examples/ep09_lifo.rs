//! Episode 9: a blocking LIFO stack, Python's `queue.LifoQueue`, from a
//! `Mutex<Vec<T>>` and a `Condvar`.
//! Run: cargo run -p listings --example ep09_lifo

use std::sync::{Arc, Condvar, Mutex};
use std::thread;

// ANCHOR: stack
/// A stack that threads can share: `pop` takes the newest item, and waits
/// while there is none.
struct Stack<T> {
    items: Mutex<Vec<T>>,
    pushed: Condvar, // signalled after every push
}

impl<T> Stack<T> {
    fn new() -> Self {
        Stack {
            items: Mutex::new(Vec::new()),
            pushed: Condvar::new(),
        }
    }

    fn push(&self, item: T) {
        self.items.lock().unwrap().push(item); // the guard is dropped at the `;`
        self.pushed.notify_one(); // wake one thread waiting in pop, if there is one
    }

    fn pop(&self) -> T {
        let items = self.items.lock().unwrap();
        // Sleep while the stack is empty. The lock is let go while asleep and
        // taken back on waking, and the condition is checked again each time.
        let mut items = self.pushed.wait_while(items, |v| v.is_empty()).unwrap();
        items
            .pop()
            .expect("wait_while returned, so the stack is not empty")
    }
}
// ANCHOR_END: stack

// ANCHOR: main
fn main() {
    let stack = Arc::new(Stack::new());
    for job in ["oldest", "middle", "newest"] {
        stack.push(job);
    }
    assert_eq!(
        [stack.pop(), stack.pop(), stack.pop()],
        ["newest", "middle", "oldest"]
    );

    // On an empty stack, pop waits until some other thread pushes.
    let s = Arc::clone(&stack);
    let taker = thread::spawn(move || s.pop());
    stack.push("late");
    assert_eq!(taker.join().unwrap(), "late");
    println!("last in, first out");
}
// ANCHOR_END: main
