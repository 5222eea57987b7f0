//! What the machinery costs: starting a thread or a process, a message over
//! a channel or a pipe, and handing out π's chunks through a queue.

use crate::measure::{Plan, Stats, time};
use crossbeam_channel as channel;
use perf::pi::Step;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;

/// Start and join one thread that does nothing; `batch` of them per run.
pub fn thread_start(plan: Plan, batch: usize) -> Stats {
    let (stats, _) = time(plan, || {
        for i in 0..batch {
            thread::spawn(move || std::hint::black_box(i))
                .join()
                .unwrap();
        }
    });
    stats.per(batch as f64)
}

/// Start `program args` with no input or output and wait for it;
/// `batch` per run. None when the program cannot be started.
pub fn process_start(plan: Plan, batch: usize, program: &Path, args: &[&str]) -> Option<Stats> {
    let run = || {
        Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()
            .filter(|s| s.success())
    };
    run()?;
    let (stats, _) = time(plan, || {
        for _ in 0..batch {
            run().expect("the program stopped starting");
        }
    });
    Some(stats.per(batch as f64))
}

/// A message of `size` bytes to a thread that sends it straight back, over
/// std's channels; the time of one round trip. The Vec moves: only its
/// pointer, length and capacity travel, whatever its size.
pub fn channel_round_trip(plan: Plan, batch: usize, size: usize) -> Stats {
    let (to_echo, echo_in) = mpsc::channel::<Vec<u8>>();
    let (echo_out, back) = mpsc::channel::<Vec<u8>>();
    let echo = thread::spawn(move || {
        for m in echo_in {
            if echo_out.send(m).is_err() {
                break;
            }
        }
    });
    let mut msg = Some(vec![7u8; size]);
    let (stats, _) = time(plan, || {
        for _ in 0..batch {
            to_echo.send(msg.take().unwrap()).unwrap();
            msg = Some(back.recv().unwrap());
        }
    });
    drop(to_echo);
    echo.join().unwrap();
    stats.per(batch as f64)
}

/// The echo child: reads messages framed as an 8-byte little-endian length
/// then the bytes, and writes each back the same way, until its input ends.
pub fn echo_child() -> io::Result<()> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut input = stdin.lock();
    let mut output = stdout.lock();
    let mut buf = Vec::new();
    loop {
        let mut len = [0u8; 8];
        match input.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        }
        buf.resize(u64::from_le_bytes(len) as usize, 0);
        input.read_exact(&mut buf)?;
        output.write_all(&len)?;
        output.write_all(&buf)?;
        output.flush()?;
    }
}

/// A message of `size` bytes to a child process (`program --child echo`)
/// that writes it back, over two pipes; the time of one round trip. The
/// bytes are copied into the kernel and out again, each way.
pub fn pipe_round_trip(plan: Plan, batch: usize, size: usize, program: &Path) -> io::Result<Stats> {
    let mut child = Command::new(program)
        .args(["--child", "echo"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let mut to_child = child.stdin.take().unwrap();
    let mut from_child = child.stdout.take().unwrap();
    let msg = vec![7u8; size];
    let mut reply = vec![0u8; size];
    let mut one = |to: &mut std::process::ChildStdin,
                   from: &mut std::process::ChildStdout|
     -> io::Result<()> {
        to.write_all(&(size as u64).to_le_bytes())?;
        to.write_all(&msg)?;
        let mut len = [0u8; 8];
        from.read_exact(&mut len)?;
        from.read_exact(&mut reply)?;
        Ok(())
    };
    let (stats, result) = time(plan, || {
        for _ in 0..batch {
            one(&mut to_child, &mut from_child)?;
        }
        Ok::<(), io::Error>(())
    });
    drop(to_child);
    let status = child.wait()?;
    result?;
    if !status.success() {
        return Err(io::Error::other(format!(
            "the echo child ended with {status}"
        )));
    }
    Ok(stats.per(batch as f64))
}

/// π through a queue: `chunks` chunks of `chunk` samples, sent `batch` chunk
/// indices per message over a crossbeam channel to `threads` workers, which
/// send back one count per message. Returns the number of hits.
pub fn queue_pi(
    step: &Step,
    seed: u64,
    chunk: u64,
    chunks: u64,
    batch: u64,
    threads: usize,
) -> u64 {
    let (work_tx, work_rx) = channel::unbounded::<(u64, u64)>();
    let (done_tx, done_rx) = channel::unbounded::<u64>();
    thread::scope(|s| {
        for _ in 0..threads {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            s.spawn(move || {
                for (first, end) in work_rx {
                    let hits = (first..end).map(|c| (step.hits)(seed, c, chunk)).sum();
                    done_tx.send(hits).unwrap();
                }
            });
        }
        drop(done_tx);
        let mut first = 0;
        while first < chunks {
            let end = (first + batch).min(chunks);
            work_tx.send((first, end)).unwrap();
            first = end;
        }
        drop(work_tx);
        done_rx.iter().sum()
    })
}
