//! A pool of worker processes, the Rust counterpart of Python's
//! `ProcessPoolExecutor`: the program starts copies of itself as workers,
//! sends them jobs as lines on their stdin and reads answers from their
//! stdout. Here each job is a chunk of the Monte Carlo estimate of pi.
//! Run: cargo run -p listings --example ep06_process_pool

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::env;
use std::io::{self, BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// How many of `points` random points in the square [-1, 1]² fall inside
/// the unit circle. Seeded, so a chunk gives the same answer wherever it runs.
fn hits(seed: u64, points: u64) -> u64 {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut inside = 0;
    for _ in 0..points {
        let x: f64 = rng.random_range(-1.0..1.0);
        let y: f64 = rng.random_range(-1.0..1.0);
        if x * x + y * y < 1.0 {
            inside += 1;
        }
    }
    inside
}

// ANCHOR: worker
/// The worker's whole life: one job per line in ("seed points"), one
/// answer per line out, until stdin reaches its end.
fn worker_main() -> io::Result<()> {
    let mut out = io::stdout().lock();
    for line in io::stdin().lock().lines() {
        let line = line?;
        let mut fields = line.split_whitespace().map(|f| f.parse::<u64>());
        let (Some(Ok(seed)), Some(Ok(points))) = (fields.next(), fields.next()) else {
            return Err(io::Error::new(io::ErrorKind::InvalidData, line));
        };
        writeln!(out, "{}", hits(seed, points))?;
        out.flush()?; // the parent is waiting for this line
    }
    Ok(()) // end of input: the parent has closed our stdin
}
// ANCHOR_END: worker

// ANCHOR: pool
struct Worker {
    child: Child,
    stdin: Option<ChildStdin>, // None once closed
    stdout: BufReader<ChildStdout>,
}

struct ProcessPool {
    workers: Vec<Worker>,
}

impl ProcessPool {
    /// Starts `n` copies of this very program, in worker mode.
    fn new(n: usize) -> io::Result<ProcessPool> {
        let me = env::current_exe()?;
        let mut pool = ProcessPool {
            workers: Vec::new(),
        };
        for _ in 0..n {
            let mut child = Command::new(&me)
                .arg("--worker")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()?;
            let stdin = child.stdin.take();
            let stdout = BufReader::new(child.stdout.take().unwrap());
            pool.workers.push(Worker {
                child,
                stdin,
                stdout,
            });
        }
        Ok(pool)
    }

    /// Job i goes to worker i % n, a round at a time; answers in job order.
    fn map(&mut self, jobs: &[String]) -> io::Result<Vec<String>> {
        let mut answers = Vec::new();
        for round in jobs.chunks(self.workers.len()) {
            for (w, job) in self.workers.iter_mut().zip(round) {
                writeln!(w.stdin.as_mut().unwrap(), "{job}")?; // all children start...
            }
            for w in self.workers.iter_mut().take(round.len()) {
                let mut answer = String::new();
                // ...then we collect their answers, in order.
                if w.stdout.read_line(&mut answer)? == 0 {
                    return Err(io::ErrorKind::UnexpectedEof.into()); // the child died
                }
                answers.push(answer.trim().to_string());
            }
        }
        Ok(answers)
    }
}

impl Drop for ProcessPool {
    fn drop(&mut self) {
        for w in &mut self.workers {
            drop(w.stdin.take()); // end of input: each child's loop ends
        }
        for w in &mut self.workers {
            let _ = w.child.wait(); // and we collect its exit status
        }
    }
}
// ANCHOR_END: pool

// ANCHOR: main
fn main() -> io::Result<()> {
    // The same program is parent and worker, like a Python module run by
    // ProcessPoolExecutor: this check plays the part of
    // `if __name__ == "__main__":`.
    if env::args().nth(1).as_deref() == Some("--worker") {
        return worker_main();
    }
    let (chunks, per_chunk) = (8u64, 50_000u64);
    let jobs: Vec<String> = (0..chunks)
        .map(|seed| format!("{seed} {per_chunk}"))
        .collect();
    let mut pool = ProcessPool::new(2)?;
    let answers = pool.map(&jobs)?;
    let inside: u64 = answers.iter().map(|a| a.parse::<u64>().unwrap()).sum();
    println!(
        "pi is about {}",
        4.0 * inside as f64 / (chunks * per_chunk) as f64
    );
    Ok(())
} // `pool` is dropped here: stdins closed, both children waited for
// ANCHOR_END: main
