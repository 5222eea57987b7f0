//! Exercise `ep10_messages`: a message format that survives the trip.
//! Chapter: src/ep10-processes-that-talk.md, "Data crosses as bytes"

use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};

// ANCHOR: msg
/// What the processes of this episode say to each other.
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
// ANCHOR_END: msg

// ANCHOR: frames
/// Writes `msg` as one frame: its length in bytes (a `u32`, little-endian),
/// then the message encoded with postcard. Flushes `w` at the end, so the
/// frame never waits in a buffer while the other side waits for it.
/// An `InvalidInput` error for a message longer than `MAX_FRAME`.
pub fn write_frame<W: Write>(w: &mut W, msg: &Msg) -> io::Result<()> {
    let body =
        postcard::to_stdvec(msg).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    if body.len() > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "a frame of {} bytes is over the limit of {MAX_FRAME}",
                body.len()
            ),
        ));
    }
    let len = u32::try_from(body.len()).expect("MAX_FRAME fits in a u32");
    w.write_all(&len.to_le_bytes())?;
    w.write_all(&body)?;
    w.flush()
}

/// Reads one frame written by `write_frame`.
///
/// `Ok(None)` when the input ends cleanly, between two frames. An
/// `UnexpectedEof` error when it ends inside a frame (in the length or in
/// the body), an `InvalidData` error when the length is over `MAX_FRAME` or
/// the body is not a `Msg`.
pub fn read_frame<R: Read>(r: &mut R) -> io::Result<Option<Msg>> {
    // The length, by hand: no byte at all is the clean end, some bytes are not.
    let mut header = [0u8; 4];
    let mut got = 0;
    while got < header.len() {
        match r.read(&mut header[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("the input ended after {got} of a frame's 4 length bytes"),
                ));
            }
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let len = u32::from_le_bytes(header) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a frame says it holds {len} bytes, over the limit of {MAX_FRAME}"),
        ));
    }
    // A `read` may return fewer bytes than asked for: `read_exact` loops,
    // and fails with UnexpectedEof if the input ends first.
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    let msg =
        postcard::from_bytes(&body).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    Ok(Some(msg))
}
// ANCHOR_END: frames
