//! The "calc_pi with a queue" design from the Python notebook, done right
//! in Rust: a job queue, a few reader threads, a result queue.
//! Run: cargo run -p listings --example ep06_queue_pi

use crossbeam::channel;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::thread;

/// Points of one chunk inside the unit circle; the chunk's seed fixes them.
fn hits(seed: u64, points: u64) -> u64 {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..points)
        .filter(|_| {
            let (x, y): (f64, f64) = (rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0));
            x * x + y * y < 1.0
        })
        .count() as u64
}

// ANCHOR: queue_pi
fn calc_pi_queue(chunks: u64, per_chunk: u64, readers: usize) -> f64 {
    let (job_tx, job_rx) = channel::unbounded::<(u64, u64)>(); // (seed, points)
    let (hit_tx, hit_rx) = channel::unbounded::<u64>();
    let handles: Vec<_> = (0..readers)
        .map(|_| {
            let (jobs, answers) = (job_rx.clone(), hit_tx.clone());
            thread::spawn(move || {
                for (seed, points) in jobs {
                    // The work and its answer sit *inside* the loop:
                    // one answer for every job.
                    answers.send(hits(seed, points)).unwrap();
                }
            }) // loop over: this reader's `answers` Sender is dropped
        })
        .collect();
    drop((job_rx, hit_tx)); // main keeps only the ends it uses

    // The writer: one message per chunk of points, not per point.
    for seed in 0..chunks {
        job_tx.send((seed, per_chunk)).unwrap();
    }
    drop(job_tx); // "DONE" for every reader at once

    // Drain first: this loop ends when the last reader has dropped its Sender.
    let inside: u64 = hit_rx.iter().sum();
    for h in handles {
        h.join().unwrap(); // then join (they have all finished by now)
    }
    4.0 * inside as f64 / (chunks * per_chunk) as f64
}
// ANCHOR_END: queue_pi

fn main() {
    let pi = calc_pi_queue(16, 20_000, 2);
    println!("pi is about {pi}");
    assert!((pi - std::f64::consts::PI).abs() < 0.05);
}
