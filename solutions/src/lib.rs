//! The course library: the model answers.
//! One module per exercise; the tests in exercises/tests/ run against both
//! exercises/ and solutions/ (the library is called `course` in both).

/// The path of a helper binary of this crate (`src/bin/<name>.rs`), for
/// tests that start processes: `course::helper_bin!("ep03_worker")`.
/// It expands to `env!("CARGO_BIN_EXE_...")`, so only integration tests
/// can use it.
#[macro_export]
macro_rules! helper_bin {
    ($name:literal) => {
        env!(concat!("CARGO_BIN_EXE_sol-", $name))
    };
}

// Episode 1
pub mod ep01_cores;
pub mod ep01_send;
// Episode 2
pub mod ep02_identify;
pub mod ep02_scoped;
pub mod ep02_worker;
// Episode 3
pub mod ep03_pipe;
pub mod ep03_status;
pub mod ep03_timeout;
pub mod ep03_workers;
// Episode 4
pub mod ep04_ordered_map;
pub mod ep04_pool;
pub mod ep04_process_pool;
// Episode 5
pub mod ep05_pi_chunks;
pub mod ep05_pi_procs;
pub mod ep05_pi_rayon;
pub mod ep05_split;
// Episode 6
pub mod ep06_chunks;
pub mod ep06_fixed_chunks;
pub mod ep06_parallel;
pub mod ep06_riemann;
