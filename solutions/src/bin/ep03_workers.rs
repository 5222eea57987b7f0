//! The worker program of exercise `ep03_workers`:
//! `sol-ep03_workers --worker INDEX` prints `PID ANSWER`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    course::ep03_workers::worker_main(&args)
}
