//! `cargo xtask watch`, driven as a learner would drive it, on a copy of the
//! course (so the real exercises are never touched): it must show the first
//! unsolved exercise in book order, check it again when its file is saved,
//! and move on when it passes; `l` lists the exercises and `q` quits. Without
//! a terminal, watch reads its keys line by line, which is what this test
//! uses; the terminal's raw mode is the same loop.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Copies the workspace, without target/ and .git/, to `dest`.
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

/// Waits until a line containing `needle` arrives; returns the lines seen.
fn wait_for(
    rx: &mpsc::Receiver<String>,
    needle: &str,
    limit: Duration,
) -> Result<Vec<String>, String> {
    let start = Instant::now();
    let mut seen = Vec::new();
    while start.elapsed() < limit {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                let hit = line.contains(needle);
                seen.push(line);
                if hit {
                    return Ok(seen);
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    Err(format!(
        "watch never printed `{needle}`; it printed:\n{}",
        seen.join("\n")
    ))
}

fn main() {
    let root = xtask::root();
    let copy = root.join("target").join("watch-check");
    copy_course(&root, &copy);
    let first = course_check::EXERCISES[0].name;
    let second = course_check::EXERCISES[1].name;
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("watch")
        .env("COURSE_ROOT", &copy)
        .env_remove("CARGO_TARGET_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("cannot start cargo xtask watch");
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut stdin = child.stdin.take().unwrap();
    let result = (|| -> Result<String, String> {
        // The first run builds the copy's dependencies: give it time.
        wait_for(&rx, &format!("exercise {first}:"), Duration::from_secs(600))?;
        wait_for(&rx, &format!("✗ {first}"), Duration::from_secs(600))?;
        let saved = Instant::now();
        std::fs::copy(
            copy.join(format!("solutions/src/{first}.rs")),
            copy.join(format!("exercises/src/{first}.rs")),
        )
        .map_err(|e| e.to_string())?;
        wait_for(&rx, &format!("✓ {first}"), Duration::from_secs(120))?;
        wait_for(
            &rx,
            &format!("exercise {second}:"),
            Duration::from_secs(120),
        )?;
        let took = saved.elapsed();
        wait_for(&rx, &format!("✗ {second}"), Duration::from_secs(120))?;
        writeln!(stdin, "l").map_err(|e| e.to_string())?;
        wait_for(&rx, "exercises, in book order", Duration::from_secs(30))?;
        wait_for(&rx, &format!("[x] {first}"), Duration::from_secs(30))?;
        writeln!(stdin, "q").map_err(|e| e.to_string())?;
        Ok(format!(
            "showed {first} first, moved to {second} {:.1} s after the save",
            took.as_secs_f64()
        ))
    })();
    let start = Instant::now();
    let ended = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break Some(status);
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = std::fs::remove_dir_all(&copy);
    match (result, ended) {
        (Ok(what), Some(s)) if s.success() => println!("watch check: ok ({what}, quit on `q`)"),
        (Ok(_), _) => panic!("watch check: watch did not quit on `q`"),
        (Err(e), _) => panic!("watch check: {e}"),
    }
}
