//! Exercise `ep09_pipeline`: a pipeline of stages joined by bounded channels.
//! Read: src/ep09-queues.md, "Bounded queues and back-pressure"
//! Check your answer: cargo test -p exercises --test ep09_pipeline

/// One stage of a pipeline: a function from item to item. Each stage runs
/// on a thread of its own.
pub type Stage<T> = Box<dyn FnMut(T) -> T + Send>;

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
    let _ = (source, stages, capacity);
    todo!(
        "ep09_pipeline: in thread::scope, a thread for the source and one per stage, joined by sync_channel(capacity); collect the last receiver (chapter ep09-queues)"
    )
}
