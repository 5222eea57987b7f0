//! Exercise `ep07_pi_rayon`: the same estimate of π with rayon, in a pool of n threads.
//! Read: src/ep07-monte-carlo-pi.md, "rayon: chunks as a parallel iterator"
//! Check your answer: cargo test -p exercises --test ep07_pi_rayon
//!
//! Use `crate::ep07_pi_chunks::hits_in_chunk` (solve `ep07_pi_chunks` first).

/// Estimates π like `ep07_pi_chunks::estimate_pi` (same seed, same chunks,
/// same answer to the last bit), with the chunks counted by a rayon pool
/// of `threads` threads.
pub fn estimate_pi_rayon(seed: u64, total_points: u64, chunks: usize, threads: usize) -> f64 {
    let _ = (seed, total_points, chunks, threads);
    todo!(
        "ep07_pi_rayon: call estimate_pi_rayon_observed with a hook that does nothing (chapter ep07-monte-carlo-pi)"
    )
}

/// [`estimate_pi_rayon`], calling `before_chunk(chunk)` on the pool thread
/// that is about to count chunk `chunk`.
///
/// Build a pool with `rayon::ThreadPoolBuilder`, and inside `pool.install`
/// map the chunk indices to their hits with a parallel iterator and sum.
pub fn estimate_pi_rayon_observed(
    seed: u64,
    total_points: u64,
    chunks: usize,
    threads: usize,
    before_chunk: &(dyn Fn(usize) + Sync),
) -> f64 {
    let _ = (seed, total_points, chunks, threads, before_chunk);
    todo!(
        "ep07_pi_rayon: build a pool of `threads` threads and sum the chunks' hits with into_par_iter inside pool.install (chapter ep07-monte-carlo-pi)"
    )
}
