//! Episode 5: a program that starts copies of itself as workers.
//! The parent runs `ep05_self_workers --worker 0`, `--worker 1`, ... of its
//! own file; each worker prints its answer; the parent reads them in order.
//! Run: cargo run -p listings --example ep05_self_workers

use std::env;
use std::process::{Child, Command, ExitCode, Stdio};

// ANCHOR: main
/// Set in every worker's environment: "you are a worker".
const WORKER_MARKER: &str = "EP03_WORKER";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    match args.as_slice() {
        // A worker: do one piece of work, print the answer, exit.
        [flag, index] if flag == "--worker" => match index.parse() {
            Ok(index) => {
                worker(index);
                ExitCode::SUCCESS
            }
            Err(_) => {
                eprintln!("--worker needs a number, not {index:?}");
                ExitCode::from(2)
            }
        },
        // No arguments, but started by one of us: refuse to start workers.
        [] if env::var_os(WORKER_MARKER).is_some() => {
            eprintln!("{WORKER_MARKER} is set: a worker must not start workers");
            ExitCode::from(2)
        }
        // No arguments: we are the parent.
        [] => {
            parent(3);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: ep05_self_workers [--worker INDEX]");
            ExitCode::from(2)
        }
    }
}
// ANCHOR_END: main

// ANCHOR: worker
/// The work of worker `index`: the sum of the squares of its block of
/// 1000 numbers. The answer goes back to the parent through stdout.
fn worker(index: u64) {
    let start = index * 1000;
    let sum: u64 = (start..start + 1000).map(|x| x * x).sum();
    println!("{sum}");
}
// ANCHOR_END: worker

// ANCHOR: parent
fn parent(workers: u64) {
    // This program's own file: the workers are copies of it.
    let me = env::current_exe().expect("cannot find this program's file");

    // Start every worker before waiting for any, so that they run at the
    // same time.
    let children: Vec<Child> = (0..workers)
        .map(|i| {
            Command::new(&me)
                .arg("--worker")
                .arg(i.to_string())
                .env(WORKER_MARKER, "1")
                .stdout(Stdio::piped()) // we read what it prints
                .spawn()
                .expect("could not start a worker")
        })
        .collect();

    // Collect the answers in worker order. wait_with_output reads the
    // child's stdout to the end, then waits for the child to exit.
    let mut total = 0;
    for (i, child) in children.into_iter().enumerate() {
        let pid = child.id();
        let output = child
            .wait_with_output()
            .expect("could not wait for a worker");
        assert!(
            output.status.success(),
            "worker {i} failed: {}",
            output.status
        );
        let text = String::from_utf8(output.stdout).expect("a worker printed non-text");
        let answer: u64 = text.trim().parse().expect("a worker printed no number");
        println!("worker {i} (pid {pid}) answered {answer}");
        total += answer;
    }

    // The same sum, computed here in one go, to check the workers.
    let all: u64 = (0..workers * 1000).map(|x| x * x).sum();
    assert_eq!(total, all);
    println!("parent (pid {}): total {total}", std::process::id());
}
// ANCHOR_END: parent
