//! Tests for episode 5: `cargo test -p exercises --test ep05`.
//! The same file tests solutions/ (see solutions/Cargo.toml).

/// The sizes `chunk_sizes(n, k)` must return, written out here so that the
/// tests of the other exercises do not depend on your `ep05_split`.
fn expected_sizes(n: u64, k: usize) -> Vec<u64> {
    let k64 = k as u64;
    (0..k64).map(|i| n / k64 + u64::from(i < n % k64)).collect()
}

/// A meeting point for the workers of a test: each one arrives and waits
/// until `expected` have arrived. If they do not all arrive within a few
/// seconds (the workers are running one after another, say), the meeting is
/// called off so the test can say so instead of hanging.
struct Meeting {
    state: std::sync::Mutex<(usize, bool)>, // (arrived, called off)
    changed: std::sync::Condvar,
    expected: usize,
}

impl Meeting {
    fn new(expected: usize) -> Self {
        Meeting {
            state: std::sync::Mutex::new((0, false)),
            changed: std::sync::Condvar::new(),
            expected,
        }
    }

    /// Arrives and waits; returns false if the meeting was called off.
    fn arrive_and_wait(&self) -> bool {
        let limit = std::time::Duration::from_secs(5);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 += 1;
        self.changed.notify_all();
        let (mut state, _) = self
            .changed
            .wait_timeout_while(state, limit, |s| s.0 < self.expected && !s.1)
            .unwrap_or_else(|e| e.into_inner());
        if state.0 < self.expected {
            state.1 = true;
            self.changed.notify_all();
        }
        state.0 >= self.expected
    }
}

mod ep05_split {
    use super::expected_sizes;
    use course::ep05_split::{chunk_ranges, chunk_sizes};
    use course_check::check;

    #[test]
    fn even_and_uneven_splits() {
        check("ep05_split", || {
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
        check("ep05_split", || {
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
        check("ep05_split", || {
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
        check("ep05_split", || {
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
}

mod ep05_pi_chunks {
    use super::{Meeting, expected_sizes};
    use course::ep05_pi_chunks::{estimate_pi, estimate_pi_observed, hits_in_chunk};
    use course_check::check;
    use std::collections::{BTreeMap, BTreeSet, HashSet};
    use std::sync::Mutex;
    use std::thread::{self, ThreadId};

    #[test]
    fn a_chunk_count_depends_only_on_seed_chunk_and_points() {
        check("ep05_pi_chunks", || {
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
        check("ep05_pi_chunks", || {
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
        check("ep05_pi_chunks", || {
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
        check("ep05_pi_chunks", || {
            let (seed, total, chunks) = (77, 30_003, 7);
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
                "estimate_pi({seed}, {total}, {chunks}, 3) = {got}, expected {want} = 4 * (hits of chunks 0..{chunks}) / {total}, chunk c having chunk_sizes({total}, {chunks})[c] points: every chunk counted exactly once, none given all the points"
            );
            assert!(
                (got - std::f64::consts::PI).abs() < 0.05,
                "estimate_pi({seed}, {total}, {chunks}, 3) = {got} is too far from π"
            );
        });
    }

    #[test]
    fn the_estimate_does_not_depend_on_the_thread_count() {
        check("ep05_pi_chunks", || {
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
        check("ep05_pi_chunks", || {
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
}

mod ep05_pi_rayon {
    use super::Meeting;
    use course::ep05_pi_chunks::estimate_pi;
    use course::ep05_pi_rayon::{estimate_pi_rayon, estimate_pi_rayon_observed};
    use course_check::check;
    use std::collections::BTreeSet;
    use std::sync::Mutex;

    #[test]
    fn rayon_gives_the_threaded_answer_for_every_pool_size() {
        check("ep05_pi_rayon", || {
            let (seed, total, chunks) = (7, 20_001, 6);
            let want = estimate_pi(seed, total, chunks, 2);
            for threads in [1, 2, 3, 8] {
                let got = estimate_pi_rayon(seed, total, chunks, threads);
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "estimate_pi_rayon({seed}, {total}, {chunks}, {threads}) = {got}, but ep05_pi_chunks::estimate_pi gives {want}: use the same chunk sizes and hits_in_chunk, and sum the u64 counts"
                );
            }
        });
    }

    #[test]
    fn the_chunks_run_in_a_pool_of_the_requested_size() {
        check("ep05_pi_rayon", || {
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
        check("ep05_pi_rayon", || {
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
}

mod ep05_pi_procs {
    use super::expected_sizes;
    use course::ep05_pi_chunks::{estimate_pi, hits_in_chunk};
    use course::ep05_pi_procs::{estimate_pi_processes, worker_hits};
    use course_check::{Reaper, check};
    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::sync::{Mutex, MutexGuard};

    /// The tests of this module start processes one test at a time.
    fn one_at_a_time() -> MutexGuard<'static, ()> {
        static LOCK: Mutex<()> = Mutex::new(());
        LOCK.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn worker() -> &'static Path {
        Path::new(course::helper_bin!("ep05_pi_worker"))
    }

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn worker_hits_adds_up_its_chunks() {
        check("ep05_pi_procs", || {
            let want = hits_in_chunk(11, 0, 2_000) + hits_in_chunk(11, 3, 1_500);
            assert_eq!(
                worker_hits(&strings(&["11", "0", "2000", "3", "1500"])),
                Ok(want),
                "worker_hits([\"11\", \"0\", \"2000\", \"3\", \"1500\"]) must be hits_in_chunk(11, 0, 2000) + hits_in_chunk(11, 3, 1500)"
            );
            assert_eq!(
                worker_hits(&strings(&["11"])),
                Ok(0),
                "worker_hits([\"11\"]): a seed and no chunks is 0 hits"
            );
            for bad in [&[][..], &["x"], &["1", "2"], &["1", "2", "many"]] {
                assert!(
                    worker_hits(&strings(bad)).is_err(),
                    "worker_hits({bad:?}) must be an Err: the arguments are SEED followed by CHUNK POINTS pairs of whole numbers"
                );
            }
        });
    }

    #[test]
    fn the_worker_program_prints_its_count() {
        check("ep05_pi_procs", || {
            let _one = one_at_a_time();
            let want = hits_in_chunk(4, 2, 3_000);
            let child = Command::new(worker())
                .args(["4", "2", "3000"])
                .stdout(Stdio::piped())
                .spawn()
                .expect("could not start the worker program");
            let output = Reaper::new(child)
                .take()
                .wait_with_output()
                .expect("could not wait for the worker program");
            assert!(
                output.status.success(),
                "`ep05_pi_worker 4 2 3000` failed ({})",
                output.status
            );
            assert_eq!(
                String::from_utf8_lossy(&output.stdout).trim(),
                want.to_string(),
                "`ep05_pi_worker 4 2 3000` must print hits_in_chunk(4, 2, 3000) = {want}"
            );
        });
    }

    #[test]
    fn processes_give_the_threaded_answer() {
        check("ep05_pi_procs", || {
            let _one = one_at_a_time();
            let (seed, total, chunks) = (9, 30_001, 6);
            let want = estimate_pi(seed, total, chunks, 1);
            for processes in [1, 2, 3] {
                let got = estimate_pi_processes(worker(), seed, total, chunks, processes)
                    .expect("estimate_pi_processes failed");
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "estimate_pi_processes(.., {seed}, {total}, {chunks}, {processes}) = {got}, but ep05_pi_chunks::estimate_pi gives {want}: every chunk must go to exactly one worker, with its chunk_sizes({total}, {chunks}) points"
                );
            }
        });
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_worker_is_an_error() {
        check("ep05_pi_procs", || {
            let _one = one_at_a_time();
            // `false` is a program that prints nothing and fails.
            let result = estimate_pi_processes(Path::new("false"), 1, 100, 2, 2);
            assert!(
                result.is_err(),
                "with workers that fail, estimate_pi_processes must return an Err, got {result:?}"
            );
            let result = estimate_pi_processes(Path::new("/no/such/worker"), 1, 100, 2, 2);
            assert!(
                result.is_err(),
                "with a worker program that does not exist, estimate_pi_processes must return an Err, got {result:?}"
            );
        });
    }

    /// A folder that is removed when the test ends.
    struct TempDir(std::path::PathBuf);
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_workers_run_at_the_same_time_each_with_its_own_chunks() {
        check("ep05_pi_procs", || {
            use std::os::unix::fs::PermissionsExt;
            let _one = one_at_a_time();
            let (seed, total, chunks, processes) = (13u64, 6_000u64, 6usize, 3usize);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let dir = TempDir(
                std::env::temp_dir().join(format!("ep05_pi_procs_{}_{nanos}", std::process::id())),
            );
            std::fs::create_dir_all(&dir.0).expect("could not make a temporary folder");
            // A stand-in worker: it notes its arguments, waits (about 3 s at most) until
            // all the workers have started, then runs the real worker. If one
            // waited in vain, the others do not wait at all.
            let script = dir.0.join("worker.sh");
            let text = format!(
                "#!/bin/sh\n\
                 dir=\"$(dirname \"$0\")\"\n\
                 echo \"$@\" > \"$dir/tmp.$$\" && mv \"$dir/tmp.$$\" \"$dir/args.$$\"\n\
                 i=0\n\
                 while [ \"$(ls \"$dir\" | grep -c '^args\\.')\" -lt {processes} ] && [ $i -lt 60 ]; do\n\
                 ls \"$dir\" | grep -q '^late\\.' && break\n\
                 sleep 0.05; i=$((i+1))\n\
                 done\n\
                 [ $i -ge 60 ] && touch \"$dir/late.$$\"\n\
                 exec \"{}\" \"$@\"\n",
                worker().display()
            );
            std::fs::write(&script, text).expect("could not write the stand-in worker");
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
                .expect("could not make the stand-in worker executable");

            let got = estimate_pi_processes(&script, seed, total, chunks, processes)
                .expect("estimate_pi_processes failed");

            let mut runs = Vec::new();
            let mut late = false;
            for entry in std::fs::read_dir(&dir.0).expect("could not read the temporary folder") {
                let name = entry.expect("bad folder entry").file_name();
                let name = name.to_string_lossy();
                if name.starts_with("late.") {
                    late = true;
                } else if name.starts_with("args.") {
                    let args = std::fs::read_to_string(dir.0.join(&*name)).unwrap_or_default();
                    runs.push(
                        args.split_whitespace()
                            .map(|a| a.parse::<u64>().unwrap_or(u64::MAX))
                            .collect::<Vec<u64>>(),
                    );
                }
            }
            assert_eq!(
                runs.len(),
                processes,
                "{} worker processes were started, expected {processes}",
                runs.len()
            );
            assert!(
                !late,
                "the {processes} workers did not all run at the same time: spawn every worker before waiting for any"
            );
            let sizes = expected_sizes(total, chunks);
            let mut chunk_seen = vec![0; chunks];
            for args in &runs {
                assert!(
                    args.len() >= 3 && args.len() % 2 == 1 && args[0] == seed,
                    "a worker got the arguments {args:?}: expected SEED ({seed}) and at least one CHUNK POINTS pair"
                );
                for pair in args[1..].chunks(2) {
                    let (chunk, points) = (pair[0] as usize, pair[1]);
                    assert!(
                        chunk < chunks,
                        "a worker got chunk {chunk}; chunks are 0..{chunks}"
                    );
                    assert_eq!(
                        points, sizes[chunk],
                        "chunk {chunk} must have chunk_sizes({total}, {chunks})[{chunk}] = {} points, a worker was given {points}",
                        sizes[chunk]
                    );
                    chunk_seen[chunk] += 1;
                }
            }
            assert_eq!(
                chunk_seen,
                vec![1; chunks],
                "how many workers got each chunk 0..{chunks}: each chunk must go to exactly one worker"
            );
            assert_eq!(
                got.to_bits(),
                estimate_pi(seed, total, chunks, 1).to_bits(),
                "estimate_pi_processes must give the same answer as ep05_pi_chunks::estimate_pi"
            );
        });
    }
}
