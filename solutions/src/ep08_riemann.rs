//! Exercise `ep08_riemann`: a left Riemann sum, serially.
//! Chapter: src/ep08-integration.md

// ANCHOR: integrate
/// The left Riemann sum of `f` over `[a, b]` with `n` steps:
/// the sum of `f(a + i * dx) * dx` for `i` in `0..n`, where `dx = (b - a) / n`.
/// `n` must be at least 1.
pub fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64, n: usize) -> f64 {
    let dx = (b - a) / n as f64;
    // x is computed from i, never accumulated with `x += dx`:
    // repeated addition would pile up rounding error.
    let sum: f64 = (0..n).map(|i| f(a + i as f64 * dx)).sum();
    sum * dx
}
// ANCHOR_END: integrate
