//! Exercise `ep07_pi_procs`: estimate π with worker processes that print their counts.
//! Read: src/ep07-monte-carlo-pi.md, "Processes: workers print, the parent adds"
//! Check your answer: cargo test -p exercises --test ep07_pi_procs
//!
//! The tests give you the worker program: it calls `worker_hits` with its
//! arguments and prints the result.
//! Use `crate::ep07_pi_chunks::hits_in_chunk` (solve `ep07_pi_chunks` first).

use std::io;
use std::path::Path;

/// What the worker program does with its arguments `SEED [CHUNK POINTS]...`:
/// the total hits of those chunks (each counted with `hits_in_chunk`).
/// Returns an error message if the arguments are not of that form.
pub fn worker_hits(args: &[String]) -> Result<u64, String> {
    let _ = args;
    todo!(
        "ep07_pi_procs: parse SEED, then CHUNK POINTS pairs, and add up hits_in_chunk for each pair (chapter ep07-monte-carlo-pi)"
    )
}

/// Estimates π like `ep07_pi_chunks::estimate_pi` (same seed and chunks, the
/// same answer), with the chunks shared out over `processes` runs of the
/// program `worker` (at most one run per chunk). Each run gets
/// `SEED CHUNK POINTS CHUNK POINTS ...` as arguments and prints its total
/// hits; the parent adds them up. All workers run at the same time, and
/// every one is waited for, even after an error.
pub fn estimate_pi_processes(
    worker: &Path,
    seed: u64,
    total_points: u64,
    chunks: usize,
    processes: usize,
) -> io::Result<f64> {
    let _ = (worker, seed, total_points, chunks, processes);
    todo!(
        "ep07_pi_procs: spawn every worker with piped stdout first, then wait for each and add the counts (chapter ep07-monte-carlo-pi)"
    )
}
