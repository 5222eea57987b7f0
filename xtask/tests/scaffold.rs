//! `cargo xtask new exercise NAME`, run on a copy of the course: what it
//! makes must pass the checks as it stands. The model answer passes its test,
//! the stub fails it naming the exercise and its section, each of the three
//! wrong answers fails it, and the book (with the new box and its include)
//! still builds.

use std::path::Path;
use std::process::{Command, Output};

const NAME: &str = "ep02_scaffold_demo";

/// Copies the workspace, without target/, .git/ and book/, to `dest`.
fn copy_course(root: &Path, dest: &Path) {
    let _ = std::fs::remove_dir_all(dest);
    std::fs::create_dir_all(dest).unwrap();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "tar -C '{}' --exclude=./target --exclude=./.git --exclude=./book -cf - . | tar -C '{}' -xf -",
            root.display(),
            dest.display()
        ))
        .status()
        .unwrap();
    assert!(status.success(), "cannot copy the course");
}

fn show(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn main() {
    let root = xtask::root();
    let copy = root.join("target").join("scaffold-check");
    // A target folder of its own, kept between runs, so that only the
    // copy's own crates are rebuilt each time.
    let target = root.join("target").join("scaffold-target");
    copy_course(&root, &copy);
    let mut problems = Vec::new();

    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["new", "exercise", NAME])
        .env("COURSE_ROOT", &copy)
        .output()
        .expect("cannot run xtask new");
    if !out.status.success() {
        eprintln!(
            "scaffold check: `cargo xtask new exercise {NAME}` failed:\n{}",
            show(&out)
        );
        std::process::exit(1);
    }

    let cargo = |package: &str, env: &[(&str, String)]| {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args(["test", "-q", "-p", package, "--test", NAME])
            .current_dir(&copy)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("COURSE_OVERRIDE")
            .env_remove("COURSE_SRC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("cannot run cargo")
    };

    let out = cargo("solutions", &[]);
    if !out.status.success() {
        problems.push(format!(
            "the placeholder solution fails its test:\n{}",
            show(&out)
        ));
    }
    let out = cargo("exercises", &[]);
    let said = show(&out);
    if out.status.success() {
        problems.push("the stub passes its test".into());
    } else if !said.contains(&format!("exercise `{NAME}`")) || !said.contains("ep02-threads.html#")
    {
        problems.push(format!(
            "the stub fails, but the message does not name the exercise and its section:\n{said}"
        ));
    }
    let solution = std::fs::read_to_string(copy.join(format!("solutions/src/{NAME}.rs"))).unwrap();
    let wrong_dir = copy.join("solutions/wrong").join(NAME);
    let mut wrongs: Vec<_> = std::fs::read_dir(&wrong_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    wrongs.sort();
    if wrongs.len() < 3 {
        problems.push(format!("{} wrong answers, not three", wrongs.len()));
    }
    for w in &wrongs {
        let text = std::fs::read_to_string(w).unwrap();
        let body: String = text
            .lines()
            .filter(|l| !l.starts_with("# "))
            .map(|l| format!("{l}\n"))
            .collect();
        let applied = diffy::Patch::from_str(&body)
            .map_err(|e| e.to_string())
            .and_then(|p| diffy::apply(&solution, &p).map_err(|e| e.to_string()));
        match applied {
            Err(e) => problems.push(format!("{} does not apply: {e}", w.display())),
            Ok(wrong) => {
                let file = copy.join(format!("{NAME}-wrong.rs"));
                std::fs::write(&file, wrong).unwrap();
                let out = cargo(
                    "solutions",
                    &[("COURSE_OVERRIDE", format!("{NAME}={}", file.display()))],
                );
                if out.status.success() {
                    problems.push(format!("the wrong answer {} passes the test", w.display()));
                }
            }
        }
    }
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["build", "--dest-dir"])
        .arg(copy.join("book"))
        .env("COURSE_ROOT", &copy)
        .output()
        .expect("cannot run xtask build");
    if !out.status.success() {
        problems.push(format!(
            "the book does not build with the new box:\n{}",
            show(&out)
        ));
    } else {
        let page = std::fs::read_to_string(copy.join("book/ep02-threads.html")).unwrap_or_default();
        if !page.contains(&format!("Exercise <code>{NAME}</code>")) {
            problems.push("the new box does not show on the episode's page".into());
        }
    }

    if problems.is_empty() {
        println!(
            "scaffold check: ok (`cargo xtask new exercise {NAME}` on a copy: its solution passes, its stub fails naming the exercise, its {} wrong answers are caught, the book builds)",
            wrongs.len()
        );
        let _ = std::fs::remove_dir_all(&copy);
    } else {
        for p in &problems {
            eprintln!("scaffold check: {p}");
        }
        std::process::exit(1);
    }
}
