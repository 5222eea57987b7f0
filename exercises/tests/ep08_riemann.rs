//! Tests of exercise `ep08_riemann`: `cargo test -p exercises --test ep08_riemann`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep08_riemann);
#[path = "support/ep08.rs"]
mod support;

use crate::ep08_riemann::integrate;
use crate::support::{close, left_sum_of_square};
use course_check::check;

#[test]
fn small_sums_of_x_squared_are_exact() {
    check("ep08_riemann", || {
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
    check("ep08_riemann", || {
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
    check("ep08_riemann", || {
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

#[test]
fn sample_points_are_computed_from_i_not_stepped() {
    check("ep08_riemann", || {
        // A step: 0 before x = 1, 1 from x = 1 on. With dx = 0.1, the sample
        // of i = 10 is 10 × 0.1 = 1.0 exactly, but 0.1 added ten times is
        // 0.9999999999999999, which falls on the wrong side of the step.
        let step = |x: f64| if x >= 1.0 { 1.0 } else { 0.0 };
        let got = integrate(step, 0.0, 2.0, 20);
        assert!(
            close(got, 1.0, 1e-12),
            "integrate(step up at x = 1, 0, 2, n = 20) gave {got}, expected 1 (the samples \
             x = 1.0, 1.1, ..., 1.9 count, each 0.1 wide); compute each sample as \
             x = a + i * dx rather than adding dx again and again (x += dx rounds at every \
             step: ten times 0.1 makes 0.9999999999999999, not 1.0)"
        );
    });
}
