//! The loom checks of the model answers, run by `cargo test`: every
//! exercise whose tests have `#[cfg(loom)]` checks passes them on the
//! solutions (`cargo xtask loom --solutions`, in target/loom).

use std::process::ExitCode;

fn main() -> ExitCode {
    let root = xtask::root();
    match xtask::loom::run(&root, &[], true, true) {
        Ok(done) if done.is_empty() => {
            println!("loom check: no exercise has loom checks");
            ExitCode::SUCCESS
        }
        Ok(done) => {
            println!("loom check: ok ({})", done.join(", "));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("loom check: {e}");
            ExitCode::FAILURE
        }
    }
}
