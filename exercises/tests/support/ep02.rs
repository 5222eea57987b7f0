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
