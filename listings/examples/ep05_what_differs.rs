//! Episode 5, challenge "Rewrite it with processes": two threads, then two
//! child processes, each reporting its pid, its thread and a global counter.
//! Run: cargo run -p listings --example ep05_what_differs

use std::env;
use std::process::{self, Command};
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;

// ANCHOR: differs
/// One counter for the whole program: every thread of a process sees it.
static COUNTER: AtomicU32 = AtomicU32::new(0);

fn report(who: &str) {
    let me = thread::current();
    println!(
        "{who:<7} pid {:>7}  {:?} {:<6}  counter {}",
        process::id(),
        me.id(),
        me.name().unwrap_or("-"),
        COUNTER.load(Ordering::SeqCst)
    );
}

fn main() {
    if env::args().nth(1).as_deref() == Some("--child") {
        COUNTER.fetch_add(1, Ordering::SeqCst);
        report("child");
        return; // a child never starts children
    }

    report("parent");
    // Two threads: the same process, the same COUNTER.
    thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                COUNTER.fetch_add(1, Ordering::SeqCst);
                report("thread");
            });
        }
    });
    report("parent");

    // Two processes: each is a new run of this program, with its own COUNTER.
    let me = env::current_exe().expect("cannot find this program's file");
    for _ in 0..2 {
        let status = Command::new(&me)
            .arg("--child")
            .status()
            .expect("could not start a child");
        assert!(status.success());
    }
    report("parent"); // still 2: the children's additions stayed in the children
}
// ANCHOR_END: differs
