//! Tests of exercise `ep04_philosophers`: `cargo test -p exercises --test ep04_philosophers`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep04_philosophers);
#[path = "support/ep04.rs"]
mod support;

use crate::ep04_philosophers::dine;
use crate::support::Gathering;
use course_check::check;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;

/// What the hooks saw, checked on the test's own thread afterwards (a
/// panic on a philosopher's thread would only say "a thread panicked").
#[derive(Default)]
struct Seen {
    problems: Mutex<Vec<String>>,
}

impl Seen {
    fn note(&self, problem: String) {
        let mut p = self.problems.lock().unwrap();
        if p.len() < 5 {
            p.push(problem);
        }
    }

    fn assert_none(&self) {
        let p = self.problems.lock().unwrap();
        assert!(p.is_empty(), "{}", p.join("\n"));
    }
}

fn is_own_fork(seats: usize, p: usize, fork: usize) -> bool {
    fork == p || fork == (p + 1) % seats
}

#[test]
fn everyone_eats_every_meal() {
    check("ep04_philosophers", || {
        let seats = 5;
        let meals = 1000;
        let eaten: Vec<AtomicUsize> = (0..seats).map(|_| AtomicUsize::new(0)).collect();
        let got = dine(
            seats,
            meals,
            |_, _| {},
            |p| {
                eaten[p].fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(
            got,
            vec![meals; seats],
            "dine should return how many meals each philosopher ate: {meals} each"
        );
        let calls: Vec<usize> = eaten.iter().map(|e| e.load(Ordering::SeqCst)).collect();
        assert_eq!(
            calls,
            vec![meals; seats],
            "eat(p) should be called once per meal of philosopher p ({meals} each)"
        );
    });
}

#[test]
fn neighbours_never_eat_at_the_same_time() {
    check("ep04_philosophers", || {
        let seats = 5;
        let eating: Vec<AtomicBool> = (0..seats).map(|_| AtomicBool::new(false)).collect();
        let seen = Seen::default();
        // The first meals wait until all five are eating at once (which a
        // right answer never allows: at most two of five can eat together)
        // or until time is up, so that an answer that lets neighbours eat
        // together is caught every time.
        let everyone_at_once = Gathering::new(seats);
        dine(
            seats,
            20,
            |p, fork| {
                if !is_own_fork(seats, p, fork) {
                    seen.note(format!(
                        "philosopher {p} picked up fork {fork} first, but its forks are {p} and {}",
                        (p + 1) % seats
                    ));
                }
            },
            |p| {
                eating[p].store(true, Ordering::SeqCst);
                let (left, right) = ((p + seats - 1) % seats, (p + 1) % seats);
                everyone_at_once.arrive();
                for n in [left, right] {
                    if eating[n].load(Ordering::SeqCst) {
                        seen.note(format!(
                            "philosophers {p} and {n} ate at the same time, but they share a fork: \
                             hold both forks (each a Mutex) while eat is called"
                        ));
                    }
                }
                thread::yield_now();
                eating[p].store(false, Ordering::SeqCst);
            },
        );
        seen.assert_none();
    });
}

#[test]
fn philosophers_are_named_threads() {
    check("ep04_philosophers", || {
        let seats = 4;
        let seen = Seen::default();
        let main = thread::current().id();
        dine(
            seats,
            3,
            |_, _| {},
            |p| {
                let me = thread::current();
                if me.id() == main {
                    seen.note(format!(
                        "philosopher {p} ate on the thread that called dine: each philosopher needs \
                         a thread of its own"
                    ));
                }
                let want = format!("philosopher {p}");
                if me.name() != Some(want.as_str()) {
                    seen.note(format!(
                        "philosopher {p} ate on a thread named {:?}, expected {want:?} \
                         (thread::Builder::new().name(..).spawn_scoped(..))",
                        me.name()
                    ));
                }
            },
        );
        seen.assert_none();
    });
}

/// Every philosopher picks up its first fork, and waits there until all of
/// them hold one (or time is up): the moment a wrong lock order deadlocks.
fn all_take_a_first_fork_together(seats: usize) {
    let gathering = Gathering::new(seats);
    let got = dine(seats, 50, |_, _| gathering.arrive(), |_| {});
    assert_eq!(
        got,
        vec![50; seats],
        "every philosopher should eat 50 meals"
    );
}

#[test]
fn no_deadlock_when_all_hold_a_first_fork_at_once() {
    check("ep04_philosophers", || all_take_a_first_fork_together(5));
}

#[test]
fn no_deadlock_with_two_philosophers() {
    check("ep04_philosophers", || all_take_a_first_fork_together(2));
}

#[test]
fn fewer_than_two_seats_is_a_panic() {
    check("ep04_philosophers", || {
        assert_eq!(
            dine(2, 1, |_, _| {}, |_| {}),
            vec![1, 1],
            "two philosophers, one meal each"
        );
        for seats in [0, 1] {
            let r = std::panic::catch_unwind(|| dine(seats, 1, |_, _| {}, |_| {}));
            assert!(
                r.is_err(),
                "dine({seats}, ..) should panic: a table needs at least two philosophers"
            );
        }
    });
}
