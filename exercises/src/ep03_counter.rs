//! Exercise `ep03_counter`: the lost update of "Data races and race
//! conditions", fixed three ways: a `Mutex`, an atomic `fetch_add`, and
//! sums that each thread keeps to itself until the end.
//! Read: src/ep03-shared-state.md, "Atomics: indivisible steps without a lock"
//! Check your answer: cargo test -p exercises --test ep03_counter

/// Starts `threads` threads; thread `t` adds `amount(t, i)`, for every `i`
/// in `0..per_thread`, to one total kept in a `Mutex<u64>`. Returns the
/// total. `amount` runs without the lock held: work first, then lock to add.
pub fn total_with_mutex(
    threads: usize,
    per_thread: usize,
    amount: impl Fn(usize, usize) -> u64 + Sync,
) -> u64 {
    let _ = (threads, per_thread, amount);
    todo!(
        "ep03_counter: scoped threads that compute amount(t, i), then lock a Mutex<u64> just to add it (chapter ep03-shared-state)"
    )
}

/// The same, with the total in an `AtomicU64`: `fetch_add` reads, adds and
/// writes back in one indivisible step.
pub fn total_with_atomic(
    threads: usize,
    per_thread: usize,
    amount: impl Fn(usize, usize) -> u64 + Sync,
) -> u64 {
    let _ = (threads, per_thread, amount);
    todo!(
        "ep03_counter: scoped threads that fetch_add amount(t, i) to one AtomicU64 (chapter ep03-shared-state)"
    )
}

/// The same, with nothing shared: each thread sums into a local variable
/// and returns it; the caller adds the sums up after joining.
pub fn total_with_local_sums(
    threads: usize,
    per_thread: usize,
    amount: impl Fn(usize, usize) -> u64 + Sync,
) -> u64 {
    let _ = (threads, per_thread, amount);
    todo!(
        "ep03_counter: one scoped thread per t returning its own sum; join them all, then add (chapter ep03-shared-state)"
    )
}
