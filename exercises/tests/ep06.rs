//! Tests for episode 6: `cargo test -p exercises --test ep06`.
//! The same file tests solutions/ (see solutions/Cargo.toml).

/// The left Riemann sum the way the chapter writes it, for comparisons.
#[allow(dead_code)]
fn serial_left_sum(f: impl Fn(f64) -> f64, a: f64, b: f64, n: usize) -> f64 {
    let dx = (b - a) / n as f64;
    (0..n).map(|i| f(a + i as f64 * dx)).sum::<f64>() * dx
}

/// The left sum of x² over [0, b] with n steps, from the closed formula
/// (b³/3)(1 - 1/n)(1 - 1/(2n)).
#[allow(dead_code)]
fn left_sum_of_square(b: f64, n: usize) -> f64 {
    let n = n as f64;
    b * b * b / 3.0 * (1.0 - 1.0 / n) * (1.0 - 1.0 / (2.0 * n))
}

/// A test function with its interval and a name for messages.
#[allow(dead_code)]
type Case = (fn(f64) -> f64, f64, f64, &'static str);

#[allow(dead_code)]
fn close(x: f64, y: f64, rel: f64) -> bool {
    (x - y).abs() <= rel * y.abs().max(1e-300)
}

mod ep06_riemann {
    use super::{close, left_sum_of_square};
    use course::ep06_riemann::integrate;
    use course_check::check;

    #[test]
    fn small_sums_of_x_squared_are_exact() {
        check("ep06_riemann", || {
            let got = integrate(|x| x * x, 0.0, 10.0, 10);
            assert!(
                close(got, 285.0, 1e-12),
                "integrate(x², 0, 10, n = 10) gave {got}; the left sum is 0² + 1² + ... + 9² = 285 \
                 (385 would mean i ran from 1 to 10, the right sum)"
            );
            let got = integrate(|x| x * x, 0.0, 10.0, 4);
            assert!(
                close(got, 218.75, 1e-12),
                "integrate(x², 0, 10, n = 4) gave {got}; with dx = 10/4 = 2.5 the left sum is \
                 2.5³ × (0 + 1 + 4 + 9) = 218.75"
            );
        });
    }

    #[test]
    fn starts_at_a_and_works_for_any_function() {
        check("ep06_riemann", || {
            let got = integrate(|x| x * x, 2.0, 4.0, 2);
            assert!(
                close(got, 13.0, 1e-12),
                "integrate(x², 2, 4, n = 2) gave {got}; dx = 1 and the samples are at x = 2 and 3, \
                 so the sum is 4 + 9 = 13 (remember to start at a)"
            );
            let got = integrate(|_| 1.0, 1.0, 3.0, 7);
            assert!(
                close(got, 2.0, 1e-12),
                "integrate(1, 1, 3, n = 7) gave {got}; the area under the constant 1 from 1 to 3 is 2"
            );
            let got = integrate(|x| 2.0 * x + 1.0, -1.0, 1.0, 4);
            assert!(
                close(got, 1.0, 1e-12),
                "integrate(2x + 1, -1, 1, n = 4) gave {got}; with dx = 0.5 the samples are at \
                 -1, -0.5, 0, 0.5, giving (-1 + 0 + 1 + 2) × 0.5 = 1"
            );
        });
    }

    #[test]
    fn approaches_one_thousand_thirds_from_below() {
        check("ep06_riemann", || {
            for n in [1_000, 100_000] {
                let got = integrate(|x| x * x, 0.0, 10.0, n);
                let want = left_sum_of_square(10.0, n);
                assert!(
                    close(got, want, 1e-12),
                    "integrate(x², 0, 10, n = {n}) gave {got}, expected the left sum \
                     (1000/3)(1 - 1/n)(1 - 1/(2n)) = {want}"
                );
                assert!(
                    got < 1000.0 / 3.0,
                    "the left sum of the increasing x² must be below the true area 1000/3, got {got}"
                );
            }
        });
    }
}

mod ep06_chunks {
    use course::ep06_chunks::chunk_bounds;
    use course_check::check;

    /// Checks everything a chunking must satisfy; panics with a message that
    /// says which rule was broken.
    fn assert_good_chunking(n: usize, k: usize) {
        let chunks = chunk_bounds(n, k);
        assert_eq!(
            chunks.len(),
            k,
            "chunk_bounds({n}, {k}) returned {} ranges, expected exactly {k}: {chunks:?}",
            chunks.len()
        );
        let mut next = 0;
        for (c, r) in chunks.iter().enumerate() {
            assert_eq!(
                r.start, next,
                "chunk_bounds({n}, {k}): chunk {c} is {r:?} but should start at {next}, where the \
                 previous chunk ended (a gap loses indices, an overlap counts them twice): {chunks:?}"
            );
            assert!(
                r.end >= r.start,
                "chunk_bounds({n}, {k}): chunk {c} is {r:?}, which runs backwards: {chunks:?}"
            );
            next = r.end;
        }
        assert_eq!(
            next, n,
            "chunk_bounds({n}, {k}): the last chunk ends at {next}, expected {n}, so indices \
             {next}..{n} are never summed: {chunks:?}"
        );
        let sizes: Vec<usize> = chunks.iter().map(|r| r.len()).collect();
        let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(
            max - min <= 1,
            "chunk_bounds({n}, {k}) has chunk sizes {sizes:?}; they should differ by at most one \
             so that every thread gets a fair share"
        );
    }

    #[test]
    fn divisible_n_gives_equal_chunks() {
        check("ep06_chunks", || {
            assert_eq!(
                chunk_bounds(12, 4),
                vec![0..3, 3..6, 6..9, 9..12],
                "chunk_bounds(12, 4) should be four chunks of three"
            );
            assert_good_chunking(100, 10);
            assert_good_chunking(1, 1);
            assert_good_chunking(7, 7);
        });
    }

    #[test]
    fn the_remainder_is_not_dropped() {
        check("ep06_chunks", || {
            for (n, k) in [(10, 3), (10, 4), (100, 7), (1_000_003, 8), (5, 2)] {
                assert_good_chunking(n, k);
            }
        });
    }

    #[test]
    fn fewer_items_than_chunks() {
        check("ep06_chunks", || {
            for (n, k) in [(2, 5), (0, 3), (1, 4)] {
                assert_good_chunking(n, k);
            }
        });
    }
}

mod ep06_parallel {
    use super::{Case, close, serial_left_sum};
    use course::ep06_parallel::{integrate_parallel, integrate_parallel_with};
    use course_check::check;
    use std::ops::Range;
    use std::sync::{Barrier, Mutex};
    use std::thread::{self, ThreadId};

    #[test]
    fn small_sums_are_exact_for_every_thread_count() {
        check("ep06_parallel", || {
            for threads in 1..=6 {
                let got = integrate_parallel(|x| x * x, 0.0, 10.0, 10, threads);
                assert!(
                    close(got, 285.0, 1e-12),
                    "integrate_parallel(x², 0, 10, n = 10, threads = {threads}) gave {got}, \
                     expected 0² + 1² + ... + 9² = 285; when {threads} does not divide 10, \
                     the leftover steps must still be summed, once"
                );
            }
            let got = integrate_parallel(|x| x * x, 0.0, 10.0, 2, 5);
            assert!(
                close(got, 125.0, 1e-12),
                "integrate_parallel(x², 0, 10, n = 2, threads = 5) gave {got}, expected \
                 (0² + 5²) × 5 = 125: with more threads than steps some chunks are empty"
            );
        });
    }

    #[test]
    fn agrees_with_the_serial_sum() {
        check("ep06_parallel", || {
            let cases: [Case; 2] = [
                (|x| x * x, 0.0, 10.0, "x²"),
                (|x| (-x).exp(), 1.0, 3.0, "exp(-x)"),
            ];
            for (f, a, b, name) in cases {
                for n in [1_000, 1_001, 12_345] {
                    let want = serial_left_sum(f, a, b, n);
                    for threads in [1, 2, 3, 4, 7] {
                        let got = integrate_parallel(f, a, b, n, threads);
                        assert!(
                            close(got, want, 1e-12),
                            "integrate_parallel({name}, {a}, {b}, n = {n}, threads = {threads}) \
                             gave {got}, but the serial left sum is {want}"
                        );
                    }
                }
            }
        });
    }

    #[test]
    fn every_thread_gets_one_chunk() {
        check("ep06_parallel", || {
            let (n, threads) = (1_003, 4);
            let reports: Mutex<Vec<(ThreadId, usize, Range<usize>)>> = Mutex::new(Vec::new());
            let got = integrate_parallel_with(
                |x| x * x,
                0.0,
                10.0,
                n,
                threads,
                |c, chunk| {
                    reports
                        .lock()
                        .unwrap()
                        .push((thread::current().id(), c, chunk));
                },
            );
            let want = serial_left_sum(|x| x * x, 0.0, 10.0, n);
            assert!(
                close(got, want, 1e-12),
                "integrate_parallel_with(x², 0, 10, n = {n}, threads = {threads}) gave {got}, \
                 expected {want}"
            );
            let mut reports = reports.into_inner().unwrap();
            assert_eq!(
                reports.len(),
                threads,
                "on_chunk was called {} times; expected once per thread ({threads})",
                reports.len()
            );
            let me = thread::current().id();
            let mut ids: Vec<ThreadId> = reports.iter().map(|r| r.0).collect();
            assert!(
                !ids.contains(&me),
                "on_chunk was called on the caller's thread; each chunk must be handled by a \
                 thread you spawn"
            );
            ids.sort_by_key(|id| format!("{id:?}"));
            ids.dedup();
            assert_eq!(
                ids.len(),
                threads,
                "the {threads} chunks were handled by {} distinct threads; expected one thread \
                 per chunk",
                ids.len()
            );
            reports.sort_by_key(|r| r.1);
            let indices: Vec<usize> = reports.iter().map(|r| r.1).collect();
            assert_eq!(
                indices,
                (0..threads).collect::<Vec<_>>(),
                "each chunk index 0..{threads} should be reported exactly once"
            );
            let mut next = 0;
            for (_, c, chunk) in &reports {
                assert_eq!(
                    chunk.start,
                    next,
                    "chunk {c} is {chunk:?} but should start at {next}, where chunk {} ended",
                    c.wrapping_sub(1)
                );
                next = chunk.end;
            }
            assert_eq!(
                next, n,
                "the chunks end at {next}; together they must cover 0..{n}"
            );
        });
    }

    #[test]
    fn the_workers_run_at_the_same_time() {
        check("ep06_parallel", || {
            // Every worker waits in on_chunk until all of them have arrived.
            // If the workers ran one after another, the first would wait
            // forever, and the watchdog would report a deadlock: spawn every
            // thread before you join any.
            let threads = 3;
            let meeting = Barrier::new(threads);
            let got = integrate_parallel_with(
                |x| x * x,
                0.0,
                10.0,
                300,
                threads,
                |_, _| {
                    meeting.wait();
                },
            );
            let want = serial_left_sum(|x| x * x, 0.0, 10.0, 300);
            assert!(
                close(got, want, 1e-12),
                "integrate_parallel_with(x², 0, 10, n = 300, threads = 3) gave {got}, expected {want}"
            );
        });
    }
}

mod ep06_fixed_chunks {
    use super::{Case, close};
    use course::ep06_fixed_chunks::integrate_fixed_chunks;
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
        check("ep06_fixed_chunks", || {
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
        check("ep06_fixed_chunks", || {
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
        check("ep06_fixed_chunks", || {
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
}
