//! Episode 4: two threads take two locks in opposite orders. A barrier
//! makes sure each holds its first lock before it asks for the second, so
//! the deadlock happens every time; the second lock is asked for with
//! `try_lock`, and given up after 100 ms, so the program ends and can say
//! what it saw.
//! Run: cargo run -p listings --example ep04_deadlock

use std::sync::{Barrier, Mutex, TryLockError};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: seen
/// Takes `first`, waits until the other thread holds its first lock too,
/// then tries for `second` for up to 100 ms. Says what happened.
fn two_locks(
    name: &str,
    first: &Mutex<u32>,
    second: &Mutex<u32>,
    both_hold_one: &Barrier,
) -> String {
    let _first = first.lock().unwrap();
    both_hold_one.wait();
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(100) {
        match second.try_lock() {
            Ok(_second) => return format!("{name}: got both locks"),
            Err(TryLockError::WouldBlock) => thread::yield_now(), // someone holds it
            Err(TryLockError::Poisoned(e)) => panic!("{e}"),
        }
    }
    format!("{name}: holds one lock, waited 100 ms for the other: deadlock")
}

fn main() {
    let (a, b) = (Mutex::new(0), Mutex::new(0));
    let both_hold_one = Barrier::new(2);
    thread::scope(|s| {
        let t1 = s.spawn(|| two_locks("thread 1 (a, then b)", &a, &b, &both_hold_one));
        let t2 = s.spawn(|| two_locks("thread 2 (b, then a)", &b, &a, &both_hold_one));
        println!("{}", t1.join().unwrap());
        println!("{}", t2.join().unwrap());
    });
}
// ANCHOR_END: seen
