//! Tests for episode 2: `cargo test -p exercises --test ep02`.
//! The same file tests solutions/ (see solutions/Cargo.toml).
