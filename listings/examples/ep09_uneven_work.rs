//! Episode 9: when the chunks of a job cost different amounts, one chunk per
//! thread leaves threads idle, and a queue of small chunks does not.
//! A benchmark: run it in release mode on an otherwise idle machine.
//! Run: cargo run --release -p listings --example ep09_uneven_work

use crossbeam::channel;
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: costly
/// x², computed the slow way: the work grows with x², from 1 step at 0 to
/// about 100 at 10, so the right half of [0, 10] costs most.
fn costly_square(x: f64) -> f64 {
    let steps = 1 + (x * x) as u32;
    let mut y = 0.0;
    for _ in 0..steps {
        // black_box: an opaque value, so the compiler cannot shorten the loop
        y += std::hint::black_box(x * x);
    }
    y / steps as f64
}
// ANCHOR_END: costly

/// One chunk per scoped thread, as in episode 8.
fn one_chunk_per_thread(f: &(impl Fn(f64) -> f64 + Sync), n: usize, threads: usize) -> f64 {
    let dx = 10.0 / n as f64;
    let total: f64 = thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = t * n / threads..(t + 1) * n / threads;
                s.spawn(move || range.map(|i| f(i as f64 * dx)).sum::<f64>())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    total * dx
}

/// `chunks` chunks handed out through a queue to `threads` workers.
fn through_a_queue(
    f: &(impl Fn(f64) -> f64 + Sync),
    n: usize,
    chunks: usize,
    threads: usize,
) -> f64 {
    let dx = 10.0 / n as f64;
    let (job_tx, job_rx) = channel::unbounded::<usize>();
    let (sum_tx, sum_rx) = channel::unbounded::<(usize, f64)>();
    (0..chunks).for_each(|c| job_tx.send(c).unwrap());
    drop(job_tx);
    let mut partial = vec![0.0; chunks];
    thread::scope(|s| {
        for _ in 0..threads {
            let (jobs, sums) = (job_rx.clone(), sum_tx.clone());
            s.spawn(move || {
                for c in jobs {
                    let range = c * n / chunks..(c + 1) * n / chunks;
                    sums.send((c, range.map(|i| f(i as f64 * dx)).sum()))
                        .unwrap();
                }
            });
        }
        drop(sum_tx);
        sum_rx.iter().for_each(|(c, sum)| partial[c] = sum);
    });
    partial.iter().sum::<f64>() * dx
}

/// The best of three runs.
fn best_of_three(mut run: impl FnMut() -> f64) -> (Duration, f64) {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let result = run();
            (start.elapsed(), result)
        })
        .min_by_key(|(t, _)| *t)
        .unwrap()
}

fn main() {
    let n = 50_000_000;
    let threads = thread::available_parallelism().map_or(2, |p| p.get());
    println!("N = {n} steps of costly_square on [0, 10]; {threads} threads");
    println!("{:<34} {:>9} {:>9}", "how", "seconds", "speed-up");
    let (serial, _) = best_of_three(|| one_chunk_per_thread(&costly_square, n, 1));
    let rows = [
        ("one thread".to_string(), serial),
        (
            format!("one chunk per thread ({threads})"),
            best_of_three(|| one_chunk_per_thread(&costly_square, n, threads)).0,
        ),
        (
            format!("a queue of 64 chunks, {threads} workers"),
            best_of_three(|| through_a_queue(&costly_square, n, 64, threads)).0,
        ),
    ];
    for (how, t) in rows {
        println!(
            "{how:<34} {:>9.3} {:>9.2}",
            t.as_secs_f64(),
            serial.as_secs_f64() / t.as_secs_f64()
        );
    }
}
