//! Exercise `ep05_status`: run a program, keep what it prints, say how it ended.
//! Chapter: src/ep05-processes.md, "How did it end? Exit status"

use std::io;
use std::process::{Command, ExitStatus};

/// How a child process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// It exited (returned from `main`, or called `exit`) with this code.
    /// 0 means success.
    Code(i32),
    /// A signal ended it before it could exit, e.g. 9 (SIGKILL) or
    /// 15 (SIGTERM). Unix only.
    Signal(i32),
}

// ANCHOR: ending
/// Reads an exit status: its exit code if it has one, else (on Unix) the
/// signal that ended the process.
pub fn ending(status: ExitStatus) -> Ending {
    if let Some(code) = status.code() {
        return Ending::Code(code);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Ending::Signal(signal);
        }
    }
    unreachable!("a process that has ended has an exit code or was ended by a signal")
}
// ANCHOR_END: ending

// ANCHOR: run
/// Runs `program` with `args`, waits for it, and returns how it ended and
/// what it wrote to its standard output (its standard error is not part of
/// the answer). An error if the program cannot be started.
pub fn run(program: &str, args: &[&str]) -> io::Result<(Ending, String)> {
    // output() captures stdout and stderr, reads both to the end while the
    // child runs (so a chatty child never blocks on a full pipe), then
    // waits for it: the child is reaped before we return.
    let output = Command::new(program).args(args).output()?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    Ok((ending(output.status), stdout))
}
// ANCHOR_END: run
