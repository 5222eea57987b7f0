//! No process left behind, run by `cargo test`: runs the test program of
//! every exercise, for the model answers and for the pristine stubs (which
//! fail, some by hanging until the watchdog stops them), with this process
//! as the "subreaper" of everything they start, and then looks for
//! descendants still alive: any process a test started and did not reap
//! ends up here. It builds in target/exercise-check, as the exercises check
//! does (so the programs that check built are reused), since the outer
//! `cargo test` holds the lock on `target/`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::thread;
use std::time::{Duration, Instant};
use xtask::runner::{BuildSpec, Package, build};

/// This process's children that are still alive (not zombies), with their
/// command lines. Zombies adopted by us are reaped on the way.
fn live_children() -> Vec<(i32, String)> {
    // SAFETY: waitpid on our own (adopted) children, without blocking.
    unsafe { while libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) > 0 {} }
    let me = std::process::id().to_string();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<i32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // The fields after the command name: state, ppid, ...
        let mut rest = stat.rsplit(')').next().unwrap_or("").split_whitespace();
        let (state, ppid) = (rest.next(), rest.next());
        if ppid == Some(me.as_str()) && state != Some("Z") {
            let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
            found.push((pid, cmd.trim().to_string()));
        }
    }
    found
}

/// Runs one test program to its end (at most `limit`); returns whether it
/// passed. Unlike the exercises check, it does not kill the program's
/// process group afterwards: what is left must be found.
fn run(exe: &Path, limit: Duration) -> Option<bool> {
    let mut child = Command::new(exe)
        .args(["--test-threads=2", "-q"])
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status.success()),
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(None) => thread::sleep(Duration::from_millis(20)),
            Err(_) => return None,
        }
    }
}

fn main() -> ExitCode {
    // SAFETY: prctl with integer arguments. From now on every orphan among
    // our descendants is adopted by this process, not by init.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    let root = xtask::root();
    let target = root.join("target").join("exercise-check");
    let names: Vec<&str> = course_check::EXERCISES
        .iter()
        .map(|e| e.name)
        .filter(|n| {
            root.join("exercises/tests")
                .join(format!("{n}.rs"))
                .exists()
        })
        .collect();
    let stubs = target.join("course-stubs");
    if let Err(e) = xtask::unsolved::pristine_stubs(&root, &stubs) {
        eprintln!("leftovers check: cannot get the pristine stubs: {e}");
        return ExitCode::FAILURE;
    }
    let mut problems = Vec::new();
    let mut ran = Vec::new();
    for (package, env) in [
        (Package::Solutions, vec![]),
        (
            Package::Exercises,
            vec![("COURSE_SRC".to_string(), stubs.display().to_string())],
        ),
    ] {
        let spec = BuildSpec {
            package,
            only: &names,
            target_dir: target.clone(),
            env,
            color: false,
        };
        let built = match build(&root, &spec) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("leftovers check: {e}");
                return ExitCode::FAILURE;
            }
        };
        for name in &names {
            let Some(exe) = built.get(*name).and_then(|b| b.exe.clone()) else {
                problems.push(format!("{} `{name}` did not build", package.name()));
                continue;
            };
            let verdict = run(&exe, Duration::from_secs(120));
            let expected = package == Package::Solutions;
            if verdict != Some(expected) {
                problems.push(format!(
                    "{} `{name}`: expected the tests to {}, got {verdict:?}",
                    package.name(),
                    if expected { "pass" } else { "fail" }
                ));
            }
            // Anything that ends on its own within a few seconds is not left
            // behind; anything still alive then is.
            let deadline = Instant::now() + Duration::from_secs(3);
            let mut left = live_children();
            while !left.is_empty() && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(50));
                left = live_children();
            }
            let mut seen = BTreeSet::new();
            for _ in 0..200 {
                if left.is_empty() {
                    break;
                }
                for (pid, cmd) in &left {
                    if seen.insert(*pid) {
                        problems.push(format!(
                            "{} `{name}` left process {pid} running: {cmd}",
                            package.name()
                        ));
                    }
                    // SAFETY: killing a process we adopted; its own children
                    // come to us in turn and are killed on the next round.
                    unsafe { libc::kill(*pid, libc::SIGKILL) };
                }
                thread::sleep(Duration::from_millis(20));
                left = live_children();
            }
            ran.push(format!("{} {name}", package.name()));
        }
    }
    if problems.is_empty() {
        println!(
            "leftovers check: ok (no process left behind by the test programs of {} exercises, on the model answers and on the stubs)",
            ran.len() / 2
        );
        ExitCode::SUCCESS
    } else {
        for p in &problems {
            eprintln!("leftovers check: {p}");
        }
        ExitCode::FAILURE
    }
}
