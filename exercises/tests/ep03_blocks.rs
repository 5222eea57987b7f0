//! Tests of exercise `ep03_blocks`: `cargo test -p exercises --test ep03_blocks`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).
//! The "output" is a `Mutex<Vec<u8>>` (or a writer of the test's own), not
//! the real stdout, so that the tests can read back what came out.

course_check::exercise!(ep03_blocks);
#[path = "support/ep03.rs"]
mod support;

use crate::ep03_blocks::write_block;
use crate::support::{Latch, Meeting, Seen, joined, spawn_with_tid, wait_until_blocked};
use course_check::check;
use std::io::{self, Write};
use std::panic;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;

fn text(out: &Mutex<Vec<u8>>) -> String {
    String::from_utf8(out.lock().unwrap_or_else(|e| e.into_inner()).clone())
        .expect("the output should be UTF-8")
}

#[test]
fn a_block_is_its_lines_in_order() {
    check("ep03_blocks", || {
        let out = Mutex::new(Vec::new());
        write_block(&out, ["alpha", "beta"]).expect("writing to a Vec cannot fail");
        assert_eq!(
            text(&out),
            "alpha\nbeta\n",
            "write_block(out, [\"alpha\", \"beta\"]) should write each line followed by a newline"
        );
        write_block(&out, Vec::<String>::new()).unwrap();
        write_block(&out, 1..=3).unwrap();
        assert_eq!(
            text(&out),
            "alpha\nbeta\n1\n2\n3\n",
            "an empty block writes nothing; write_block(out, 1..=3) writes 1, 2 and 3, one per line"
        );
    });
}

#[test]
fn no_line_comes_between_the_lines_of_a_block() {
    check("ep03_blocks", || {
        let out = Arc::new(Mutex::new(Vec::new()));
        // Thread A writes A1, A2, A3. Its lines are made one at a time, as
        // write_block asks for them; making A2 waits until the test says so.
        let (making_a2_tx, making_a2_rx) = mpsc::channel();
        let release = Arc::new(Latch::default());
        let a = {
            let (out, release) = (Arc::clone(&out), Arc::clone(&release));
            thread::spawn(move || {
                let lines = (1..=3).map(move |i| {
                    if i == 2 {
                        making_a2_tx.send(()).unwrap();
                        release.wait();
                    }
                    format!("A{i}")
                });
                write_block(&out, lines)
            })
        };
        if making_a2_rx.recv().is_err() {
            let _ = joined(a);
            panic!("write_block should ask for every line of its block, A2 included");
        }
        // A is in the middle of its block. Thread B writes a block now.
        let b_done = Arc::new(AtomicBool::new(false));
        let (tid, b) = {
            let (out, done) = (Arc::clone(&out), Arc::clone(&b_done));
            spawn_with_tid(move || {
                let r = write_block(&out, ["B1", "B2"]);
                done.store(true, Ordering::SeqCst);
                r
            })
        };
        let seen = wait_until_blocked(tid, || b_done.load(Ordering::SeqCst) || b.is_finished());
        release.open();
        let (a, b) = (joined(a), joined(b));
        assert!(a.is_ok() && b.is_ok(), "writing to a Vec cannot fail");
        if seen == Seen::Spinning {
            panic!("thread B kept a core busy while it waited: wait on the lock");
        }
        let got = text(&out);
        assert!(
            got == "A1\nA2\nA3\nB1\nB2\n" || got == "B1\nB2\nA1\nA2\nA3\n",
            "thread A's block (A1, A2, A3) and thread B's (B1, B2) should each come out whole; \
             B started while A was making its line A2, and the output was\n{got}\
             Hold the lock for the whole block: take it once, before the loop"
        );
    });
}

#[test]
fn blocks_from_many_threads_stay_whole() {
    check("ep03_blocks", || {
        let out = Mutex::new(Vec::new());
        let meeting = Meeting::new(4);
        thread::scope(|s| {
            let writers: Vec<_> = (0..4)
                .map(|t| {
                    let (out, meeting) = (&out, &meeting);
                    s.spawn(move || {
                        meeting.arrive();
                        for b in 0..100 {
                            let block = (0..3).map(|l| format!("thread {t} block {b} line {l}"));
                            write_block(out, block).unwrap();
                        }
                    })
                })
                .collect();
            writers
                .into_iter()
                .for_each(|h| h.join().unwrap_or_else(|p| panic::resume_unwind(p)));
        });
        let got = text(&out);
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(
            lines.len(),
            1200,
            "4 threads x 100 blocks x 3 lines should give 1200 lines"
        );
        for block in lines.chunks(3) {
            let head = block[0].rsplit_once(" line ").map(|(h, _)| h);
            let whole = (0..3).all(|l| head.is_some_and(|h| block[l] == format!("{h} line {l}")));
            assert!(
                whole,
                "a block of three lines was broken up by another thread's lines:\n{}",
                block.join("\n")
            );
        }
    });
}

/// A writer that refuses any write holding the letter X.
struct RefusesX(Vec<u8>);

impl Write for RefusesX {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.contains(&b'X') {
            return Err(io::Error::other("no X here"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_write_error_is_returned() {
    check("ep03_blocks", || {
        let out = Mutex::new(RefusesX(Vec::new()));
        let r = write_block(&out, ["fine", "an X", "after"]);
        match r {
            Err(e) => assert_eq!(
                e.to_string(),
                "no X here",
                "write_block should return the writer's own error"
            ),
            Ok(()) => panic!(
                "the writer refused the line \"an X\", but write_block returned Ok(()): \
                 pass each write's error on with `?`"
            ),
        }
        assert!(
            !out.is_poisoned(),
            "a write error is an Err to return, not a panic (a panic while holding the lock \
             poisons it)"
        );
        write_block(&out, ["next"]).expect("the writer takes lines without an X");
        let written = String::from_utf8(out.lock().unwrap().0.clone()).unwrap();
        assert!(
            written.starts_with("fine\n") && written.ends_with("next\n"),
            "the lines before the error and the next block should be written; got {written:?}"
        );
    });
}

#[test]
fn a_poisoned_lock_does_not_stop_the_output() {
    check("ep03_blocks", || {
        let out = Mutex::new(Vec::new());
        let hook = panic::take_hook();
        panic::set_hook(Box::new(|_| {})); // the panic below is expected: keep it quiet
        thread::scope(|s| {
            let crashed = s
                .spawn(|| {
                    let mut o = out.lock().unwrap();
                    o.extend_from_slice(b"half a line, then ");
                    panic!("a writer crashed while holding the lock");
                })
                .join();
            assert!(crashed.is_err());
        });
        panic::set_hook(hook);
        assert!(
            out.is_poisoned(),
            "the test's own thread should have poisoned the lock"
        );
        let r = panic::catch_unwind(panic::AssertUnwindSafe(|| {
            write_block(&out, ["still here"])
        }));
        match r {
            Ok(Ok(())) => {}
            Ok(Err(e)) => panic!("write_block returned an error: {e}"),
            Err(p) => panic!(
                "write_block panicked on a lock poisoned by another thread's panic: {:?}. Like \
                 stdout, the output should stay usable: take the guard out of the PoisonError \
                 (unwrap_or_else(PoisonError::into_inner))",
                crate::support::panic_text(&*p)
            ),
        }
        assert!(
            text(&out).ends_with("still here\n"),
            "the block should be written after the crash; the output is {:?}",
            text(&out)
        );
    });
}
