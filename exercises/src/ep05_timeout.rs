//! Exercise `ep05_timeout`: give a child a deadline; kill and reap it if it
//! runs past it.
//! Read: src/ep05-processes.md, "Stopping a child: kill"
//! Check your answer: cargo test -p exercises --test ep05_timeout

use std::io;
use std::process::{Child, ExitStatus};
use std::time::Duration;

/// How waiting with a deadline turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The child ended by itself before the deadline, with this status.
    Finished(ExitStatus),
    /// The child was still running at the deadline: it was killed and
    /// waited for.
    TimedOut,
}

/// Waits up to `limit` for `child` to end. If it ends in time, returns its
/// status as soon as it has ended. If not, kills it, waits for it (so no
/// zombie is left) and returns `Outcome::TimedOut`.
pub fn wait_with_deadline(child: &mut Child, limit: Duration) -> io::Result<Outcome> {
    let _ = (child, limit);
    todo!(
        "ep05_timeout: poll child.try_wait() until the deadline, then kill and wait (chapter ep05-processes)"
    )
}
