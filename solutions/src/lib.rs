//! The course library: the model answers.
//! One module per exercise; the tests in exercises/tests/ run against both
//! exercises/ and solutions/.

pub mod ep01_cores;
pub mod ep01_send;
