//! Exercise `ep02_scoped`: scoped threads that borrow a slice.
//! Read: src/ep02-threads.md, "Scoped threads: borrowing without 'static"
//! Check your answer: cargo test -p exercises --test ep02_scoped

/// Splits `data` into `workers` contiguous chunks whose lengths differ by at
/// most one (some are empty when there are more workers than items), calls
/// `f` on each chunk on its own scoped thread, and returns the results in
/// chunk order. Panics if `workers` is 0.
pub fn map_chunks<T, R, F>(data: &[T], workers: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&[T]) -> R + Sync,
{
    let _ = (data, workers, f);
    todo!(
        "ep02_scoped: split the slice in chunks and give each to a thread in thread::scope (chapter ep02-threads)"
    )
}
