//! The worker program of exercise `ep03_workers`:
//! `ex-ep03_workers --worker INDEX` prints `PID ANSWER`.
//! Nothing to do here: write `worker_main` in src/ep03_workers.rs.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    course::ep03_workers::worker_main(&args)
}
