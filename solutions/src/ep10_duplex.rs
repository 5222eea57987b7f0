//! Exercise `ep10_duplex`: a conversation with a child over a socket pair.
//! Chapter: src/ep10-processes-that-talk.md, "A pipe both ways: socket pairs and framing"

use crate::ep10_messages::{Msg, read_frame, write_frame};
use std::io;
use std::net::Shutdown;
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Command, Stdio};

// ANCHOR: converse
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
    let (mut ours, theirs) = UnixStream::pair()?;
    // The Command, and with it the child's end, is dropped at the end of
    // this statement: from then on only the child holds that end, so when
    // the child ends we read the end of input instead of waiting for ever.
    let mut child = Command::new(program)
        .stdin(Stdio::from(OwnedFd::from(theirs.try_clone()?)))
        .stdout(Stdio::from(OwnedFd::from(theirs)))
        .spawn()?;
    let talked = talk(&mut ours, questions);
    // Close our end whatever happened, so the child cannot wait for us...
    drop(ours);
    // ...and wait for it on every path, the error paths too.
    let status = child.wait()?;
    let answers = talked?;
    if !status.success() {
        return Err(io::Error::other(format!(
            "{} failed ({status})",
            program.display()
        )));
    }
    Ok(answers)
}

/// One question, one answer, in turn: neither side ever has more than one
/// message on its way, so neither can block on a full socket buffer.
fn talk(stream: &mut UnixStream, questions: &[Msg]) -> io::Result<Vec<Msg>> {
    let mut answers = Vec::with_capacity(questions.len());
    for (i, question) in questions.iter().enumerate() {
        write_frame(stream, question)?;
        match read_frame(stream)? {
            Some(answer) => answers.push(answer),
            None => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("the child ended before answering question {i}"),
                ));
            }
        }
    }
    // No more questions: the child's read_frame returns Ok(None).
    stream.shutdown(Shutdown::Write)?;
    Ok(answers)
}
// ANCHOR_END: converse
