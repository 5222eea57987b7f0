//! Exercise `ep10_duplex`: a conversation with a child over a socket pair.
//! Read: src/ep10-processes-that-talk.md, "A pipe both ways: socket pairs and framing"
//! Check your answer: cargo test -p exercises --test ep10_duplex
//!
//! It uses your `ep10_messages` (solve that one first). The tests give
//! `converse` worker programs that answer with your `read_frame` and
//! `write_frame` too.

#[allow(unused_imports)] // remove this line once you use them
use crate::ep10_messages::{Msg, read_frame, write_frame};
use std::io;
use std::path::Path;

/// Starts `program` with one end of a socket pair as both its standard
/// input and its standard output, and holds a conversation with it: sends
/// each question as a frame and reads one answer frame back, in turn. Then
/// shuts down its end for writing (the child reads the end of its input
/// and finishes), waits for the child, and returns the answers in question
/// order.
///
/// An error if the program cannot be started, if it ends before answering
/// every question, or if it does not exit successfully. The child is waited
/// for in every case.
pub fn converse(program: &Path, questions: &[Msg]) -> io::Result<Vec<Msg>> {
    let _ = (program, questions);
    todo!(
        "ep10_duplex: UnixStream::pair(), give one end (and a try_clone of it) to the child as stdin and stdout, write a question and read its answer in turn, shut down, wait (chapter ep10-processes-that-talk)"
    )
}
