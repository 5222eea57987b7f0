//! `cargo xtask bench`: times the course's workloads on this machine and
//! writes what it found as tables (Markdown), JSON and SVG plots.
//!
//! - π, each step of `perf::pi::STEPS`, and the integral of x² on [0, 10]
//!   (episode 8), on 1, 2, ... up to the cores this program may use and on
//!   twice that: time, throughput, speed-up, efficiency, CPU time / wall time;
//! - the cost of starting a thread and a process, of a message over a
//!   channel and over a pipe, and of π handed out through a queue;
//! - optionally a copy built with `-C target-cpu=native`;
//! - the course's Python versions of the lesson's π, when Python is there.
//!
//! Every figure is the median of several timed runs after untimed warm-up
//! runs, with the fastest and slowest run as its spread.

mod costs;
mod integral;
mod machine;
mod measure;
mod plot;
mod python;
mod report;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use machine::Machine;
use measure::{Plan, time};
use perf::pi::{STEPS, Step, count_hits};
use report::*;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "cargo xtask bench",
    bin_name = "cargo xtask bench",
    about = "Time π, the integral, threads, processes, messages and Python on this machine; write tables, JSON and SVG plots."
)]
struct Args {
    /// Tiny sizes: the whole run takes seconds. It checks that the command
    /// works; its figures mean little.
    #[arg(long)]
    quick: bool,
    /// Where to write results.json, the tables (*.md) and the plots (*.svg)
    /// [default: target/bench]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write the tables to src/bench/ and the plots to src/fig/bench/,
    /// where the book includes them.
    #[arg(long)]
    book: bool,
    /// Also build a copy with RUSTFLAGS="-C target-cpu=native" (in
    /// target/bench-native) and time its π steps [default: on, except
    /// with --quick].
    #[arg(long, conflicts_with = "no_native")]
    native: bool,
    /// Skip the target-cpu=native copy.
    #[arg(long)]
    no_native: bool,
    /// The Python interpreter for the side-by-side runs.
    #[arg(long, default_value = "python3")]
    python: String,
    /// Skip the Python versions.
    #[arg(long)]
    no_python: bool,
    /// Internal: run as a helper process (echo, exit, native).
    #[arg(long, hide = true)]
    child: Option<String>,
}

/// π and the integral are cut into this many chunks, whatever the threads.
const CHUNKS: u64 = 64;
const SEED: u64 = 2024;

/// The workspace root (bench/..).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Sizes and repetitions of a run.
struct Sizes {
    quick: bool,
    plan: Plan,
    /// One thread should take about this long on a workload (full runs).
    target_secs: f64,
}

impl Sizes {
    fn new(quick: bool) -> Sizes {
        if quick {
            Sizes {
                quick,
                plan: Plan { warmup: 1, runs: 3 },
                target_secs: 0.0,
            }
        } else {
            Sizes {
                quick,
                plan: Plan { warmup: 1, runs: 5 },
                target_secs: 0.3,
            }
        }
    }

    /// A problem size for which `run(n)` on one thread takes about
    /// `target_secs`, rounded to 1, 2 or 5 times a power of ten.
    fn calibrate(&self, quick_n: u64, run: impl Fn(u64)) -> u64 {
        if self.quick {
            return quick_n;
        }
        let mut n = 1u64 << 16;
        loop {
            let t0 = Instant::now();
            run(n);
            let t = t0.elapsed().as_secs_f64();
            if t > 0.05 || n > 1 << 40 {
                return nice(n as f64 * self.target_secs / t);
            }
            n *= 8;
        }
    }
}

fn nice(x: f64) -> u64 {
    let p = 10f64.powf(x.log10().floor());
    let m = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .rev()
        .find(|m| m * p <= x)
        .unwrap_or(1.0);
    ((m * p) as u64).max(CHUNKS)
}

/// 1, 2, ... cores, then 2 × cores (oversubscribed).
fn thread_counts(cores: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (1..=cores).collect();
    v.push(2 * cores);
    v
}

/// Times `run(threads)` for every thread count, the thread counts
/// interleaved round by round; speed-up over 1 thread.
fn sweep(
    sizes: &Sizes,
    counts: &[usize],
    items: u64,
    pb: &ProgressBar,
    what: &str,
    run: impl Fn(usize) -> u64,
) -> (Vec<Row>, u64) {
    pb.set_message(format!("{what}, {counts:?} threads, interleaved"));
    let results = measure::time_interleaved(sizes.plan, counts, &run, || {});
    let answers: Vec<u64> = results.iter().map(|(_, r)| *r).collect();
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "{what}: the answer changed with the thread count: {answers:?}"
    );
    let base = results[0].0.median;
    let rows = counts
        .iter()
        .zip(results)
        .map(|(&t, (stats, _))| Row::new(t, items, stats, base))
        .collect();
    pb.inc(counts.len() as u64);
    (rows, answers[0])
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(role) = &args.child {
        return child(role, args.quick);
    }
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The helper processes: `echo` (pipe round trips), `exit` (process start),
/// `native` (the π steps, when this is the target-cpu=native copy).
fn child(role: &str, quick: bool) -> ExitCode {
    match role {
        "exit" => ExitCode::SUCCESS,
        "echo" => match costs::echo_child() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE,
        },
        "native" => {
            let sizes = Sizes::new(quick);
            let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
            let results: Vec<NativeRow> = STEPS
                .iter()
                .map(|s| time_step_all_cores(&sizes, s, cores))
                .collect();
            println!("{}", serde_json::to_string(&results).unwrap());
            ExitCode::SUCCESS
        }
        _ => ExitCode::FAILURE,
    }
}

fn pi_n(sizes: &Sizes, step: &Step) -> u64 {
    sizes.calibrate(20_000, |n| {
        std::hint::black_box(count_hits(step, n, CHUNKS, 1, SEED));
    })
}

fn time_step_all_cores(sizes: &Sizes, step: &Step, cores: usize) -> NativeRow {
    let n = pi_n(sizes, step);
    let (stats, _) = time(sizes.plan, || count_hits(step, n, CHUNKS, cores, SEED));
    NativeRow {
        step: step.name.into(),
        n,
        threads: cores,
        samples_per_s: n as f64 / stats.median,
        stats,
    }
}

/// The command line that remakes these results.
fn command_line(args: &Args) -> String {
    let mut c = String::from("cargo xtask bench");
    if args.quick {
        c += " --quick";
    }
    if args.book {
        c += " --book";
    }
    if let Some(out) = &args.out {
        c += &format!(" --out {}", out.display());
    }
    if args.native {
        c += " --native";
    }
    if args.no_native {
        c += " --no-native";
    }
    if args.no_python {
        c += " --no-python";
    } else if args.python != "python3" {
        c += &format!(" --python {}", args.python);
    }
    c
}

fn run(args: Args) -> Result<(), String> {
    let started = Instant::now();
    let root = root();
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| root.join("target/bench"));
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let machine = Machine::detect();
    let command = command_line(&args);
    let sizes = Sizes::new(args.quick);
    let cores = machine.cores;
    let counts = thread_counts(cores);
    let native_on = args.native || (!args.quick && !args.no_native);
    let python_version = if args.no_python {
        None
    } else {
        python::version(&args.python)
    };
    let self_exe = std::env::current_exe().map_err(|e| e.to_string())?;

    if args.quick && args.book {
        eprintln!(
            "note: --quick --book puts the figures of tiny runs into the book; the book wants a full run"
        );
    }
    println!("Measuring on {}", machine.line());
    println!("SIMD flags: {}", machine.flags_line());
    println!("Command: {command}\n");

    let py_ways = if python_version.is_some() {
        python::WAYS.len() as u64
    } else {
        0
    };
    let total = (STEPS.len() as u64 + 1) * counts.len() as u64
        + 12
        + 7
        + py_ways
        + 1
        + u64::from(native_on);
    let pb = ProgressBar::new(total);
    pb.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} {msg}")
            .unwrap()
            .progress_chars("=> "),
    );

    // π: every step, every thread count.
    let mut pi = Vec::new();
    for step in STEPS {
        pb.set_message(format!("π {}: choosing N", step.name));
        let n = pi_n(&sizes, step);
        let (rows, hits) = sweep(&sizes, &counts, n, &pb, &format!("π {}", step.name), |t| {
            count_hits(step, n, CHUNKS, t, SEED)
        });
        let p = amdahl_fit(&rows, cores);
        pi.push(PiStep {
            step: step.name.into(),
            summary: step.summary.into(),
            n,
            pi: 4.0 * hits as f64 / n as f64,
            amdahl_p: p,
            rows,
        });
    }
    let all = |s: &PiStep| s.at(cores).map_or(0.0, |r| r.per_s);
    let fastest = pi
        .iter()
        .enumerate()
        .max_by(|a, b| all(a.1).total_cmp(&all(b.1)))
        .map(|(i, _)| i)
        .unwrap_or(0);

    // The integral of x² on [0, 10].
    pb.set_message("integral: choosing N");
    let n_int = sizes.calibrate(100_000, |n| {
        std::hint::black_box(integral::integrate(0.0, 10.0, n, CHUNKS, 1));
    });
    let (irows, bits) = sweep(&sizes, &counts, n_int, &pb, "integral of x²", |t| {
        integral::integrate(0.0, 10.0, n_int, CHUNKS, t).to_bits()
    });
    let integral = Integral {
        n: n_int,
        value: f64::from_bits(bits),
        amdahl_p: amdahl_fit(&irows, cores),
        rows: irows,
    };

    // What the machinery costs.
    let costs = measure_costs(&sizes, &self_exe, &pb)?;

    // π through a queue, per batch size, with the fastest step.
    let queue = measure_queue(&sizes, &STEPS[fastest], cores, &pb);

    // The target-cpu=native copy.
    let native = if native_on {
        pb.set_message(
            "building the target-cpu=native copy (cargo build --release, target/bench-native)",
        );
        let r = native_run(&root, args.quick);
        pb.inc(1);
        r
    } else {
        Err(if args.quick {
            "skipped with --quick (add --native)".into()
        } else {
            "skipped (--no-native)".into()
        })
    };

    // Python beside Rust.
    let py = if let Some(version) = &python_version {
        Some(measure_python(
            &sizes,
            &args.python,
            version,
            &out,
            &STEPS[fastest],
            cores,
            &pb,
        )?)
    } else {
        pb.inc(1);
        None
    };
    let python_note = if args.no_python {
        "skipped (--no-python)".to_string()
    } else if python_version.is_none() {
        format!(
            "`{}` was not found, so the Python versions did not run",
            args.python
        )
    } else {
        String::new()
    };
    pb.finish_and_clear();

    let results = Results {
        machine: machine.clone(),
        command: command.clone(),
        quick: args.quick,
        plan_warmup: sizes.plan.warmup,
        plan_runs: sizes.plan.runs,
        chunks: CHUNKS,
        threads: counts.clone(),
        fastest_step: pi[fastest].step.clone(),
        pi,
        integral,
        costs,
        queue,
        native: native.as_ref().ok().cloned(),
        native_note: native.as_ref().err().cloned().unwrap_or_default(),
        python: py,
        python_note,
        seconds: 0.0,
    };
    let tables = Tables::new(&results);
    for (_, text) in tables.files() {
        println!("{text}");
    }
    if let Some(py) = &results.python {
        for (label, goal) in [
            ("Python loop, multiprocessing.Pool", 400.0),
            ("numba nogil, threads", 15.0),
        ] {
            match py.ratio(label) {
                Some(x) => println!(
                    "Rust's fastest step on {cores} threads is {x:.0}× faster than {label} (the course aims at ≥ {goal}×)."
                ),
                None => println!("{label}: not measured."),
            }
        }
        println!();
    }
    let mut results = results;
    results.seconds = started.elapsed().as_secs_f64();
    let plots = plots(&results).map_err(|e| format!("cannot draw the plots: {e}"))?;

    let write = |path: &Path, text: &str| -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let json = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
    write(&out.join("results.json"), &(json + "\n"))?;
    for (name, text) in tables.files() {
        write(&out.join(name), &text)?;
        if args.book {
            write(&root.join("src/bench").join(name), &text)?;
        }
    }
    for (name, svg) in &plots {
        write(&out.join(name), svg)?;
        if args.book {
            write(&root.join("src/fig/bench").join(name), svg)?;
        }
    }
    println!(
        "Wrote results.json, {} tables and {} plots to {}{} in {:.1} s.",
        tables.files().len(),
        plots.len(),
        out.display(),
        if args.book {
            ", and the book's copies to src/bench/ and src/fig/bench/"
        } else {
            ""
        },
        results.seconds
    );
    Ok(())
}

fn measure_costs(sizes: &Sizes, self_exe: &Path, pb: &ProgressBar) -> Result<Vec<Cost>, String> {
    let q = sizes.quick;
    let plan = if q {
        Plan { warmup: 1, runs: 3 }
    } else {
        Plan {
            warmup: 1,
            runs: 11,
        }
    };
    let mut costs = Vec::new();
    pb.set_message("costs: starting threads");
    costs.push(Cost::new(
        "start and join a thread",
        None,
        costs::thread_start(plan, if q { 20 } else { 500 }),
    ));
    pb.inc(1);
    pb.set_message("costs: starting processes");
    let batch = if q { 3 } else { 40 };
    for (what, program, args) in [
        (
            "start `/bin/true` and wait for it",
            Path::new("/bin/true"),
            &[][..],
        ),
        (
            "start this program (it exits at once) and wait",
            self_exe,
            &["--child", "exit"][..],
        ),
    ] {
        if let Some(s) = costs::process_start(plan, batch, program, args) {
            costs.push(Cost::new(what, None, s));
        }
        pb.inc(1);
    }
    for size in [8usize, 1 << 10, 64 << 10, 1 << 20] {
        pb.set_message(format!("costs: messages of {}", bytes(size)));
        let batch = if q {
            50
        } else if size >= 1 << 20 {
            200
        } else {
            2000
        };
        costs.push(Cost::new(
            "channel round trip (std mpsc, a thread echoes)",
            Some(size),
            costs::channel_round_trip(plan, batch, size),
        ));
        pb.inc(1);
        let batch = if q {
            10
        } else if size >= 1 << 20 {
            40
        } else {
            400
        };
        let s = costs::pipe_round_trip(plan, batch, size, self_exe)
            .map_err(|e| format!("pipe round trip: {e}"))?;
        costs.push(Cost::new(
            "pipe round trip (a child process echoes)",
            Some(size),
            s,
        ));
        pb.inc(1);
    }
    Ok(costs)
}

fn measure_queue(sizes: &Sizes, step: &Step, threads: usize, pb: &ProgressBar) -> Queue {
    let chunk: u64 = if sizes.quick { 256 } else { 4096 };
    let n = pi_n(sizes, step);
    let chunks = (n / chunk).max(64);
    let n = chunks * chunk;
    pb.set_message("queue: one static split (reference)");
    let (stat, expect) = time(sizes.plan, || count_hits(step, n, chunks, threads, SEED));
    pb.inc(1);
    let mut rows = Vec::new();
    for batch in [1u64, 4, 16, 64, 256, 1024, 4096] {
        if batch > chunks || rows.len() >= 6 {
            continue;
        }
        pb.set_message(format!("queue: {batch} chunk(s) per message"));
        let (stats, hits) = time(sizes.plan, || {
            costs::queue_pi(step, SEED, chunk, chunks, batch, threads)
        });
        assert_eq!(hits, expect, "the queue lost or repeated a chunk");
        rows.push(QueueRow {
            batch,
            messages: chunks.div_ceil(batch),
            per_s: n as f64 / stats.median,
            vs_static: stat.median / stats.median,
            stats,
        });
        pb.inc(1);
    }
    Queue {
        step: step.name.into(),
        chunk,
        chunks,
        threads,
        static_split: Row::new(threads, n, stat, f64::NAN),
        rows,
    }
}

fn native_run(root: &Path, quick: bool) -> Result<Native, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let target = root.join("target/bench-native");
    let out = Command::new(&cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "bench",
            "--target-dir",
        ])
        .arg(&target)
        .env("RUSTFLAGS", "-C target-cpu=native")
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run {cargo}: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "the build failed: {}",
            err.lines().last().unwrap_or("")
        ));
    }
    let exe = target
        .join("release")
        .join(format!("bench{}", std::env::consts::EXE_SUFFIX));
    let mut cmd = Command::new(&exe);
    cmd.args(["--child", "native"]);
    if quick {
        cmd.arg("--quick");
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    let rows: Vec<NativeRow> = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("the native copy printed no results ({}): {e}", out.status))?;
    Ok(Native {
        rustflags: "-C target-cpu=native".into(),
        steps: rows,
    })
}

fn measure_python(
    sizes: &Sizes,
    python: &str,
    version: &str,
    out: &Path,
    fastest: &Step,
    cores: usize,
    pb: &ProgressBar,
) -> Result<PythonSide, String> {
    let script = out.join("pi.py");
    std::fs::write(&script, python::SCRIPT)
        .map_err(|e| format!("cannot write {}: {e}", script.display()))?;
    // The full run uses the Python lesson's N = 10⁷.
    let n: u64 = if sizes.quick { 20_000 } else { 10_000_000 };
    let (runs, warmup) = if sizes.quick { (1, 1) } else { (3, 1) };
    let plan = if sizes.quick {
        Plan { warmup: 1, runs: 3 }
    } else {
        Plan {
            warmup: 2,
            runs: 21,
        }
    };
    // Rust at the same N and chunks: the first step on one thread, and the
    // fastest step on every core.
    let (first, _) = time(plan, || count_hits(&STEPS[0], n, CHUNKS, 1, SEED));
    let (best, _) = time(plan, || count_hits(fastest, n, CHUNKS, cores, SEED));
    let mut rows = Vec::new();
    for (way, label, all_cores) in python::WAYS {
        pb.set_message(format!("Python: {label}"));
        let workers = if *all_cores { cores } else { 1 };
        rows.push(python::run(
            python, &script, way, label, n, workers, CHUNKS, runs, warmup, SEED,
        ));
        pb.inc(1);
    }
    let _ = std::fs::remove_file(&script);
    Ok(PythonSide {
        version: version.into(),
        n,
        chunks: CHUNKS,
        rust_first: RustRef {
            step: STEPS[0].name.into(),
            threads: 1,
            stats: first,
        },
        rust_fastest: RustRef {
            step: fastest.name.into(),
            threads: cores,
            stats: best,
        },
        rows,
    })
}

/// Least-squares fit of p in 1/S = (1 − p) + p/n over the thread counts up
/// to the cores: with x = 1 − 1/n and y = 1 − 1/S it is y = p·x.
pub fn amdahl_fit(rows: &[Row], cores: usize) -> Option<f64> {
    let pts: Vec<(f64, f64)> = rows
        .iter()
        .filter(|r| r.threads > 1 && r.threads <= cores)
        .map(|r| (1.0 - 1.0 / r.threads as f64, 1.0 - 1.0 / r.speedup))
        .collect();
    let sxx: f64 = pts.iter().map(|(x, _)| x * x).sum();
    (sxx > 0.0).then(|| pts.iter().map(|(x, y)| x * y).sum::<f64>() / sxx)
}

fn plots(r: &Results) -> Result<Vec<(&'static str, String)>, Box<dyn std::error::Error>> {
    let foot = vec![
        format!("Measured on {}", r.machine.line()),
        format!(
            "median of {} runs after {} warm-up; remake with: {}",
            r.plan_runs, r.plan_warmup, r.command
        ),
    ];
    let cores = r.machine.cores;
    let mut curves = Vec::new();
    let mut chosen: Vec<&PiStep> = vec![&r.pi[0]];
    if let Some(f) = r.pi.iter().find(|s| s.step == r.fastest_step)
        && r.pi.len() > 1
        && f.step != r.pi[0].step
    {
        chosen.push(f);
    }
    for s in chosen {
        curves.push(plot::Curve {
            label: format!("π, {}", s.step),
            points: s.curve(),
            amdahl_p: s.amdahl_p,
        });
    }
    curves.push(plot::Curve {
        label: "integral of x² on [0, 10]".into(),
        points: r
            .integral
            .rows
            .iter()
            .map(|x| (x.threads as f64, x.speedup))
            .collect(),
        amdahl_p: r.integral.amdahl_p,
    });
    let desc = format!(
        "Speed-up over one thread for {}, measured with 1 to {} threads on {} cores, beside the ideal line (n times faster up to the cores, flat after) and the fitted Amdahl curves. {}",
        curves
            .iter()
            .map(|c| c.label.clone())
            .collect::<Vec<_>>()
            .join("; "),
        2 * cores,
        cores,
        curves
            .iter()
            .map(|c| format!(
                "{}: {}",
                c.label,
                c.points
                    .iter()
                    .map(|(n, s)| format!("{n} threads {s:.2}×"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .collect::<Vec<_>>()
            .join(". ")
    );
    let speed = plot::speedup(&curves, cores, 2 * cores, &foot, &desc)?;

    let mut bars = Vec::new();
    for s in &r.pi {
        if let Some(x) = s.at(1) {
            bars.push(plot::Bar {
                label: format!("{}, 1 thread", s.step),
                value: x.per_s,
                kind: 0,
            });
        }
        if let Some(x) = s.at(cores).filter(|_| cores > 1) {
            bars.push(plot::Bar {
                label: format!("{}, {cores} threads", s.step),
                value: x.per_s,
                kind: 1,
            });
        }
    }
    let mut kinds = vec!["Rust, 1 thread", "Rust, all cores"];
    if let Some(n) = &r.native {
        kinds.push("Rust, target-cpu=native, all cores");
        for s in &n.steps {
            bars.push(plot::Bar {
                label: format!("{}, native, {} threads", s.step, s.threads),
                value: s.samples_per_s,
                kind: 2,
            });
        }
    }
    if let Some(py) = &r.python {
        kinds.push("Python");
        for row in &py.rows {
            if let Some(st) = &row.stats {
                bars.push(plot::Bar {
                    label: format!("{} ({})", row.label, row.workers),
                    value: py.n as f64 / st.median,
                    kind: kinds.len() - 1,
                });
            }
        }
    }
    let desc = format!(
        "Samples per second, on a logarithmic scale: {}.",
        bars.iter()
            .map(|b| format!("{}: {}", b.label, measure::rate(b.value)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let thr = plot::throughput(&bars, &kinds, &foot, &desc)?;
    Ok(vec![("speedup.svg", speed), ("pi-path.svg", thr)])
}

fn bytes(size: usize) -> String {
    if size >= 1 << 20 {
        format!("{} MiB", size >> 20)
    } else if size >= 1 << 10 {
        format!("{} KiB", size >> 10)
    } else {
        format!("{size} B")
    }
}
