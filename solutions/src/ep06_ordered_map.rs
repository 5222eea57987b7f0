//! Exercise `ep06_ordered_map`: a parallel map that keeps input order.
//! Chapter: src/ep06-pools-and-futures.md

use rayon::prelude::*;

// ANCHOR: ordered_map
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
    // rayon reads num_threads(0) as "choose for me", so refuse it here.
    assert!(threads > 0, "a pool needs at least one thread");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("could not start the thread pool");
    // install: run this closure on the pool, so the parallel iterator
    // inside it uses this pool's threads and not rayon's global pool.
    // collect() puts each result in its input's place, whatever the order
    // in which the threads finish.
    pool.install(|| inputs.into_par_iter().map(&f).collect())
    // `pool` is dropped here and its threads shut down.
}
// ANCHOR_END: ordered_map
