//! Exercise `ep08_chunks`: cut `0..n` into `k` contiguous chunks.
//! Chapter: src/ep08-integration.md

use std::ops::Range;

// ANCHOR: chunk_bounds
/// Splits the indices `0..n` into `k` contiguous ranges, in order, that
/// cover every index exactly once and whose lengths differ by at most one.
/// Some ranges are empty when `n < k`. `k` must be at least 1.
pub fn chunk_bounds(n: usize, k: usize) -> Vec<Range<usize>> {
    assert!(k >= 1, "chunk_bounds needs at least one chunk");
    // Chunk c starts where chunk c - 1 ends, because both use the same
    // expression c * n / k: nothing is skipped, nothing is counted twice.
    (0..k).map(|c| c * n / k..(c + 1) * n / k).collect()
}
// ANCHOR_END: chunk_bounds
