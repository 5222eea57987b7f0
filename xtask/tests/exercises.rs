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

#[path = "../src/runner.rs"]
mod runner;

use course_check::EXERCISES;
use runner::{Outcome, build, root, run};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

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
    let target = root.join("target").join("exercise-check");
    let bins = match build(&root, &["exercises", "solutions"], &target) {
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
