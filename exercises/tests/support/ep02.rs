//! Helpers shared by the tests of episode 2's exercises.
#![allow(dead_code)]

/// A value that notices when it is dropped. Dropped on another thread than
/// the one that made it, it waits a little before it reports, so that a
/// function which returns without joining its threads (while they are still
/// dropping what they captured) is caught. The wait never makes a correct
/// answer fail: `join` waits for it.
pub mod drop_probe {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::thread::{self, ThreadId};
    use std::time::Duration;

    pub struct Probe {
        live: Arc<AtomicUsize>,
        home: ThreadId,
    }

    impl Probe {
        /// A new probe and a counter of how many copies of it are alive.
        pub fn new() -> (Probe, Arc<AtomicUsize>) {
            let live = Arc::new(AtomicUsize::new(1));
            (
                Probe {
                    live: Arc::clone(&live),
                    home: thread::current().id(),
                },
                live,
            )
        }
    }

    impl Clone for Probe {
        fn clone(&self) -> Self {
            self.live.fetch_add(1, Ordering::SeqCst);
            Probe {
                live: Arc::clone(&self.live),
                home: self.home,
            }
        }
    }

    impl Drop for Probe {
        fn drop(&mut self) {
            if thread::current().id() != self.home {
                thread::sleep(Duration::from_millis(50));
            }
            self.live.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Makes threads finish last to first, whatever the scheduler does: the
/// thread that runs task `k` waits until the thread that ran task `k + 1`
/// has ended altogether. "Ended" is announced by a thread-local value that
/// is dropped when its thread exits, so anything that thread sent or stored
/// before it ended (a result pushed into a shared `Vec`, a message on a
/// channel) is already there. A function that gathers results in the order
/// threads finish then gets them in reverse; one that joins its threads in
/// order is not troubled, since joining only waits.
pub mod reverse_finish {
    use std::cell::RefCell;
    use std::sync::{Arc, Condvar, Mutex};

    pub struct Order {
        ended: Mutex<Vec<bool>>,
        changed: Condvar,
    }

    struct Announce {
        order: Arc<Order>,
        task: usize,
    }

    impl Drop for Announce {
        fn drop(&mut self) {
            let mut ended = self.order.ended.lock().unwrap_or_else(|e| e.into_inner());
            ended[self.task] = true;
            self.order.changed.notify_all();
        }
    }

    thread_local! {
        static ON_EXIT: RefCell<Vec<Announce>> = const { RefCell::new(Vec::new()) };
    }

    impl Order {
        /// An order for `tasks` tasks, numbered from 0.
        pub fn new(tasks: usize) -> Arc<Order> {
            Arc::new(Order {
                ended: Mutex::new(vec![false; tasks]),
                changed: Condvar::new(),
            })
        }

        /// Call at the start of task `task`, on the thread that runs it:
        /// waits until the thread of task `task + 1` has ended, and makes
        /// this thread announce its own end when it exits.
        pub fn task(self: &Arc<Self>, task: usize) {
            let mut ended = self.ended.lock().unwrap_or_else(|e| e.into_inner());
            while task + 1 < ended.len() && !ended[task + 1] {
                ended = self.changed.wait(ended).unwrap_or_else(|e| e.into_inner());
            }
            drop(ended);
            ON_EXIT.with(|a| {
                a.borrow_mut().push(Announce {
                    order: Arc::clone(self),
                    task,
                })
            });
        }
    }
}
