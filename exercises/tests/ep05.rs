//! Tests for episode 5: `cargo test -p exercises --test ep05`.
//! The same file tests solutions/ (see solutions/Cargo.toml).
