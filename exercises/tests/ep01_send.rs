//! Tests of exercise `ep01_send`: `cargo test -p exercises --test ep01_send`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep01_send);

use crate::ep01_send::partial_sums;
use course_check::check;
use std::sync::Arc;

#[test]
fn partial_sums_add_up_and_keep_chunk_order() {
    check("ep01_send", || {
        let data = Arc::new((1..=10).collect::<Vec<u64>>());
        let sums = partial_sums(Arc::clone(&data), 3);
        // 10 items over 3 threads: chunks of 3, 3 and 4 (or 4, 3, 3): sizes differ by at most one.
        assert_eq!(
            sums.len(),
            3,
            "expected one partial sum per thread, got {sums:?}"
        );
        assert_eq!(
            sums.iter().sum::<u64>(),
            55,
            "the partial sums {sums:?} must add up to 1+2+...+10 = 55"
        );
        let ok = [
            vec![6, 15, 34],
            vec![10, 18, 27],
            vec![6, 22, 27],
            vec![10, 11, 34],
        ];
        assert!(
            ok.contains(&sums),
            "partial sums {sums:?} are not those of contiguous chunks in order whose sizes differ by at most one"
        );
    });
}

#[test]
fn every_thread_is_joined_and_drops_its_arc() {
    check("ep01_send", || {
        let data = Arc::new(vec![1u64; 1000]);
        let sums = partial_sums(Arc::clone(&data), 4);
        assert_eq!(
            sums,
            vec![250; 4],
            "1000 ones over 4 threads: expected [250, 250, 250, 250]"
        );
        assert_eq!(
            Arc::strong_count(&data),
            1,
            "after partial_sums returns, only the caller should still own the data: join every thread"
        );
    });
}

#[test]
fn more_threads_than_items_still_works() {
    check("ep01_send", || {
        let sums = partial_sums(Arc::new(vec![7u64, 8]), 4);
        assert_eq!(
            sums.len(),
            4,
            "expected 4 partial sums (some of empty chunks), got {sums:?}"
        );
        assert_eq!(
            sums.iter().sum::<u64>(),
            15,
            "the partial sums {sums:?} must add up to 15"
        );
    });
}
