//! Times every step of the road to fast π (perf::pi::STEPS).
//!
//! ```console
//! $ cargo run --release -p perf --example pi_steps -- [--native-check] [--threads T] [--log2-samples K] [--runs R]
//! ```
//!
//! For each step: `runs` runs of 2^K samples (default 2^28) in 64 chunks on
//! T threads (default 1), and the best and the median rate in samples per
//! second. `--native-check` prints which vector instructions the build may
//! use (build with `RUSTFLAGS="-C target-cpu=native"` to allow AVX-512).
//! `--clock` estimates the core's clock from a chain of dependent additions
//! (one per cycle on x86-64), to turn samples per second into cycles.

use perf::pi::{STEPS, count_hits};
use std::time::Instant;

fn main() {
    let mut threads = 1usize;
    let mut log2 = 28u32;
    let mut runs = 5usize;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().expect("missing value after option");
        match a.as_str() {
            "--native-check" => native_check(),
            "--clock" => clock(),
            "--threads" => threads = value().parse().expect("--threads T"),
            "--log2-samples" => log2 = value().parse().expect("--log2-samples K"),
            "--runs" => runs = value().parse().expect("--runs R"),
            "--only" => only = Some(value()),
            other => panic!("unknown option {other}"),
        }
    }
    let n = 1u64 << log2;
    let chunks = 64;
    println!("{n} samples in {chunks} chunks, {threads} thread(s), {runs} runs per step");
    println!(
        "{:<14} {:>12} {:>12} {:>10}",
        "step", "best (M/s)", "median (M/s)", "π ≈"
    );
    for step in STEPS {
        if only.as_deref().is_some_and(|o| o != step.name) {
            continue;
        }
        let mut rates = Vec::new();
        let mut hits = 0;
        for _ in 0..runs {
            let t = Instant::now();
            hits = count_hits(step, n, chunks, threads, 2024);
            rates.push(n as f64 / t.elapsed().as_secs_f64() / 1e6);
        }
        rates.sort_by(f64::total_cmp);
        println!(
            "{:<14} {:>12.0} {:>12.0} {:>10.6}",
            step.name,
            rates[runs - 1],
            rates[runs / 2],
            4.0 * hits as f64 / n as f64
        );
    }
}

fn native_check() {
    let on = |b: bool| if b { "yes" } else { "no" };
    println!(
        "compiled for: sse2 {}, avx2 {}, avx512f {}, avx512bw {}",
        on(cfg!(target_feature = "sse2")),
        on(cfg!(target_feature = "avx2")),
        on(cfg!(target_feature = "avx512f")),
        on(cfg!(target_feature = "avx512bw")),
    );
    #[cfg(target_arch = "x86_64")]
    println!(
        "this CPU has:  avx2 {}, avx512f {}, avx512bw {}",
        on(std::arch::is_x86_feature_detected!("avx2")),
        on(std::arch::is_x86_feature_detected!("avx512f")),
        on(std::arch::is_x86_feature_detected!("avx512bw")),
    );
}

/// A chain of 10^9 dependent additions takes 10^9 cycles on any x86-64 core
/// of the last decades: their rate is the clock frequency.
fn clock() {
    #[cfg(target_arch = "x86_64")]
    {
        let n: u64 = 1_000_000_000;
        let mut best = 0.0f64;
        for _ in 0..3 {
            let t = Instant::now();
            let mut x: u64 = 0;
            let mut i = n / 10;
            // SAFETY: only register arithmetic on the two operands below.
            unsafe {
                std::arch::asm!(
                    "2:",
                    "add {x}, 1", "add {x}, 1", "add {x}, 1", "add {x}, 1", "add {x}, 1",
                    "add {x}, 1", "add {x}, 1", "add {x}, 1", "add {x}, 1", "add {x}, 1",
                    "dec {i}",
                    "jnz 2b",
                    x = inout(reg) x,
                    i = inout(reg) i,
                );
            }
            assert_eq!((x, i), (n, 0));
            best = best.max(n as f64 / t.elapsed().as_secs_f64());
        }
        println!(
            "clock: about {:.2} GHz (dependent additions per second)",
            best / 1e9
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    println!("--clock: only on x86-64");
}
