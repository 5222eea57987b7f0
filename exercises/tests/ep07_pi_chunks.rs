//! Tests of exercise `ep07_pi_chunks`: `cargo test -p exercises --test ep07_pi_chunks`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep07_split, ep07_pi_chunks);
#[path = "support/ep07.rs"]
mod support;

use crate::ep07_pi_chunks::{estimate_pi, estimate_pi_observed, hits_in_chunk};
use crate::support::{Meeting, expected_sizes};
use course_check::check;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Mutex;
use std::thread::{self, ThreadId};

#[test]
fn a_chunk_count_depends_only_on_seed_chunk_and_points() {
    check("ep07_pi_chunks", || {
        let first = hits_in_chunk(3, 5, 20_000);
        let again = hits_in_chunk(3, 5, 20_000);
        assert_eq!(
            first, again,
            "hits_in_chunk(3, 5, 20000) gave {first}, then {again}: the same seed and chunk must give the same count (seed a StdRng, do not use rand::rng())"
        );
        assert!(
            first <= 20_000,
            "hits_in_chunk(3, 5, 20000) = {first}: cannot be more hits than points"
        );
        assert_eq!(
            hits_in_chunk(3, 5, 0),
            0,
            "hits_in_chunk(_, _, 0): no points, no hits"
        );
    });
}

#[test]
fn every_chunk_and_every_seed_has_its_own_stream() {
    check("ep07_pi_chunks", || {
        let by_chunk: BTreeSet<u64> = (0..8).map(|c| hits_in_chunk(1, c, 2_000)).collect();
        assert!(
            by_chunk.len() > 1,
            "hits_in_chunk(1, c, 2000) is the same for chunks c = 0..8: each chunk must seed its generator from the chunk index too, or every chunk throws the same points"
        );
        let by_seed: BTreeSet<u64> = (1..=8).map(|s| hits_in_chunk(s, 0, 2_000)).collect();
        assert!(
            by_seed.len() > 1,
            "hits_in_chunk(s, 0, 2000) is the same for seeds s = 1..=8: the seed must go into the generator"
        );
    });
}

#[test]
fn a_big_chunk_hits_the_circle_about_pi_over_4_of_the_time() {
    check("ep07_pi_chunks", || {
        let points = 100_000;
        let hits = hits_in_chunk(2024, 0, points);
        let estimate = 4.0 * hits as f64 / points as f64;
        // The standard deviation is 4 * sqrt(p (1 - p) / N) = 0.005 here.
        assert!(
            (estimate - std::f64::consts::PI).abs() < 0.03,
            "4 * hits_in_chunk(2024, 0, {points}) / {points} = {estimate}, too far from π: draw x and y uniformly in [-1, 1) and count x² + y² < 1"
        );
    });
}

#[test]
fn the_estimate_is_the_sum_of_its_chunks() {
    check("ep07_pi_chunks", || {
        // The second case leaves a remainder of 63 points: dropping them
        // changes the count.
        for (seed, total, chunks) in [(77, 30_003, 7), (31, 6_463, 64)] {
            let hits: u64 = expected_sizes(total, chunks)
                .iter()
                .enumerate()
                .map(|(c, &points)| hits_in_chunk(seed, c as u64, points))
                .sum();
            let want = 4.0 * hits as f64 / total as f64;
            let got = estimate_pi(seed, total, chunks, 3);
            assert_eq!(
                got.to_bits(),
                want.to_bits(),
                "estimate_pi({seed}, {total}, {chunks}, 3) = {got}, expected {want} = 4 * (hits of chunks 0..{chunks}) / {total}, chunk c having chunk_sizes({total}, {chunks})[c] points: every chunk counted exactly once, none given all the points, no remainder lost"
            );
            assert!(
                (got - std::f64::consts::PI).abs() < 0.1,
                "estimate_pi({seed}, {total}, {chunks}, 3) = {got} is too far from π"
            );
        }
    });
}

#[test]
fn the_estimate_does_not_depend_on_the_thread_count() {
    check("ep07_pi_chunks", || {
        let (seed, total, chunks) = (42, 40_001, 8);
        let one = estimate_pi(seed, total, chunks, 1);
        for threads in [2, 3, 8] {
            let got = estimate_pi(seed, total, chunks, threads);
            assert_eq!(
                got.to_bits(),
                one.to_bits(),
                "estimate_pi({seed}, {total}, {chunks}, {threads}) = {got} but with 1 thread {one}: the answer must be the same for every thread count; seed each chunk's generator from (seed, chunk), never from the thread, and share no generator"
            );
        }
    });
}

#[test]
fn the_workers_run_at_the_same_time_and_share_the_chunks() {
    check("ep07_pi_chunks", || {
        let (seed, total, chunks, threads) = (5, 12_000, 12, 4);
        let meeting = Meeting::new(threads);
        let seen: Mutex<Vec<(usize, usize, ThreadId)>> = Mutex::new(Vec::new());
        let all_met = Mutex::new(true);
        let hook = |worker: usize, chunk: usize| {
            let first_time = {
                let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
                let first = !seen.iter().any(|&(w, _, _)| w == worker);
                seen.push((worker, chunk, thread::current().id()));
                first
            };
            if first_time && !meeting.arrive_and_wait() {
                *all_met.lock().unwrap_or_else(|e| e.into_inner()) = false;
            }
        };
        let got = estimate_pi_observed(seed, total, chunks, threads, &hook);
        let seen = seen.into_inner().unwrap_or_else(|e| e.into_inner());

        let mut chunk_seen = vec![0; chunks];
        for &(worker, chunk, _) in &seen {
            assert!(
                worker < threads && chunk < chunks,
                "before_chunk({worker}, {chunk}): workers are numbered 0..{threads} and chunks 0..{chunks}"
            );
            chunk_seen[chunk] += 1;
        }
        assert_eq!(
            chunk_seen,
            vec![1; chunks],
            "how many times each chunk 0..{chunks} was counted (before_chunk calls): every chunk must be counted exactly once"
        );
        let mut thread_of: BTreeMap<usize, ThreadId> = BTreeMap::new();
        for &(worker, _, id) in &seen {
            let first = *thread_of.entry(worker).or_insert(id);
            assert_eq!(
                first, id,
                "worker {worker} ran on more than one thread: each worker is one spawned thread"
            );
        }
        assert_eq!(
            thread_of.len(),
            threads,
            "{} of {threads} workers counted chunks (workers {:?}): with {chunks} chunks every one of the {threads} threads must get a share",
            thread_of.len(),
            thread_of.keys().collect::<Vec<_>>()
        );
        let ids: HashSet<_> = thread_of.values().collect();
        assert_eq!(
            ids.len(),
            threads,
            "the {threads} workers ran on only {} distinct threads: spawn one thread per worker",
            ids.len()
        );
        assert!(
            !ids.contains(&thread::current().id()),
            "a worker ran on the calling thread: spawn every worker"
        );
        assert!(
            all_met.into_inner().unwrap_or_else(|e| e.into_inner()),
            "the {threads} workers never ran at the same time (they could not all meet): spawn every worker before joining any; spawning and joining one at a time runs them one after another"
        );
        assert_eq!(
            got.to_bits(),
            estimate_pi(seed, total, chunks, 1).to_bits(),
            "estimate_pi_observed must give the same answer as estimate_pi"
        );
    });
}

#[test]
fn neighbouring_seeds_do_not_share_streams() {
    check("ep07_pi_chunks", || {
        // With a generator seeded from seed + chunk, chunk 1 of the run with
        // seed s would throw the same points as chunk 0 of the run with s + 1.
        let shared = (0..8u64)
            .filter(|&s| hits_in_chunk(s, 1, 2_000) == hits_in_chunk(s + 1, 0, 2_000))
            .count();
        assert!(
            shared < 8,
            "hits_in_chunk(s, 1, 2000) == hits_in_chunk(s + 1, 0, 2000) for every seed s = 0..8: chunk 1 of one run repeats chunk 0 of the next run; put seed and chunk into the generator's seed separately (for example the first 16 bytes of StdRng::from_seed's key), not as seed + chunk"
        );
    });
}
