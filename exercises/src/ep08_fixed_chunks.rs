//! Exercise `ep08_fixed_chunks`: a parallel sum whose result does not
//! depend on the thread count.
//! Read: src/ep08-integration.md, "The same answer for every thread count"
//! Check your answer: cargo test -p exercises --test ep08_fixed_chunks

/// The left Riemann sum of `f` over `[a, b]` with `n` steps, cut into
/// `chunks` fixed chunks (chunk `c` is `c * n / chunks .. (c + 1) * n / chunks`)
/// and computed by `threads` threads.
///
/// The result is, bit for bit, what this serial recipe gives, whatever `threads` is:
/// each chunk summed in index order, the chunk sums added in chunk order,
/// then multiplied by `dx = (b - a) / n`.
pub fn integrate_fixed_chunks(
    f: impl Fn(f64) -> f64 + Sync,
    a: f64,
    b: f64,
    n: usize,
    chunks: usize,
    threads: usize,
) -> f64 {
    let _ = (f, a, b, n, chunks, threads);
    todo!(
        "ep08_fixed_chunks: sum fixed chunks on any number of threads, add the chunk sums in chunk order (chapter ep08-integration)"
    )
}
