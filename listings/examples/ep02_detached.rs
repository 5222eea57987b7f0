//! Episode 2: a detached thread is cut off when main returns.
//! Run: cargo run -p listings --example ep02_detached

// ANCHOR: detached
use std::sync::mpsc;
use std::thread;

struct Cleanup;

impl Drop for Cleanup {
    fn drop(&mut self) {
        println!("worker: cleaning up"); // never printed: see below
    }
}

fn main() {
    let (ready_tx, ready_rx) = mpsc::channel();
    // The JoinHandle is dropped at once: the thread is detached.
    thread::spawn(move || {
        let _cleanup = Cleanup;
        ready_tx.send(()).unwrap();
        loop {
            thread::park(); // wait for a wake-up that never comes
        }
    });
    ready_rx.recv().unwrap(); // the worker is running and holds `_cleanup`
    println!("main: returning");
    // main returns: the process exits, the worker is stopped where it is,
    // and its `Cleanup` is never dropped.
}
// ANCHOR_END: detached
