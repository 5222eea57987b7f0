//! `cargo xtask loom [NAME...] [--solutions]`: model-checks the exercises
//! whose tests have loom checks (`#[cfg(loom)]` tests that call
//! `course_check::loom::model`). It builds with `RUSTFLAGS="--cfg loom"`,
//! which makes `course_check::sync` loom's model-checked types, in a target
//! folder of its own (`target/loom`) so that normal builds stay warm, and in
//! release mode, since loom runs a model many times.

use course_check::EXERCISES;
use std::path::Path;
use std::process::{Command, ExitCode};

/// The exercises whose tests have loom checks.
pub fn exercises_with_loom(root: &Path) -> Vec<&'static str> {
    EXERCISES
        .iter()
        .map(|e| e.name)
        .filter(|n| {
            std::fs::read_to_string(root.join(format!("exercises/tests/{n}.rs")))
                .is_ok_and(|t| t.contains("cfg(loom)"))
        })
        .collect()
}

/// Runs the loom checks; `Ok(names)` when they all pass.
pub fn run(
    root: &Path,
    names: &[String],
    solutions: bool,
    quiet: bool,
) -> Result<Vec<String>, String> {
    let all = exercises_with_loom(root);
    let chosen: Vec<&str> = if names.is_empty() {
        all.clone()
    } else {
        for n in names {
            if !all.contains(&n.as_str()) {
                return Err(format!(
                    "exercise `{n}` has no loom checks; these do: {}",
                    all.join(", ")
                ));
            }
        }
        names.iter().map(String::as_str).collect()
    };
    if chosen.is_empty() {
        return Ok(Vec::new());
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let package = if solutions { "solutions" } else { "exercises" };
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args([
            "test",
            "--release",
            "--locked",
            "--no-fail-fast",
            "-p",
            package,
        ])
        .env("RUSTFLAGS", "--cfg loom")
        .env("CARGO_TARGET_DIR", root.join("target").join("loom"));
    for n in &chosen {
        cmd.args(["--test", n]);
    }
    if quiet {
        cmd.arg("-q");
    }
    let status = cmd.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(chosen.iter().map(|s| s.to_string()).collect())
    } else {
        Err(format!(
            "loom found a problem in {} (see above); run again with LOOM_LOG=trace LOOM_LOCATION=1 to see every step of the interleaving it found",
            chosen.join(", ")
        ))
    }
}

pub fn command(root: &Path, names: &[String], solutions: bool) -> ExitCode {
    match run(root, names, solutions, false) {
        Ok(done) if done.is_empty() => {
            println!("no exercise has loom checks yet");
            ExitCode::SUCCESS
        }
        Ok(done) => {
            println!(
                "loom: every interleaving it tried of {} is fine",
                done.join(", ")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
