//! Exercise `ep03_account`: a withdrawal that checks the balance and then
//! takes the money, with no other withdrawal in between (check-then-act,
//! made atomic), on an account that stays usable after a panic.
//! Read: src/ep03-shared-state.md, "When a thread panics holding a lock: poisoning"
//! Check your answer: cargo test -p exercises --test ep03_account

use std::sync::Mutex;

/// A bank account that many threads may use at once.
// This field is a suggestion; change it if you like.
#[allow(dead_code)] // remove this line once you use the field
pub struct Account {
    balance: Mutex<u64>,
}

impl Account {
    /// An account holding `balance`.
    pub fn new(balance: u64) -> Self {
        let _ = balance;
        todo!("ep03_account: a Mutex around the balance (chapter ep03-shared-state)")
    }

    /// The balance now.
    pub fn balance(&self) -> u64 {
        todo!(
            "ep03_account: lock, read, and take a poisoned lock as it is (chapter ep03-shared-state)"
        )
    }

    /// Adds `amount` to the balance.
    pub fn deposit(&self, amount: u64) {
        let _ = amount;
        todo!("ep03_account: lock and add (chapter ep03-shared-state)")
    }

    /// Takes `amount` out if the balance covers it and `approve()` agrees;
    /// returns whether the money was taken. `approve` is asked only when the
    /// balance covers the amount, after that check and before the money
    /// moves; while it runs, other withdrawals and deposits wait.
    pub fn withdraw(&self, amount: u64, approve: impl FnOnce() -> bool) -> bool {
        let _ = (amount, approve);
        todo!(
            "ep03_account: one guard for the check, the approval and the act (chapter ep03-shared-state)"
        )
    }
}
