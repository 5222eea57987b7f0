//! Tests of exercise `ep08_fixed_chunks`: `cargo test -p exercises --test ep08_fixed_chunks`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep08_chunks, ep08_fixed_chunks);
#[path = "support/ep08.rs"]
mod support;

use crate::ep08_fixed_chunks::integrate_fixed_chunks;
use crate::support::{Case, close};
use course_check::check;

/// The serial recipe the result must match bit for bit.
fn reference(f: impl Fn(f64) -> f64, a: f64, b: f64, n: usize, chunks: usize) -> f64 {
    let dx = (b - a) / n as f64;
    let partials: Vec<f64> = (0..chunks)
        .map(|c| {
            (c * n / chunks..(c + 1) * n / chunks)
                .map(|i| f(a + i as f64 * dx))
                .sum()
        })
        .collect();
    partials.iter().sum::<f64>() * dx
}

#[test]
fn the_same_bits_for_every_thread_count() {
    check("ep08_fixed_chunks", || {
        let (n, chunks) = (1_000, 8);
        let first = integrate_fixed_chunks(|x| x * x, 0.0, 10.0, n, chunks, 1);
        for threads in 2..=6 {
            let got = integrate_fixed_chunks(|x| x * x, 0.0, 10.0, n, chunks, threads);
            assert_eq!(
                got.to_bits(),
                first.to_bits(),
                "with {chunks} fixed chunks, {threads} threads gave {got:?} but 1 thread gave \
                 {first:?}; the result must not depend on the thread count: fix the chunks, \
                 not the threads, and add the chunk sums in chunk order"
            );
        }
    });
}

#[test]
fn matches_the_serial_chunk_by_chunk_recipe() {
    check("ep08_fixed_chunks", || {
        let cases: [Case; 2] = [
            (|x| x * x, 0.0, 10.0, "x²"),
            (|x| (-x).exp(), 1.0, 3.0, "exp(-x)"),
        ];
        for (f, a, b, name) in cases {
            for (n, chunks) in [(1_000, 2), (1_000, 3), (10_007, 16)] {
                let want = reference(f, a, b, n, chunks);
                for threads in [1, 2, 3, 5] {
                    let got = integrate_fixed_chunks(f, a, b, n, chunks, threads);
                    assert_eq!(
                        got.to_bits(),
                        want.to_bits(),
                        "integrate_fixed_chunks({name}, {a}, {b}, n = {n}, chunks = {chunks}, \
                         threads = {threads}) gave {got:?}, expected {want:?}: sum each chunk \
                         c*n/chunks..(c+1)*n/chunks in index order, add the chunk sums in \
                         chunk order, then multiply by dx"
                    );
                }
            }
        }
    });
}

#[test]
fn more_threads_than_chunks_and_small_sums() {
    check("ep08_fixed_chunks", || {
        for (chunks, threads) in [(4, 6), (1, 3), (16, 2), (3, 3)] {
            let got = integrate_fixed_chunks(|x| x * x, 0.0, 10.0, 10, chunks, threads);
            assert!(
                close(got, 285.0, 1e-12),
                "integrate_fixed_chunks(x², 0, 10, n = 10, chunks = {chunks}, threads = \
                 {threads}) gave {got}, expected 0² + 1² + ... + 9² = 285"
            );
        }
    });
}

#[test]
fn the_chunk_sums_are_added_one_by_one_in_chunk_order() {
    check("ep08_fixed_chunks", || {
        // With n = 8 on [0, 8], dx = 1 and chunk c of 8 is the one term f(c):
        // chunk 0 is 1 and every other chunk 2^-53. Added to 1 one at a time,
        // each 2^-53 is rounded away (1 + 2^-53 rounds to 1), so the recipe
        // gives exactly 1. Adding two small ones together first gives 2^-52,
        // which is not rounded away: any other grouping gives more than 1.
        let tiny = f64::EPSILON / 2.0;
        let f = move |x: f64| if x < 0.5 { 1.0 } else { tiny };
        for threads in [1, 2, 3, 4, 8] {
            let got = integrate_fixed_chunks(f, 0.0, 8.0, 8, 8, threads);
            assert_eq!(
                got.to_bits(),
                1.0f64.to_bits(),
                "integrate_fixed_chunks(f, 0, 8, n = 8, chunks = 8, threads = {threads}) gave \
                 {got:?}, expected exactly 1.0: here the chunk sums are 1, then seven times \
                 2^-53, and only adding them one by one in chunk order (1 + 2^-53 + 2^-53 + ...) \
                 gives 1.0. Keep every chunk's sum in its place, then add them in chunk order \
                 on one thread: no total per thread, no rayon sum"
            );
        }
    });
}
