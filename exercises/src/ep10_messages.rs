//! Exercise `ep10_messages`: a message format that survives the trip.
//! Read: src/ep10-processes-that-talk.md, "Data crosses as bytes"
//! Check your answer: cargo test -p exercises --test ep10_messages
//!
//! Episode 10's other exercises talk to their child processes with the two
//! functions you write here.

use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};

/// What the processes of this episode say to each other. (Given: you need
/// not change it. serde's derives teach postcard and serde_json to encode
/// and decode it.)
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub enum Msg {
    /// A piece of work, described rather than shipped: "take the numbers
    /// `start..end`, with random numbers seeded by `seed`".
    Job {
        id: u64,
        start: u64,
        end: u64,
        seed: u64,
    },
    /// The answer to job `id`.
    Result { id: u64, value: f64 },
    /// Free text: a log line, a question, an error.
    Text(String),
    /// A batch of numbers.
    Samples(Vec<f64>),
    /// No more work.
    Stop,
}

/// The largest frame `read_frame` accepts and `write_frame` sends (16 MiB):
/// a length read from outside is never trusted with more memory than this.
pub const MAX_FRAME: usize = 16 << 20;

/// Writes `msg` as one frame: its length in bytes (a `u32`, little-endian),
/// then the message encoded with postcard. Flushes `w` at the end, so the
/// frame never waits in a buffer while the other side waits for it.
/// An `InvalidInput` error for a message longer than `MAX_FRAME`.
pub fn write_frame<W: Write>(w: &mut W, msg: &Msg) -> io::Result<()> {
    let _ = (w, msg);
    todo!(
        "ep10_messages: encode with postcard::to_stdvec, write the length as 4 little-endian bytes, then the bytes, then flush (chapter ep10-processes-that-talk)"
    )
}

/// Reads one frame written by `write_frame`.
///
/// `Ok(None)` when the input ends cleanly, between two frames. An
/// `UnexpectedEof` error when it ends inside a frame (in the length or in
/// the body), an `InvalidData` error when the length is over `MAX_FRAME` or
/// the body is not a `Msg`.
pub fn read_frame<R: Read>(r: &mut R) -> io::Result<Option<Msg>> {
    let _ = r;
    todo!(
        "ep10_messages: read the 4 length bytes (none at all: Ok(None)), check the length, read_exact the body, decode it with postcard::from_bytes (chapter ep10-processes-that-talk)"
    )
}
