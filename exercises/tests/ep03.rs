//! Tests for episode 3: `cargo test -p exercises --test ep03`.
//! The same file tests solutions/ (see solutions/Cargo.toml).
