//! Exercise `ep05_timeout`: give a child a deadline; kill and reap it if it
//! runs past it.
//! Chapter: src/ep05-processes.md, "Stopping a child: kill"

use std::io;
use std::process::{Child, ExitStatus};
use std::thread;
use std::time::{Duration, Instant};

/// How waiting with a deadline turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The child ended by itself before the deadline, with this status.
    Finished(ExitStatus),
    /// The child was still running at the deadline: it was killed and
    /// waited for.
    TimedOut,
}

// ANCHOR: wait_with_deadline
/// Waits up to `limit` for `child` to end. If it ends in time, returns its
/// status as soon as it has ended. If not, kills it, waits for it (so no
/// zombie is left) and returns `Outcome::TimedOut`.
pub fn wait_with_deadline(child: &mut Child, limit: Duration) -> io::Result<Outcome> {
    let deadline = Instant::now() + limit;
    loop {
        // try_wait reaps the child if it has ended, and never blocks.
        if let Some(status) = child.try_wait()? {
            return Ok(Outcome::Finished(status));
        }
        let now = Instant::now();
        if now >= deadline {
            child.kill()?;
            child.wait()?; // reap it: kill only sends the signal
            return Ok(Outcome::TimedOut);
        }
        // Look again soon: a short nap, never past the deadline.
        thread::sleep((deadline - now).min(Duration::from_millis(5)));
    }
}
// ANCHOR_END: wait_with_deadline
