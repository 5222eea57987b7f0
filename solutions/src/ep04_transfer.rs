//! Exercise `ep04_transfer`: moving money between accounts, each behind its
//! own lock, without deadlock.
//! Chapter: src/ep04-deadlock.md

use std::sync::Mutex;

// ANCHOR: bank
/// Accounts, each with its own lock, so that transfers between different
/// accounts run at the same time.
pub struct Bank {
    accounts: Vec<Mutex<u64>>,
    /// Called right after `transfer` has locked its first account.
    first_lock_taken: Box<dyn Fn(usize) + Send + Sync>,
}

impl Bank {
    /// A bank whose account `i` holds `balances[i]`.
    pub fn new(balances: &[u64]) -> Bank {
        Bank::with_hook(balances, |_| {})
    }

    /// The same, with a hook that `transfer` calls right after it has
    /// locked its first account (with that account's number), while it
    /// holds that lock. The tests use it to force the unlucky moment.
    pub fn with_hook(balances: &[u64], hook: impl Fn(usize) + Send + Sync + 'static) -> Bank {
        Bank {
            accounts: balances.iter().map(|&b| Mutex::new(b)).collect(),
            first_lock_taken: Box::new(hook),
        }
    }

    /// The balance of one account.
    pub fn balance(&self, account: usize) -> u64 {
        *self.accounts[account].lock().unwrap()
    }

    /// Moves `amount` from account `from` to account `to`, holding both
    /// accounts' locks, so that nobody ever sees the money in neither or in
    /// both. Returns `false`, and moves nothing, if `from` holds less than
    /// `amount`. A transfer from an account to itself changes nothing.
    pub fn transfer(&self, from: usize, to: usize, amount: u64) -> bool {
        if from == to {
            // One account, one lock: locking it twice would wait for ourselves.
            let balance = self.accounts[from].lock().unwrap();
            (self.first_lock_taken)(from);
            return *balance >= amount;
        }
        // The global order: the lower account number is always locked first.
        let (low, high) = (from.min(to), from.max(to));
        let first = self.accounts[low].lock().unwrap();
        (self.first_lock_taken)(low);
        let second = self.accounts[high].lock().unwrap();
        let (mut source, mut dest) = if from == low {
            (first, second)
        } else {
            (second, first)
        };
        if *source < amount {
            return false;
        }
        *source -= amount;
        *dest += amount;
        true
    }

    /// The sum of all balances, as at one moment: every account is locked
    /// (in the same order as `transfer` locks them) before any is read.
    pub fn total(&self) -> u64 {
        let guards: Vec<_> = self.accounts.iter().map(|a| a.lock().unwrap()).collect();
        guards.iter().map(|g| **g).sum()
    }
}
// ANCHOR_END: bank
