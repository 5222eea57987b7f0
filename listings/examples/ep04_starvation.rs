//! Episode 4: starvation. Two threads take the same lock over and over for
//! half a second, each holding it for a short piece of work. std's `Mutex`
//! promises no order among the threads waiting for it: a thread that has
//! just let go can take it straight back, before a sleeping waiter has even
//! woken up. The program counts how often each thread got the lock, the
//! longest it ever waited, and the longest run of turns one thread had in a
//! row while the other was waiting for the lock, first with `Mutex`, then with a fair "ticket"
//! lock built from a `Mutex` and a `Condvar`, which serves threads in the
//! order they asked.
//! Run: cargo run --release -p listings --example ep04_starvation

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Something that runs a closure while holding a lock.
trait Lock: Sync {
    fn with(&self, f: impl FnOnce());
}

impl Lock for Mutex<()> {
    fn with(&self, f: impl FnOnce()) {
        let _held = self.lock().unwrap();
        f();
    }
}

// ANCHOR: ticket
/// A fair lock: like the ticket machine at a counter, each thread draws the
/// next number and waits until that number is served.
struct TicketLock {
    tickets: Mutex<(u64, u64)>, // (next ticket to hand out, ticket being served)
    turn: Condvar,
}

impl Lock for TicketLock {
    fn with(&self, f: impl FnOnce()) {
        let mut t = self.tickets.lock().unwrap();
        let mine = t.0;
        t.0 += 1;
        let t = self.turn.wait_while(t, |t| t.1 != mine).unwrap();
        drop(t); // we are being served; the Mutex itself is free for others
        f();
        self.tickets.lock().unwrap().1 += 1; // next, please
        self.turn.notify_all(); // the one whose number is up must wake
    }
}
// ANCHOR_END: ticket

/// A short piece of work done while holding the lock.
fn work() {
    for i in 0..200u32 {
        black_box(i);
    }
}

/// What one run measured.
struct Measured {
    /// Per thread: how many times it got the lock, the longest it waited.
    threads: Vec<(u64, Duration)>,
    /// The most turns in a row one thread had while the other was waiting.
    longest_run: u64,
}

// ANCHOR: race
/// Two threads take `lock` again and again for `how_long`.
fn hammer(lock: &impl Lock, how_long: Duration) -> Measured {
    let start = Instant::now();
    // Only touched while holding the lock: who had it last, and for how
    // many turns in a row (while the other thread was waiting).
    let (last, run, longest_run) = (AtomicUsize::new(9), AtomicU64::new(0), AtomicU64::new(0));
    let waiting = [AtomicUsize::new(0), AtomicUsize::new(0)];
    let threads = thread::scope(|s| {
        let threads: Vec<_> = (0..2)
            .map(|me| {
                let (last, run, longest_run, waiting) = (&last, &run, &longest_run, &waiting);
                s.spawn(move || {
                    let (mut got, mut longest) = (0u64, Duration::ZERO);
                    while start.elapsed() < how_long {
                        let asked = Instant::now();
                        waiting[me].store(1, Relaxed);
                        lock.with(|| {
                            waiting[me].store(0, Relaxed);
                            longest = longest.max(asked.elapsed());
                            got += 1;
                            if last.swap(me, Relaxed) == me && waiting[1 - me].load(Relaxed) == 1 {
                                let r = run.fetch_add(1, Relaxed) + 1;
                                longest_run.fetch_max(r, Relaxed);
                            } else {
                                run.store(1, Relaxed);
                            }
                            work();
                        });
                    }
                    (got, longest)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    Measured {
        threads,
        longest_run: longest_run.into_inner(),
    }
}
// ANCHOR_END: race

fn report(name: &str, m: &Measured) {
    let total: u64 = m.threads.iter().map(|r| r.0).sum();
    println!(
        "{name}: {total} turns in all; longest run of one thread while the other waited: {}",
        m.longest_run
    );
    for (i, (got, longest)) in m.threads.iter().enumerate() {
        println!(
            "  thread {i}: got it {got:>8} times ({:>4.1}%), longest wait {:>8.3} ms",
            100.0 * *got as f64 / total.max(1) as f64,
            longest.as_secs_f64() * 1e3
        );
    }
}

fn main() {
    let how_long = Duration::from_millis(500);
    report("std Mutex", &hammer(&Mutex::new(()), how_long));
    let fair = TicketLock {
        tickets: Mutex::new((0, 0)),
        turn: Condvar::new(),
    };
    report("ticket lock", &hammer(&fair, how_long));
}
