//! Helpers shared by the tests of episode 8's exercises.
#![allow(dead_code)]

/// The left Riemann sum the way the chapter writes it, for comparisons.
pub fn serial_left_sum(f: impl Fn(f64) -> f64, a: f64, b: f64, n: usize) -> f64 {
    let dx = (b - a) / n as f64;
    (0..n).map(|i| f(a + i as f64 * dx)).sum::<f64>() * dx
}

/// The left sum of x² over [0, b] with n steps, from the closed formula
/// (b³/3)(1 - 1/n)(1 - 1/(2n)).
pub fn left_sum_of_square(b: f64, n: usize) -> f64 {
    let n = n as f64;
    b * b * b / 3.0 * (1.0 - 1.0 / n) * (1.0 - 1.0 / (2.0 * n))
}

/// A test function with its interval and a name for messages.
pub type Case = (fn(f64) -> f64, f64, f64, &'static str);

pub fn close(x: f64, y: f64, rel: f64) -> bool {
    (x - y).abs() <= rel * y.abs().max(1e-300)
}
