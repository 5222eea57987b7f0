//! The worker process of exercise `ep04_process_pool`: it runs
//! `course::ep04_process_pool::serve` on its stdin and stdout.
//! Tests start it as `course::helper_bin!("ep04_worker")`.

use std::io;

fn main() {
    if let Err(e) = course::ep04_process_pool::serve(io::stdin().lock(), io::stdout().lock()) {
        eprintln!("ep04_worker: {e}");
        std::process::exit(1);
    }
}
