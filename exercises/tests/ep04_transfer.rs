//! Tests of exercise `ep04_transfer`: `cargo test -p exercises --test ep04_transfer`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep04_transfer);
#[path = "support/ep04.rs"]
mod support;

use crate::ep04_transfer::Bank;
use crate::support::{Gathering, Seen, spawn_with_tid, wait_until_blocked};
use course_check::check;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex, mpsc};
use std::thread;

fn balances(bank: &Bank, n: usize) -> Vec<u64> {
    (0..n).map(|a| bank.balance(a)).collect()
}

#[test]
fn moves_money_and_refuses_overdrafts() {
    check("ep04_transfer", || {
        let bank = Bank::new(&[100, 50, 0]);
        assert_eq!(balances(&bank, 3), [100, 50, 0], "the opening balances");
        assert!(bank.transfer(0, 2, 30), "0 -> 2 of 30 should succeed");
        assert_eq!(balances(&bank, 3), [70, 50, 30], "after 0 -> 2 of 30");
        assert!(
            !bank.transfer(1, 0, 51),
            "1 -> 0 of 51 should be refused: account 1 holds 50"
        );
        assert_eq!(
            balances(&bank, 3),
            [70, 50, 30],
            "a refused transfer should move nothing"
        );
        assert!(
            bank.transfer(1, 0, 50),
            "1 -> 0 of 50 should succeed: account 1 holds exactly 50"
        );
        assert_eq!(balances(&bank, 3), [120, 0, 30], "after 1 -> 0 of 50");
        assert_eq!(bank.total(), 150, "total should add up every account");
    });
}

#[test]
fn a_transfer_to_the_same_account_changes_nothing() {
    check("ep04_transfer", || {
        let bank = Bank::new(&[10, 20]);
        assert!(
            bank.transfer(1, 1, 5),
            "1 -> 1 of 5 should succeed (account 1 holds 20) and change nothing"
        );
        assert!(
            !bank.transfer(1, 1, 25),
            "1 -> 1 of 25 should be refused: account 1 holds 20"
        );
        assert_eq!(
            balances(&bank, 2),
            [10, 20],
            "a transfer to the same account should change nothing"
        );
    });
}

#[test]
fn opposite_transfers_at_once_do_not_deadlock() {
    check("ep04_transfer", || {
        // Both transfers lock their first account, then wait until both
        // hold one (or time is up): the moment a wrong order deadlocks.
        let both_hold_one = Arc::new(Gathering::new(2));
        let g = Arc::clone(&both_hold_one);
        let bank = Arc::new(Bank::with_hook(&[1000, 1000], move |_| g.arrive()));
        let start = Arc::new(Barrier::new(2));
        let handles: Vec<_> = [(0, 1), (1, 0)]
            .into_iter()
            .map(|(from, to)| {
                let (bank, start) = (Arc::clone(&bank), Arc::clone(&start));
                thread::spawn(move || {
                    start.wait();
                    for _ in 0..100 {
                        assert!(bank.transfer(from, to, 1));
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(
            balances(&bank, 2),
            [1000, 1000],
            "100 transfers each way of 1 should leave both accounts as they were"
        );
    });
}

#[test]
fn total_waits_for_a_transfer_without_deadlock() {
    check("ep04_transfer", || {
        // A transfer 0 -> 1 stops while it holds its first lock; total()
        // starts and must wait; then the transfer goes on. A total that
        // locks the accounts in another order than transfer holds account
        // 1 by then, and the two wait for each other.
        let (holding_tx, holding_rx) = mpsc::channel();
        let go = Arc::new(Mutex::new(()));
        let paused = go.lock().unwrap();
        let once = AtomicBool::new(false);
        let go_hook = Arc::clone(&go);
        let bank = Arc::new(Bank::with_hook(&[500, 300, 200], move |account| {
            if !once.swap(true, Ordering::SeqCst) {
                holding_tx.send(account).unwrap();
                drop(go_hook.lock().unwrap());
            }
        }));
        let b = Arc::clone(&bank);
        let transfer = thread::spawn(move || b.transfer(0, 1, 100));
        let first = holding_rx.recv().unwrap();
        assert_eq!(
            first, 0,
            "transfer(0, 1, ..) should lock account 0 first (the lower number), then call the hook with it"
        );
        let done = Arc::new(AtomicBool::new(false));
        let (b, d) = (Arc::clone(&bank), Arc::clone(&done));
        let (tid, total) = spawn_with_tid(move || {
            let t = b.total();
            d.store(true, Ordering::SeqCst);
            t
        });
        match wait_until_blocked(tid, || done.load(Ordering::SeqCst)) {
            Seen::Blocked => {}
            Seen::WentOn => panic!(
                "total() returned while a transfer held account 0's lock: it should lock every \
                 account before it reads any"
            ),
            Seen::Spinning => panic!("total() kept a core busy instead of waiting for the lock"),
        }
        drop(paused); // let the transfer go on
        assert!(
            transfer.join().unwrap(),
            "transfer 0 -> 1 of 100 should succeed"
        );
        assert_eq!(
            total.join().unwrap(),
            1000,
            "total should see all the money, never some in flight"
        );
        assert_eq!(balances(&bank, 3), [400, 400, 200], "after 0 -> 1 of 100");
    });
}

#[test]
fn many_transfers_keep_the_total() {
    check("ep04_transfer", || {
        let n = 4;
        let bank = Arc::new(Bank::new(&[250; 4]));
        let stop = Arc::new(AtomicBool::new(false));
        let (b, s) = (Arc::clone(&bank), Arc::clone(&stop));
        let auditor = thread::spawn(move || {
            let mut wrong = Vec::new();
            while !s.load(Ordering::SeqCst) {
                let t = b.total();
                if t != 1000 && wrong.len() < 3 {
                    wrong.push(t);
                }
            }
            wrong
        });
        let workers: Vec<_> = (0..4u64)
            .map(|w| {
                let bank = Arc::clone(&bank);
                thread::spawn(move || {
                    let mut x = 0x9E37_79B9_7F4A_7C15u64 ^ (w + 1);
                    for _ in 0..5000 {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        let (from, to) = ((x % n) as usize, ((x >> 8) % n) as usize);
                        bank.transfer(from, to, x >> 16 & 63);
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        stop.store(true, Ordering::SeqCst);
        let wrong = auditor.join().unwrap();
        assert!(
            wrong.is_empty(),
            "total() saw {wrong:?} while transfers ran; the money adds up to 1000 at every moment"
        );
        assert_eq!(
            bank.total(),
            1000,
            "transfers should never make or lose money"
        );
    });
}
