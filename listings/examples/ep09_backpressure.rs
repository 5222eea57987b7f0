//! Episode 9: a fast producer, a slow consumer and a bounded channel
//! between them. The channel's capacity, not the speeds, decides how far
//! ahead the producer can get.
//! Run: cargo run -p listings --example ep09_backpressure

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

// ANCHOR: most_ahead
/// Sends `items` numbers through a `sync_channel(capacity)` to a consumer
/// that dawdles over each one; returns the most items the producer ever
/// had on their way (sent or being sent, and not yet taken).
fn most_ahead(capacity: usize, items: usize) -> usize {
    let (tx, rx) = mpsc::sync_channel::<usize>(capacity);
    let begun = Arc::new(AtomicUsize::new(0)); // sends the producer has begun
    let counter = Arc::clone(&begun);
    let producer = thread::spawn(move || {
        for i in 0..items {
            counter.fetch_add(1, Ordering::SeqCst);
            tx.send(i).unwrap(); // waits while `capacity` items lie unread
        }
    });
    let mut most = 0;
    for (taken, _item) in rx.iter().enumerate() {
        thread::sleep(Duration::from_millis(1)); // the slow consumer
        let ahead = begun.load(Ordering::SeqCst) - (taken + 1);
        most = most.max(ahead);
    }
    producer.join().unwrap();
    most
}
// ANCHOR_END: most_ahead

// ANCHOR: main
fn main() {
    for capacity in [0, 2, 8] {
        let most = most_ahead(capacity, 30);
        println!("capacity {capacity}: the producer was at most {most} ahead");
        // One in the channel per slot, plus one in the producer's hands.
        assert!(most <= capacity + 1);
    }
}
// ANCHOR_END: main
