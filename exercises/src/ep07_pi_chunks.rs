//! Exercise `ep07_pi_chunks`: estimate π on threads, one seeded RNG per chunk.
//! Read: src/ep07-monte-carlo-pi.md, "One random number generator per chunk"
//! Check your answer: cargo test -p exercises --test ep07_pi_chunks
//!
//! You may use `crate::ep07_split::chunk_sizes` once you have solved `ep07_split`.

/// Throws `points` random points into the square [-1, 1]² with the generator
/// of chunk `chunk` (seeded from `seed` and `chunk` only) and returns how
/// many land inside the unit circle.
pub fn hits_in_chunk(seed: u64, chunk: u64, points: u64) -> u64 {
    let _ = (seed, chunk, points);
    todo!(
        "ep07_pi_chunks: seed a StdRng from (seed, chunk) and count the points inside the circle (chapter ep07-monte-carlo-pi)"
    )
}

/// Estimates π from `total_points` points split into `chunks` chunks (sizes
/// as `chunk_sizes(total_points, chunks)`), counted on `threads` threads.
/// The answer depends on `seed`, `total_points` and `chunks`, never on
/// `threads`.
pub fn estimate_pi(seed: u64, total_points: u64, chunks: usize, threads: usize) -> f64 {
    let _ = (seed, total_points, chunks, threads);
    todo!(
        "ep07_pi_chunks: call estimate_pi_observed with a hook that does nothing (chapter ep07-monte-carlo-pi)"
    )
}

/// [`estimate_pi`], telling `before_chunk(worker, chunk)` which worker
/// thread (0..threads) is about to count which chunk.
///
/// Start `threads` scoped threads; worker `w` counts its share of the
/// chunks (for example chunks w, w + threads, w + 2 * threads, ...),
/// calling `before_chunk(w, chunk)` just before each one, and returns its
/// total; add the workers' totals once they are joined.
pub fn estimate_pi_observed(
    seed: u64,
    total_points: u64,
    chunks: usize,
    threads: usize,
    before_chunk: &(dyn Fn(usize, usize) + Sync),
) -> f64 {
    let _ = (seed, total_points, chunks, threads, before_chunk);
    todo!(
        "ep07_pi_chunks: start all workers in a thread::scope, each counting its chunks, then join and add (chapter ep07-monte-carlo-pi)"
    )
}
