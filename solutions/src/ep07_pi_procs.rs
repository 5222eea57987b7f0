//! Exercise `ep07_pi_procs`: estimate π with worker processes that print their counts.
//! Chapter: src/ep07-monte-carlo-pi.md, "Processes: workers print, the parent adds"
//! The tests run `worker_hits` as the worker program.

use crate::ep07_pi_chunks::hits_in_chunk;
use crate::ep07_split::chunk_sizes;
use std::io;
use std::path::Path;
use std::process::{Child, Command, Stdio};

// ANCHOR: worker_hits
/// What the worker program does with its arguments `SEED [CHUNK POINTS]...`:
/// the total hits of those chunks (each counted with `hits_in_chunk`).
/// Returns an error message if the arguments are not of that form.
pub fn worker_hits(args: &[String]) -> Result<u64, String> {
    let number = |s: &String| {
        s.parse::<u64>()
            .map_err(|_| format!("`{s}` is not a whole number"))
    };
    let (seed, pairs) = args
        .split_first()
        .ok_or("usage: ep07_pi_worker SEED [CHUNK POINTS]...")?;
    let seed = number(seed)?;
    if pairs.len() % 2 != 0 {
        return Err("every CHUNK needs its POINTS".into());
    }
    let mut hits = 0;
    for pair in pairs.chunks(2) {
        hits += hits_in_chunk(seed, number(&pair[0])?, number(&pair[1])?);
    }
    Ok(hits)
}
// ANCHOR_END: worker_hits

// ANCHOR: estimate_pi_processes
/// Estimates π like `ep07_pi_chunks::estimate_pi` (same seed and chunks, the
/// same answer), with the chunks shared out over `processes` runs of the
/// program `worker`. Each run gets `SEED CHUNK POINTS CHUNK POINTS ...` as
/// arguments and prints its total hits; the parent adds them up. All workers
/// run at the same time, and every one is waited for, even after an error.
pub fn estimate_pi_processes(
    worker: &Path,
    seed: u64,
    total_points: u64,
    chunks: usize,
    processes: usize,
) -> io::Result<f64> {
    assert!(total_points > 0, "need at least one point");
    assert!(processes > 0, "need at least one process");
    let sizes = chunk_sizes(total_points, chunks);

    // Start every worker before waiting for any, or they run one by one.
    let mut children = Vec::new();
    let mut first_error = None;
    for p in 0..processes.min(chunks) {
        let mut command = Command::new(worker);
        command.arg(seed.to_string());
        for chunk in (p..chunks).step_by(processes) {
            command.arg(chunk.to_string()).arg(sizes[chunk].to_string());
        }
        match command.stdout(Stdio::piped()).spawn() {
            Ok(child) => children.push(child),
            Err(e) => {
                first_error = Some(e);
                break; // no more workers; still wait for those started
            }
        }
    }

    // Wait for each (no zombies), read its count, add it once.
    let mut hits = 0;
    for child in children {
        match read_count(child) {
            Ok(h) => hits += h,
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(4.0 * hits as f64 / total_points as f64),
    }
}

/// Waits for one worker and parses the number it printed.
fn read_count(child: Child) -> io::Result<u64> {
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
// ANCHOR_END: estimate_pi_processes
