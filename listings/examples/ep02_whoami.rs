//! Episode 2, challenge "Who am I?": process id, thread ids, names, and the
//! number of threads, for two named workers.
//! Run: cargo run -p listings --example ep02_whoami

// ANCHOR: whoami
use std::sync::{Arc, Barrier};
use std::thread;

/// Threads of this process, as Linux counts them (None elsewhere).
fn count_threads() -> Option<usize> {
    Some(std::fs::read_dir("/proc/self/task").ok()?.count())
}

/// The operating system's id for the calling thread (Python's `native_id`).
/// On Linux, /proc/thread-self is a link to "<pid>/task/<tid>".
fn native_id() -> Option<u64> {
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    link.file_name()?.to_str()?.parse().ok()
}

/// Shows an optional value, or `?` where the system cannot tell.
fn show<T: ToString>(value: Option<T>) -> String {
    value.map_or("?".to_string(), |v| v.to_string())
}

fn report(role: &str) {
    let me = thread::current();
    println!(
        "{role:>6}: pid {}, name {}, Rust id {:?}, OS id {}, threads {}",
        std::process::id(),
        me.name().unwrap_or("<unnamed>"),
        me.id(),
        show(native_id()),
        show(count_threads())
    );
}

fn main() {
    report("main");
    // Main and both workers meet here, so every count sees all three.
    let all_here = Arc::new(Barrier::new(3));
    let workers: Vec<_> = ["worker-1", "worker-2"]
        .into_iter()
        .map(|name| {
            let all_here = Arc::clone(&all_here);
            thread::Builder::new()
                .name(name.to_string())
                .spawn(move || {
                    all_here.wait();
                    report("worker");
                })
                .unwrap()
        })
        .collect();
    all_here.wait();
    for w in workers {
        w.join().unwrap();
    }
    report("main");
}
// ANCHOR_END: whoami
