//! Tests of exercise `ep01_cores`: `cargo test -p exercises --test ep01_cores`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep01_cores);

use crate::ep01_cores::{count_cpu_list, usable_cores};
use course_check::check;

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
