//! Every ```rust,compile_fail,E0xxx block of the book must fail to compile
//! with that error code.
include!(concat!(env!("OUT_DIR"), "/compile-fail-tests.rs"));
