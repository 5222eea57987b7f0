//! The course library: your answers (stubs until you solve them).
//! One module per exercise; the tests in exercises/tests/ run against both
//! exercises/ and solutions/ (the library is called `course` in both).

/// The path of a helper binary of this crate (`src/bin/<name>.rs`), for
/// tests that start processes: `course::helper_bin!("ep03_worker")`.
/// It expands to `env!("CARGO_BIN_EXE_...")`, so only integration tests
/// can use it.
#[macro_export]
macro_rules! helper_bin {
    ($name:literal) => {
        env!(concat!("CARGO_BIN_EXE_ex-", $name))
    };
}

// Episode 1
pub mod ep01_cores;
pub mod ep01_send;
// Episode 2
// Episode 3
// Episode 4
// Episode 5
// Episode 6
