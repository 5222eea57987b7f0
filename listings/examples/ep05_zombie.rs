//! Episode 5: a child that has exited but was not waited for is a zombie.
//! Linux only (it reads /proc); elsewhere it says so and stops.
//! Run: cargo run -p listings --example ep05_zombie

use std::fs;
use std::process::Command;
use std::thread;
use std::time::Duration;

// ANCHOR: zombie
/// The state letter of process `pid` from /proc (R running, S sleeping,
/// Z zombie), or None if there is no such process.
fn state(pid: u32) -> Option<char> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("State:"))?;
    line["State:".len()..].trim().chars().next()
}

fn main() {
    if state(std::process::id()).is_none() {
        println!("no /proc here: this demo needs Linux");
        return;
    }
    let mut child = Command::new("true")
        .spawn()
        .expect("could not start `true`");
    let pid = child.id();

    // `true` exits at once, but we do not wait for it yet. Look until the
    // kernel shows it as a zombie (give up after about five seconds).
    for _ in 0..5000 {
        if state(pid) == Some('Z') {
            break;
        }
        thread::sleep(Duration::from_millis(1));
    }
    println!("before wait: state {:?}", state(pid)); // Some('Z')

    let status = child.wait().expect("could not wait");
    println!("wait says: {status}");
    println!("after wait:  state {:?}", state(pid)); // None: it is gone
}
// ANCHOR_END: zombie
