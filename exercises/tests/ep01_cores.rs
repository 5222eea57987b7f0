//! Tests of exercise `ep01_cores`: `cargo test -p exercises --test ep01_cores`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep01_cores);

use crate::ep01_cores::{count_cpu_list, usable_cores};
use course_check::check;
use std::num::NonZeroUsize;
use std::thread;

#[test]
fn counts_single_cpus_and_ranges() {
    check("ep01_cores", || {
        for (list, want) in [
            ("0", 1),
            ("0-3", 4),
            ("0-3,8", 5),
            ("0-3,8,10-11", 7),
            ("5-5", 1),
            (" 0-1\n", 2),
        ] {
            assert_eq!(
                count_cpu_list(list),
                Some(want),
                "count_cpu_list({list:?}): a range a-b holds b-a+1 CPUs"
            );
        }
    });
}

#[test]
fn rejects_what_is_not_a_cpu_list() {
    check("ep01_cores", || {
        for bad in ["", "x", "3-1", "1-", "0,,2"] {
            assert_eq!(
                count_cpu_list(bad),
                None,
                "count_cpu_list({bad:?}) should be None: it is not a CPU list"
            );
        }
    });
}

#[test]
fn usable_cores_matches_what_this_process_may_use() {
    check("ep01_cores", || {
        let n = usable_cores();
        assert!(
            n >= 1,
            "usable_cores() returned {n}; a running program always has at least one core"
        );
        // On Linux the kernel says which CPUs this process may run on.
        if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
            let allowed = status
                .lines()
                .find_map(|l| l.strip_prefix("Cpus_allowed_list:"))
                .and_then(count_cpu_list);
            if let Some(allowed) = allowed {
                assert!(
                    n <= allowed,
                    "usable_cores() returned {n}, but this process may only run on {allowed} CPUs (Cpus_allowed_list)"
                );
            }
        }
    });
}

#[test]
fn usable_cores_is_what_the_standard_library_says() {
    check("ep01_cores", || {
        let std_says = thread::available_parallelism().map_or(1, NonZeroUsize::get);
        let n = usable_cores();
        assert_eq!(
            n, std_says,
            "usable_cores() returned {n}, but std::thread::available_parallelism() says {std_says}"
        );
    });
}

/// Lets the calling thread run on one CPU only (the first it may use now),
/// as `taskset -c 0` does for a whole program. False if that did not work.
#[cfg(target_os = "linux")]
fn pin_this_thread_to_one_cpu() -> bool {
    unsafe extern "C" {
        fn sched_getaffinity(pid: i32, size: usize, mask: *mut u64) -> i32;
        fn sched_setaffinity(pid: i32, size: usize, mask: *const u64) -> i32;
    }
    // 1024 bits, the size of glibc's cpu_set_t.
    let mut mask = [0u64; 16];
    // SAFETY: the kernel writes at most `size` bytes into `mask`; pid 0 is this thread.
    if unsafe { sched_getaffinity(0, size_of_val(&mask), mask.as_mut_ptr()) } != 0 {
        return false;
    }
    let Some(word) = mask.iter().position(|w| *w != 0) else {
        return false;
    };
    let mut one = [0u64; 16];
    one[word] = 1 << mask[word].trailing_zeros();
    // SAFETY: as above; the kernel only reads `one`.
    unsafe { sched_setaffinity(0, size_of_val(&one), one.as_ptr()) == 0 }
}

#[cfg(target_os = "linux")]
#[test]
fn usable_cores_follows_the_cpu_affinity() {
    check("ep01_cores", || {
        // This test runs in a process of its own, so limiting it to one
        // CPU touches no other test.
        if !pin_this_thread_to_one_cpu() {
            return; // cannot change the affinity here: nothing to check
        }
        let n = usable_cores();
        assert_eq!(
            n, 1,
            "this thread was just limited to one CPU (as `taskset -c 0` does), but usable_cores() returned {n}: \
             ask std::thread::available_parallelism() rather than counting the machine's CPUs or writing a number in"
        );
    });
}
