//! The exercise manifest, derived from the book when this crate is built
//! (see `build.rs`): the chapters declare each exercise in a
//! `:::challenge Exercise `name`` box, with its hints. Book order.
//!
//! An exercise called `epNN_name` has
//! - its box in a chapter (the section it sits under is the part to read);
//! - a stub `exercises/src/epNN_name.rs` and a solution `solutions/src/epNN_name.rs`;
//! - its tests in `exercises/tests/epNN_name.rs` (run against both);
//! - at least three wrong answers in `solutions/wrong/epNN_name/*.patch`,
//!   which its tests must catch.
//!
//! `cargo test` checks all of that (see `xtask/tests/exercises.rs`).

/// Where the learner's served book lives (`cargo xtask serve`).
pub const BOOK_URL: &str = "http://localhost:3000";

/// One exercise.
#[derive(Debug)]
pub struct Exercise {
    /// The exercise's name: stub, solution and test file are named after it.
    pub name: &'static str,
    /// Its episode's number: 1 for the first chapter with front matter in SUMMARY.md.
    pub episode: usize,
    /// The chapter that declares it, relative to `src/`.
    pub chapter: &'static str,
    /// The chapter's title.
    pub chapter_title: &'static str,
    /// The section (`##` heading) the exercise sits under.
    pub section: &'static str,
    /// That section's anchor in the built page.
    pub anchor: &'static str,
    /// The hint for every test.
    pub hint: &'static str,
    /// Hints for single tests: (test name, hint).
    pub test_hints: &'static [(&'static str, &'static str)],
    /// The line of the exercise box in the chapter.
    pub line: usize,
}

impl Exercise {
    /// The section's address in the served book.
    pub fn url(&self) -> String {
        let page = self.chapter.strip_suffix(".md").unwrap_or(self.chapter);
        format!("{BOOK_URL}/{page}.html#{}", self.anchor)
    }

    /// "Episode 2: Threads".
    pub fn episode_title(&self) -> String {
        format!("Episode {}: {}", self.episode, self.chapter_title)
    }

    /// The hint for `test` (its own if the chapter gives one).
    pub fn hint_for(&self, test: &str) -> &'static str {
        let short = test.rsplit("::").next().unwrap_or(test);
        self.test_hints
            .iter()
            .find(|(t, _)| *t == short)
            .map(|(_, h)| *h)
            .unwrap_or(self.hint)
    }

    /// The command that checks this exercise alone.
    pub fn command(&self) -> String {
        format!("cargo test -p exercises --test {}", self.name)
    }
}

include!(concat!(env!("OUT_DIR"), "/manifest.rs"));
