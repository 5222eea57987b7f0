//! Exercise `ep10_agree`: the same count of hits from threads and from
//! processes.
//! Read: src/ep10-processes-that-talk.md, "Threads or processes? Numbers from your machine"
//! Check your answer: cargo test -p exercises --test ep10_agree
//!
//! Use `crate::ep07_pi_chunks::hits_in_chunk` and
//! `crate::ep07_split::{chunk_ranges, chunk_sizes}` (solve `ep07_split` and
//! `ep07_pi_chunks` first). The tests give you the worker program: it runs
//! your `worker_main` on its stdin and stdout.

use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};
use std::ops::Range;
use std::path::Path;

/// A description of some work: the chunks `range` of a run of `n` points
/// split into `chunks` chunks (sizes as `chunk_sizes(n, chunks)`), with
/// seed `seed`. A worker process gets one, as one line of JSON on its stdin.
/// (Given: you need not change it.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    pub seed: u64,
    pub n: u64,
    pub chunks: usize,
    pub range: Range<u64>,
}

/// The hits of the chunks of `work`, each counted by `hits_in_chunk`.
/// (Threads and processes both count this way, so they agree.)
pub fn count(work: &Work) -> u64 {
    let _ = work;
    todo!(
        "ep10_agree: add up hits_in_chunk(seed, chunk, chunk_sizes(n, chunks)[chunk]) over the range (chapter ep10-processes-that-talk)"
    )
}

/// The hits of `n` points in `chunks` chunks with seed `seed`, counted on
/// `threads` threads, each taking a run of whole chunks.
pub fn hits_threads(seed: u64, n: u64, chunks: usize, threads: usize) -> u64 {
    let _ = (seed, n, chunks, threads);
    todo!(
        "ep10_agree: give each thread a range of chunk_ranges(chunks, threads) and add up their counts (chapter ep10-processes-that-talk)"
    )
}

/// The worker's side: reads one `Work` (a line of JSON) from `input`,
/// writes its hits as one line to `output`. Bad JSON, or chunks that are
/// not in 0..work.chunks, is an error.
pub fn worker_main(input: impl BufRead, output: impl Write) -> io::Result<()> {
    let _ = (input, output);
    todo!(
        "ep10_agree: read one line, serde_json::from_str it into a Work, write count(&work) on a line (chapter ep10-processes-that-talk)"
    )
}

/// The same count as `hits_threads`, on `processes` runs of `program` (at
/// most one per chunk). Each gets its `Work` on stdin and prints its hits;
/// every child is waited for, and any failure is an `Err`.
pub fn hits_processes(
    program: &Path,
    seed: u64,
    n: u64,
    chunks: usize,
    processes: usize,
) -> io::Result<u64> {
    let _ = (program, seed, n, chunks, processes);
    todo!(
        "ep10_agree: start one child per non-empty range of chunk_ranges(chunks, processes), write its Work as JSON to its stdin, then wait for each and add the counts (chapter ep10-processes-that-talk)"
    )
}
