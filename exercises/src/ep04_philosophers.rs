//! Exercise `ep04_philosophers`: the dining philosophers, without deadlock.
//! Read: src/ep04-deadlock.md, "Dining philosophers"
//! Check your answer: cargo test -p exercises --test ep04_philosophers

/// Seats `seats` philosophers at a round table with one fork between each
/// two neighbours, and lets each eat `meals` times on a thread of its own,
/// named `"philosopher {p}"`. Philosopher `p` needs forks `p` and
/// `(p + 1) % seats`. Returns how many meals each one ate.
///
/// - `first_fork(p, fork)` is called right after philosopher `p` has
///   picked up its first fork, while it holds it;
/// - `eat(p)` is called while philosopher `p` holds both its forks.
///
/// Panics if there are fewer than two seats.
pub fn dine<F, E>(seats: usize, meals: usize, first_fork: F, eat: E) -> Vec<usize>
where
    F: Fn(usize, usize) + Sync,
    E: Fn(usize) + Sync,
{
    let _ = (seats, meals, first_fork, eat);
    todo!(
        "ep04_philosophers: one Mutex per fork, a named scoped thread per philosopher, forks picked up in one global order (chapter ep04-deadlock)"
    )
}
