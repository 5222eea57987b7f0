//! Episode 7: Monte Carlo π with worker processes. The program starts copies
//! of itself as workers (`ep07_pi_processes worker SEED CHUNK POINTS ...`);
//! each prints its count on standard output, and the parent adds them up.
//! Run: cargo run -p listings --example ep07_pi_processes

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::process::{Command, Stdio};

fn chunk_rng(seed: u64, chunk: u64) -> StdRng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&chunk.to_le_bytes());
    StdRng::from_seed(key)
}

fn hits_in_chunk(seed: u64, chunk: u64, points: u64) -> u64 {
    let mut rng = chunk_rng(seed, chunk);
    let mut hits = 0;
    for _ in 0..points {
        let x: f64 = rng.random_range(-1.0..1.0);
        let y: f64 = rng.random_range(-1.0..1.0);
        if x * x + y * y < 1.0 {
            hits += 1;
        }
    }
    hits
}

fn chunk_sizes(n: u64, k: usize) -> Vec<u64> {
    (0..k as u64)
        .map(|i| n / k as u64 + u64::from(i < n % k as u64))
        .collect()
}

// ANCHOR: worker
/// The worker: `worker SEED CHUNK POINTS [CHUNK POINTS]...` counts its
/// chunks and prints one number, the total.
fn worker(args: &[String]) {
    let number = |s: &String| s.parse::<u64>().expect("arguments are whole numbers");
    let seed = number(&args[0]);
    let hits: u64 = args[1..]
        .chunks(2)
        .map(|pair| hits_in_chunk(seed, number(&pair[0]), number(&pair[1])))
        .sum();
    println!("{hits}");
}
// ANCHOR_END: worker

// ANCHOR: parent
/// The parent: shares the chunks out over `processes` workers, starts them
/// all, then waits for each one and adds up the numbers they print.
fn pi_processes(seed: u64, n: u64, chunks: usize, processes: usize) -> f64 {
    let me = std::env::current_exe().expect("where is this program?");
    let sizes = chunk_sizes(n, chunks);
    let children: Vec<_> = (0..processes)
        .map(|p| {
            let mut cmd = Command::new(&me);
            cmd.arg("worker").arg(seed.to_string());
            for c in (p..chunks).step_by(processes) {
                cmd.arg(c.to_string()).arg(sizes[c].to_string());
            }
            cmd.stdout(Stdio::piped())
                .spawn()
                .expect("could not start a worker")
        })
        .collect(); // every worker is running before we wait for any
    let mut hits = 0;
    for child in children {
        let out = child.wait_with_output().expect("lost a worker"); // reaps it
        assert!(out.status.success(), "a worker failed: {}", out.status);
        let text = String::from_utf8(out.stdout).expect("a worker printed non-text");
        hits += text
            .trim()
            .parse::<u64>()
            .expect("a worker printed no count");
    }
    4.0 * hits as f64 / n as f64
}
// ANCHOR_END: parent

// ANCHOR: main
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("worker") {
        worker(&args[1..]);
        return;
    }
    let (seed, n, chunks) = (2024, 50_000, 16);
    for processes in [1, 2, 4] {
        let pi = pi_processes(seed, n, chunks, processes);
        println!("{processes} worker process(es): π ≈ {pi}");
    }
}
// ANCHOR_END: main
