//! Benchmark: how much does the size of a message matter? The same Monte
//! Carlo estimate of pi, with two reader threads, three ways:
//!   1. one point per message (and one yes/no answer per point),
//!   2. a batch of 1000 points per message (one count per batch),
//!   3. a chunk description, (seed, points), per message (one count per chunk).
//!
//! Run: cargo run --release -p listings --example ep06_message_size

use crossbeam::channel::{self, Receiver, Sender};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::thread;
use std::time::Instant;

const POINTS: u64 = 4_000_000;
const READERS: usize = 2;
const BATCH: usize = 1000;
const CHUNK: u64 = 100_000;

fn random_point(rng: &mut StdRng) -> (f64, f64) {
    (rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0))
}

fn inside((x, y): (f64, f64)) -> bool {
    x * x + y * y < 1.0
}

/// Starts the readers, runs `write` (the writer) on this thread while a
/// second thread adds up the answers, and returns (messages sent, hits).
fn run<J: Send + 'static, A: Send + 'static>(
    reader: fn(J) -> A,
    add: fn(A) -> u64,
    write: impl FnOnce(&Sender<J>) -> u64,
) -> (u64, u64) {
    let (job_tx, job_rx) = channel::bounded::<J>(1024);
    let (ans_tx, ans_rx) = channel::bounded::<A>(1024);
    let readers: Vec<_> = (0..READERS)
        .map(|_| {
            let (jobs, answers): (Receiver<J>, Sender<A>) = (job_rx.clone(), ans_tx.clone());
            thread::spawn(move || {
                for job in jobs {
                    answers.send(reader(job)).unwrap();
                }
            })
        })
        .collect();
    drop((job_rx, ans_tx));
    let collector = thread::spawn(move || ans_rx.iter().map(add).sum::<u64>());
    let sent = write(&job_tx);
    drop(job_tx);
    for r in readers {
        r.join().unwrap();
    }
    (sent, collector.join().unwrap())
}

// ANCHOR: modes
fn per_point() -> (u64, u64) {
    run(inside, u64::from, |jobs| {
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..POINTS {
            jobs.send(random_point(&mut rng)).unwrap(); // 16 bytes of work per message
        }
        POINTS
    })
}

fn per_batch() -> (u64, u64) {
    let count = |batch: Vec<(f64, f64)>| batch.into_iter().filter(|&p| inside(p)).count() as u64;
    run(
        count,
        |n| n,
        |jobs| {
            let mut rng = StdRng::seed_from_u64(1);
            let batches = POINTS / BATCH as u64;
            for _ in 0..batches {
                let batch: Vec<_> = (0..BATCH).map(|_| random_point(&mut rng)).collect();
                jobs.send(batch).unwrap(); // the points still travel, 1000 at a time
            }
            batches
        },
    )
}

fn per_chunk() -> (u64, u64) {
    let count = |(seed, points): (u64, u64)| {
        let mut rng = StdRng::seed_from_u64(seed); // the reader makes its own points
        (0..points)
            .filter(|_| inside(random_point(&mut rng)))
            .count() as u64
    };
    run(
        count,
        |n| n,
        |jobs| {
            let chunks = POINTS / CHUNK;
            for seed in 0..chunks {
                jobs.send((seed, CHUNK)).unwrap(); // only the description travels
            }
            chunks
        },
    )
}
// ANCHOR_END: modes

fn main() {
    println!("{POINTS} points, {READERS} reader threads\n");
    println!("| a message carries        | messages | time (ms) | pi estimate |");
    println!("|--------------------------|---------:|----------:|------------:|");
    // Each mode returns (messages sent, points inside the circle).
    type Mode = fn() -> (u64, u64);
    let modes: [(&str, Mode); 3] = [
        ("one point", per_point),
        ("a batch of 1000 points", per_batch),
        ("a chunk (seed, count)", per_chunk),
    ];
    for (what, mode) in modes {
        let start = Instant::now();
        let (messages, hits) = mode();
        let ms = start.elapsed().as_secs_f64() * 1e3;
        let pi = 4.0 * hits as f64 / POINTS as f64;
        println!("| {what:<24} | {messages:>8} | {ms:>9.1} | {pi:>11.5} |");
    }
}
