//! Episode 10, "What a message costs": a value handed to another process
//! over a pipe, against the same value handed to a thread over a channel;
//! then a job sent as its data against the same job sent as a description
//! (a seed and a count).
//!
//! The program starts a copy of itself as the child (`--child`), connected
//! by its stdin and stdout. Run it in release mode:
//!     cargo run --release -p listings --example ep10_message_cost
//! It prints two Markdown tables. Every figure is the median of 5 runs;
//! figures vary from run to run and from machine to machine.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::env;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Instant;

/// Each figure is the median of this many runs.
const RUNS: usize = 5;

// ANCHOR: frames
/// Writes one frame: the length of `bytes` as 4 bytes (little-endian), then
/// the bytes. A pipe is a stream of bytes; the length says where a message
/// ends.
fn write_frame(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(bytes)?;
    w.flush()
}

/// Reads one frame into `buf`; `Ok(false)` at a clean end of input.
fn read_frame(r: &mut impl Read, buf: &mut Vec<u8>) -> io::Result<bool> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(false),
        Err(e) => return Err(e),
    }
    buf.resize(u32::from_le_bytes(len) as usize, 0);
    r.read_exact(buf)?;
    Ok(true)
}
// ANCHOR_END: frames

// ANCHOR: jobs
/// A job for the child, as postcard bytes: either the samples themselves,
/// or how to make them.
#[derive(serde::Serialize, serde::Deserialize)]
enum Job {
    /// "Add up these numbers": the data travels.
    Samples(Vec<f64>),
    /// "Add up `count` numbers from the generator seeded with `seed`":
    /// 16 bytes of description travel, the data is made where it is used.
    Describe { seed: u64, count: u64 },
}

/// The numbers of a job, the same wherever they are made.
fn samples(seed: u64, count: u64) -> impl Iterator<Item = f64> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count).map(move |_| rng.random_range(0.0..1.0))
}
// ANCHOR_END: jobs

/// The child: answers every frame. Mode `b'e'`: an echo of one byte (the
/// payload is thrown away). Mode `b'j'`: the payload is a `Job`; the answer
/// is the sum, as 8 bytes.
fn child() -> io::Result<()> {
    let mut input = BufReader::new(io::stdin().lock());
    let mut output = BufWriter::new(io::stdout().lock());
    let mut buf = Vec::new();
    while read_frame(&mut input, &mut buf)? {
        match buf.split_first() {
            Some((b'e', _)) => write_frame(&mut output, b"k")?,
            Some((b'j', job)) => {
                let sum: f64 = match postcard::from_bytes(job).map_err(io::Error::other)? {
                    Job::Samples(v) => v.iter().sum(),
                    Job::Describe { seed, count } => samples(seed, count).sum(),
                };
                write_frame(&mut output, &sum.to_le_bytes())?;
            }
            _ => return Err(io::Error::other("unknown frame")),
        }
    }
    Ok(())
}

/// The parent's handle on the child.
struct Peer {
    child: Child,
    to: Option<BufWriter<ChildStdin>>,
    from: BufReader<ChildStdout>,
    answer: Vec<u8>,
}

impl Peer {
    fn start() -> Peer {
        let me = env::current_exe().expect("cannot find this program's file");
        let mut child = Command::new(me)
            .arg("--child")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("could not start the child");
        let to = Some(BufWriter::new(child.stdin.take().unwrap()));
        let from = BufReader::new(child.stdout.take().unwrap());
        Peer {
            child,
            to,
            from,
            answer: Vec::new(),
        }
    }

    /// Sends one frame and waits for the answer frame.
    fn round_trip(&mut self, frame: &[u8]) -> &[u8] {
        write_frame(self.to.as_mut().unwrap(), frame).expect("the child went away");
        assert!(read_frame(&mut self.from, &mut self.answer).expect("the child went away"));
        &self.answer
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        drop(self.to.take()); // end of input: the child's loop ends
        let _ = self.child.wait();
    }
}

/// The median of some timings, and their range.
struct Timing {
    median: f64,
    min: f64,
    max: f64,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let p = f.precision().unwrap_or(1);
        write!(f, "{:.p$} ({:.p$}–{:.p$})", self.median, self.min, self.max)
    }
}

fn median(mut v: Vec<f64>) -> Timing {
    v.sort_by(f64::total_cmp);
    Timing {
        median: v[v.len() / 2],
        min: v[0],
        max: v[v.len() - 1],
    }
}

/// The average time of one call to `f`, in microseconds, over `rounds`
/// calls: the median of `RUNS` runs, with their range.
fn micros(rounds: usize, mut f: impl FnMut()) -> Timing {
    for _ in 0..rounds {
        f(); // warm up: the first runs are slower (caches, the scheduler)
    }
    median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..rounds {
                    f();
                }
                start.elapsed().as_secs_f64() * 1e6 / rounds as f64
            })
            .collect(),
    )
}

fn main() -> ExitCode {
    if env::args().nth(1).as_deref() == Some("--child") {
        return match child() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("child: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let mut peer = Peer::start();
    println!("Each figure: the median of {RUNS} runs, and (in brackets) their range.\n");

    // ANCHOR: sizes
    // A thread that hands every buffer straight back: moving a Vec moves
    // its pointer, length and capacity (24 bytes), never its contents.
    let (to_thread, thread_in) = mpsc::channel::<Vec<u8>>();
    let (thread_out, from_thread) = mpsc::channel::<Vec<u8>>();
    let echo = thread::spawn(move || {
        for buf in thread_in {
            thread_out.send(buf).unwrap();
        }
    });

    println!("| message | process, over a pipe (µs) | thread, over a channel (µs) |");
    println!("| ---: | ---: | ---: |");
    for (label, size, rounds) in [
        ("8 B", 8, 2000),
        ("1 KiB", 1 << 10, 2000),
        ("64 KiB", 64 << 10, 300),
        ("1 MiB", 1 << 20, 40),
    ] {
        let mut frame = vec![7u8; size + 1];
        frame[0] = b'e';
        let process = micros(rounds, || assert_eq!(peer.round_trip(&frame), b"k"));
        let mut buf = Some(vec![7u8; size]);
        let thread = micros(rounds, || {
            to_thread.send(buf.take().unwrap()).unwrap();
            buf = Some(from_thread.recv().unwrap());
        });
        println!("| {label} | {process:.1} | {thread:.1} |");
    }
    drop(to_thread);
    echo.join().unwrap();
    // ANCHOR_END: sizes

    // ANCHOR: describe
    // One job, two ways: 131,072 numbers (1 MiB of f64) to add up.
    let (seed, count) = (2024, 1 << 17);
    let ask = |peer: &mut Peer, job: &Job| -> f64 {
        let mut frame = vec![b'j'];
        frame.extend(postcard::to_stdvec(job).unwrap());
        f64::from_le_bytes(peer.round_trip(&frame).try_into().unwrap())
    };
    let data = Job::Samples(samples(seed, count).collect());
    let description = Job::Describe { seed, count };
    // The same numbers either way, so the same sum, bit for bit.
    assert_eq!(
        ask(&mut peer, &data).to_bits(),
        ask(&mut peer, &description).to_bits()
    );

    let sent_data = micros(20, || {
        // The parent makes the numbers and sends them.
        let job = Job::Samples(samples(seed, count).collect());
        ask(&mut peer, &job);
    });
    let sent_description = micros(20, || {
        ask(&mut peer, &description);
    });
    println!();
    println!("| the job travels as | bytes sent | µs per job, median (range) |");
    println!("| --- | ---: | ---: |");
    for (what, job, t) in [
        ("its data", &data, sent_data),
        (
            "a description (seed, count)",
            &description,
            sent_description,
        ),
    ] {
        let bytes = postcard::to_stdvec(job).unwrap().len();
        println!("| {what} | {bytes} | {t:.0} |");
    }
    // ANCHOR_END: describe
    ExitCode::SUCCESS
}
