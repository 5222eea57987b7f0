//! Tests of exercise `ep09_pipeline`: `cargo test -p exercises --test ep09_pipeline`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep09_pipeline);
#[path = "support/ep09.rs"]
mod support;

use crate::ep09_pipeline::{Stage, run_pipeline};
use crate::support::{Latch, Probe, Seen, current_tid, wait_until_blocked};
use course_check::check;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

#[test]
fn items_pass_every_stage_in_order() {
    check("ep09_pipeline", || {
        for capacity in [0, 1, 4] {
            let stages: Vec<Stage<u64>> = vec![
                Box::new(|x| x + 1),
                Box::new(|x| x * 3),
                Box::new(|x| x - 2),
            ];
            let out = run_pipeline(0..300u64, stages, capacity);
            let expected: Vec<u64> = (0..300u64).map(|x| (x + 1) * 3 - 2).collect();
            assert_eq!(
                out, expected,
                "with capacity {capacity}: every item should go through the stages in the order given \
                 (+1, then *3, then -2), and the results should come back in the order of the source"
            );
        }
        let none: Vec<Stage<String>> = Vec::new();
        let words = vec!["no".to_string(), "stages".to_string(), "at all".to_string()];
        assert_eq!(
            run_pipeline(words.clone(), none, 2),
            words,
            "with no stages, the pipeline should hand back the source's items unchanged"
        );
    });
}

#[test]
fn each_stage_runs_on_a_thread_of_its_own() {
    check("ep09_pipeline", || {
        let seen: Arc<Vec<Mutex<HashSet<ThreadId>>>> =
            Arc::new((0..3).map(|_| Mutex::new(HashSet::new())).collect());
        let stages: Vec<Stage<u32>> = (0..3)
            .map(|j| {
                let seen = Arc::clone(&seen);
                Box::new(move |x: u32| {
                    seen[j].lock().unwrap().insert(thread::current().id());
                    x + 1
                }) as Stage<u32>
            })
            .collect();
        let out = run_pipeline(0..50u32, stages, 2);
        assert_eq!(
            out,
            (3..53).collect::<Vec<u32>>(),
            "each item +1 three times, in order"
        );
        let me = thread::current().id();
        let mut all = HashSet::new();
        for (j, threads) in seen.iter().enumerate() {
            let threads = threads.lock().unwrap();
            assert_eq!(
                threads.len(),
                1,
                "stage {j} ran on {} threads; each stage should have one thread of its own that handles all its items",
                threads.len()
            );
            let t = *threads.iter().next().unwrap();
            assert_ne!(
                t, me,
                "stage {j} ran on the calling thread; give it a thread of its own"
            );
            all.insert(t);
        }
        assert_eq!(
            all.len(),
            3,
            "the three stages ran on {} distinct threads; each needs its own",
            all.len()
        );
    });
}

#[test]
fn the_stages_work_at_the_same_time() {
    check("ep09_pipeline", || {
        // Stage j waits at the barrier while it holds item 2 - j: stage 0
        // holds item 2, stage 1 item 1, stage 2 item 0, all at once. Only
        // stages that run side by side, passing items on as they go, get
        // there; stages run one after another never meet.
        let k = 3;
        let barrier = Arc::new(Barrier::new(k));
        let stages: Vec<Stage<(usize, u64)>> = (0..k)
            .map(|j| {
                let barrier = Arc::clone(&barrier);
                Box::new(move |(i, v): (usize, u64)| {
                    if i == k - 1 - j {
                        barrier.wait();
                    }
                    (i, v * 2)
                }) as Stage<(usize, u64)>
            })
            .collect();
        let out = run_pipeline((0..10).map(|i| (i, i as u64)), stages, 1);
        let expected: Vec<(usize, u64)> = (0..10).map(|i| (i, 8 * i as u64)).collect();
        assert_eq!(
            out, expected,
            "every item doubled by each of the three stages, in order"
        );
    });
}

/// A source that counts how often it is pulled and remembers which thread
/// pulls it.
struct Counted {
    next: usize,
    len: usize,
    pulled: Arc<AtomicUsize>,
    puller: Arc<AtomicU32>,
}

impl Iterator for Counted {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next == 0 {
            self.puller.store(current_tid(), Ordering::SeqCst);
        }
        if self.next == self.len {
            return None;
        }
        self.next += 1;
        self.pulled.fetch_add(1, Ordering::SeqCst);
        Some(self.next - 1)
    }
}

#[test]
fn a_full_channel_slows_the_source() {
    check("ep09_pipeline", || {
        // Two stages, channels of capacity 2, and a last stage that stops at
        // item 0 until the test lets it go. While it is stopped, the items
        // the source has given up must all fit in the pipeline: at most 2
        // in each of the 2 channels that lead to the last stage, one in each
        // stage's hands, and one in the source thread's hands: 7. A source
        // thread that is not slowed by full channels pulls all 200.
        let (len, capacity, bound) = (200, 2, 7);
        let pulled = Arc::new(AtomicUsize::new(0));
        let puller = Arc::new(AtomicU32::new(0));
        let source = Counted {
            next: 0,
            len,
            pulled: Arc::clone(&pulled),
            puller: Arc::clone(&puller),
        };
        let (holding, go) = (Arc::new(Latch::default()), Arc::new(Latch::default()));
        let (h, g) = (Arc::clone(&holding), Arc::clone(&go));
        let stages: Vec<Stage<usize>> = vec![
            Box::new(|x| x),
            Box::new(move |x| {
                if x == 0 {
                    h.open(); // "I hold item 0"
                    g.wait(); // ... and keep it until the test says go
                }
                x
            }),
        ];
        let runner = thread::spawn(move || run_pipeline(source, stages, capacity));
        while !holding.is_open() {
            if runner.is_finished() {
                match runner.join() {
                    Err(panic) => std::panic::resume_unwind(panic),
                    Ok(out) => panic!(
                        "run_pipeline returned {} items without passing item 0 to the last stage",
                        out.len()
                    ),
                }
            }
            thread::sleep(Duration::from_millis(1));
        }
        let tid = puller.load(Ordering::SeqCst);
        let seen = wait_until_blocked(tid, || pulled.load(Ordering::SeqCst), |p| p > bound);
        go.open();
        match seen {
            Seen::Blocked(p) => assert!(
                p <= bound,
                "the source was pulled {p} times, more than {bound}"
            ),
            Seen::TooFar(p) | Seen::Spinning(p) => panic!(
                "while the last stage held item 0, the source was pulled {p} times (and on); with 2 stages \
                 and channels of capacity {capacity} at most {bound} items fit in the pipeline. The thread \
                 that pulls the source should block on a full channel: use sync_channel(capacity) \
                 between every two threads, not channel()"
            ),
        }
        let out = runner.join().expect("run_pipeline panicked");
        assert_eq!(
            out,
            (0..len).collect::<Vec<_>>(),
            "all {len} items, in order"
        );
    });
}

#[test]
fn every_thread_has_ended_when_it_returns() {
    check("ep09_pipeline", || {
        let (probe, live) = Probe::new();
        let stages: Vec<Stage<u8>> = vec![
            Box::new(move |x| {
                let _keep = &probe; // the stage owns the probe
                x.wrapping_add(1)
            }),
            Box::new(|x| x),
        ];
        let out = run_pipeline(vec![1u8, 2, 3], stages, 1);
        assert_eq!(out, vec![2, 3, 4], "each item +1, in order");
        assert_eq!(
            live.load(Ordering::SeqCst),
            0,
            "when run_pipeline returns, every stage's thread should have ended (and dropped its \
             function): join them, or use thread::scope"
        );
    });
}
