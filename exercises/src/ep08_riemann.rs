//! Exercise `ep08_riemann`: a left Riemann sum, serially.
//! Read: src/ep08-integration.md, "How far off is the left sum?"
//! Check your answer: cargo test -p exercises --test ep08_riemann

/// The left Riemann sum of `f` over `[a, b]` with `n` steps:
/// the sum of `f(a + i * dx) * dx` for `i` in `0..n`, where `dx = (b - a) / n`.
/// `n` must be at least 1.
pub fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64, n: usize) -> f64 {
    let _ = (f, a, b, n);
    todo!("ep08_riemann: add up f(a + i*dx)*dx for i in 0..n (chapter ep08-integration)")
}
