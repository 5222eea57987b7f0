//! Exercise `ep09_scheduler`: jobs that run at their deadlines, on one
//! thread, with cancel: Python's `sched`, on a heap of `Instant`s.
//! Read: src/ep09-queues.md, "Scheduling jobs by deadline"
//! Check your answer: cargo test -p exercises --test ep09_scheduler

#![allow(dead_code)] // remove this line once you use the types below

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A job: any closure that can be sent to the scheduler thread and run once.
type Job = Box<dyn FnOnce() + Send>;

/// Names a scheduled job, so that it can be cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct JobId(u64);

// The types below are a suggestion; change them if you like.

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

impl Scheduler {
    /// Starts the scheduler thread.
    pub fn new() -> Scheduler {
        todo!(
            "ep09_scheduler: make the shared state and spawn the thread that sleeps until the soonest deadline (chapter ep09-queues)"
        )
    }

    /// Schedules `job` to run at `when` (at once if `when` has passed).
    /// Python's `scheduler.enterabs`.
    pub fn schedule_at(&self, when: Instant, job: impl FnOnce() + Send + 'static) -> JobId {
        let _ = (when, Box::new(job) as Job);
        todo!(
            "ep09_scheduler: push the deadline, keep the job, and wake the scheduler thread (chapter ep09-queues)"
        )
    }

    /// Schedules `job` to run `delay` from now. Python's `scheduler.enter`.
    pub fn schedule_in(&self, delay: Duration, job: impl FnOnce() + Send + 'static) -> JobId {
        let _ = (delay, Box::new(job) as Job);
        todo!("ep09_scheduler: schedule_at(Instant::now() + delay, job) (chapter ep09-queues)")
    }

    /// Cancels a job. Returns `true` if it had not started (it never will),
    /// `false` if it has already run or was cancelled before.
    pub fn cancel(&self, id: JobId) -> bool {
        let _ = id;
        todo!("ep09_scheduler: remove the job, if it is still there (chapter ep09-queues)")
    }

    /// Runs every job still scheduled, each at its time, then stops the
    /// thread and returns: Python's `scheduler.run()`.
    pub fn finish(self) {
        todo!(
            "ep09_scheduler: tell the thread to stop once no job is left, wake it, join it (chapter ep09-queues)"
        )
    }
}

impl Drop for Scheduler {
    /// Stops the thread at once; jobs not yet run are dropped unrun.
    fn drop(&mut self) {
        // TODO(ep09_scheduler): tell the thread to stop now, wake it, join it.
        // (This body is left empty rather than `todo!()`: a panic inside
        // drop while a failing test unwinds would abort the test run.)
    }
}
