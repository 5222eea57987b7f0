//! Exercise `ep09_pipeline`: a pipeline of stages joined by bounded channels.
//! Chapter: src/ep09-queues.md

use std::sync::mpsc;
use std::thread;

/// One stage of a pipeline: a function from item to item. Each stage runs
/// on a thread of its own.
pub type Stage<T> = Box<dyn FnMut(T) -> T + Send>;

// ANCHOR: run_pipeline
/// Sends every item of `source` through `stages`, in order, and returns what
/// comes out of the last stage, in the order of the source.
///
/// One thread pulls the items from `source`, each stage runs on a thread of
/// its own, and consecutive threads are joined by channels that hold at
/// most `capacity` items (`capacity` 0: every hand-over is a rendezvous).
/// The calling thread collects the results. When `source` is exhausted the
/// channels close one after the other, every thread ends, and
/// `run_pipeline` returns.
pub fn run_pipeline<T, I>(source: I, stages: Vec<Stage<T>>, capacity: usize) -> Vec<T>
where
    T: Send + 'static,
    I: IntoIterator<Item = T>,
    I::IntoIter: Send,
{
    let source = source.into_iter();
    thread::scope(|s| {
        // The source thread: when the source runs dry, `tx` is dropped and
        // the first stage's loop ends.
        let (tx, mut rx) = mpsc::sync_channel::<T>(capacity);
        s.spawn(move || {
            for item in source {
                if tx.send(item).is_err() {
                    break; // the next thread has gone (it panicked)
                }
            }
        });
        // One thread per stage, reading the previous channel and writing a
        // new one; the new channel's receiver feeds the next stage.
        for mut stage in stages {
            let (next_tx, next_rx) = mpsc::sync_channel::<T>(capacity);
            let input = rx;
            s.spawn(move || {
                for item in input {
                    if next_tx.send(stage(item)).is_err() {
                        break;
                    }
                }
            });
            rx = next_rx;
        }
        // Ends when the last stage has dropped its Sender.
        rx.into_iter().collect()
    }) // the scope joins every thread before it returns
}
// ANCHOR_END: run_pipeline
