//! The course's measured kernels: the steps of the road to fast π
//! (episode 11), shared by the benchmark command and the book.

pub mod pi;
