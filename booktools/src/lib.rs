//! Shared pieces of the course's book tooling: used by `xtask` (the book
//! build and the lesson preprocessor) and by `book-tests` (skeptic and the
//! `compile_fail` harness), so both read the book the same way.

pub mod booktest;
pub mod exercises;
pub mod glossary;
pub mod include;
pub mod lesson;
pub mod summary;

/// skeptic's way of turning a file stem or heading into part of a test name.
pub fn sanitize(s: &str) -> String {
    s.to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}
