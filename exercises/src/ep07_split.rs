//! Exercise `ep07_split`: split N items into k fair chunks.
//! Read: src/ep07-monte-carlo-pi.md, "Splitting N over the workers"
//! Check your answer: cargo test -p exercises --test ep07_split

use std::ops::Range;

/// Splits `n` items into `k` chunk sizes that add up to `n` and differ by at
/// most one. The first `n % k` chunks get the one extra item, so
/// `chunk_sizes(10, 4)` is `[3, 3, 2, 2]`.
///
/// Panics if `k` is 0: there is no way to share work among no one.
pub fn chunk_sizes(n: u64, k: usize) -> Vec<u64> {
    let _ = (n, k);
    todo!(
        "ep07_split: give every chunk n / k items and the first n % k chunks one more (chapter ep07-monte-carlo-pi)"
    )
}

/// The same split as [`chunk_sizes`], as index ranges: they start at 0, each
/// one starts where the previous one ended, and the last one ends at `n`.
/// `chunk_ranges(10, 4)` is `[0..3, 3..6, 6..8, 8..10]`.
pub fn chunk_ranges(n: u64, k: usize) -> Vec<Range<u64>> {
    let _ = (n, k);
    todo!(
        "ep07_split: turn the chunk sizes into back-to-back ranges from 0 to n (chapter ep07-monte-carlo-pi)"
    )
}
