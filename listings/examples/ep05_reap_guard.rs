//! Episode 5: a guard that kills and waits for its child when dropped, so an
//! early return (an error, a panic) still leaves no process behind.
//! Run: cargo run -p listings --example ep05_reap_guard

use std::io;
use std::process::{Child, Command, ExitStatus};

// ANCHOR: guard
/// Owns a child process. Dropping it kills the child if it is still running
/// and always waits for it.
struct ChildGuard(Option<Child>);

impl ChildGuard {
    fn spawn(command: &mut Command) -> io::Result<ChildGuard> {
        Ok(ChildGuard(Some(command.spawn()?)))
    }

    fn id(&self) -> u32 {
        self.0.as_ref().expect("child already waited for").id()
    }

    /// The normal way out: wait for the child and hand back its status.
    fn wait(mut self) -> io::Result<ExitStatus> {
        self.0.take().expect("child already waited for").wait()
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            // Since Rust 1.73, kill() on a child that has already exited (but
            // not been waited for) returns Ok(()), so an error here is rare
            // (the process could not be signalled); wait() reaps it either way.
            let _ = child.kill();
            let _ = child.wait(); // reap it either way
        }
    }
}
// ANCHOR_END: guard

// ANCHOR: use
/// Starts a long job, then fails half-way with `?`.
fn start_then_fail() -> Result<ExitStatus, String> {
    let job = ChildGuard::spawn(Command::new("sleep").arg("30")).map_err(|e| e.to_string())?;
    println!("started sleep, pid {}", job.id());
    let setting: u32 = "twelve".parse().map_err(|e| format!("bad setting: {e}"))?;
    println!("never printed: {setting}");
    job.wait().map_err(|e| e.to_string())
}

fn main() {
    match start_then_fail() {
        Ok(status) => println!("job ended: {status}"),
        // By the time we are here, the guard has killed and reaped `sleep`.
        Err(e) => println!("gave up ({e}); the child was killed and reaped"),
    }
}
// ANCHOR_END: use
