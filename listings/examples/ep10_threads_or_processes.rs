//! Episode 10, "Threads or processes? Numbers from your machine": what a
//! thread and a process cost to start, to talk to and to keep in memory,
//! what a crash in each takes down, and what can be stopped from outside.
//!     cargo run --release -p listings --example ep10_threads_or_processes
//! Linux only (it reads /proc/self/status). Times vary from run to run.

use std::env;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitCode, ExitStatus, Stdio};
use std::sync::{Arc, Barrier, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// This process's resident memory (VmRSS), in KiB.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median time of one call of `f` in microseconds, over `n` calls.
fn micros(n: usize, mut f: impl FnMut()) -> f64 {
    f();
    median(
        (0..n)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect(),
    )
}

fn describe(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (None, Some(sig)) => format!("signal {sig}"),
        _ => status.to_string(),
    }
}

/// The roles a copy of this program can play.
fn child(role: &str) -> ExitCode {
    match role {
        "nothing" => {}
        "echo" => {
            // Answer every line with the same line, until the input ends.
            let mut out = std::io::stdout().lock();
            for line in std::io::stdin().lock().lines() {
                writeln!(out, "{}", line.unwrap()).unwrap();
                out.flush().unwrap();
            }
        }
        "rss" => {
            println!("{}", rss_kib());
            let _ = std::io::stdin().read(&mut [0]); // stay alive until told
        }
        "panic" => panic!("a worker panics"),
        "abort-in-thread" => {
            // One thread crashes hard; the others are doing fine.
            let calm = thread::spawn(|| thread::sleep(Duration::from_secs(10)));
            thread::spawn(|| std::process::abort());
            calm.join().unwrap();
        }
        "spin" => loop {
            std::hint::spin_loop();
        },
        _ => return ExitCode::from(2),
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    if let Some(role) = env::args().nth(1) {
        return child(&role);
    }
    let me = env::current_exe().unwrap();
    let copy = |role: &str| {
        let mut c = Command::new(&me);
        c.arg(role).stderr(Stdio::null());
        c
    };
    // ANCHOR: start
    let thread_start = micros(200, || thread::spawn(|| ()).join().unwrap());
    let process_start = micros(200, || {
        assert!(copy("nothing").status().unwrap().success());
    });
    // ANCHOR_END: start

    // ANCHOR: talk
    // One short message there and back: a line through a child's pipes,
    // against a value through a thread's channels.
    let mut echo = copy("echo")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut to = echo.stdin.take().unwrap();
    let mut from = BufReader::new(echo.stdout.take().unwrap());
    let mut line = String::new();
    let process_msg = micros(2000, || {
        to.write_all(b"12345678\n").unwrap();
        line.clear();
        from.read_line(&mut line).unwrap();
    });
    drop(to);
    echo.wait().unwrap();
    let (tx, rx) = mpsc::channel::<u64>();
    let (back_tx, back) = mpsc::channel::<u64>();
    let t = thread::spawn(move || rx.iter().for_each(|v| back_tx.send(v).unwrap()));
    let thread_msg = micros(2000, || {
        tx.send(12345678).unwrap();
        back.recv().unwrap();
    });
    drop(tx);
    t.join().unwrap();
    // ANCHOR_END: talk

    // ANCHOR: memory
    // Memory: 32 threads that wait at a barrier, against one child's own
    // resident memory (the child counts the shared library pages it maps).
    const N: usize = 32;
    let before = rss_kib();
    let barrier = Arc::new(Barrier::new(N + 1));
    let parked: Vec<_> = (0..N)
        .map(|_| {
            let b = Arc::clone(&barrier);
            thread::spawn(move || {
                b.wait(); // everyone is running...
                b.wait(); // ...until we have measured
            })
        })
        .collect();
    barrier.wait();
    let per_thread = (rss_kib().saturating_sub(before)) as f64 / N as f64;
    barrier.wait();
    parked.into_iter().for_each(|t| t.join().unwrap());
    let mut c = copy("rss")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut text = String::new();
    BufReader::new(c.stdout.take().unwrap())
        .read_line(&mut text)
        .unwrap();
    let per_process: f64 = text.trim().parse().unwrap();
    drop(c.stdin.take()); // the child may go now
    c.wait().unwrap();
    // ANCHOR_END: memory

    // ANCHOR: crash
    // A panic in a thread: join says so, and this process carries on.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {})); // keep the table tidy: no panic message
    let joined = thread::spawn(|| panic!("a thread panics")).join();
    std::panic::set_hook(hook);
    let thread_panic = if joined.is_err() {
        "join gives Err; the rest carries on"
    } else {
        "?"
    };
    // A panic in a child: an exit code. An abort in one thread of a child:
    // the whole child, every thread, is gone.
    let child_panic = describe(copy("panic").status().unwrap());
    let child_abort = describe(copy("abort-in-thread").status().unwrap());
    // ANCHOR_END: crash

    // ANCHOR: kill
    // A child in an endless loop: kill it and reap it.
    let mut spinner = copy("spin").spawn().unwrap();
    thread::sleep(Duration::from_millis(50));
    let t = Instant::now();
    spinner.kill().unwrap();
    let killed = spinner.wait().unwrap();
    let kill_us = t.elapsed().as_secs_f64() * 1e6;
    // ANCHOR_END: kill

    println!("| | thread | process |");
    println!("| --- | --- | --- |");
    println!(
        "| start and wait for an empty one (µs, median) | {thread_start:.0} | {process_start:.0} |"
    );
    println!(
        "| one short message there and back (µs, median) | {thread_msg:.1} | {process_msg:.1} |"
    );
    println!(
        "| resident memory (KiB) | {per_thread:.0} per parked thread | {per_process:.0} for the child |"
    );
    println!("| a panic | {thread_panic} | {child_panic} |");
    println!(
        "| an abort in one thread | takes the whole process down | {child_abort}: the child only |"
    );
    println!(
        "| stop it from outside | no way: ask it to stop | `kill`: {}, reaped {kill_us:.0} µs later |",
        describe(killed)
    );
    ExitCode::SUCCESS
}
