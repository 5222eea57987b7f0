//! Tests of exercise `ep07_pi_rayon`: `cargo test -p exercises --test ep07_pi_rayon`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep07_split, ep07_pi_chunks, ep07_pi_rayon);
#[path = "support/ep07.rs"]
mod support;

use crate::ep07_pi_chunks::estimate_pi;
use crate::ep07_pi_rayon::{estimate_pi_rayon, estimate_pi_rayon_observed};
use crate::support::Meeting;
use course_check::check;
use std::collections::BTreeSet;
use std::sync::Mutex;

#[test]
fn rayon_gives_the_threaded_answer_for_every_pool_size() {
    check("ep07_pi_rayon", || {
        let (seed, total, chunks) = (7, 20_001, 6);
        let want = estimate_pi(seed, total, chunks, 2);
        for threads in [1, 2, 3, 8] {
            let got = estimate_pi_rayon(seed, total, chunks, threads);
            assert_eq!(
                got.to_bits(),
                want.to_bits(),
                "estimate_pi_rayon({seed}, {total}, {chunks}, {threads}) = {got}, but ep07_pi_chunks::estimate_pi gives {want}: use the same chunk sizes and hits_in_chunk, and sum the u64 counts"
            );
        }
    });
}

#[test]
fn the_chunks_run_in_a_pool_of_the_requested_size() {
    check("ep07_pi_rayon", || {
        for threads in [3usize, 7] {
            let chunks = 7;
            let seen: Mutex<Vec<(usize, Option<usize>, usize)>> = Mutex::new(Vec::new());
            let hook = |chunk: usize| {
                let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
                seen.push((
                    chunk,
                    rayon::current_thread_index(),
                    rayon::current_num_threads(),
                ));
            };
            estimate_pi_rayon_observed(1, 700, chunks, threads, &hook);
            let seen = seen.into_inner().unwrap_or_else(|e| e.into_inner());
            let counted: Vec<usize> = {
                let mut c: Vec<usize> = seen.iter().map(|s| s.0).collect();
                c.sort();
                c
            };
            assert_eq!(
                counted,
                (0..chunks).collect::<Vec<_>>(),
                "with {chunks} chunks, before_chunk must be called once for each chunk 0..{chunks}"
            );
            for &(chunk, index, pool_size) in &seen {
                assert!(
                    index.is_some(),
                    "chunk {chunk} was counted outside any rayon pool: run the parallel iterator inside pool.install(..)"
                );
                assert_eq!(
                    pool_size, threads,
                    "chunk {chunk} was counted in a pool of {pool_size} threads, expected {threads}: build a pool with ThreadPoolBuilder::new().num_threads({threads}) and run inside pool.install(..), not in rayon's global pool"
                );
            }
        }
    });
}

#[test]
fn more_than_one_pool_thread_counts_chunks() {
    check("ep07_pi_rayon", || {
        let meeting = Meeting::new(2);
        let firsts: Mutex<BTreeSet<Option<usize>>> = Mutex::new(BTreeSet::new());
        let all_met = Mutex::new(true);
        let hook = |_chunk: usize| {
            let first = firsts
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(rayon::current_thread_index());
            if first && !meeting.arrive_and_wait() {
                *all_met.lock().unwrap_or_else(|e| e.into_inner()) = false;
            }
        };
        estimate_pi_rayon_observed(3, 800, 8, 2, &hook);
        assert!(
            all_met.into_inner().unwrap_or_else(|e| e.into_inner()),
            "only one thread of the 2-thread pool counted chunks: turn the chunk indices into a parallel iterator ((0..chunks).into_par_iter()), not a plain one"
        );
    });
}
