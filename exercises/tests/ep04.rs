//! Tests for episode 4: `cargo test -p exercises --test ep04`.
//! The same file tests solutions/ (see solutions/Cargo.toml).
