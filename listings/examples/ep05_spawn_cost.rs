//! Episode 5, "When is a process worth it?": a small benchmark.
//! How long does it take to start something and wait for it to finish:
//! a thread, a small program (`true`), a copy of this program, and a copy
//! that sends one number back through a pipe?
//! Run it yourself, in release mode, on an otherwise quiet machine:
//!     cargo run --release -p listings --example ep05_spawn_cost
//! It prints a Markdown table.

use std::env;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Instant;

/// Each row is the average over this many starts.
const ROUNDS: u32 = 200;

// ANCHOR: time
/// Average time of one call to `f`, in microseconds (after one warm-up call).
fn micros_each(mut f: impl FnMut()) -> f64 {
    f();
    let start = Instant::now();
    for _ in 0..ROUNDS {
        f();
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS)
}
// ANCHOR_END: time

fn main() {
    // Run as a copy: do nothing, or print one number.
    match env::args().nth(1).as_deref() {
        Some("--nothing") => return,
        Some("--answer") => {
            println!("42");
            return;
        }
        _ => {}
    }
    let me = env::current_exe().expect("cannot find this program's file");

    // ANCHOR: rows
    let rows = [
        (
            "thread: spawn + join",
            micros_each(|| thread::spawn(|| ()).join().unwrap()),
        ),
        (
            "process `true`: spawn + wait",
            micros_each(|| assert!(Command::new("true").status().unwrap().success())),
        ),
        (
            "copy of this program: spawn + wait",
            micros_each(|| {
                assert!(
                    Command::new(&me)
                        .arg("--nothing")
                        .status()
                        .unwrap()
                        .success()
                )
            }),
        ),
        (
            "copy, answer read from its stdout",
            micros_each(|| {
                let out = Command::new(&me)
                    .arg("--answer")
                    .stderr(Stdio::null())
                    .output()
                    .unwrap();
                assert_eq!(out.stdout, b"42\n");
            }),
        ),
    ];
    // ANCHOR_END: rows

    println!("| what | µs per start |");
    println!("| --- | ---: |");
    for (what, micros) in rows {
        println!("| {what} | {micros:.1} |");
    }
}
