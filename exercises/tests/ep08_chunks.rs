//! Tests of exercise `ep08_chunks`: `cargo test -p exercises --test ep08_chunks`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep08_chunks);

use crate::ep08_chunks::chunk_bounds;
use course_check::check;

/// Checks everything a chunking must satisfy; panics with a message that
/// says which rule was broken.
fn assert_good_chunking(n: usize, k: usize) {
    let chunks = chunk_bounds(n, k);
    assert_eq!(
        chunks.len(),
        k,
        "chunk_bounds({n}, {k}) returned {} ranges, expected exactly {k}: {chunks:?}",
        chunks.len()
    );
    let mut next = 0;
    for (c, r) in chunks.iter().enumerate() {
        assert_eq!(
            r.start, next,
            "chunk_bounds({n}, {k}): chunk {c} is {r:?} but should start at {next}, where the \
             previous chunk ended (a gap loses indices, an overlap counts them twice): {chunks:?}"
        );
        assert!(
            r.end >= r.start,
            "chunk_bounds({n}, {k}): chunk {c} is {r:?}, which runs backwards: {chunks:?}"
        );
        next = r.end;
    }
    assert_eq!(
        next, n,
        "chunk_bounds({n}, {k}): the last chunk ends at {next}, expected {n}, so indices \
         {next}..{n} are never summed: {chunks:?}"
    );
    let sizes: Vec<usize> = chunks.iter().map(|r| r.len()).collect();
    let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
    assert!(
        max - min <= 1,
        "chunk_bounds({n}, {k}) has chunk sizes {sizes:?}; they should differ by at most one \
         so that every thread gets a fair share"
    );
}

#[test]
fn divisible_n_gives_equal_chunks() {
    check("ep08_chunks", || {
        assert_eq!(
            chunk_bounds(12, 4),
            vec![0..3, 3..6, 6..9, 9..12],
            "chunk_bounds(12, 4) should be four chunks of three"
        );
        assert_good_chunking(100, 10);
        assert_good_chunking(1, 1);
        assert_good_chunking(7, 7);
    });
}

#[test]
fn the_remainder_is_not_dropped() {
    check("ep08_chunks", || {
        for (n, k) in [(10, 3), (10, 4), (100, 7), (1_000_003, 8), (5, 2)] {
            assert_good_chunking(n, k);
        }
    });
}

#[test]
fn fewer_items_than_chunks() {
    check("ep08_chunks", || {
        for (n, k) in [(2, 5), (0, 3), (1, 4)] {
            assert_good_chunking(n, k);
        }
    });
}
