//! Exercise `ep08_chunks`: cut `0..n` into `k` contiguous chunks.
//! Read: src/ep08-integration.md, "Chunk boundaries: nothing lost, nothing twice"
//! Check your answer: cargo test -p exercises --test ep08_chunks

use std::ops::Range;

/// Splits the indices `0..n` into `k` contiguous ranges, in order, that
/// cover every index exactly once and whose lengths differ by at most one.
/// Some ranges are empty when `n < k`. `k` must be at least 1.
pub fn chunk_bounds(n: usize, k: usize) -> Vec<Range<usize>> {
    let _ = (n, k);
    todo!("ep08_chunks: return k ranges that cover 0..n exactly once (chapter ep08-integration)")
}
