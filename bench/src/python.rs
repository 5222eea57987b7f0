//! The course's Python versions of the lesson's π (bench/python/pi.py), run
//! beside the Rust ones with the same N and the same chunks.

use crate::measure::Stats;
use serde::Serialize;
use std::path::Path;
use std::process::{Command, Stdio};

/// The script, carried inside the program so that it runs from anywhere.
pub const SCRIPT: &str = include_str!("../python/pi.py");

/// The ways, in the order of the table: (way, label, workers are all cores?).
pub const WAYS: &[(&str, &str, bool)] = &[
    ("serial", "Python loop, serial", false),
    ("threads", "Python loop, threads", true),
    ("pool", "Python loop, multiprocessing.Pool", true),
    ("numpy", "NumPy arrays, serial", false),
    ("numba", "numba nogil, 1 thread", false),
    ("numba", "numba nogil, threads", true),
];

#[derive(Clone, Debug, Serialize)]
pub struct PyResult {
    pub way: String,
    pub label: String,
    pub workers: usize,
    /// None when the way could not run (a module missing): see `error`.
    pub stats: Option<Stats>,
    pub hits: Option<u64>,
    pub error: Option<String>,
}

/// `python -V` when the interpreter runs, else None.
pub fn version(python: &str) -> Option<String> {
    let out = Command::new(python)
        .arg("-V")
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = [out.stdout, out.stderr].concat();
    Some(String::from_utf8_lossy(&text).trim().to_string())
}

/// Runs one way of the script; a failure to run becomes an `error`.
#[allow(clippy::too_many_arguments)]
pub fn run(
    python: &str,
    script: &Path,
    way: &str,
    label: &str,
    n: u64,
    workers: usize,
    chunks: u64,
    runs: usize,
    warmup: usize,
    seed: u64,
) -> PyResult {
    let mut result = PyResult {
        way: way.into(),
        label: label.into(),
        workers,
        stats: None,
        hits: None,
        error: None,
    };
    let out = Command::new(python)
        .arg(script)
        .args([
            way.to_string(),
            n.to_string(),
            workers.to_string(),
            chunks.to_string(),
        ])
        .args([runs.to_string(), warmup.to_string(), seed.to_string()])
        .stdin(Stdio::null())
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            result.error = Some(format!("cannot start {python}: {e}"));
            return result;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or("");
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(v) => {
            if let Some(e) = v["error"].as_str() {
                result.error = Some(e.to_string());
            } else if let Some(times) = v["times"].as_array() {
                let t: Vec<f64> = times.iter().filter_map(|x| x.as_f64()).collect();
                if t.is_empty() {
                    result.error = Some("no timed runs".into());
                } else {
                    result.stats = Some(Stats::from_samples(&t, &[]));
                    result.hits = v["hits"].as_u64();
                }
            }
        }
        Err(_) => {
            let err = String::from_utf8_lossy(&out.stderr);
            let last = err.lines().last().unwrap_or("no output").to_string();
            result.error = Some(format!("failed ({}): {last}", out.status));
        }
    }
    result
}
