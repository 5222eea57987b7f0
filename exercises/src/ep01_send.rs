//! Exercise `ep01_send`: share read-only data between threads with `Arc`.
//! Read: src/ep01-cores-and-the-gil.md, "Why Rust has no GIL"
//! Check your answer: cargo test -p exercises --test ep01_send

use std::sync::Arc;

/// Splits `data` into `threads` contiguous chunks whose sizes differ by at
/// most one, sums each chunk on its own thread, and returns the partial sums
/// in chunk order. Every thread must be joined before the function returns.
pub fn partial_sums(data: Arc<Vec<u64>>, threads: usize) -> Vec<u64> {
    let _ = (data, threads);
    todo!(
        "ep01_send: give each thread an Arc clone and sum one chunk per thread (chapter ep01-cores-and-the-gil)"
    )
}
