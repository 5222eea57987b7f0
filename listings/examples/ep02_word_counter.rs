//! Episode 2: a type that owns its worker thread.
//! Run: cargo run -p listings --example ep02_word_counter

// ANCHOR: type
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

/// Counts the words of the lines sent to it, on a thread of its own.
pub struct WordCounter {
    lines: Option<Sender<String>>,     // None once the channel is closed
    thread: Option<JoinHandle<usize>>, // None once the thread is joined
}

impl WordCounter {
    pub fn start() -> Self {
        let (tx, rx) = mpsc::channel::<String>();
        let thread = thread::Builder::new()
            .name("word-counter".into())
            .spawn(move || {
                let mut words = 0;
                // The loop ends when every Sender has been dropped.
                for line in rx {
                    words += line.split_whitespace().count();
                }
                words
            })
            .expect("could not start the word-counter thread");
        WordCounter {
            lines: Some(tx),
            thread: Some(thread),
        }
    }

    /// Hands a line to the worker and returns at once.
    pub fn add(&self, line: &str) {
        if let Some(tx) = &self.lines {
            tx.send(line.to_string())
                .expect("the word-counter thread has stopped");
        }
    }

    /// Closes the channel, waits for the thread and returns its count.
    pub fn finish(mut self) -> usize {
        drop(self.lines.take()); // 1. no more lines: the worker's loop ends
        let thread = self.thread.take().expect("finish runs once");
        thread.join().expect("the word-counter thread panicked") // 2. wait for it
    }
}

impl Drop for WordCounter {
    // Dropped without finish()? Still close the channel and wait, so the
    // thread never outlives its owner. The order matters: join first and
    // the worker would wait for lines forever.
    fn drop(&mut self) {
        drop(self.lines.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join(); // never panic inside drop
        }
    }
}
// ANCHOR_END: type

// ANCHOR: use
fn main() {
    let counter = WordCounter::start();
    counter.add("the quick brown fox");
    counter.add("jumps over");
    counter.add("the lazy dog");
    println!("words: {}", counter.finish());

    let forgotten = WordCounter::start();
    forgotten.add("dropped without finish, still joined");
    drop(forgotten); // Drop closes the channel and joins the thread
}
// ANCHOR_END: use
