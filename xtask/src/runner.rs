//! Builds and runs the exercise tests and reads their results: shared by
//! `cargo xtask progress` and the exercises check (xtask/tests/exercises.rs).

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct Outcome {
    pub passed: bool,
    pub output: String,
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Test binaries: (package, target name, executable).
pub fn build(
    root: &Path,
    packages: &[&str],
    target_dir: &Path,
) -> Result<Vec<(String, String, PathBuf)>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(root)
        .args(["test", "--no-run", "--locked", "--message-format=json"])
        .args(packages.iter().flat_map(|p| ["-p", p]))
        .env("CARGO_TARGET_DIR", target_dir)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !out.status.success() {
        return Err("building the exercises and solutions failed (see above)".into());
    }
    let mut bins = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let (Some(exe), Some(id), Some(name)) = (
            v["executable"].as_str(),
            v["package_id"].as_str(),
            v["target"]["name"].as_str(),
        ) else {
            continue;
        };
        if v["profile"]["test"].as_bool() != Some(true) {
            continue;
        }
        let package = if id.contains("/exercises#") || id.contains("exercises@") {
            "exercises"
        } else {
            "solutions"
        };
        bins.push((package.to_string(), name.to_string(), PathBuf::from(exe)));
    }
    Ok(bins)
}

fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = r.read_to_string(&mut s);
        s
    })
}

/// Runs one test binary; returns each test's outcome.
pub fn run(exe: &Path) -> Result<BTreeMap<String, Outcome>, String> {
    let mut child = Command::new(exe)
        .args(["--test-threads=2", "--color=never"])
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    // Read output on threads so that a full pipe cannot block the child.
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let start = Instant::now();
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{} ran for over 3 minutes: the watchdog should have stopped it",
                exe.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let stdout = out.join().unwrap();
    let _ = err.join();
    let mut results = BTreeMap::new();
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test ")
            && let Some((name, verdict)) = rest.rsplit_once(" ... ")
        {
            let outcome = Outcome {
                passed: verdict == "ok",
                output: String::new(),
            };
            results.insert(name.to_string(), outcome);
        }
    }
    // Failure sections: "---- name stdout ----" up to the next one.
    let mut current: Option<String> = None;
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            current = Some(name.to_string());
        } else if line == "failures:" || line.starts_with("test result:") {
            current = None;
        } else if let Some(name) = &current
            && let Some(o) = results.get_mut(name)
        {
            o.output.push_str(line);
            o.output.push('\n');
        }
    }
    Ok(results)
}
