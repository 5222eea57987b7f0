//! Exercise `ep03_account`: a withdrawal that checks the balance and then
//! takes the money, with no other withdrawal in between (check-then-act,
//! made atomic), on an account that stays usable after a panic.
//! Chapter: src/ep03-shared-state.md

use std::sync::{Mutex, MutexGuard, PoisonError};

// ANCHOR: account
/// A bank account that many threads may use at once.
pub struct Account {
    balance: Mutex<u64>,
}

impl Account {
    /// An account holding `balance`.
    pub fn new(balance: u64) -> Self {
        Account {
            balance: Mutex::new(balance),
        }
    }

    /// Locks the balance. A panic while the lock was held cannot have left
    /// the balance half-changed (every change is one `+=` or `-=` after all
    /// the checks), so a poisoned lock is taken as it is.
    fn locked(&self) -> MutexGuard<'_, u64> {
        self.balance.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The balance now.
    pub fn balance(&self) -> u64 {
        *self.locked()
    }

    /// Adds `amount` to the balance.
    pub fn deposit(&self, amount: u64) {
        *self.locked() += amount;
    }

    /// Takes `amount` out if the balance covers it and `approve()` agrees;
    /// returns whether the money was taken. `approve` is asked only when the
    /// balance covers the amount, after that check and before the money
    /// moves; while it runs, other withdrawals and deposits wait.
    pub fn withdraw(&self, amount: u64, approve: impl FnOnce() -> bool) -> bool {
        // One guard for the check and the act: nobody can change the
        // balance between them.
        let mut balance = self.locked();
        if *balance >= amount && approve() {
            *balance -= amount;
            true
        } else {
            false
        }
    }
}
// ANCHOR_END: account
