//! Exercise `ep09_scheduler`: jobs that run at their deadlines, on one
//! thread, with cancel: Python's `sched`, on a heap of `Instant`s.
//! Chapter: src/ep09-queues.md

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// A job: any closure that can be sent to the scheduler thread and run once.
type Job = Box<dyn FnOnce() + Send>;

/// Names a scheduled job, so that it can be cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct JobId(u64);

// ANCHOR: types
/// Runs each job at its deadline, one at a time, on a thread of its own.
pub struct Scheduler {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    state: Mutex<State>,
    /// Signalled when a job is added or the scheduler is told to stop.
    changed: Condvar,
}

struct State {
    /// (deadline, job number), soonest first; equal deadlines run in the
    /// order they were scheduled, since job numbers only grow.
    deadlines: BinaryHeap<Reverse<(Instant, u64)>>,
    /// The jobs not yet run nor cancelled. A deadline whose job is not
    /// here any more was cancelled, and is skipped.
    jobs: HashMap<u64, Job>,
    next_id: u64,
    stop: Stop,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    No,
    /// Run what is left, each at its time, then end (`finish`).
    WhenEmpty,
    /// End now, dropping what is left (`drop`).
    Now,
}
// ANCHOR_END: types

// ANCHOR: api
impl Scheduler {
    /// Starts the scheduler thread.
    pub fn new() -> Scheduler {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                deadlines: BinaryHeap::new(),
                jobs: HashMap::new(),
                next_id: 0,
                stop: Stop::No,
            }),
            changed: Condvar::new(),
        });
        let for_thread = Arc::clone(&shared);
        let thread = thread::spawn(move || run(&for_thread));
        Scheduler {
            shared,
            thread: Some(thread),
        }
    }

    /// Schedules `job` to run at `when` (at once if `when` has passed).
    /// Python's `scheduler.enterabs`.
    pub fn schedule_at(&self, when: Instant, job: impl FnOnce() + Send + 'static) -> JobId {
        let mut state = self.shared.state.lock().unwrap();
        let id = state.next_id;
        state.next_id += 1;
        state.deadlines.push(Reverse((when, id)));
        state.jobs.insert(id, Box::new(job));
        drop(state);
        // The thread may be waiting for a later deadline: wake it to look again.
        self.shared.changed.notify_one();
        JobId(id)
    }

    /// Schedules `job` to run `delay` from now. Python's `scheduler.enter`.
    pub fn schedule_in(&self, delay: Duration, job: impl FnOnce() + Send + 'static) -> JobId {
        self.schedule_at(Instant::now() + delay, job)
    }

    /// Cancels a job. Returns `true` if it had not started (it never will),
    /// `false` if it has already run or was cancelled before.
    pub fn cancel(&self, id: JobId) -> bool {
        self.shared
            .state
            .lock()
            .unwrap()
            .jobs
            .remove(&id.0)
            .is_some()
    }

    /// Runs every job still scheduled, each at its time, then stops the
    /// thread and returns: Python's `scheduler.run()`.
    pub fn finish(mut self) {
        self.stop(Stop::WhenEmpty);
    }

    fn stop(&mut self, how: Stop) {
        let mut state = self.shared.state.lock().unwrap();
        if state.stop != Stop::Now {
            state.stop = how;
        }
        drop(state);
        self.shared.changed.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join(); // never panic in drop; a panicking job was reported
        }
    }
}

impl Drop for Scheduler {
    /// Stops the thread at once; jobs not yet run are dropped unrun.
    fn drop(&mut self) {
        self.stop(Stop::Now);
    }
}
// ANCHOR_END: api

// ANCHOR: run
/// The scheduler thread: sleep until the soonest deadline, or until
/// something changes, then run what is due.
fn run(shared: &Shared) {
    let mut state = shared.state.lock().unwrap();
    loop {
        if state.stop == Stop::Now {
            state.jobs.clear(); // drop the jobs left, unrun
            return;
        }
        // Forget the deadlines of cancelled jobs.
        while let Some(&Reverse((_, id))) = state.deadlines.peek() {
            if state.jobs.contains_key(&id) {
                break;
            }
            state.deadlines.pop();
        }
        let Some(&Reverse((when, id))) = state.deadlines.peek() else {
            if state.stop == Stop::WhenEmpty {
                return;
            }
            state = shared.changed.wait(state).unwrap(); // nothing to do: sleep
            continue;
        };
        let now = Instant::now();
        if when > now {
            // Sleep until the deadline, or until schedule/cancel/stop wakes us;
            // either way, look again from the top.
            state = shared.changed.wait_timeout(state, when - now).unwrap().0;
            continue;
        }
        state.deadlines.pop();
        let job = state.jobs.remove(&id).expect("checked above");
        drop(state); // run the job without the lock: it may take long, or schedule more
        job();
        state = shared.state.lock().unwrap();
    }
}
// ANCHOR_END: run
