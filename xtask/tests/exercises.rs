//! The exercises check, run by `cargo test`: every test passes on the model
//! answers, fails on the pristine stubs (from git, never the learner's
//! files) with a message naming its exercise and section, and catches every
//! wrong answer in solutions/wrong/; the files agree with the book. See
//! `xtask::unsolved`. It builds in a target folder of its own, since the
//! outer `cargo test` holds the lock on `target/`.

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let root = xtask::root();
    let start = Instant::now();
    println!("exercises check: building in target/exercise-check ...");
    let report = xtask::unsolved::check(&root, &root.join("target").join("exercise-check"));
    for n in &report.notes {
        println!("exercises check: {n}");
    }
    println!(
        "exercises check: took {:.0} s",
        start.elapsed().as_secs_f64()
    );
    if report.problems.is_empty() {
        println!("exercises check: ok");
        ExitCode::SUCCESS
    } else {
        for p in &report.problems {
            eprintln!("exercises check: {p}");
        }
        eprintln!("exercises check: {} problem(s)", report.problems.len());
        ExitCode::FAILURE
    }
}
