//! Episode 8: the left Riemann sum of x² on [0, 10], one chunk per scoped thread.
//! Run: cargo run -p listings --example ep08_threads

use std::thread;

fn f(x: f64) -> f64 {
    x * x
}

// ANCHOR: integrate_threads
/// The left Riemann sum of `f` over `[a, b]` with `n` steps, on `threads` threads.
fn integrate_threads(
    f: impl Fn(f64) -> f64 + Sync,
    a: f64,
    b: f64,
    n: usize,
    threads: usize,
) -> f64 {
    let dx = (b - a) / n as f64;
    let f = &f; // every thread borrows the same function
    let total: f64 = thread::scope(|s| {
        // 1. chunk and 2. run: spawn one thread per chunk of indices.
        let handles: Vec<_> = (0..threads)
            .map(|c| {
                let chunk = c * n / threads..(c + 1) * n / threads;
                s.spawn(move || chunk.map(|i| f(a + i as f64 * dx)).sum::<f64>())
            })
            .collect(); // spawn them all before joining any
        // 3. reassemble: each handle hands back its thread's partial sum.
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    total * dx
}
// ANCHOR_END: integrate_threads

// ANCHOR: main
fn main() {
    let n = 100_000;
    for threads in [1, 2, 3, 4, 7] {
        let area = integrate_threads(f, 0.0, 10.0, n, threads);
        println!("{threads} thread(s): {area:?}");
    }
    println!("exact area:   {:?}", 1000.0 / 3.0);
}
// ANCHOR_END: main
