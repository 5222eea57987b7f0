//! Episode 9: the left Riemann sum of episode 8, with the chunks handed out
//! through a queue instead of one chunk per thread.
//! Run: cargo run -p listings --example ep09_queue_integrate

use crossbeam::channel;
use std::thread;

// ANCHOR: integrate_queue
/// The left Riemann sum of `f` over `[a, b]` with `n` steps, cut into
/// `chunks` chunks that `workers` threads take from a queue.
fn integrate_queue(
    f: impl Fn(f64) -> f64 + Sync,
    a: f64,
    b: f64,
    n: usize,
    chunks: usize,
    workers: usize,
) -> f64 {
    let dx = (b - a) / n as f64;
    let (job_tx, job_rx) = channel::unbounded::<usize>(); // chunk numbers
    let (sum_tx, sum_rx) = channel::unbounded::<(usize, f64)>(); // (chunk, partial sum)
    for c in 0..chunks {
        job_tx.send(c).unwrap();
    }
    drop(job_tx); // all the work is in: a worker stops when the queue is empty
    let f = &f;
    let mut partial = vec![0.0; chunks];
    thread::scope(|s| {
        for _ in 0..workers {
            let (jobs, sums) = (job_rx.clone(), sum_tx.clone());
            s.spawn(move || {
                for c in jobs {
                    let range = c * n / chunks..(c + 1) * n / chunks;
                    let sum: f64 = range.map(|i| f(a + i as f64 * dx)).sum();
                    sums.send((c, sum)).unwrap();
                }
            });
        }
        drop(sum_tx); // now only the workers hold Senders
        // Partial sums come in the order the chunks finish; put each in its place.
        for (c, sum) in sum_rx {
            partial[c] = sum;
        }
    });
    // Adding in chunk order makes the result independent of the workers.
    partial.iter().sum::<f64>() * dx
}
// ANCHOR_END: integrate_queue

// ANCHOR: main
fn main() {
    let (n, chunks) = (200_000, 64);
    let one = integrate_queue(|x| x * x, 0.0, 10.0, n, chunks, 1);
    for workers in [2, 3, 4] {
        let area = integrate_queue(|x| x * x, 0.0, 10.0, n, chunks, workers);
        assert_eq!(area.to_bits(), one.to_bits());
    }
    println!("{one:?} with 1, 2, 3 and 4 workers, the same to the last bit");
}
// ANCHOR_END: main
