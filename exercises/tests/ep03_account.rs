//! Tests of exercise `ep03_account`: `cargo test -p exercises --test ep03_account`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep03_account);
#[path = "support/ep03.rs"]
mod support;

use crate::ep03_account::Account;
use crate::support::{
    Latch, MEETING_TIME, Meeting, Seen, joined, spawn_with_tid, wait_until_blocked,
};
use course_check::check;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

#[test]
fn withdraw_takes_what_the_balance_covers() {
    check("ep03_account", || {
        let account = Account::new(100);
        assert_eq!(
            account.balance(),
            100,
            "a new account holds what it was given"
        );
        assert!(
            account.withdraw(30, || true),
            "withdraw(30) from 100 should succeed"
        );
        assert_eq!(account.balance(), 70, "100 - 30 should leave 70");
        assert!(
            account.withdraw(70, || true),
            "withdrawing the whole balance (70 of 70) should succeed: the balance covers it"
        );
        assert_eq!(account.balance(), 0, "70 - 70 should leave 0");
        assert!(
            !account.withdraw(1, || true),
            "withdraw(1) from an empty account should be refused"
        );
        assert_eq!(
            account.balance(),
            0,
            "a refused withdrawal should leave the balance as it was"
        );
        account.deposit(50);
        assert_eq!(account.balance(), 50, "deposit(50) on 0 should give 50");
    });
}

#[test]
fn approve_is_asked_only_when_the_balance_covers_it() {
    check("ep03_account", || {
        let account = Account::new(50);
        let asked = AtomicUsize::new(0);
        let yes = || {
            asked.fetch_add(1, Ordering::SeqCst);
            true
        };
        assert!(
            !account.withdraw(80, yes),
            "withdraw(80) from 50 should be refused"
        );
        assert_eq!(
            asked.load(Ordering::SeqCst),
            0,
            "approve should not be asked when the balance does not cover the amount: check first"
        );
        let no = || {
            asked.fetch_add(1, Ordering::SeqCst);
            false
        };
        assert!(
            !account.withdraw(30, no),
            "a withdrawal that approve refuses should return false"
        );
        assert_eq!(
            asked.load(Ordering::SeqCst),
            1,
            "approve should be asked once when the balance covers the amount"
        );
        assert_eq!(
            account.balance(),
            50,
            "a withdrawal that approve refused should leave the balance as it was"
        );
    });
}

#[test]
fn no_withdrawal_comes_between_the_check_and_the_act() {
    check("ep03_account", || {
        let account = Arc::new(Account::new(100));
        // Withdrawal A passes the check, then stops in `approve` until the
        // test lets it go: it is between its check and its act.
        let (in_approve_tx, in_approve_rx) = mpsc::channel();
        let release = Arc::new(Latch::default());
        let a = {
            let (account, release) = (Arc::clone(&account), Arc::clone(&release));
            thread::spawn(move || {
                account.withdraw(80, move || {
                    in_approve_tx.send(()).unwrap();
                    release.wait();
                    true
                })
            })
        };
        if in_approve_rx.recv().is_err() {
            joined(a);
            panic!("withdraw(80) from 100 should ask approve (the balance covers it)");
        }
        // Withdrawal B starts now. It must wait until A has finished.
        let b_asked = Arc::new(AtomicBool::new(false));
        let b_returned = Arc::new(AtomicBool::new(false));
        let (b_tid, b) = {
            let (account, asked, returned) = (
                Arc::clone(&account),
                Arc::clone(&b_asked),
                Arc::clone(&b_returned),
            );
            spawn_with_tid(move || {
                let took = account.withdraw(80, || {
                    asked.store(true, Ordering::SeqCst);
                    true
                });
                returned.store(true, Ordering::SeqCst);
                took
            })
        };
        let seen = wait_until_blocked(b_tid, || {
            b_asked.load(Ordering::SeqCst) || b_returned.load(Ordering::SeqCst)
        });
        release.open();
        let a_took = joined(a);
        let b_took = b.join();
        match seen {
            Seen::Blocked => {}
            Seen::WentOn if b_asked.load(Ordering::SeqCst) => panic!(
                "withdrawal A (80 of 100) was between its check and its act when withdrawal B (80) \
                 started, and B passed the same check and asked approve: both saw 100. \
                 Keep one guard alive from the check to the subtraction"
            ),
            Seen::WentOn => panic!(
                "withdrawal A (80 of 100) was still in approve when withdrawal B (80) returned \
                 without waiting: while approve runs, the balance stays locked and other \
                 withdrawals wait"
            ),
            Seen::Spinning => panic!(
                "withdrawal B kept a core busy while withdrawal A was in approve: wait on the lock"
            ),
        }
        assert!(a_took, "withdrawal A (80 of 100, approved) should succeed");
        assert_eq!(
            b_took.ok(),
            Some(false),
            "withdrawal B (80) should be refused: only 20 were left after A"
        );
        assert_eq!(account.balance(), 20, "100 - 80 should leave 20");
    });
}

#[test]
fn many_threads_never_overdraw() {
    check("ep03_account", || {
        let account = Account::new(1000);
        let taken = AtomicUsize::new(0);
        let meeting = Meeting::new(4);
        thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    meeting.arrive(); // start together
                    for _ in 0..400 {
                        if account.withdraw(1, || true) {
                            taken.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                });
            }
        });
        let taken = taken.load(Ordering::SeqCst);
        assert_eq!(
            taken, 1000,
            "4 threads tried 1600 withdrawals of 1 from 1000: exactly 1000 should succeed, {taken} did"
        );
        assert_eq!(account.balance(), 0, "all 1000 should be gone");
    });
}

#[test]
fn deposits_from_many_threads_all_count() {
    check("ep03_account", || {
        let account = Account::new(0);
        let meeting = Meeting::new(4);
        thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    meeting.arrive();
                    for _ in 0..5000 {
                        account.deposit(1);
                    }
                });
            }
        });
        assert!(
            meeting.met(),
            "the 4 depositing threads should run at the same time (they waited {} s to meet)",
            MEETING_TIME.as_secs()
        );
        assert_eq!(
            account.balance(),
            20000,
            "4 threads each deposited 1, 5000 times: the balance should be 20000"
        );
    });
}

#[test]
fn a_panicking_approve_leaves_the_account_usable() {
    check("ep03_account", || {
        let account = Account::new(100);
        let hook = panic::take_hook();
        panic::set_hook(Box::new(|_| {})); // the panic below is expected: keep it quiet
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            account.withdraw(40, || panic!("the fraud check crashed"))
        }));
        panic::set_hook(hook);
        assert!(
            outcome.is_err(),
            "approve panicked, and withdraw should let that panic through"
        );
        let after = panic::catch_unwind(AssertUnwindSafe(|| {
            let balance = account.balance();
            let took = account.withdraw(30, || true);
            account.deposit(5);
            (balance, took, account.balance())
        }));
        match after {
            Ok((balance, took, last)) => {
                assert_eq!(
                    balance, 100,
                    "approve panicked before any money moved: the balance should still be 100"
                );
                assert!(took, "withdraw(30) from 100 should succeed after the panic");
                assert_eq!(last, 75, "100 - 30 + 5 should be 75");
            }
            Err(p) => panic!(
                "after approve panicked (with the balance locked), the account no longer works: \
                 {:?}. The panic poisoned the Mutex; the balance was never half-changed, so take \
                 the guard out of the PoisonError (unwrap_or_else(PoisonError::into_inner))",
                crate::support::panic_text(&*p)
            ),
        }
    });
}
