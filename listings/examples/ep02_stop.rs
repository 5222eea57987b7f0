//! Episode 2: stopping a thread by asking it to stop.
//! Run: cargo run -p listings --example ep02_stop

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

// ANCHOR: flag
fn stop_with_a_flag() {
    let stop = Arc::new(AtomicBool::new(false));
    let (started_tx, started_rx) = mpsc::channel();

    let searcher = {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            let mut largest = 2;
            let mut n = 3;
            // Check the flag between two small steps of work.
            while !stop.load(Ordering::Relaxed) {
                if is_prime(n) {
                    largest = n;
                }
                if n == 101 {
                    let _ = started_tx.send(()); // tell main we are under way
                }
                n += 2;
            }
            largest // what we found before we were asked to stop
        })
    };

    started_rx.recv().unwrap(); // wait until the search is under way...
    stop.store(true, Ordering::Relaxed); // ...then ask it to stop
    let largest = searcher.join().unwrap(); // and wait until it has
    assert!(largest >= 101);
    println!("flag: the searcher stopped; largest prime it found is at least 101");
}
// ANCHOR_END: flag

// ANCHOR: channel
fn stop_by_closing_a_channel() {
    let (stop_tx, stop_rx) = mpsc::channel::<()>();

    let heartbeat = thread::spawn(move || {
        let mut beats = 0u32;
        loop {
            // Sleep for up to a second, but wake at once if told to stop.
            match stop_rx.recv_timeout(Duration::from_secs(1)) {
                Err(RecvTimeoutError::Timeout) => beats += 1, // a quiet second: beat
                Ok(()) | Err(RecvTimeoutError::Disconnected) => return beats,
            }
        }
    });

    drop(stop_tx); // closing the channel is the stop signal
    let _beats = heartbeat.join().unwrap();
    println!("channel: the heartbeat stopped without sleeping out its second");
}
// ANCHOR_END: channel

fn main() {
    stop_with_a_flag();
    stop_by_closing_a_channel();
}
