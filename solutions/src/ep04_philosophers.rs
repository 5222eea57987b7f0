//! Exercise `ep04_philosophers`: the dining philosophers, without deadlock.
//! Chapter: src/ep04-deadlock.md

use std::sync::Mutex;
use std::thread;

// ANCHOR: dine
/// Seats `seats` philosophers at a round table with one fork between each
/// two neighbours, and lets each eat `meals` times on a thread of its own,
/// named `"philosopher {p}"`. Philosopher `p` needs forks `p` and
/// `(p + 1) % seats`. Returns how many meals each one ate.
///
/// - `first_fork(p, fork)` is called right after philosopher `p` has
///   picked up its first fork, while it holds it;
/// - `eat(p)` is called while philosopher `p` holds both its forks.
///
/// Panics if there are fewer than two seats.
pub fn dine<F, E>(seats: usize, meals: usize, first_fork: F, eat: E) -> Vec<usize>
where
    F: Fn(usize, usize) + Sync,
    E: Fn(usize) + Sync,
{
    assert!(seats >= 2, "a table needs at least two philosophers");
    let forks: Vec<Mutex<()>> = (0..seats).map(|_| Mutex::new(())).collect();
    let (forks, first_fork, eat) = (&forks, &first_fork, &eat);
    thread::scope(|s| {
        let diners: Vec<_> = (0..seats)
            .map(|p| {
                let (left, right) = (p, (p + 1) % seats);
                // One global order: every philosopher picks up the lower
                // numbered of its forks first. The last philosopher (whose
                // right fork is fork 0) is the one who starts on the right,
                // and that breaks the circle.
                let (first, second) = (left.min(right), left.max(right));
                thread::Builder::new()
                    .name(format!("philosopher {p}"))
                    .spawn_scoped(s, move || {
                        let mut eaten = 0;
                        for _ in 0..meals {
                            let _first = forks[first].lock().unwrap();
                            first_fork(p, first);
                            let _second = forks[second].lock().unwrap();
                            eat(p);
                            eaten += 1;
                        } // both forks go back on the table here
                        eaten
                    })
                    .expect("cannot start a philosopher's thread")
            })
            .collect();
        diners.into_iter().map(|d| d.join().unwrap()).collect()
    })
}
// ANCHOR_END: dine
