//! Tests of exercise `ep08_parallel`: `cargo test -p exercises --test ep08_parallel`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep08_parallel);
#[path = "support/ep08.rs"]
mod support;

use crate::ep08_parallel::{integrate_parallel, integrate_parallel_with};
use crate::support::{Case, close, serial_left_sum};
use course_check::check;
use std::ops::Range;
use std::sync::{Barrier, Mutex};
use std::thread::{self, ThreadId};

#[test]
fn small_sums_are_exact_for_every_thread_count() {
    check("ep08_parallel", || {
        for threads in 1..=6 {
            let got = integrate_parallel(|x| x * x, 0.0, 10.0, 10, threads);
            assert!(
                close(got, 285.0, 1e-12),
                "integrate_parallel(x², 0, 10, n = 10, threads = {threads}) gave {got}, \
                 expected 0² + 1² + ... + 9² = 285; when {threads} does not divide 10, \
                 the leftover steps must still be summed, once"
            );
        }
        let got = integrate_parallel(|x| x * x, 0.0, 10.0, 2, 5);
        assert!(
            close(got, 125.0, 1e-12),
            "integrate_parallel(x², 0, 10, n = 2, threads = 5) gave {got}, expected \
             (0² + 5²) × 5 = 125: with more threads than steps some chunks are empty"
        );
    });
}

#[test]
fn agrees_with_the_serial_sum() {
    check("ep08_parallel", || {
        let cases: [Case; 2] = [
            (|x| x * x, 0.0, 10.0, "x²"),
            (|x| (-x).exp(), 1.0, 3.0, "exp(-x)"),
        ];
        for (f, a, b, name) in cases {
            for n in [1_000, 1_001, 12_345] {
                let want = serial_left_sum(f, a, b, n);
                for threads in [1, 2, 3, 4, 7] {
                    let got = integrate_parallel(f, a, b, n, threads);
                    assert!(
                        close(got, want, 1e-12),
                        "integrate_parallel({name}, {a}, {b}, n = {n}, threads = {threads}) \
                         gave {got}, but the serial left sum is {want}"
                    );
                }
            }
        }
    });
}

#[test]
fn every_thread_gets_one_chunk() {
    check("ep08_parallel", || {
        let (n, threads) = (1_003, 4);
        let reports: Mutex<Vec<(ThreadId, usize, Range<usize>)>> = Mutex::new(Vec::new());
        let got = integrate_parallel_with(
            |x| x * x,
            0.0,
            10.0,
            n,
            threads,
            |c, chunk| {
                reports
                    .lock()
                    .unwrap()
                    .push((thread::current().id(), c, chunk));
            },
        );
        let want = serial_left_sum(|x| x * x, 0.0, 10.0, n);
        assert!(
            close(got, want, 1e-12),
            "integrate_parallel_with(x², 0, 10, n = {n}, threads = {threads}) gave {got}, \
             expected {want}"
        );
        let mut reports = reports.into_inner().unwrap();
        assert_eq!(
            reports.len(),
            threads,
            "on_chunk was called {} times; expected once per thread ({threads})",
            reports.len()
        );
        let me = thread::current().id();
        let mut ids: Vec<ThreadId> = reports.iter().map(|r| r.0).collect();
        assert!(
            !ids.contains(&me),
            "on_chunk was called on the caller's thread; each chunk must be handled by a \
             thread you spawn"
        );
        ids.sort_by_key(|id| format!("{id:?}"));
        ids.dedup();
        assert_eq!(
            ids.len(),
            threads,
            "the {threads} chunks were handled by {} distinct threads; expected one thread \
             per chunk",
            ids.len()
        );
        reports.sort_by_key(|r| r.1);
        let indices: Vec<usize> = reports.iter().map(|r| r.1).collect();
        assert_eq!(
            indices,
            (0..threads).collect::<Vec<_>>(),
            "each chunk index 0..{threads} should be reported exactly once"
        );
        let mut next = 0;
        for (_, c, chunk) in &reports {
            assert_eq!(
                chunk.start,
                next,
                "chunk {c} is {chunk:?} but should start at {next}, where chunk {} ended",
                c.wrapping_sub(1)
            );
            next = chunk.end;
        }
        assert_eq!(
            next, n,
            "the chunks end at {next}; together they must cover 0..{n}"
        );
    });
}

#[test]
fn the_workers_run_at_the_same_time() {
    check("ep08_parallel", || {
        // Every worker waits in on_chunk until all of them have arrived.
        // If the workers ran one after another, the first would wait
        // forever, and the watchdog would report a deadlock: spawn every
        // thread before you join any.
        let threads = 3;
        let meeting = Barrier::new(threads);
        let got = integrate_parallel_with(
            |x| x * x,
            0.0,
            10.0,
            300,
            threads,
            |_, _| {
                meeting.wait();
            },
        );
        let want = serial_left_sum(|x| x * x, 0.0, 10.0, 300);
        assert!(
            close(got, want, 1e-12),
            "integrate_parallel_with(x², 0, 10, n = 300, threads = 3) gave {got}, expected {want}"
        );
    });
}

thread_local! {
    static CHUNK_ANNOUNCED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[test]
fn on_chunk_comes_before_the_chunk_is_summed() {
    check("ep08_parallel", || {
        // on_chunk marks its thread; f notes any term it is asked for on a
        // thread that has not been marked yet.
        let unannounced = std::sync::atomic::AtomicUsize::new(0);
        let got = integrate_parallel_with(
            |x| {
                if !CHUNK_ANNOUNCED.with(|a| a.get()) {
                    unannounced.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
                x * x
            },
            0.0,
            10.0,
            100,
            3,
            |_, _| CHUNK_ANNOUNCED.with(|a| a.set(true)),
        );
        let want = serial_left_sum(|x| x * x, 0.0, 10.0, 100);
        assert!(
            close(got, want, 1e-12),
            "integrate_parallel_with(x², 0, 10, n = 100, threads = 3) gave {got}, expected {want}"
        );
        let unannounced = unannounced.into_inner();
        assert_eq!(
            unannounced, 0,
            "f was called {unannounced} times on a thread that had not called on_chunk yet: each worker must call on_chunk(index, chunk) first, on its own thread, and only then sum its chunk"
        );
    });
}
