//! The course library: your answers (stubs until you solve them).
//! One module per exercise; the tests in exercises/tests/ run against both
//! exercises/ and solutions/.

pub mod ep01_cores;
pub mod ep01_send;
