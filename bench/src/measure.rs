//! Timing: warm-up runs that are thrown away, then repeated runs summed up
//! by their median and spread; and the process's CPU time (getrusage), so
//! that CPU time over wall time says how many cores were really busy.

use serde::Serialize;
use std::time::{Duration, Instant};

/// How many runs to throw away and how many to keep.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub warmup: usize,
    pub runs: usize,
}

/// The summary of the kept runs of one measurement. Times in seconds.
#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    pub runs: usize,
    pub median: f64,
    pub min: f64,
    pub max: f64,
    /// First and third quartiles (the middle half of the runs lies between).
    pub q1: f64,
    pub q3: f64,
    /// Median over the runs of (user + system CPU time) / wall time.
    pub cpu_over_wall: f64,
}

impl Stats {
    /// Summarises `times` (seconds) and the matching CPU/wall ratios.
    pub fn from_samples(times: &[f64], cpu_ratios: &[f64]) -> Stats {
        assert!(!times.is_empty(), "no runs to summarise");
        let mut t = times.to_vec();
        t.sort_by(f64::total_cmp);
        let mut c = cpu_ratios.to_vec();
        c.sort_by(f64::total_cmp);
        Stats {
            runs: t.len(),
            median: quantile(&t, 0.5),
            min: t[0],
            max: t[t.len() - 1],
            q1: quantile(&t, 0.25),
            q3: quantile(&t, 0.75),
            cpu_over_wall: if c.is_empty() {
                f64::NAN
            } else {
                quantile(&c, 0.5)
            },
        }
    }

    /// The same summary with every time divided by `k` (per operation when
    /// one run did `k` operations).
    pub fn per(&self, k: f64) -> Stats {
        Stats {
            median: self.median / k,
            min: self.min / k,
            max: self.max / k,
            q1: self.q1 / k,
            q3: self.q3 / k,
            ..self.clone()
        }
    }

    /// "12.3 ms (12.1–12.9)": the median and the range of the runs.
    pub fn show(&self) -> String {
        let unit = Unit::for_seconds(self.median);
        format!(
            "{} {} ({}–{})",
            unit.fmt(self.median),
            unit.name,
            unit.fmt(self.min),
            unit.fmt(self.max)
        )
    }
}

/// Linear interpolation between the order statistics of sorted `v`.
pub fn quantile(v: &[f64], q: f64) -> f64 {
    let pos = q * (v.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
}

/// User plus system CPU time used so far by every thread of this process.
pub fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes into the struct we hand it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    assert_eq!(rc, 0, "getrusage failed");
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Runs `f` `plan.warmup` times untimed, then `plan.runs` times, timing each
/// run's wall clock and CPU time. Returns the summary and the last result
/// (so that the caller can check it, and the optimiser cannot drop the work).
pub fn time<R>(plan: Plan, mut f: impl FnMut() -> R) -> (Stats, R) {
    for _ in 0..plan.warmup {
        std::hint::black_box(f());
    }
    let mut times = Vec::with_capacity(plan.runs);
    let mut ratios = Vec::with_capacity(plan.runs);
    let mut last = None;
    for _ in 0..plan.runs.max(1) {
        let cpu0 = cpu_time();
        let t0 = Instant::now();
        let r = std::hint::black_box(f());
        let wall = t0.elapsed().as_secs_f64();
        let cpu = (cpu_time() - cpu0).as_secs_f64();
        times.push(wall);
        // getrusage ticks coarsely (often in 1-4 ms steps): a ratio for a
        // run shorter than that says nothing.
        if wall >= 0.02 {
            ratios.push(cpu / wall);
        }
        last = Some(r);
    }
    (Stats::from_samples(&times, &ratios), last.unwrap())
}

/// Times one run of `f`: (wall seconds, CPU time / wall time or NaN when
/// the run was too short for getrusage's ticks, result).
pub fn time_once<R>(f: impl FnOnce() -> R) -> (f64, f64, R) {
    let cpu0 = cpu_time();
    let t0 = Instant::now();
    let r = std::hint::black_box(f());
    let wall = t0.elapsed().as_secs_f64();
    let cpu = (cpu_time() - cpu0).as_secs_f64();
    (wall, if wall >= 0.02 { cpu / wall } else { f64::NAN }, r)
}

/// Like [`time`] for several variants of one measurement (`f(k)` for each
/// k in `keys`), interleaved: every round runs each variant once, so that a
/// disturbance (another program, a change of clock speed) falls on all of
/// them alike instead of on whichever happened to run at the time.
pub fn time_interleaved<K: Copy, R: PartialEq + std::fmt::Debug>(
    plan: Plan,
    keys: &[K],
    mut f: impl FnMut(K) -> R,
    mut after_round: impl FnMut(),
) -> Vec<(Stats, R)> {
    for _ in 0..plan.warmup {
        for &k in keys {
            std::hint::black_box(f(k));
        }
        after_round();
    }
    let mut samples: Vec<(Vec<f64>, Vec<f64>, Option<R>)> =
        keys.iter().map(|_| (vec![], vec![], None)).collect();
    for _ in 0..plan.runs.max(1) {
        for (i, &k) in keys.iter().enumerate() {
            let (wall, ratio, r) = time_once(|| f(k));
            let (t, c, last) = &mut samples[i];
            t.push(wall);
            if ratio.is_finite() {
                c.push(ratio);
            }
            if let Some(prev) = last {
                assert_eq!(*prev, r, "the same measurement gave another answer");
            }
            *last = Some(r);
        }
        after_round();
    }
    samples
        .into_iter()
        .map(|(t, c, r)| (Stats::from_samples(&t, &c), r.unwrap()))
        .collect()
}

/// A unit for showing a time.
pub struct Unit {
    pub name: &'static str,
    pub scale: f64,
}

impl Unit {
    pub fn for_seconds(s: f64) -> Unit {
        let (name, scale) = if s >= 1.0 {
            ("s", 1.0)
        } else if s >= 1e-3 {
            ("ms", 1e3)
        } else if s >= 1e-6 {
            ("µs", 1e6)
        } else {
            ("ns", 1e9)
        };
        Unit { name, scale }
    }

    /// Three significant figures, at most.
    pub fn fmt(&self, s: f64) -> String {
        sig3(s * self.scale)
    }
}

/// A number with three significant figures (no exponent for everyday sizes).
pub fn sig3(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let a = x.abs();
    if a >= 100.0 {
        format!("{x:.0}")
    } else if a >= 10.0 {
        format!("{x:.1}")
    } else if a >= 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

/// A rate with an SI prefix: 1.23 G, 456 M, 7.89 k.
pub fn rate(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let (scale, prefix) = if x >= 1e9 {
        (1e9, " G")
    } else if x >= 1e6 {
        (1e6, " M")
    } else if x >= 1e3 {
        (1e3, " k")
    } else {
        (1.0, " ")
    };
    format!("{}{prefix}", sig3(x / scale))
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_quartiles() {
        let s = Stats::from_samples(&[5.0, 1.0, 3.0, 2.0, 4.0], &[]);
        assert_eq!(
            (s.median, s.min, s.max, s.q1, s.q3),
            (3.0, 1.0, 5.0, 2.0, 4.0)
        );
        assert!(s.cpu_over_wall.is_nan());
        let even = Stats::from_samples(&[1.0, 2.0, 3.0, 4.0], &[1.0]);
        assert_eq!(even.median, 2.5);
    }

    #[test]
    fn units_and_rates() {
        assert_eq!(
            Stats::from_samples(&[0.0123, 0.0121, 0.0129], &[]).show(),
            "12.3 ms (12.1–12.9)"
        );
        assert_eq!(rate(1.234e9), "1.23 G");
        assert_eq!(rate(45_600.0), "45.6 k");
        assert_eq!(sig3(1.0 / 3.0), "0.333");
    }
}
