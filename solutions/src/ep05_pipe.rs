//! Exercise `ep05_pipe`: talk to a child through its standard input and
//! output.
//! Chapter: src/ep05-processes.md, "Talking to a child through pipes"

use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::thread;

// ANCHOR: pipe_through
/// Runs `program` with `args`, writes `input` to its standard input, closes
/// it (so the child sees the end of its input), and returns everything the
/// child wrote to its standard output.
///
/// An error if the program cannot be started, does not exit successfully,
/// or prints something that is not UTF-8.
pub fn pipe_through(program: &str, args: &[&str], input: &str) -> io::Result<String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut to_child = child.stdin.take().expect("stdin was piped");
    let (output, written) = thread::scope(|s| {
        // Write on another thread while this one reads: a child that
        // answers as it reads (cat, tr) fills its stdout pipe and stops
        // reading until someone empties it.
        let writer = s.spawn(move || {
            let result = to_child.write_all(input.as_bytes());
            drop(to_child); // close the pipe: the child sees end of input
            result
        });
        let output = child.wait_with_output(); // reads stdout, then reaps
        (output, writer.join().expect("the writer thread panicked"))
    });
    let output = output?;
    match written {
        // A child may stop reading early (like `head -n 1`); that is its
        // choice, not our error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e),
        _ => {}
    }
    if !output.status.success() {
        return Err(io::Error::other(format!(
            "{program} failed ({})",
            output.status
        )));
    }
    String::from_utf8(output.stdout).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}
// ANCHOR_END: pipe_through
