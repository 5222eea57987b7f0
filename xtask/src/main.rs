//! The course's book commands.
//!
//! - `cargo xtask build [--dest-dir DIR]`: write the static site (default `book/`).
//! - `cargo xtask serve [--port N]`: build, serve on http://localhost:N (3000),
//!   rebuild and reload the page when the book, its listings or the
//!   solutions change.
//! - `cargo xtask progress`: which exercises you have solved, and what to
//!   read for the others.
//! - `cargo xtask preprocess`: the lesson preprocessor, for stock `mdbook`.
//!
//! mdBook 0.5 (`mdbook-driver`) and mdbook-katex 0.10 run in process, at the
//! versions pinned by Cargo.lock: nothing to install.

mod lesson;
mod progress;
mod runner;
mod serve;

use mdbook_driver::MDBook;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The workspace root (where book.toml is).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Loads the book with our preprocessors registered in place of the
/// commands named in book.toml.
pub fn load(root: &Path) -> mdbook_driver::errors::Result<MDBook> {
    let mut book = MDBook::load(root)?;
    book.with_preprocessor(lesson::Lesson);
    book.with_preprocessor(mdbook_katex::preprocess::KatexProcessor);
    Ok(book)
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: cargo xtask build [--dest-dir DIR]\n       cargo xtask serve [--port PORT]\n       cargo xtask progress\n       cargo xtask preprocess   (mdBook preprocessor protocol)"
    );
    ExitCode::from(2)
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        return usage();
    };
    let rest = &args[1..];
    let result = match cmd.as_str() {
        "build" => build(flag(rest, "--dest-dir").map(PathBuf::from)),
        "serve" => {
            let port = flag(rest, "--port")
                .and_then(|p| p.parse().ok())
                .unwrap_or(3000);
            serve::serve(port)
        }
        "preprocess" => lesson::command(rest),
        "progress" => return progress::progress(),
        _ => return usage(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn build(dest: Option<PathBuf>) -> mdbook_driver::errors::Result<()> {
    let root = root();
    let mut book = load(&root)?;
    if let Some(dest) = &dest {
        let dest = std::env::current_dir()?.join(dest);
        book.config
            .set("build.build-dir", dest.display().to_string())?;
    }
    book.build()?;
    println!("book written to {}", book.build_dir_for("html").display());
    Ok(())
}
