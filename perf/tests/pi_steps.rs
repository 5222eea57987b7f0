//! Every step of the road to fast π: the same count for every thread count,
//! an estimate that behaves as the π episode's error formula says, the
//! vector kernels equal to plain one-generator-per-lane models of
//! themselves, and the lattice bias of the integer steps computed exactly.

use perf::pi::{LANES_16BIT, LANES_31BIT, Lanes32, Lanes64, STEPS, Step, count_hits, hit16};
use rand::rngs::{Xoshiro128PlusPlus, Xoshiro256PlusPlus};
use rand::{Rng, SeedableRng};
use std::f64::consts::PI;

fn step(name: &str) -> &'static Step {
    STEPS
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no step {name}"))
}

/// σ of the estimate 4M/N (episode 7): 4·sqrt(p(1-p)/N), p = π/4.
fn sigma(n: f64) -> f64 {
    let p = PI / 4.0;
    4.0 * (p * (1.0 - p) / n).sqrt()
}

#[test]
fn steps_have_distinct_names() {
    let mut names: Vec<_> = STEPS.iter().map(|s| s.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), STEPS.len(), "two steps share a name");
}

#[test]
fn every_step_gives_the_same_count_for_1_2_3_threads() {
    // 100 003 samples in 7 chunks: sizes that are no multiple of any lane count.
    for s in STEPS {
        let one = count_hits(s, 100_003, 7, 1, 42);
        for threads in [2, 3] {
            let many = count_hits(s, 100_003, 7, threads, 42);
            assert_eq!(
                one, many,
                "{}: {one} hits on 1 thread, {many} on {threads}",
                s.name
            );
        }
        let by_hand: u64 = (0..7)
            .map(|c| (s.hits)(42, c, 100_003 / 7 + u64::from(c < 100_003 % 7)))
            .sum();
        assert_eq!(
            one, by_hand,
            "{}: count_hits is not the sum over the chunks",
            s.name
        );
    }
}

#[test]
fn chunks_and_seeds_give_different_streams() {
    for s in STEPS {
        let a = (s.hits)(1, 0, 10_000);
        let b = (s.hits)(1, 1, 10_000);
        let c = (s.hits)(2, 0, 10_000);
        assert!(
            a != b || a != c,
            "{}: chunk and seed change nothing ({a}, {b}, {c})",
            s.name
        );
    }
}

#[test]
fn estimates_spread_as_the_binomial_formula_says() {
    // 200 runs (seeds) of 10^4 samples, each in 4 chunks (10^5 takes
    // seconds in a debug build; the formula holds for any N).
    const RUNS: u64 = 200;
    const N: u64 = 10_000;
    let sd = sigma(N as f64);
    for s in STEPS {
        let est: Vec<f64> = (0..RUNS)
            .map(|seed| 4.0 * count_hits(s, N, 4, 2, seed) as f64 / N as f64)
            .collect();
        let mean = est.iter().sum::<f64>() / RUNS as f64;
        let var = est.iter().map(|e| (e - mean).powi(2)).sum::<f64>() / (RUNS - 1) as f64;
        let spread = var.sqrt();
        println!(
            "{:<13} mean {mean:.5} ({:+.2} standard errors), spread {spread:.5} = {:.3} σ",
            s.name,
            (mean - PI) / (sd / (RUNS as f64).sqrt()),
            spread / sd
        );
        // The mean of 200 runs has standard error σ/√200; allow 4 of them.
        let se = sd / (RUNS as f64).sqrt();
        assert!(
            (mean - PI).abs() < 4.0 * se,
            "{}: mean of {RUNS} estimates {mean:.6}, π = {PI:.6}, standard error {se:.6}",
            s.name
        );
        // The sample standard deviation of 200 runs is within about 5% of σ
        // (one standard error); allow 20%.
        assert!(
            (spread / sd - 1.0).abs() < 0.2,
            "{}: spread {spread:.5} of the estimates, σ = 4·sqrt(p(1-p)/N) = {sd:.5}",
            s.name
        );
    }
}

#[test]
fn lanes_31bit_equals_one_xoshiro256_per_lane() {
    let kernel = step("lanes-31bit").hits;
    for (seed, chunk, n) in [
        (1, 0, 0),
        (1, 0, 5),
        (7, 3, 1000),
        (7, 4, 1003),
        (9, 1, 4099),
    ] {
        let lanes = Lanes64::<LANES_31BIT>::new(seed, chunk);
        let mut rngs: Vec<_> = (0..LANES_31BIT)
            .map(|l| Xoshiro256PlusPlus::from_seed(lanes.lane_seed(l)))
            .collect();
        // Sample k comes from lane k % L: the lanes take turns.
        let model: u64 = (0..n)
            .map(|k| {
                let r = rngs[k as usize % LANES_31BIT].next_u64();
                let (x, y) = (r >> 33, r & ((1 << 31) - 1));
                u64::from(u128::from(x * x) + u128::from(y * y) < 1 << 62)
            })
            .sum();
        assert_eq!(
            kernel(seed, chunk, n),
            model,
            "lanes-31bit, seed {seed}, chunk {chunk}, {n} samples"
        );
    }
}

#[test]
fn lanes_16bit_equals_one_xoshiro128_per_lane() {
    let kernel = step("lanes-16bit").hits;
    for (seed, chunk, n) in [
        (1, 0, 0),
        (1, 0, 5),
        (7, 3, 1024),
        (7, 4, 1027),
        (9, 1, 4111),
    ] {
        let lanes = Lanes32::<LANES_16BIT>::new(seed, chunk);
        let mut rngs: Vec<_> = (0..LANES_16BIT)
            .map(|l| Xoshiro128PlusPlus::from_seed(lanes.lane_seed(l)))
            .collect();
        let model: u64 = (0..n)
            .map(|k| {
                let r = rngs[k as usize % LANES_16BIT].next_u32();
                let (x, y) = (
                    i64::from(r as u16 as i16),
                    i64::from((r >> 16) as u16 as i16),
                );
                u64::from(x * x + y * y < 1 << 30)
            })
            .sum();
        assert_eq!(
            kernel(seed, chunk, n),
            model,
            "lanes-16bit, seed {seed}, chunk {chunk}, {n} samples"
        );
    }
}

/// Points (x, y) of the lattice [-R, R)² with x² + y² < R², counted exactly:
/// for each x, the y with y² ≤ R² - x² - 1.
fn disk_lattice_count(r: i64) -> u64 {
    (-(r - 1)..r)
        .map(|x| 2 * (r * r - x * x - 1).isqrt() as u64 + 1)
        .sum()
}

#[test]
fn hit16_is_exact_at_the_edge_of_the_circle() {
    // For every x, the last y inside and the first outside, both signs,
    // and the corners where the i32 sum would overflow.
    const R: i64 = 1 << 15;
    for x in -R..R {
        let inside = (R * R - x * x - 1).max(0).isqrt();
        for y in [inside, inside + 1, -inside, -inside - 1] {
            if (-R..R).contains(&y) {
                let exact = u32::from(x * x + y * y < R * R);
                assert_eq!(hit16(x as i16, y as i16), exact, "hit16({x}, {y})");
            }
        }
    }
    assert_eq!(
        hit16(i16::MIN, i16::MIN),
        0,
        "the corner (-2¹⁵, -2¹⁵) is outside"
    );
}

#[test]
fn lattice_bias_of_16bit_coordinates_is_far_below_the_statistical_error() {
    // The 16-bit steps count the 2³² lattice points exactly, so their
    // estimate tends to 4·L/2³² instead of π, with L the lattice points inside.
    let inside = disk_lattice_count(1 << 15);
    assert_eq!(inside, 3_373_258_461);
    let bias = 4.0 * inside as f64 / 2f64.powi(32) - PI;
    assert!(bias.abs() < 1e-6, "bias {bias:e}");
    // At the benchmark's 2^28 samples, σ is about 1e-4: the bias is 100 times smaller.
    assert!(bias.abs() < sigma(2f64.powi(28)) / 100.0, "bias {bias:e}");
    // It would take about 3·10^12 samples for σ to shrink to the bias.
    let n_equal = (sigma(1.0) / bias.abs()).powi(2);
    assert!(
        (3.0e12..3.7e12).contains(&n_equal),
        "σ = |bias| at N = {n_equal:e}"
    );
}

/// Points (x, y) of the lattice [0, R)² with x² + y² < R², counted exactly.
fn quarter_lattice_count(r: u64) -> u64 {
    (0..r)
        .map(|x| {
            let m = r * r - x * x; // y² < m  ⇔  y ≤ isqrt(m - 1)
            (m - 1).isqrt() + 1
        })
        .sum()
}

#[test]
fn lattice_bias_of_31bit_coordinates_is_below_8_over_r() {
    // The quarter lattice [0, R)² counts the points on both axes and cuts
    // every column up: πR²/4 ≤ count < πR²/4 + 2R, so 0 ≤ 4·count/R² - π < 8/R.
    // Check the bound exactly where counting is quick ...
    for r in [1u64 << 8, 1 << 10, 1 << 12, 1000, 4097] {
        let bias = 4.0 * quarter_lattice_count(r) as f64 / (r * r) as f64 - PI;
        assert!(
            (0.0..8.0 / r as f64).contains(&bias),
            "R = {r}: bias {bias:e}"
        );
    }
    // ... and for R = 2³¹ (the int-31bit and lanes-31bit steps) it gives a
    // bias below 3.8e-9, invisible before about 2·10^17 samples.
    let bound = 8.0 / 2f64.powi(31);
    assert!(bound < 3.8e-9);
    assert!((sigma(1.0) / bound).powi(2) > 1e17);
}

#[test]
fn hit31_arithmetic_cannot_overflow() {
    // 31-bit coordinates: x² + y² ≤ 2·(2³¹ - 1)² < 2⁶³ fits a u64.
    let m = (1u64 << 31) - 1;
    assert!(
        m.checked_mul(m)
            .and_then(|s| s.checked_add(m * m))
            .is_some()
    );
    assert!(2 * u128::from(m * m) < 1 << 63);
}
