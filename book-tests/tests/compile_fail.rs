//! Every ```rust,compile_fail,E0xxx block of the book must fail to compile
//! with that error code.
// Test names keep the error code as written (E0277).
#![allow(non_snake_case)]
include!(concat!(env!("OUT_DIR"), "/compile-fail-tests.rs"));
