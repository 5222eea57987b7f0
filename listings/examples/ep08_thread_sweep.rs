//! Episode 8 benchmark: how long the parallel Riemann sum of x² on [0, 10]
//! takes with 1, 2, 3, 4, 8, 16 and 64 threads.
//!
//! Run it in release mode, on a machine that is otherwise idle:
//!     cargo run --release -p listings --example ep08_thread_sweep
//!     cargo run --release -p listings --example ep08_thread_sweep -- 400000000   (another N)

use std::hint::black_box;
use std::thread;
use std::time::Instant;

fn f(x: f64) -> f64 {
    x * x
}

/// One chunk of indices per thread, as in the chapter.
fn integrate_threads(
    f: impl Fn(f64) -> f64 + Sync,
    a: f64,
    b: f64,
    n: usize,
    threads: usize,
) -> f64 {
    let dx = (b - a) / n as f64;
    let f = &f;
    let total: f64 = thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|c| {
                let chunk = c * n / threads..(c + 1) * n / threads;
                s.spawn(move || chunk.map(|i| f(a + i as f64 * dx)).sum::<f64>())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    total * dx
}

// ANCHOR: sweep
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000_000);
    let cores = thread::available_parallelism().map_or(1, |c| c.get());
    println!("N = {n} steps; available_parallelism() = {cores}");
    println!(
        "{:>7}  {:>8}  {:>8}  {:>18}",
        "threads", "seconds", "speed-up", "result"
    );

    let mut serial_secs = None;
    for threads in [1, 2, 3, 4, 8, 16, 64] {
        // Best of three runs: the least disturbed by other programs.
        let mut best = f64::INFINITY;
        let mut result = 0.0;
        for _ in 0..3 {
            let start = Instant::now();
            result = integrate_threads(f, black_box(0.0), black_box(10.0), black_box(n), threads);
            best = best.min(start.elapsed().as_secs_f64());
        }
        let base = *serial_secs.get_or_insert(best);
        println!(
            "{threads:>7}  {best:>8.3}  {:>8.2}  {result:>18.12}",
            base / best
        );
    }

    let n_f = n as f64;
    let left = 1000.0 / 3.0 * (1.0 - 1.0 / n_f) * (1.0 - 1.0 / (2.0 * n_f));
    println!("left sum from the formula: {left:.12}");
    println!("exact area 1000/3:         {:.12}", 1000.0 / 3.0);
}
// ANCHOR_END: sweep
