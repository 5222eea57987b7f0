//! Episode 4: livelock. Two threads each need both of two locks. Each takes
//! its own lock first and only *tries* the other one (`try_lock`); when that
//! fails it politely lets go of its own lock and backs off before trying
//! again. A barrier makes the two threads move in lock step, like the two
//! people in a corridor: both try in the same round, both back off for the
//! same number of rounds, and nobody gets anywhere. A random back-off
//! breaks the symmetry. Seeded random numbers: the same counts every run.
//! Run: cargo run --release -p listings --example ep04_livelock

use rand::{RngExt, SeedableRng, rngs::StdRng};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Barrier, Mutex};
use std::thread;

/// What a run of the corridor came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Outcome {
    rounds: u32,
    jobs_done: u32,
    failed_tries: u32,
}

// ANCHOR: corridor
/// Two threads, `jobs` jobs each, every job needing both locks; at most
/// `max_rounds` rounds. In each round a thread either sits out (backing off)
/// or tries: takes its own lock, waits for the other thread (the barrier),
/// tries the other lock, waits for the other thread again, and lets go. After a failed try it sits out
/// `backoff` rounds: 1 always, or 0 to 2 at random.
fn corridor(jobs: u32, max_rounds: u32, random_backoff: bool) -> Outcome {
    let locks = [Mutex::new(()), Mutex::new(())];
    let step = Barrier::new(2);
    let done = AtomicU32::new(0);
    let failed = AtomicU32::new(0);
    let mut rounds = 0;
    thread::scope(|s| {
        let threads: Vec<_> = (0..2usize)
            .map(|me| {
                let (locks, step, done, failed) = (&locks, &step, &done, &failed);
                s.spawn(move || {
                    let mut rng = StdRng::seed_from_u64(me as u64);
                    let (mut my_jobs, mut sit_out, mut round) = (0, 0u32, 0);
                    while done.load(Ordering::SeqCst) < 2 * jobs && round < max_rounds {
                        round += 1;
                        let trying = my_jobs < jobs && sit_out == 0;
                        sit_out = sit_out.saturating_sub(1);
                        let mine = trying.then(|| locks[me].lock().unwrap());
                        step.wait(); // everyone who tries holds their own lock now
                        if trying {
                            if locks[1 - me].try_lock().is_ok() {
                                my_jobs += 1; // both locks held: the job is done
                                done.fetch_add(1, Ordering::SeqCst);
                            } else {
                                failed.fetch_add(1, Ordering::SeqCst);
                                sit_out = if random_backoff {
                                    rng.random_range(0..=2)
                                } else {
                                    1
                                };
                            }
                        }
                        step.wait(); // both have tried
                        drop(mine); // let go of my lock (if I took it)
                        step.wait(); // the next round starts together
                    }
                    round
                })
            })
            .collect();
        for t in threads {
            rounds = t.join().unwrap();
        }
    });
    Outcome {
        rounds,
        jobs_done: done.into_inner(),
        failed_tries: failed.into_inner(),
    }
}
// ANCHOR_END: corridor

fn main() {
    for random in [false, true] {
        let o = corridor(20, 500, random);
        let how = if random {
            "random back-off (0-2)"
        } else {
            "fixed back-off (1)   "
        };
        println!(
            "{how}: {:>5} rounds, {:>2} of 40 jobs done, {:>5} failed tries",
            o.rounds, o.jobs_done, o.failed_tries
        );
    }
}
