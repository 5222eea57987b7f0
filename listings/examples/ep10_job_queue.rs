//! Episode 10, "One queue, several worker processes": the counterpart of a
//! `multiprocessing.Queue` read by several worker processes. The queue lives
//! in the parent (a crossbeam channel); one thread per worker takes the next
//! job from it as soon as its worker is free, sends the job over the
//! worker's socket (one JSON line), and reads the answer back.
//!     cargo run --release -p listings --example ep10_job_queue

use crossbeam::channel;
use serde::{Deserialize, Serialize};
use std::env;
use std::io::{self, BufRead, BufReader, Write};
use std::net::Shutdown;
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::process::{Command, ExitCode, Stdio};
use std::thread;

// ANCHOR: messages
/// A job: count the points inside the circle among `points` points drawn by
/// the generator seeded with `seed`.
#[derive(Serialize, Deserialize, Debug, Clone, Copy)]
struct Job {
    id: usize,
    seed: u64,
    points: u64,
}

/// A worker's answer, with its process id so we can see who did what.
#[derive(Serialize, Deserialize, Debug)]
struct Answer {
    id: usize,
    hits: u64,
    pid: u32,
}
// ANCHOR_END: messages

fn hits(seed: u64, points: u64) -> u64 {
    use rand::rngs::StdRng;
    use rand::{RngExt, SeedableRng};
    let mut rng = StdRng::seed_from_u64(seed);
    (0..points)
        .filter(|_| {
            let (x, y): (f64, f64) = (rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0));
            x * x + y * y < 1.0
        })
        .count() as u64
}

// ANCHOR: worker
/// A worker: one JSON line in, one JSON line out, until the input ends.
fn worker() -> io::Result<()> {
    let mut out = io::stdout().lock();
    for line in io::stdin().lock().lines() {
        let job: Job = serde_json::from_str(&line?).map_err(io::Error::other)?;
        let answer = Answer {
            id: job.id,
            hits: hits(job.seed, job.points),
            pid: std::process::id(),
        };
        serde_json::to_writer(&mut out, &answer).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
        out.flush()?; // the parent is waiting for this line
    }
    Ok(())
}
// ANCHOR_END: worker

// ANCHOR: feeder
/// Starts one worker process on a socket pair and, on this thread, feeds it
/// jobs from the shared queue, one at a time, until the queue is closed and
/// empty. Every answer goes to `answers`.
fn feed(jobs: channel::Receiver<Job>, answers: channel::Sender<Answer>) -> io::Result<()> {
    let (mine, theirs) = UnixStream::pair()?;
    let mut child = Command::new(env::current_exe()?)
        .arg("--worker")
        // The child's end of the socket is both its stdin and its stdout.
        .stdin(Stdio::from(OwnedFd::from(theirs.try_clone()?)))
        .stdout(Stdio::from(OwnedFd::from(theirs)))
        .spawn()?;
    // The Command, and with it our copies of the child's end, are gone now.
    let mut reader = BufReader::new(mine.try_clone()?);
    let mut writer = &mine;
    let result = (|| {
        for job in jobs {
            // This worker is free: it takes the next job, whoever else waits.
            serde_json::to_writer(&mut writer, &job).map_err(io::Error::other)?;
            writer.write_all(b"\n")?;
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Err(io::Error::other(format!(
                    "worker died during job {}",
                    job.id
                )));
            }
            let answer: Answer = serde_json::from_str(&line).map_err(io::Error::other)?;
            answers.send(answer).expect("the parent stopped listening");
        }
        Ok(())
    })();
    mine.shutdown(Shutdown::Write)?; // end of input: the worker's loop ends
    child.wait()?; // and it is reaped, on the error path too
    result
}
// ANCHOR_END: feeder

fn main() -> ExitCode {
    if env::args().nth(1).as_deref() == Some("--worker") {
        return match worker() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("worker: {e}");
                ExitCode::FAILURE
            }
        };
    }
    // ANCHOR: parent
    let workers = 3;
    // Jobs of very different sizes: job i has (i % 4 + 1) * 100,000 points.
    let jobs: Vec<Job> = (0..24)
        .map(|id| Job {
            id,
            seed: id as u64,
            points: (id as u64 % 4 + 1) * 100_000,
        })
        .collect();
    let (job_tx, job_rx) = channel::unbounded();
    let (answer_tx, answer_rx) = channel::unbounded();
    for job in &jobs {
        job_tx.send(*job).unwrap();
    }
    drop(job_tx); // no more jobs: each feeder stops when the queue is empty

    let feeders: Vec<_> = (0..workers)
        .map(|_| {
            let (jobs, answers) = (job_rx.clone(), answer_tx.clone());
            thread::spawn(move || feed(jobs, answers))
        })
        .collect();
    drop(answer_tx); // only the feeders hold senders now

    let mut by_id: Vec<Option<Answer>> = (0..jobs.len()).map(|_| None).collect();
    for answer in answer_rx {
        let id = answer.id;
        assert!(
            by_id[id].replace(answer).is_none(),
            "job {id} answered twice"
        );
    }
    for f in feeders {
        f.join().unwrap().expect("a worker failed");
    }
    // ANCHOR_END: parent

    let answers: Vec<Answer> = by_id
        .into_iter()
        .map(|a| a.expect("a job was lost"))
        .collect();
    let mut pids: Vec<u32> = answers.iter().map(|a| a.pid).collect();
    pids.sort();
    pids.dedup();
    for pid in &pids {
        let mine: Vec<&Answer> = answers.iter().filter(|a| a.pid == *pid).collect();
        let points: u64 = mine.iter().map(|a| jobs[a.id].points).sum();
        println!("worker pid {pid}: {} jobs, {points} points", mine.len());
    }
    let inside: u64 = answers.iter().map(|a| a.hits).sum();
    let total: u64 = jobs.iter().map(|j| j.points).sum();
    // The same count whichever worker took which job.
    let expected: u64 = jobs.iter().map(|j| hits(j.seed, j.points)).sum();
    assert_eq!(inside, expected);
    println!(
        "π ≈ {:.5} from {total} points",
        4.0 * inside as f64 / total as f64
    );
    ExitCode::SUCCESS
}
