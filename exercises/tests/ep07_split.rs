//! Tests of exercise `ep07_split`: `cargo test -p exercises --test ep07_split`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep07_split);
#[path = "support/ep07.rs"]
mod support;

use crate::ep07_split::{chunk_ranges, chunk_sizes};
use crate::support::expected_sizes;
use course_check::check;

#[test]
fn even_and_uneven_splits() {
    check("ep07_split", || {
        for (n, k, want) in [
            (12, 4, vec![3, 3, 3, 3]),
            (10, 4, vec![3, 3, 2, 2]),
            (10, 3, vec![4, 3, 3]),
            (7, 7, vec![1; 7]),
            (5, 1, vec![5]),
        ] {
            assert_eq!(
                chunk_sizes(n, k),
                want,
                "chunk_sizes({n}, {k}): every chunk gets {n} / {k} items and the first {n} % {k} chunks one more"
            );
        }
    });
}

#[test]
fn fewer_items_than_chunks() {
    check("ep07_split", || {
        assert_eq!(
            chunk_sizes(3, 5),
            vec![1, 1, 1, 0, 0],
            "chunk_sizes(3, 5): 3 items over 5 chunks is one item for each of the first 3 chunks and none for the last 2"
        );
        assert_eq!(
            chunk_sizes(0, 3),
            vec![0, 0, 0],
            "chunk_sizes(0, 3): no items means 3 empty chunks"
        );
    });
}

#[test]
fn sizes_add_up_and_differ_by_at_most_one() {
    check("ep07_split", || {
        for n in [0u64, 1, 2, 9, 100, 101, 1_000_003, 1_000_000_000_007] {
            for k in [1usize, 2, 3, 7, 8, 64] {
                let sizes = chunk_sizes(n, k);
                assert_eq!(
                    sizes.len(),
                    k,
                    "chunk_sizes({n}, {k}) must return {k} sizes, one per chunk, got {}",
                    sizes.len()
                );
                assert_eq!(
                    sizes.iter().sum::<u64>(),
                    n,
                    "chunk_sizes({n}, {k}) must add up to {n}: no item lost or counted twice"
                );
                assert_eq!(
                    sizes,
                    expected_sizes(n, k),
                    "chunk_sizes({n}, {k}): sizes must differ by at most one, the bigger ones first"
                );
            }
        }
    });
}

#[test]
fn ranges_are_back_to_back_from_zero_to_n() {
    check("ep07_split", || {
        assert_eq!(
            chunk_ranges(10, 4),
            vec![0..3, 3..6, 6..8, 8..10],
            "chunk_ranges(10, 4): the ranges of chunk_sizes(10, 4) = [3, 3, 2, 2], back to back"
        );
        for (n, k) in [(0u64, 2usize), (3, 5), (100, 7), (1_000_000_000_007, 8)] {
            let ranges = chunk_ranges(n, k);
            assert_eq!(
                ranges.len(),
                k,
                "chunk_ranges({n}, {k}) must return {k} ranges"
            );
            let mut next = 0;
            for (i, r) in ranges.iter().enumerate() {
                assert_eq!(
                    r.start, next,
                    "chunk_ranges({n}, {k}): range {i} is {r:?} but must start at {next}, where the one before it ended (no gap, no overlap)"
                );
                assert_eq!(
                    r.end - r.start,
                    expected_sizes(n, k)[i],
                    "chunk_ranges({n}, {k}): range {i} ({r:?}) must be as long as chunk_sizes({n}, {k})[{i}]"
                );
                next = r.end;
            }
            assert_eq!(
                next, n,
                "chunk_ranges({n}, {k}): the last range must end at {n}"
            );
        }
    });
}

#[test]
fn zero_chunks_is_refused() {
    check("ep07_split", || {
        assert_eq!(
            chunk_sizes(5, 1),
            vec![5],
            "chunk_sizes(5, 1): one chunk holds all 5 items"
        );
        let zero = std::panic::catch_unwind(|| chunk_sizes(5, 0));
        assert!(
            zero.is_err(),
            "chunk_sizes(5, 0) returned {:?}, but it must panic: 5 items cannot be shared among no chunks, and returning no chunks would lose them",
            zero.unwrap()
        );
    });
}
