//! The exercise manifest: the one place where an exercise is added.
//!
//! An exercise called `epNN_name` has
//! - a stub in `exercises/src/epNN_name.rs` and its solution in
//!   `solutions/src/epNN_name.rs` (the same public items);
//! - tests in `exercises/tests/epNN.rs`, in a module called `epNN_name`,
//!   each test wrapped in `course_check::check("epNN_name", ..)`;
//! - a section in the chapter `src/epNN-*.md` that names it.
//!
//! `cargo test` checks all of that (see `xtask/tests/exercises.rs`).

/// One exercise.
#[derive(Debug)]
pub struct Exercise {
    /// The exercise's name: module, test module and manifest key.
    pub name: &'static str,
    /// The chapter that teaches it, relative to `src/`.
    pub chapter: &'static str,
    /// The chapter's title, as the learner sees it in the book.
    pub chapter_title: &'static str,
    /// Which part of the chapter to read.
    pub topic: &'static str,
    /// A nudge for a learner who is stuck.
    pub hint: &'static str,
}

pub const EXERCISES: &[Exercise] = &[
    Exercise {
        name: "ep01_cores",
        chapter: "ep01-cores-and-the-gil.md",
        chapter_title: "Episode 1: Cores, threads, processes and the GIL",
        topic: "\"How many cores may my program use?\"",
        hint: "std::thread::available_parallelism() returns io::Result<NonZeroUsize>; \
               fall back to 1 when it fails, and never report more than the machine has.",
    },
    Exercise {
        name: "ep01_send",
        chapter: "ep01-cores-and-the-gil.md",
        chapter_title: "Episode 1: Cores, threads, processes and the GIL",
        topic: "\"Why Rust has no GIL\"",
        hint: "Rc's count is not atomic, so Rc is not Send; Arc's is. \
               Give each thread its own Arc clone and join every thread before you read the count.",
    },
    // Episode 2
    // Episode 3
    // Episode 4
    // Episode 5
    // Episode 6
];
