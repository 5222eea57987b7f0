//! Exercise `ep06_ordered_map`: a parallel map that keeps input order.
//! Read: src/ep06-pools-and-futures.md, "Choosing the number of threads"
//! Check your answer: cargo test -p exercises --test ep06_ordered_map

/// Applies `f` to every input on a rayon pool of exactly `threads` threads
/// and returns the results in the order of the inputs, like
/// `ThreadPoolExecutor(max_workers=threads).map(f, inputs)` in Python.
///
/// Panics if `threads` is 0 or the pool cannot be started.
pub fn ordered_map<T, R, F>(inputs: Vec<T>, threads: usize, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync + Send,
{
    let _ = (inputs, threads, f);
    todo!(
        "ep06_ordered_map: build a rayon pool of `threads` threads and collect a parallel map inside pool.install (chapter ep06-pools-and-futures)"
    )
}
