//! Exercise `ep08_parallel`: the Riemann sum on scoped threads, one chunk
//! per thread.
//! Read: src/ep08-integration.md, "Rust: scoped threads"
//! Check your answer: cargo test -p exercises --test ep08_parallel

use std::ops::Range;

/// The left Riemann sum of `f` over `[a, b]` with `n` steps, computed by
/// `threads` scoped threads, each summing one contiguous chunk of `0..n`.
/// (Tip: write `integrate_parallel_with` first and call it from here.)
pub fn integrate_parallel(
    f: impl Fn(f64) -> f64 + Sync,
    a: f64,
    b: f64,
    n: usize,
    threads: usize,
) -> f64 {
    let _ = (f, a, b, n, threads);
    todo!(
        "ep08_parallel: one chunk per scoped thread, then add the partial sums (chapter ep08-integration)"
    )
}

/// Like [`integrate_parallel`], and each worker thread calls
/// `on_chunk(chunk_index, chunk)` once, on its own thread, before it sums
/// its chunk.
pub fn integrate_parallel_with(
    f: impl Fn(f64) -> f64 + Sync,
    a: f64,
    b: f64,
    n: usize,
    threads: usize,
    on_chunk: impl Fn(usize, Range<usize>) + Sync,
) -> f64 {
    let _ = (f, a, b, n, threads, on_chunk);
    todo!(
        "ep08_parallel: spawn one scoped thread per chunk; each calls on_chunk(index, range) first (chapter ep08-integration)"
    )
}
