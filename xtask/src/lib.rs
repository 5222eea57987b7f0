//! The course's commands, as a library (`cargo xtask ...` is its command
//! line, in main.rs; its tests use it directly).
//!
//! - the book: [`build`], [`serve`], the [`lesson`] preprocessor;
//! - the learner's loop: [`runner`] (build and run exercise tests),
//!   [`learner`] (`check`, `progress`), [`watch`];
//! - the authors' checks: [`unsolved`] (stubs fail, solutions pass, wrong
//!   answers are caught), [`renumber`] (keep file names in the book's order).
//!
//! mdBook 0.5 (`mdbook-driver`) and mdbook-katex 0.10 run in process, at the
//! versions pinned by Cargo.lock: nothing to install.

pub mod learner;
pub mod lesson;
pub mod loom;
pub mod renumber;
pub mod runner;
pub mod scaffold;
pub mod serve;
pub mod unsolved;
pub mod watch;

use mdbook_driver::MDBook;
use std::path::{Path, PathBuf};

/// The workspace root (where book.toml is); `COURSE_ROOT` points the
/// learner's commands at another copy of the course (the watch test uses it).
pub fn root() -> PathBuf {
    match std::env::var_os("COURSE_ROOT") {
        Some(r) => PathBuf::from(r),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf(),
    }
}

/// Loads the book with our preprocessors registered in place of the
/// commands named in book.toml.
pub fn load(root: &Path) -> mdbook_driver::errors::Result<MDBook> {
    let mut book = MDBook::load(root)?;
    book.with_preprocessor(lesson::Lesson);
    book.with_preprocessor(mdbook_katex::preprocess::KatexProcessor);
    Ok(book)
}

/// Writes the site to `dest` (default: book.toml's `build-dir`).
pub fn build(dest: Option<PathBuf>) -> mdbook_driver::errors::Result<PathBuf> {
    let root = root();
    let mut book = load(&root)?;
    if let Some(dest) = &dest {
        let dest = std::env::current_dir()?.join(dest);
        book.config
            .set("build.build-dir", dest.display().to_string())?;
    }
    book.build()?;
    Ok(book.build_dir_for("html"))
}
