//! Episode 8: a parallel sum that gives the same bits for every thread count,
//! because the chunking is fixed (64 chunks) whatever the number of threads.
//! Run: cargo run -p listings --example ep08_fixed_chunks

use rayon::prelude::*;

// ANCHOR: fixed
/// The left Riemann sum with a fixed number of chunks: `threads` only says
/// who computes which chunk, never which numbers are added together.
fn integrate_fixed(f: impl Fn(f64) -> f64 + Sync, a: f64, b: f64, n: usize, threads: usize) -> f64 {
    const CHUNKS: usize = 64;
    let dx = (b - a) / n as f64;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    // Each chunk is summed in index order, by whichever thread takes it;
    // `collect` puts every chunk sum in its chunk's place.
    let partials: Vec<f64> = pool.install(|| {
        (0..CHUNKS)
            .into_par_iter()
            .map(|c| {
                (c * n / CHUNKS..(c + 1) * n / CHUNKS)
                    .map(|i| f(a + i as f64 * dx))
                    .sum::<f64>()
            })
            .collect()
    });
    // The chunk sums are added in chunk order, on this thread.
    partials.iter().sum::<f64>() * dx
}
// ANCHOR_END: fixed

// ANCHOR: main
fn main() {
    let n = 100_000;
    let one = integrate_fixed(|x| x * x, 0.0, 10.0, n, 1);
    for threads in [1, 2, 3, 4] {
        let area = integrate_fixed(|x| x * x, 0.0, 10.0, n, threads);
        println!("{threads} thread(s): {area:?}");
        assert_eq!(area.to_bits(), one.to_bits(), "fixed chunks, same bits");
    }
}
// ANCHOR_END: main
