//! The exercises check (rustlings' "unsolved check", with more teeth).
//!
//! Builds the tests of `exercises` and `solutions` (in a target folder of
//! its own, since the outer `cargo test` holds the lock on `target/`), runs
//! each test binary, and checks that
//! - both crates have exactly the same tests (they come from one file);
//! - every test fails on the stubs, and its message names its exercise and
//!   chapter (so a learner knows what to read);
//! - every test passes on the solutions;
//! - every exercise in the manifest has tests, a stub, a solution and a
//!   chapter that names it, and every test module is in the manifest.

use course_check::EXERCISES;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
struct Outcome {
    passed: bool,
    output: String,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Test binaries: (package, target name, executable).
fn build(root: &Path) -> Result<Vec<(String, String, PathBuf)>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(root)
        .args([
            "test",
            "--no-run",
            "--locked",
            "--message-format=json",
            "-p",
            "exercises",
            "-p",
            "solutions",
        ])
        .env(
            "CARGO_TARGET_DIR",
            root.join("target").join("exercise-check"),
        )
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
fn run(exe: &Path) -> Result<BTreeMap<String, Outcome>, String> {
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

type Results = BTreeMap<(String, String), Outcome>;

fn compare(root: &Path, stubs: &Results, sols: &Results) -> Vec<String> {
    let mut problems = Vec::new();
    if stubs.is_empty() {
        problems.push("found no exercise tests at all".to_string());
    }
    for (target, name) in stubs.keys().filter(|k| !sols.contains_key(*k)) {
        problems.push(format!(
            "{target}::{name} runs on exercises/ but not on solutions/: add a [[test]] entry to solutions/Cargo.toml"
        ));
    }
    for (target, name) in sols.keys().filter(|k| !stubs.contains_key(*k)) {
        problems.push(format!(
            "{target}::{name} runs on solutions/ but not on exercises/"
        ));
    }
    let mut per_exercise: BTreeMap<&str, usize> = BTreeMap::new();
    for ((target, name), o) in stubs {
        let module = name.split("::").next().unwrap_or(name);
        *per_exercise.entry(module).or_default() += 1;
        let Some(ex) = EXERCISES.iter().find(|e| e.name == module) else {
            problems.push(format!(
                "test {target}::{name}: module `{module}` is not an exercise in checker/src/manifest.rs"
            ));
            continue;
        };
        if o.passed {
            problems.push(format!(
                "test {target}::{name} PASSES on the unsolved stub: it cannot tell a stub from an answer"
            ));
        } else if !o.output.contains(&format!("exercise `{module}`"))
            || !o.output.contains(ex.chapter)
        {
            problems.push(format!(
                "test {target}::{name} fails on the stub, but its message does not name exercise `{module}` and chapter {}; wrap the test body in course_check::check(\"{module}\", ..). It said:\n{}",
                ex.chapter, o.output
            ));
        }
    }
    for ((target, name), o) in sols {
        if !o.passed {
            problems.push(format!(
                "test {target}::{name} FAILS on the solution:\n{}",
                o.output
            ));
        }
    }
    for ex in EXERCISES {
        if !per_exercise.contains_key(ex.name) {
            problems.push(format!(
                "exercise `{}` is in the manifest but has no tests",
                ex.name
            ));
        }
        for krate in ["exercises", "solutions"] {
            let file = Path::new(krate).join("src").join(format!("{}.rs", ex.name));
            if !root.join(&file).exists() {
                problems.push(format!("exercise `{}` has no {}", ex.name, file.display()));
            }
        }
        let chapter =
            std::fs::read_to_string(root.join("src").join(ex.chapter)).unwrap_or_default();
        if !chapter.contains(ex.name) {
            problems.push(format!(
                "chapter src/{} does not mention exercise `{}`",
                ex.chapter, ex.name
            ));
        }
    }
    println!(
        "exercises check: {} exercises, {} tests; on the stubs {} of {} fail and name their exercise and chapter; on the solutions {} of {} pass",
        per_exercise.len(),
        stubs.len(),
        stubs.values().filter(|o| !o.passed).count(),
        stubs.len(),
        sols.values().filter(|o| o.passed).count(),
        sols.len()
    );
    problems
}

fn main() -> ExitCode {
    let root = root();
    println!("exercises check: building exercises/ and solutions/ in target/exercise-check ...");
    let bins = match build(&root) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("exercises check: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut problems = Vec::new();
    let mut by_pkg: BTreeMap<String, Results> = BTreeMap::new();
    for (pkg, target, exe) in &bins {
        if target == "course" {
            continue; // the libraries' own unit tests, if any
        }
        match run(exe) {
            Ok(results) => {
                let entry = by_pkg.entry(pkg.clone()).or_default();
                for (name, o) in results {
                    entry.insert((target.clone(), name), o);
                }
            }
            Err(e) => problems.push(e),
        }
    }
    let empty = Results::new();
    problems.extend(compare(
        &root,
        by_pkg.get("exercises").unwrap_or(&empty),
        by_pkg.get("solutions").unwrap_or(&empty),
    ));
    if problems.is_empty() {
        println!("exercises check: ok");
        ExitCode::SUCCESS
    } else {
        for p in &problems {
            eprintln!("exercises check: {p}");
        }
        eprintln!("exercises check: {} problem(s)", problems.len());
        ExitCode::FAILURE
    }
}
