//! Exercise `ep04_transfer`: moving money between accounts, each behind its
//! own lock, without deadlock.
//! Read: src/ep04-deadlock.md, "Three ways out"
//! Check your answer: cargo test -p exercises --test ep04_transfer

use std::sync::Mutex;

/// Accounts, each with its own lock, so that transfers between different
/// accounts run at the same time.
// These fields are a suggestion; change them if you like.
#[allow(dead_code)] // remove this line once you use the fields
pub struct Bank {
    accounts: Vec<Mutex<u64>>,
    /// Called right after `transfer` has locked its first account.
    first_lock_taken: Box<dyn Fn(usize) + Send + Sync>,
}

impl Bank {
    /// A bank whose account `i` holds `balances[i]`.
    pub fn new(balances: &[u64]) -> Bank {
        let _ = balances;
        todo!(
            "ep04_transfer: one Mutex per account, and a hook that does nothing (chapter ep04-deadlock)"
        )
    }

    /// The same, with a hook that `transfer` calls right after it has
    /// locked its first account (with that account's number), while it
    /// holds that lock. The tests use it to force the unlucky moment.
    pub fn with_hook(balances: &[u64], hook: impl Fn(usize) + Send + Sync + 'static) -> Bank {
        let _ = (balances, hook);
        todo!("ep04_transfer: one Mutex per account, and the hook in a Box (chapter ep04-deadlock)")
    }

    /// The balance of one account.
    pub fn balance(&self, account: usize) -> u64 {
        let _ = account;
        todo!("ep04_transfer: lock the account and read it (chapter ep04-deadlock)")
    }

    /// Moves `amount` from account `from` to account `to`, holding both
    /// accounts' locks, so that nobody ever sees the money in neither or in
    /// both. Returns `false`, and moves nothing, if `from` holds less than
    /// `amount`. A transfer from an account to itself changes nothing.
    pub fn transfer(&self, from: usize, to: usize, amount: u64) -> bool {
        let _ = (from, to, amount);
        todo!(
            "ep04_transfer: lock the two accounts in one global order (lower number first), call the hook after the first (chapter ep04-deadlock)"
        )
    }

    /// The sum of all balances, as at one moment: every account is locked
    /// (in the same order as `transfer` locks them) before any is read.
    pub fn total(&self) -> u64 {
        todo!(
            "ep04_transfer: lock every account in order, keep the guards, then add up (chapter ep04-deadlock)"
        )
    }
}
