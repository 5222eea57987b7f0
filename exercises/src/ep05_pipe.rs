//! Exercise `ep05_pipe`: talk to a child through its standard input and
//! output.
//! Read: src/ep05-processes.md, "Talking to a child through pipes"
//! Check your answer: cargo test -p exercises --test ep05_pipe

use std::io;

/// Runs `program` with `args`, writes `input` to its standard input, closes
/// it (so the child sees the end of its input), and returns everything the
/// child wrote to its standard output.
///
/// An error if the program cannot be started, does not exit successfully,
/// or prints something that is not UTF-8.
pub fn pipe_through(program: &str, args: &[&str], input: &str) -> io::Result<String> {
    let _ = (program, args, input);
    todo!(
        "ep05_pipe: pipe stdin and stdout, write the input from a second thread, then wait_with_output (chapter ep05-processes)"
    )
}
