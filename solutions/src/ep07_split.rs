//! Exercise `ep07_split`: split N items into k fair chunks.
//! Chapter: src/ep07-monte-carlo-pi.md, "Splitting N over the workers"

use std::ops::Range;

// ANCHOR: chunk_sizes
/// Splits `n` items into `k` chunk sizes that add up to `n` and differ by at
/// most one. The first `n % k` chunks get the one extra item, so
/// `chunk_sizes(10, 4)` is `[3, 3, 2, 2]`.
///
/// Panics if `k` is 0: there is no way to share work among no one.
pub fn chunk_sizes(n: u64, k: usize) -> Vec<u64> {
    assert!(k > 0, "cannot split {n} items into 0 chunks");
    let k64 = k as u64;
    let (base, extra) = (n / k64, n % k64);
    (0..k64).map(|i| base + u64::from(i < extra)).collect()
}
// ANCHOR_END: chunk_sizes

// ANCHOR: chunk_ranges
/// The same split as [`chunk_sizes`], as index ranges: they start at 0, each
/// one starts where the previous one ended, and the last one ends at `n`.
/// `chunk_ranges(10, 4)` is `[0..3, 3..6, 6..8, 8..10]`.
pub fn chunk_ranges(n: u64, k: usize) -> Vec<Range<u64>> {
    let mut start = 0;
    chunk_sizes(n, k)
        .into_iter()
        .map(|len| {
            let range = start..start + len;
            start += len;
            range
        })
        .collect()
}
// ANCHOR_END: chunk_ranges
