//! Episode 8's workload: the left Riemann sum of x² on [0, 10], cut into a
//! fixed number of chunks shared by scoped threads (chunk i goes to thread
//! i % threads), so that the answer does not depend on the thread count.

/// The sum over points `lo..hi` of the `n` left points on [a, b].
#[inline(never)]
pub fn chunk_sum(a: f64, b: f64, n: u64, lo: u64, hi: u64) -> f64 {
    let dx = (b - a) / n as f64;
    let mut sum = 0.0;
    for i in lo..hi {
        let x = a + i as f64 * dx;
        sum += x * x;
    }
    sum * dx
}

/// The left sum of x² on [a, b] with `n` rectangles in `chunks` chunks,
/// on `threads` threads. Chunk sums are added in chunk order.
pub fn integrate(a: f64, b: f64, n: u64, chunks: u64, threads: usize) -> f64 {
    assert!(chunks > 0 && threads > 0);
    let bound = |c: u64| c * n / chunks;
    let mut sums = vec![0.0; chunks as usize];
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads as u64)
            .map(|t| {
                s.spawn(move || {
                    (t..chunks)
                        .step_by(threads)
                        .map(|c| (c, chunk_sum(a, b, n, bound(c), bound(c + 1))))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (c, v) in h.join().unwrap() {
                sums[c as usize] = v;
            }
        }
    });
    sums.iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_sum_of_x_squared() {
        // Ten rectangles on [0, 10]: 0 + 1 + 4 + ... + 81 = 285.
        assert_eq!(integrate(0.0, 10.0, 10, 3, 2), 285.0);
        let one = integrate(0.0, 10.0, 100_000, 16, 1);
        let four = integrate(0.0, 10.0, 100_000, 16, 4);
        assert_eq!(one.to_bits(), four.to_bits());
        assert!((one - 1000.0 / 3.0).abs() < 0.01);
    }
}
