//! What the kernel says about the threads of a test's process (Linux's
//! `/proc`): tests use it to see that a thread of the learner's code is
//! blocked (asleep in a lock, a `Condvar` or a channel) rather than going on
//! or spinning, without guessing how long that takes.

use std::thread;
use std::time::Duration;

/// The length of a clock tick in `/proc`'s CPU times.
pub const TICK: Duration = Duration::from_millis(10);

/// The kernel's id of the calling thread (`/proc/thread-self` links to
/// `<pid>/task/<tid>`).
pub fn current_tid() -> u32 {
    let link = std::fs::read_link("/proc/thread-self")
        .expect("these tests read /proc/thread-self, which needs Linux");
    link.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.parse().ok())
        .expect("/proc/thread-self should end in the thread's id")
}

/// The fields of a /proc `stat` file after the command name (which sits in
/// parentheses and may hold spaces): the state is [0].
fn stat_fields(path: &str) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(path).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    Some(rest.split_whitespace().map(str::to_string).collect())
}

fn cpu_ticks(path: &str) -> Option<u64> {
    let f = stat_fields(path)?;
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// The state of thread `tid` of this process: 'R' running or ready to run,
/// 'S' asleep (blocked, waiting for something); `None` once it has gone.
pub fn thread_state(tid: u32) -> Option<char> {
    stat_fields(&format!("/proc/self/task/{tid}/stat"))?
        .first()?
        .chars()
        .next()
}

/// The CPU time thread `tid` has used so far, in clock ticks ([`TICK`]).
pub fn thread_cpu_ticks(tid: u32) -> Option<u64> {
    cpu_ticks(&format!("/proc/self/task/{tid}/stat"))
}

/// The CPU time this process has used so far, in clock ticks ([`TICK`]).
pub fn process_cpu_ticks() -> u64 {
    cpu_ticks("/proc/self/stat").expect("cannot read /proc/self/stat")
}

/// What [`wait_until_blocked`] saw.
#[derive(Debug, PartialEq, Eq)]
pub enum Seen {
    /// The thread was asleep on several looks in a row and `done()` stayed
    /// false: it is blocked.
    Blocked,
    /// `done()` became true: the thread went on instead of waiting.
    WentOn,
    /// The thread used a second of CPU time without ever blocking.
    Spinning,
}

/// Waits until thread `tid` is blocked: asleep on four looks in a row, 2 ms
/// apart, with `done()` false all along. Stops early when `done()` becomes
/// true (the thread did not wait), or when the thread has burnt a second of
/// CPU time (it spins instead of sleeping). How long this takes never
/// decides a verdict: a thread that really blocks is seen blocked sooner or
/// later, and one that goes on is seen going on.
pub fn wait_until_blocked(tid: u32, done: impl Fn() -> bool) -> Seen {
    let cpu_at_start = thread_cpu_ticks(tid).unwrap_or(0);
    let mut calm = 0;
    loop {
        if done() {
            return Seen::WentOn;
        }
        if thread_cpu_ticks(tid).unwrap_or(0) > cpu_at_start + 100 {
            return Seen::Spinning;
        }
        let asleep = thread_state(tid) == Some('S');
        if asleep && !done() {
            calm += 1;
            if calm >= 4 {
                return Seen::Blocked;
            }
        } else {
            calm = 0;
        }
        thread::sleep(Duration::from_millis(2));
    }
}

/// Spawns `f` on a thread of its own and returns the thread's kernel id
/// (for [`wait_until_blocked`]) with its handle.
pub fn spawn_with_tid<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> (u32, thread::JoinHandle<T>) {
    let (tx, rx) = std::sync::mpsc::channel();
    let h = thread::spawn(move || {
        tx.send(current_tid()).unwrap();
        f()
    });
    (rx.recv().unwrap(), h)
}

/// If `pid` is still a child of this process (running, or a zombie that was
/// never waited for), its state letter from /proc (`Z` for a zombie);
/// `None` once it is gone (it was reaped) or /proc is missing.
pub fn still_our_child(pid: u32) -> Option<char> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
    };
    let ppid: u32 = field("PPid:")?.parse().ok()?;
    if ppid != std::process::id() {
        return None; // the pid now belongs to someone else's process
    }
    field("State:")?.chars().next()
}

/// How a child the learner's code started was left: gone (waited for), a
/// zombie (ended, never waited for), or still running (state letter).
/// A child that is ending takes a moment to become a zombie, so a running
/// one is looked at again for up to two seconds; one that was waited for is
/// gone at once, so a right answer never waits here. A child still running
/// at the end is killed, so that the test leaves nothing behind.
pub enum Left {
    Reaped,
    Zombie,
    Running(char),
}

pub fn how_child_was_left(pid: u32) -> Left {
    let mut state = still_our_child(pid);
    for _ in 0..200 {
        match state {
            Some(s) if s != 'Z' => {
                thread::sleep(Duration::from_millis(10));
                state = still_our_child(pid);
            }
            _ => break,
        }
    }
    match state {
        None => Left::Reaped,
        Some('Z') => Left::Zombie,
        Some(s) => {
            // SAFETY: kill(2) with a pid and a signal number; the pid is our
            // own child (checked through /proc just now).
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            Left::Running(s)
        }
    }
}
