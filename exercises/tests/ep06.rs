//! Tests for episode 6: `cargo test -p exercises --test ep06`.
//! The same file tests solutions/ (see solutions/Cargo.toml).
