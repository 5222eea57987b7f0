//! Episode 9: waiting on two channels and a clock at once with crossbeam's
//! `select!`: a results channel, a stop channel, and a time limit.
//! Run: cargo run -p listings --example ep09_select

use crossbeam::channel::{self, Receiver, select};
use std::thread;
use std::time::Duration;

// ANCHOR: collect
#[derive(Debug, PartialEq)]
enum Ended {
    AllDone, // every worker has dropped its Sender
    Stopped, // someone asked us to stop
    NoNews,  // nothing happened for `patience`
}

/// Adds up results until the workers are all done, a stop request comes,
/// or nothing at all happens for `patience`.
fn add_up(results: &Receiver<u64>, stop: &Receiver<()>, patience: Duration) -> (u64, Ended) {
    let mut total = 0;
    loop {
        select! {
            recv(results) -> msg => match msg {
                Ok(x) => total += x,
                Err(_) => return (total, Ended::AllDone),
            },
            // A message, or the stop channel's Sender dropped: either way, stop.
            recv(stop) -> _ => return (total, Ended::Stopped),
            default(patience) => return (total, Ended::NoNews),
        }
    }
}
// ANCHOR_END: collect

// ANCHOR: main
fn main() {
    let (stop_tx, stop_rx) = channel::bounded::<()>(1);

    // 1. Three workers send ten results each, then finish.
    let (tx, rx) = channel::unbounded();
    let workers: Vec<_> = (1..=3u64)
        .map(|w| {
            let tx = tx.clone();
            thread::spawn(move || (0..10).for_each(|i| tx.send(100 * w + i).unwrap()))
        })
        .collect();
    drop(tx);
    let outcome = add_up(&rx, &stop_rx, Duration::from_secs(5));
    workers.into_iter().for_each(|w| w.join().unwrap());
    assert_eq!(outcome, (6135, Ended::AllDone));

    // 2. No results yet, but a stop request.
    let (tx, rx) = channel::unbounded::<u64>();
    stop_tx.send(()).unwrap();
    assert_eq!(
        add_up(&rx, &stop_rx, Duration::from_secs(5)),
        (0, Ended::Stopped)
    );

    // 3. Nothing at all: after 20 ms, give up.
    assert_eq!(
        add_up(&rx, &stop_rx, Duration::from_millis(20)),
        (0, Ended::NoNews)
    );
    drop(tx);
    println!("all done, stopped, no news: as expected");
}
// ANCHOR_END: main
