//! Exercise `ep10_agree`: the same count of hits from threads and from
//! processes.
//! Chapter: src/ep10-processes-that-talk.md, "Threads or processes? Numbers from your machine"

use crate::ep07_pi_chunks::hits_in_chunk;
use crate::ep07_split::{chunk_ranges, chunk_sizes};
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};
use std::ops::Range;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;

// ANCHOR: work
/// A description of some work: the chunks `range` of a run of `n` points
/// split into `chunks` chunks (sizes as `chunk_sizes(n, chunks)`), with
/// seed `seed`. A worker process gets one, as one line of JSON on its stdin.
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
    let sizes = chunk_sizes(work.n, work.chunks);
    work.range
        .clone()
        .map(|chunk| hits_in_chunk(work.seed, chunk, sizes[chunk as usize]))
        .sum()
}
// ANCHOR_END: work

// ANCHOR: hits_threads
/// The hits of `n` points in `chunks` chunks with seed `seed`, counted on
/// `threads` threads, each taking a run of whole chunks.
pub fn hits_threads(seed: u64, n: u64, chunks: usize, threads: usize) -> u64 {
    assert!(threads > 0, "need at least one thread");
    thread::scope(|s| {
        let handles: Vec<_> = chunk_ranges(chunks as u64, threads)
            .into_iter()
            .map(|range| {
                let work = Work {
                    seed,
                    n,
                    chunks,
                    range,
                };
                s.spawn(move || count(&work))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a counting thread panicked"))
            .sum()
    })
}
// ANCHOR_END: hits_threads

// ANCHOR: worker_main
/// The worker's side: reads one `Work` (a line of JSON) from `input`,
/// writes its hits as one line to `output`. Bad JSON, or chunks that are
/// not in 0..work.chunks, is an error.
pub fn worker_main(mut input: impl BufRead, mut output: impl Write) -> io::Result<()> {
    let mut line = String::new();
    input.read_line(&mut line)?;
    let work: Work = serde_json::from_str(&line)?;
    let r = &work.range;
    if work.chunks == 0 || r.start > r.end || r.end > work.chunks as u64 {
        let what = format!("chunks {r:?} are not among the {} chunks", work.chunks);
        return Err(io::Error::new(io::ErrorKind::InvalidInput, what));
    }
    writeln!(output, "{}", count(&work))?;
    output.flush()
}
// ANCHOR_END: worker_main

// ANCHOR: hits_processes
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
    assert!(processes > 0, "need at least one process");
    let mut children = Vec::new();
    let mut first_error = None;
    // Start them all before waiting for any, so that they run at once.
    for range in chunk_ranges(chunks as u64, processes) {
        if range.is_empty() {
            continue; // more processes than chunks: this one would idle
        }
        let work = Work {
            seed,
            n,
            chunks,
            range,
        };
        match start(program, &work) {
            Ok(child) => children.push(child),
            Err(e) => {
                first_error = Some(e);
                break; // start no more, but wait for those started
            }
        }
    }
    let mut hits = 0;
    for child in children {
        match finish(child) {
            Ok(h) => hits += h,
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(hits),
    }
}

/// Starts one worker and hands it `work`; its stdin is closed after that.
fn start(program: &Path, work: &Work) -> io::Result<Child> {
    let mut child = Command::new(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let sent = serde_json::to_string(work)
        .map_err(io::Error::from)
        .and_then(|line| writeln!(stdin, "{line}"));
    drop(stdin);
    if let Err(e) = sent {
        let _ = child.wait(); // it will not get its work: reap it
        return Err(e);
    }
    Ok(child)
}

/// Waits for one worker and reads the count it printed.
fn finish(child: Child) -> io::Result<u64> {
    let output = child.wait_with_output()?;
    if !output.status.success() {
        return Err(io::Error::other(format!(
            "a worker failed ({})",
            output.status
        )));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    text.trim().parse().map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a worker printed {text:?}, not a count"),
        )
    })
}
// ANCHOR_END: hits_processes
