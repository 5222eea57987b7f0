//! Prints what the book tests cover (run by `cargo test`).
use book_tests::{CHAPTERS, COMPILE_FAIL, COMPILED, IGNORED, RUN};

fn main() {
    println!(
        "book tests: {CHAPTERS} chapters from src/SUMMARY.md; {COMPILED} Rust blocks compiled ({RUN} of them also run, {} compile-only), {COMPILE_FAIL} checked to fail to compile with their error code, {} ignored",
        COMPILED - RUN,
        IGNORED.len()
    );
    for at in IGNORED {
        println!("  ignored block at {at}: say in the text why it cannot run, or make it run");
    }
}
