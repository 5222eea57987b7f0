//! Episode 10, "CPU time and wall time": the same work on one thread, on two
//! threads and in two processes, with the CPU time (user, sys) and the wall
//! time of each, from `getrusage`.
//!     cargo run --release -p listings --example ep10_cpu_time
//! The Python counterpart: python3 listings/python/ep10_cpu_time.py

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::env;
use std::process::{Command, ExitCode};
use std::thread;
use std::time::Instant;

/// Points per worker.
const POINTS: u64 = 50_000_000;

fn count_inside(seed: u64, points: u64) -> u64 {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut inside = 0;
    for _ in 0..points {
        let (x, y): (f64, f64) = (rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0));
        if x * x + y * y < 1.0 {
            inside += 1;
        }
    }
    inside
}

// ANCHOR: rusage
/// User and system CPU seconds of `who`: `libc::RUSAGE_SELF` (every thread
/// of this process) or `libc::RUSAGE_CHILDREN` (children that have ended
/// and been waited for).
fn cpu_seconds(who: libc::c_int) -> (f64, f64) {
    // SAFETY: getrusage only writes into the struct we hand it.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::getrusage(who, &mut usage), 0, "getrusage failed");
        usage
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (secs(usage.ru_utime), secs(usage.ru_stime))
}

/// Runs `work`, and returns its user, system and wall time, counting this
/// process and the children it waited for.
fn measure(work: impl FnOnce()) -> (f64, f64, f64) {
    let cpu = || {
        let (u1, s1) = cpu_seconds(libc::RUSAGE_SELF);
        let (u2, s2) = cpu_seconds(libc::RUSAGE_CHILDREN);
        (u1 + u2, s1 + s2)
    };
    let (user0, sys0) = cpu();
    let start = Instant::now();
    work();
    let wall = start.elapsed().as_secs_f64();
    let (user1, sys1) = cpu();
    (user1 - user0, sys1 - sys0, wall)
}
// ANCHOR_END: rusage

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    if args.len() == 2 && args[0] == "--worker" {
        println!("{}", count_inside(args[1].parse().unwrap(), POINTS));
        return ExitCode::SUCCESS;
    }
    let me = env::current_exe().expect("cannot find this program's file");
    // ANCHOR: modes
    let one = || {
        count_inside(0, POINTS);
    };
    let threads = || {
        thread::scope(|s| {
            for seed in 0..2 {
                s.spawn(move || count_inside(seed, POINTS));
            }
        });
    };
    let processes = || {
        let children: Vec<_> = (0..2)
            .map(|seed| {
                Command::new(&me)
                    .args(["--worker", &seed.to_string()])
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success()); // waited for: now in RUSAGE_CHILDREN
        }
    };
    // ANCHOR_END: modes
    // Other programs busy on the cores change the picture: say how busy.
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?").to_string();
    println!(
        "load average before: {load}, cores: {}\n",
        thread::available_parallelism().unwrap()
    );
    println!("| what | points | user (s) | sys (s) | wall (s) | user / wall |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let modes: [(&str, usize, &dyn Fn()); 3] = [
        ("one thread", 1, &one),
        ("two threads", 2, &threads),
        ("two processes", 2, &processes),
    ];
    for (what, n, work) in modes {
        let (user, sys, wall) = measure(work);
        println!(
            "| Rust, {what} | {n} x {POINTS} | {user:.2} | {sys:.2} | {wall:.2} | {:.2} |",
            user / wall
        );
    }
    ExitCode::SUCCESS
}
