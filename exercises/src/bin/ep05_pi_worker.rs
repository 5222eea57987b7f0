//! The worker program of exercise `ep05_pi_procs` (written for you: read it).
//! `ex-ep05_pi_worker SEED [CHUNK POINTS]...` prints the hits of those chunks.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match course::ep05_pi_procs::worker_hits(&args) {
        Ok(hits) => {
            println!("{hits}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("ep05_pi_worker: {message}");
            ExitCode::from(2)
        }
    }
}
