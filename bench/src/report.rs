//! What a run found (serialised to results.json) and its Markdown tables
//! (printed, written to the out dir, and with --book to src/bench/).

use crate::machine::Machine;
use crate::measure::{Stats, rate, sig3};
use crate::python::PyResult;
use serde::{Deserialize, Serialize};

/// One thread count of a workload.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub threads: usize,
    pub stats: Stats,
    /// Samples (π) or points (integral) per second, from the median.
    pub per_s: f64,
    /// Median time on 1 thread / median time on `threads`.
    pub speedup: f64,
    /// Speed-up / threads.
    pub efficiency: f64,
    /// CPU time (user + system, all threads) / wall time, median of the runs.
    pub cpu_over_wall: f64,
}

impl Row {
    pub fn new(threads: usize, items: u64, stats: Stats, base_median: f64) -> Row {
        let speedup = base_median / stats.median;
        Row {
            threads,
            per_s: items as f64 / stats.median,
            speedup,
            efficiency: speedup / threads as f64,
            cpu_over_wall: stats.cpu_over_wall,
            stats,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct PiStep {
    pub step: String,
    pub summary: String,
    pub n: u64,
    pub pi: f64,
    pub amdahl_p: Option<f64>,
    pub rows: Vec<Row>,
}

impl PiStep {
    pub fn at(&self, threads: usize) -> Option<&Row> {
        self.rows.iter().find(|r| r.threads == threads)
    }
    pub fn curve(&self) -> Vec<(f64, f64)> {
        self.rows
            .iter()
            .map(|r| (r.threads as f64, r.speedup))
            .collect()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Integral {
    pub n: u64,
    pub value: f64,
    pub amdahl_p: Option<f64>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Cost {
    pub what: String,
    pub size_bytes: Option<usize>,
    pub stats: Stats,
}

impl Cost {
    pub fn new(what: &str, size_bytes: Option<usize>, stats: Stats) -> Cost {
        Cost {
            what: what.into(),
            size_bytes,
            stats,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct QueueRow {
    /// Chunk indices per message.
    pub batch: u64,
    pub messages: u64,
    pub stats: Stats,
    pub per_s: f64,
    /// Static split's median / this median (1 = as fast as no queue).
    pub vs_static: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Queue {
    pub step: String,
    /// Samples per chunk.
    pub chunk: u64,
    pub chunks: u64,
    pub threads: usize,
    /// The same chunks split statically (perf::pi::count_hits), no queue.
    pub static_split: Row,
    pub rows: Vec<QueueRow>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NativeRow {
    pub step: String,
    pub n: u64,
    pub threads: usize,
    pub stats: NativeStats,
    pub samples_per_s: f64,
}

/// The native copy's stats travel as JSON; the same fields as `Stats`.
pub type NativeStats = Stats;

impl<'de> Deserialize<'de> for Stats {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct S {
            runs: usize,
            median: f64,
            min: f64,
            max: f64,
            q1: f64,
            q3: f64,
            cpu_over_wall: Option<f64>,
        }
        let s = S::deserialize(d)?;
        Ok(Stats {
            runs: s.runs,
            median: s.median,
            min: s.min,
            max: s.max,
            q1: s.q1,
            q3: s.q3,
            cpu_over_wall: s.cpu_over_wall.unwrap_or(f64::NAN),
        })
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Native {
    pub rustflags: String,
    pub steps: Vec<NativeRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RustRef {
    pub step: String,
    pub threads: usize,
    pub stats: Stats,
}

#[derive(Clone, Debug, Serialize)]
pub struct PythonSide {
    pub version: String,
    pub n: u64,
    pub chunks: u64,
    pub rust_first: RustRef,
    pub rust_fastest: RustRef,
    pub rows: Vec<PyResult>,
}

impl PythonSide {
    /// Python's median / Rust's fastest step's median, for a way.
    pub fn ratio(&self, label: &str) -> Option<f64> {
        let row = self.rows.iter().find(|r| r.label == label)?;
        Some(row.stats.as_ref()?.median / self.rust_fastest.stats.median)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Results {
    pub machine: Machine,
    pub command: String,
    pub quick: bool,
    pub plan_warmup: usize,
    pub plan_runs: usize,
    pub chunks: u64,
    pub threads: Vec<usize>,
    pub fastest_step: String,
    pub pi: Vec<PiStep>,
    pub integral: Integral,
    pub costs: Vec<Cost>,
    pub queue: Queue,
    pub native: Option<Native>,
    pub native_note: String,
    pub python: Option<PythonSide>,
    pub python_note: String,
    /// How long the whole run took.
    pub seconds: f64,
}

/// The Markdown tables of a run.
pub struct Tables(Vec<(&'static str, String)>);

fn header(r: &Results, runs: &str) -> String {
    format!(
        "Measured on *{}* with `{}`; {runs}. In brackets: the fastest and the slowest run.\n\n",
        r.machine.line(),
        r.command
    )
}

fn plan(r: &Results) -> String {
    format!(
        "each time is the median of {} runs after {} warm-up run{}",
        r.plan_runs,
        r.plan_warmup,
        if r.plan_warmup == 1 { "" } else { "s" }
    )
}

fn opt(x: Option<f64>, f: impl Fn(f64) -> String) -> String {
    x.filter(|v| v.is_finite()).map_or("—".into(), f)
}

impl Tables {
    pub fn new(r: &Results) -> Tables {
        Tables(vec![
            ("pi-path.md", pi_path(r)),
            ("speedup.md", speedup(r)),
            ("python.md", python(r)),
            ("costs.md", costs(r)),
            ("queue.md", queue(r)),
        ])
    }

    pub fn files(&self) -> Vec<(&'static str, String)> {
        self.0.clone()
    }
}

fn pi_path(r: &Results) -> String {
    let c = r.machine.cores;
    let mut s = header(r, &plan(r));
    s += &format!(
        "π by each step of the road, with N samples in {} chunks (N chosen so that one thread takes a few tenths of a second). \
         The last column is the same step built with `-C target-cpu=native` (CPU flags: {}).\n\n",
        r.chunks,
        r.machine.flags_line()
    );
    s += &format!(
        "| step | what changed | N | 1 thread | samples/s | {c} threads | samples/s | speed-up | native, {c} threads |\n"
    );
    s += "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    for p in &r.pi {
        let one = p.at(1);
        let all = p.at(c);
        let native = r
            .native
            .as_ref()
            .and_then(|n| n.steps.iter().find(|x| x.step == p.step))
            .map(|x| x.samples_per_s);
        s += &format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            p.step,
            p.summary.replace('|', "\\|"),
            p.n,
            one.map_or("—".into(), |x| x.stats.show()),
            opt(one.map(|x| x.per_s), rate),
            all.map_or("—".into(), |x| x.stats.show()),
            opt(all.map(|x| x.per_s), rate),
            opt(all.map(|x| x.speedup), |v| format!("{}×", sig3(v))),
            opt(native, rate),
        );
    }
    if r.native.is_none() {
        s += &format!("\nThe target-cpu=native copy: {}.\n", r.native_note);
    }
    s
}

fn speedup(r: &Results) -> String {
    let c = r.machine.cores;
    let mut s = header(r, &plan(r));
    s += &format!(
        "Speed-up is the median time on 1 thread over the median time on n threads; efficiency is speed-up / n; \
         CPU / wall is the user + system time of all the program's threads over the wall-clock time. \
         {} threads is twice the {c} cores this program may use (oversubscribed). \
         The thread counts are timed in turn, round after round, so that a disturbance falls on all of them alike.\n\n",
        2 * c
    );
    s += "| workload | threads | time | per second | speed-up | efficiency | CPU / wall |\n";
    s += "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    let mut fits = Vec::new();
    let mut add = |name: String, unit: &str, rows: &[Row], p: Option<f64>| {
        for x in rows {
            s += &format!(
                "| {name} | {} | {} | {} {unit} | {}× | {} | {} |\n",
                x.threads,
                x.stats.show(),
                rate(x.per_s),
                sig3(x.speedup),
                sig3(x.efficiency),
                opt(Some(x.cpu_over_wall), sig3),
            );
        }
        fits.push(format!("{name}: {}", opt(p, |v| format!("p = {v:.4}"))));
    };
    let first = &r.pi[0];
    add(
        format!("π, `{}`", first.step),
        "samples",
        &first.rows,
        first.amdahl_p,
    );
    if let Some(f) =
        r.pi.iter()
            .find(|p| p.step == r.fastest_step && p.step != first.step)
    {
        add(format!("π, `{}`", f.step), "samples", &f.rows, f.amdahl_p);
    }
    add(
        "integral of x²".into(),
        "points",
        &r.integral.rows,
        r.integral.amdahl_p,
    );
    s += &format!(
        "\nAmdahl's law fitted (least squares on 1/S = (1 − p) + p/n, 1 to {c} threads): {}.\n",
        fits.join("; ")
    );
    s
}

fn python(r: &Results) -> String {
    let Some(py) = &r.python else {
        return format!(
            "{}Python beside Rust: {}.\n",
            header(r, &plan(r)),
            r.python_note
        );
    };
    let c = r.machine.cores;
    let mut s = header(
        r,
        &format!(
            "{}, N = {} samples in {} chunks for every row; each Python time is the median of {} timed runs \
             after one warm-up run (which compiles the numba function and starts the pool's processes); \
             each Rust time, the median of {} runs",
            py.version,
            py.n,
            py.chunks,
            py.rows
                .iter()
                .filter_map(|x| x.stats.as_ref())
                .map(|x| x.runs)
                .max()
                .unwrap_or(0),
            py.rust_fastest.stats.runs
        ),
    );
    s += &format!(
        "The last column is the Python time over the time of Rust's fastest step (`{}`) on {c} threads.\n\n",
        py.rust_fastest.step
    );
    s += "| version | workers | time | samples/s | speed-up over the Python loop | Rust is … × faster |\n";
    s += "| --- | ---: | ---: | ---: | ---: | ---: |\n";
    let serial = py
        .rows
        .iter()
        .find(|x| x.way == "serial")
        .and_then(|x| x.stats.as_ref())
        .map(|x| x.median);
    for row in &py.rows {
        match &row.stats {
            Some(st) => {
                s += &format!(
                    "| {} | {} | {} | {} | {} | {} |\n",
                    row.label,
                    row.workers,
                    st.show(),
                    rate(py.n as f64 / st.median),
                    opt(serial.map(|t| t / st.median), |v| format!("{}×", sig3(v))),
                    opt(Some(st.median / py.rust_fastest.stats.median), |v| format!(
                        "{}×",
                        sig3(v)
                    )),
                )
            }
            None => {
                s += &format!(
                    "| {} | {} | not run: {} | | | |\n",
                    row.label,
                    row.workers,
                    row.error.as_deref().unwrap_or("unknown error")
                )
            }
        }
    }
    for (rr, what) in [(&py.rust_first, "Rust"), (&py.rust_fastest, "Rust")] {
        s += &format!(
            "| {what}, `{}` | {} | {} | {} | {} | {}× |\n",
            rr.step,
            rr.threads,
            rr.stats.show(),
            rate(py.n as f64 / rr.stats.median),
            opt(serial.map(|t| t / rr.stats.median), |v| format!(
                "{}×",
                sig3(v)
            )),
            sig3(rr.stats.median / py.rust_fastest.stats.median),
        );
    }
    s
}

fn costs(r: &Results) -> String {
    let runs = r.costs.first().map_or(0, |c| c.stats.runs);
    let mut s = header(
        r,
        &format!(
            "each time is per operation: a run times a batch of operations, and the median of {runs} runs after one warm-up batch is shown"
        ),
    );
    s += "| what | message | time per operation |\n";
    s += "| --- | ---: | ---: |\n";
    for c in &r.costs {
        s += &format!(
            "| {} | {} | {} |\n",
            c.what,
            c.size_bytes.map_or("".into(), crate::bytes),
            c.stats.show()
        );
    }
    s
}

fn queue(r: &Results) -> String {
    let q = &r.queue;
    let mut s = header(r, &plan(r));
    s += &format!(
        "π (step `{}`) through a queue: N = {} chunks × {} samples; the main thread sends chunk indices over a crossbeam channel, \
         k per message, to {} worker threads, and each worker sends back one count per message. \
         The first row hands out the same chunks without a queue (`perf::pi::count_hits`).\n\n",
        q.step, q.chunks, q.chunk, q.threads
    );
    s += "| chunks per message | messages | time | samples/s | compared with no queue |\n";
    s += "| ---: | ---: | ---: | ---: | ---: |\n";
    s += &format!(
        "| no queue | {} threads | {} | {} | 1× |\n",
        q.threads,
        q.static_split.stats.show(),
        rate(q.static_split.per_s)
    );
    for x in &q.rows {
        s += &format!(
            "| {} | {} | {} | {} | {}× |\n",
            x.batch,
            x.messages,
            x.stats.show(),
            rate(x.per_s),
            sig3(x.vs_static)
        );
    }
    s
}
