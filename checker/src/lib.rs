//! `course-check`: what every exercise test runs through.
//!
//! - [`EXERCISES`] is the manifest, read from the book when this crate is
//!   built: each chapter declares its exercises, their sections and hints.
//! - [`exercise!`] puts the learner's file (or the model answer) into a test
//!   program, so that each exercise compiles on its own: a broken file never
//!   stops another exercise from being checked.
//! - [`check`] runs a test body in a process of its own, in a process group
//!   of its own, under a watchdog: a deadlock becomes a failure within
//!   seconds, and every process the test started is killed and reaped. A
//!   failure names the exercise and the test, says what was expected and
//!   what came, where the learner's code panicked, which section of the
//!   book to read (as an address of the served book) and a hint that fits
//!   the test.
//! - [`workers!`] and [`worker_program`] let a test hand the learner's code
//!   a program to start (a worker process), built from the learner's own
//!   functions, without a separate binary target that could break the build.
//! - [`Reaper`] kills and waits for a child process when a test ends.

use std::any::Any;
use std::io::{Read, Write};
use std::panic;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{Mutex, Once, mpsc};
use std::thread;
use std::time::{Duration, Instant};

mod manifest;
pub mod proc;
pub mod sync;
pub use manifest::{BOOK_URL, EXERCISES, Exercise};

/// The model checker, in a `--cfg loom` build (`cargo xtask loom`).
#[cfg(loom)]
pub use loom;

/// How long a test may run before the watchdog calls it a hang.
/// Set `COURSE_TIMEOUT_SECS` to change it (say, under a debugger).
pub fn timeout() -> Duration {
    let secs = std::env::var("COURSE_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    Duration::from_secs(secs)
}

/// Looks an exercise up in the manifest.
pub fn exercise(name: &str) -> &'static Exercise {
    EXERCISES
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| {
            panic!(
                "`{name}` is not an exercise of the book: no chapter has a `:::challenge Exercise `{name}`` box"
            )
        })
}

/// Puts exercise modules into a test program: `course_check::exercise!(ep05_split, ep05_pi_chunks);`
/// makes `crate::ep05_split` and `crate::ep05_pi_chunks` from the package's
/// `src/ep05_split.rs` and `src/ep05_pi_chunks.rs` (the package's build
/// script writes the `#[path]` module each name stands for, one set per test
/// program).
#[macro_export]
macro_rules! exercise {
    ($($name:ident),+ $(,)?) => {
        $( include!(concat!(
            env!("OUT_DIR"), "/", env!("CARGO_CRATE_NAME"), "/", stringify!($name), ".rs"
        )); )+
    };
}

/// Declares the worker programs a test program can be started as:
///
/// ```text
/// course_check::workers! {
///     "ep05_pi_worker" => || ep05_pi_procs::worker_main(),
/// }
/// ```
///
/// [`worker_program`]`("ep05_pi_worker")` then gives a path that, when
/// started, runs that function (with the arguments it was started with)
/// instead of the tests, and exits with the `ExitCode` it returns.
#[macro_export]
macro_rules! workers {
    ($($name:literal => $main:expr),+ $(,)?) => {
        #[used]
        #[unsafe(link_section = ".init_array")]
        static __COURSE_WORKERS: extern "C" fn() = {
            extern "C" fn dispatch() {
                $crate::dispatch_worker(&[$(($name, $main as fn() -> ::std::process::ExitCode)),+]);
            }
            dispatch
        };
    };
}

/// Runs before `main` (see [`workers!`]): if this program was started as
/// one of `table`'s workers, runs it and exits.
#[doc(hidden)]
pub fn dispatch_worker(table: &[(&str, fn() -> ExitCode)]) {
    let Some(arg0) = std::env::args_os().next() else {
        return;
    };
    let Some(started_as) = Path::new(&arg0).file_name() else {
        return;
    };
    for (name, main) in table {
        if started_as == *name {
            let code = panic::catch_unwind(*main).unwrap_or(ExitCode::from(101));
            let _ = std::io::stdout().flush();
            std::process::exit(exit_code_number(code));
        }
    }
}

/// `ExitCode` keeps its number private; its `Debug` form shows it.
fn exit_code_number(code: ExitCode) -> i32 {
    if code == ExitCode::SUCCESS {
        return 0;
    }
    let text = format!("{code:?}");
    let digits: String = text
        .chars()
        .rev()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().unwrap_or(1)
}

/// The path of a program that runs worker `name` of this test program (see
/// [`workers!`]): a link to the test program, named after the worker, in
/// `target/.../course-workers/`.
pub fn worker_program(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("where is this test program?");
    let dir = exe
        .parent()
        .unwrap()
        .join("course-workers")
        .join(exe.file_name().unwrap());
    std::fs::create_dir_all(&dir).expect("cannot make the folder for worker programs");
    let link = dir.join(name);
    if std::fs::read_link(&link).ok().as_deref() != Some(exe.as_path()) {
        // Made under another name and renamed: tests running at the same
        // time never see a half-made link.
        let tmp = dir.join(format!(".{name}.{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        std::os::unix::fs::symlink(&exe, &tmp).expect("cannot link the worker program");
        std::fs::rename(&tmp, &link).expect("cannot link the worker program");
    }
    link
}

/// Where the workspace is, to show paths relative to it.
fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn relative(file: &str) -> String {
    Path::new(file)
        .strip_prefix(workspace())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| file.to_string())
}

/// A panic seen in a test's process: (thread, file, line, message).
#[derive(Debug, Clone)]
struct Seen {
    thread: Option<String>,
    file: String,
    line: u32,
}

static SEEN: Mutex<Vec<Seen>> = Mutex::new(Vec::new());
const CHILD_ENV: &str = "COURSE_CHECK_TEST";
const BEGIN: &str = "\u{1}course-report-begin";
const END: &str = "\u{1}course-report-end";
const PANIC_MARK: &str = "\u{1}course-panic: ";

/// Notes where every panic happened; the body thread's own panic is
/// reported by [`check`], so the default hook stays quiet for it.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let name = thread::current().name().map(str::to_string);
            if let Some(l) = info.location() {
                SEEN.lock().unwrap_or_else(|e| e.into_inner()).push(Seen {
                    thread: name.clone(),
                    file: l.file().to_string(),
                    line: l.line(),
                });
            }
            let body = std::env::var(CHILD_ENV).ok();
            if name.is_none() || name != body {
                default(info);
            } else {
                // The body thread's own panic is reported by `check`. If it
                // cannot unwind (loom reports a deadlock that way), the
                // process aborts before that: this marked line is then the
                // only word of why, and the parent shows it.
                let what = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}", relative(l.file()), l.line()))
                    .unwrap_or_default();
                eprintln!("{PANIC_MARK}{what}{at}");
            }
        }));
    });
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

fn is_learner_file(file: &str) -> bool {
    let f = relative(file);
    (f.starts_with("exercises/src/") || f.starts_with("solutions/src/") || f.contains("/src/ep"))
        && !f.starts_with("checker/")
}

fn is_test_file(file: &str) -> bool {
    relative(file).contains("tests/")
}

/// Runs `body`, a test of exercise `name`, under the watchdog.
///
/// On failure it fails the test with a message that names the exercise and
/// the test, says what was expected (the assertion's own message), where
/// the learner's code panicked, what to read and a hint.
pub fn check<F>(name: &str, body: F)
where
    F: FnOnce() + Send + 'static,
{
    check_within(name, timeout(), body)
}

/// [`check`] with an explicit time limit.
pub fn check_within<F>(name: &str, limit: Duration, body: F)
where
    F: FnOnce() + Send + 'static,
{
    let ex = exercise(name);
    install_hook();
    let test = thread::current()
        .name()
        .filter(|n| *n != "main")
        .map(str::to_string);
    let Some(test) = test else {
        // Not on a test thread of its own: run here, under the watchdog.
        return in_process(ex, "", limit, body);
    };
    if std::env::var(CHILD_ENV).as_deref() == Ok(test.as_str()) {
        // We are the process the parent started for this test.
        return run_body(ex, &test, body);
    }
    drop(body);
    in_child(ex, &test, limit);
}

/// Fails the current test with `report`, shown once, without the panic
/// hook's "panicked at checker/src/lib.rs" line.
fn fail(report: String) -> ! {
    println!("{report}");
    let _ = std::io::stdout().flush();
    panic::resume_unwind(Box::new(report))
}

fn run_body<F: FnOnce()>(ex: &Exercise, test: &str, body: F) {
    if let Err(p) = panic::catch_unwind(panic::AssertUnwindSafe(body)) {
        let msg = message(&*p);
        let seen = SEEN.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let report = failure_report(ex, test, &msg, &seen);
        println!("{BEGIN}\n{report}\n{END}");
        let _ = std::io::stdout().flush();
        panic::resume_unwind(Box::new(report));
    }
}

fn in_process<F>(ex: &'static Exercise, test: &str, limit: Duration, body: F)
where
    F: FnOnce() + Send + 'static,
{
    let (tx, rx) = mpsc::channel();
    let test2 = test.to_string();
    thread::Builder::new()
        .name(format!("exercise {}", ex.name))
        .spawn(move || {
            let r = panic::catch_unwind(panic::AssertUnwindSafe(body)).map_err(|p| message(&*p));
            let _ = tx.send(r);
        })
        .expect("could not start the test thread");
    match rx.recv_timeout(limit) {
        Ok(Ok(())) => {}
        Ok(Err(msg)) => {
            let seen = SEEN.lock().unwrap_or_else(|e| e.into_inner()).clone();
            fail(failure_report(ex, &test2, &msg, &seen))
        }
        Err(_) => fail(timeout_report(ex, &test2, limit)),
    }
}

fn drain(mut r: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        let _ = tx.send(String::from_utf8_lossy(&buf).into_owned());
    });
    rx
}

/// Kills every process of group `pgid` and reaps the ones that became ours.
fn kill_group(pgid: i32) {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        // SAFETY: plain system calls on a process group we created.
        unsafe {
            libc::killpg(pgid, libc::SIGKILL);
            while libc::waitpid(-pgid, std::ptr::null_mut(), libc::WNOHANG) > 0 {}
            if libc::killpg(pgid, 0) != 0 || Instant::now() > deadline {
                return;
            }
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// Makes this process the reaper of its orphaned descendants, so that the
/// processes of a killed test are reaped here, not left as zombies.
fn become_subreaper() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        #[cfg(target_os = "linux")]
        // SAFETY: prctl with integer arguments.
        unsafe {
            libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        }
    });
}

fn in_child(ex: &'static Exercise, test: &str, limit: Duration) {
    use std::os::unix::process::CommandExt;
    become_subreaper();
    let exe = std::env::current_exe().expect("where is this test program?");
    let mut cmd = Command::new(exe);
    cmd.args(["--exact", test, "--nocapture", "--test-threads=1", "-q"])
        .env(CHILD_ENV, test)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        cmd.env("RUST_BACKTRACE", "0");
    }
    let mut child = cmd.spawn().expect("cannot start the test's own process");
    let pgid = child.id() as i32;
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() >= limit => break None,
            Ok(None) => thread::sleep(Duration::from_millis(2)),
            Err(e) => panic!("cannot wait for the test's own process: {e}"),
        }
    };
    // A hang: before anything is killed, look at what each thread waits in.
    let threads = if status.is_none() {
        thread_report(pgid as u32)
    } else {
        String::new()
    };
    // Whatever the test started and left running dies with it.
    kill_group(pgid);
    let _ = child.wait();
    let collect =
        |rx: mpsc::Receiver<String>| rx.recv_timeout(Duration::from_secs(2)).unwrap_or_default();
    let (stdout, stderr) = (collect(out), collect(err));
    let Some(status) = status else {
        fail(format!("{}{threads}", timeout_report(ex, test, limit)));
    };
    if let (Some(b), Some(e)) = (stdout.find(BEGIN), stdout.find(END)) {
        let report = stdout[b + BEGIN.len()..e].trim_matches('\n').to_string();
        let stderr: String = stderr
            .lines()
            .filter(|l| !l.starts_with(PANIC_MARK))
            .map(|l| format!("{l}\n"))
            .collect();
        let other = output_of(&stdout[..b], &stderr);
        fail(format!("{report}{other}"));
    }
    let ran_one = stdout.contains("1 passed") || stdout.contains("test result: ok. 1 passed");
    if !status.success() || !ran_one {
        let other = output_of(&stdout, &stderr);
        fail(failure_report(
            ex,
            test,
            &format!("the test's process ended without a verdict ({status}){other}"),
            &[],
        ));
    }
}

/// One thread of a hung test's process.
#[derive(Debug, Default)]
struct ThreadState {
    tid: u32,
    name: String,
    state: String,
    wchan: String,
    /// Frames in the course's files: (function, file:line), innermost first.
    frames: Vec<(String, String)>,
}

fn read_threads(pid: u32) -> Vec<ThreadState> {
    let mut out = Vec::new();
    let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return out;
    };
    for entry in dir.flatten() {
        let Some(tid) = entry.file_name().to_str().and_then(|s| s.parse().ok()) else {
            continue;
        };
        let base = entry.path();
        let read = |f: &str| std::fs::read_to_string(base.join(f)).unwrap_or_default();
        let stat = read("stat");
        let state = stat
            .rsplit(')')
            .next()
            .and_then(|s| s.split_whitespace().next())
            .map(|c| {
                match c {
                    "R" => "running",
                    "S" => "sleeping",
                    "D" => "waiting for the disk or the kernel",
                    "T" | "t" => "stopped",
                    "Z" => "a zombie",
                    _ => c,
                }
                .to_string()
            })
            .unwrap_or_default();
        out.push(ThreadState {
            tid,
            name: read("comm").trim().to_string(),
            state,
            wchan: read("wchan").trim().trim_matches('0').to_string(),
            frames: Vec::new(),
        });
    }
    out.sort_by_key(|t| t.tid);
    out
}

/// Reads gdb's `thread apply all bt` and keeps, per thread id, the frames
/// that are in the course's own files (the learner's code and the tests).
fn gdb_frames(pid: u32) -> Option<std::collections::BTreeMap<u32, Vec<(String, String)>>> {
    if std::env::var_os("COURSE_NO_GDB").is_some() {
        return None;
    }
    let mut child = Command::new("gdb")
        .args(["-p", &pid.to_string(), "-batch", "-nx", "-q"])
        .args(["-ex", "set print frame-arguments none"])
        .args(["-ex", "thread apply all bt"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let out = drain(child.stdout.take().unwrap());
    let text = match out.recv_timeout(Duration::from_secs(20)) {
        Ok(t) => t,
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
    };
    let _ = child.wait();
    let mut frames = std::collections::BTreeMap::new();
    let mut current: Option<u32> = None;
    for line in text.lines() {
        if line.starts_with("Thread ") {
            current = line
                .split("(LWP ")
                .nth(1)
                .and_then(|r| r.split(')').next())
                .and_then(|n| n.trim().parse().ok());
            continue;
        }
        let (Some(tid), true) = (current, line.starts_with('#')) else {
            continue;
        };
        let Some((head, place)) = line.rsplit_once(" at ") else {
            continue;
        };
        let file = place.rsplit_once(':').map_or(place, |(f, _)| f);
        if !(is_learner_file(file) || is_test_file(file)) {
            continue;
        }
        let function = head
            .split(" in ")
            .nth(1)
            .unwrap_or(head)
            .split(" (")
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if function.ends_with("::main") {
            continue; // the test harness's own entry point
        }
        let (file, lineno) = place.rsplit_once(':').unwrap_or((place, ""));
        frames
            .entry(tid)
            .or_insert_with(Vec::new)
            .push((function, format!("{}:{lineno}", relative(file))));
    }
    Some(frames)
}

/// What every thread of a hung test's process was doing: its name, its
/// state and what the kernel says it waits in, and, when gdb is on the
/// machine, the lines of the course's code it was in.
fn thread_report(pid: u32) -> String {
    let mut threads = read_threads(pid);
    if threads.is_empty() {
        return String::new();
    }
    let frames = gdb_frames(pid);
    if let Some(frames) = &frames {
        for t in &mut threads {
            t.frames = frames.get(&t.tid).cloned().unwrap_or_default();
        }
    }
    let mut s = String::from("  what each thread of the test was doing when it was stopped:\n");
    for t in &threads {
        let wchan = if t.wchan.is_empty() {
            String::new()
        } else {
            format!(" in {}", t.wchan)
        };
        s.push_str(&format!(
            "    thread `{}` (id {}): {}{wchan}\n",
            t.name, t.tid, t.state
        ));
        for (i, (function, place)) in t.frames.iter().take(4).enumerate() {
            let how = if i == 0 { "waiting at" } else { "called from" };
            s.push_str(&format!("        {how} {place} ({function})\n"));
        }
    }
    if frames.is_none() {
        s.push_str(
            "    (install gdb to see the line each thread waits at; thread names are cut to 15 characters)\n",
        );
    } else {
        s.push_str("    (lines from gdb; thread names are cut to 15 characters)\n");
    }
    s
}

/// What the test's process printed besides the harness's own lines.
fn output_of(stdout: &str, stderr: &str) -> String {
    let keep = |l: &&str| {
        !(l.starts_with("running ")
            || l.starts_with("test result:")
            || l.trim().is_empty()
            || l.trim() == "."
            || l.trim() == "F"
            || l.starts_with("note: run with `RUST_BACKTRACE=1`"))
    };
    let lines: Vec<String> = stdout
        .lines()
        .chain(stderr.lines())
        .filter(keep)
        .map(|l| match l.strip_prefix(PANIC_MARK) {
            Some(p) => format!("the test panicked and could not unwind: {p}"),
            None => l.to_string(),
        })
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!(
            "\n  what the test's process printed:\n    {}",
            lines.join("\n    ")
        )
    }
}

fn read_more(ex: &Exercise, test: &str) -> String {
    let again = if cfg!(loom) {
        format!(
            "cargo xtask loom {}\n  loom:  this failure is one interleaving loom found; run the command with \
             LOOM_LOG=trace LOOM_LOCATION=1 to see it step by step (each thread's accesses, in order)",
            ex.name
        )
    } else {
        ex.command()
    };
    format!(
        "  read:  {}, \"{}\"\n         {}  (cargo xtask serve; or src/{} line {})\n  hint:  {}\n  again: {}",
        ex.episode_title(),
        ex.section,
        ex.url(),
        ex.chapter,
        ex.line,
        ex.hint_for(test).replace('\n', "\n         "),
        again
    )
}

/// The text a learner sees when an exercise test fails.
fn failure_report(ex: &Exercise, test: &str, msg: &str, seen: &[Seen]) -> String {
    let unsolved = msg.contains("not yet implemented");
    let headline = if unsolved {
        "is not solved yet"
    } else {
        "gave a wrong answer"
    };
    let short = test.rsplit("::").next().unwrap_or(test);
    let mut at = String::new();
    let other = seen
        .iter()
        .filter(|s| is_learner_file(&s.file))
        .filter_map(|s| Path::new(&s.file).file_stem()?.to_str())
        .find(|stem| *stem != ex.name && EXERCISES.iter().any(|e| e.name == *stem));
    if let Some(other) = other {
        at.push_str(&format!(
            "\n  this exercise uses your `{other}`, which failed here: solve `{other}` first \
             (cargo test -p exercises --test {other})"
        ));
    }
    if let Some(s) = seen.iter().find(|s| is_learner_file(&s.file)) {
        let whose = match &s.thread {
            Some(t) if t == test => "".to_string(),
            Some(t) => format!(" (on thread `{t}`)"),
            None => " (on a thread without a name)".to_string(),
        };
        at.push_str(&format!(
            "\n  your code panicked at {}:{}{whose}",
            relative(&s.file),
            s.line
        ));
    } else if let Some(s) = seen.iter().rev().find(|s| is_test_file(&s.file)) {
        at.push_str(&format!(
            "\n  (the test checked this at {}:{})",
            relative(&s.file),
            s.line
        ));
    }
    format!(
        "\nexercise `{}`, test `{short}`, {headline}:\n  {}{at}\n{}\n",
        ex.name,
        msg.trim_end().replace('\n', "\n  "),
        read_more(ex, test)
    )
}

/// The text a learner sees when an exercise test runs past its time limit.
fn timeout_report(ex: &Exercise, test: &str, limit: Duration) -> String {
    let short = test.rsplit("::").next().unwrap_or(test);
    format!(
        "\nexercise `{}`, test `{short}`, timed out after {} s: probably a deadlock.\n  \
         Look for a thread that is never joined or waits forever, a lock that is never released,\n  \
         a channel whose senders are never all dropped, or a child process that is never waited for.\n  \
         (Every process the test started has been killed.)\n{}\n",
        ex.name,
        limit.as_secs_f64(),
        read_more(ex, test)
    )
}

/// A gate that a thread of the learner's code waits at until the test
/// opens it, or for at most three seconds. It tells a function that waits
/// for its threads (`join`) from one that does not, without hoping for a
/// lucky timing: an answer that does not wait returns while the gate is
/// still shut, every time; an answer that waits keeps the test from opening
/// the gate, so it only loses the three seconds.
#[derive(Clone, Default)]
pub struct Gate(std::sync::Arc<(Mutex<bool>, std::sync::Condvar)>);

impl Gate {
    pub fn new() -> Self {
        Self::default()
    }

    /// Waits until the gate is open, or three seconds have passed.
    pub fn wait(&self) {
        let (open, cv) = &*self.0;
        let guard = open.lock().unwrap_or_else(|e| e.into_inner());
        let _ = cv.wait_timeout_while(guard, Duration::from_secs(3), |open| !*open);
    }

    /// Opens the gate for every waiter, now and later.
    pub fn open(&self) {
        let (open, cv) = &*self.0;
        *open.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cv.notify_all();
    }
}

/// The C library, for tests that need a system call std does not offer
/// (`setrlimit`, say).
#[doc(hidden)]
pub use libc;

/// Owns a child process for the length of a test: when it is dropped (the
/// test ended, passed or failed) the child is killed if still running and
/// always waited for, so no test leaves a process behind.
pub struct Reaper(pub Option<Child>);

impl Reaper {
    pub fn new(child: Child) -> Self {
        Reaper(Some(child))
    }

    pub fn child(&mut self) -> &mut Child {
        self.0.as_mut().expect("child already taken")
    }

    /// Hands the child back (for `wait_with_output`); the caller reaps it.
    pub fn take(mut self) -> Child {
        self.0.take().expect("child already taken")
    }
}

impl Drop for Reaper {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panic_text(f: impl FnOnce() + Send + 'static) -> String {
        let e = panic::catch_unwind(panic::AssertUnwindSafe(f)).unwrap_err();
        message(&*e)
    }

    fn alive(pid: u32) -> bool {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            !s.rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        })
    }

    #[test]
    fn a_wrong_answer_names_exercise_test_expectation_section_and_hint() {
        let ex = &EXERCISES[0];
        let name = ex.name;
        let text = panic_text(move || check(name, || assert_eq!(1 + 1, 3, "expected three")));
        assert!(
            text.contains(&format!("exercise `{name}`, test `a_wrong_answer_names_exercise_test_expectation_section_and_hint`, gave a wrong answer")),
            "{text}"
        );
        assert!(text.contains("expected three"), "{text}");
        assert!(text.contains(&ex.url()), "{text}");
        assert!(text.contains(ex.section), "{text}");
        assert!(text.contains(ex.hint.lines().next().unwrap()), "{text}");
    }

    #[test]
    fn a_stub_is_reported_as_not_solved() {
        let name = EXERCISES[0].name;
        let text = panic_text(move || check(name, move || todo!("{name}: write it")));
        assert!(text.contains("is not solved yet"), "{text}");
    }

    #[test]
    fn a_hang_is_reported_and_leaves_no_process_behind() {
        let name = EXERCISES[0].name;
        // The body runs in a process of its own: name the file after the
        // process that runs the test.
        let owner = if std::env::var(CHILD_ENV).is_ok() {
            std::os::unix::process::parent_id()
        } else {
            std::process::id()
        };
        let pid_file = std::env::temp_dir().join(format!("course-check-{owner}"));
        let path = pid_file.clone();
        let start = Instant::now();
        let text = panic_text(move || {
            check_within(name, Duration::from_millis(1500), move || {
                let child = Command::new("sleep").arg("30").spawn().unwrap();
                std::fs::write(&path, child.id().to_string()).unwrap();
                let (_tx, rx) = mpsc::channel::<()>();
                let _ = rx.recv();
            })
        });
        assert!(
            text.contains("timed out after 1.5 s: probably a deadlock"),
            "{text}"
        );
        assert!(start.elapsed() < Duration::from_secs(6));
        let pid: u32 = std::fs::read_to_string(&pid_file).unwrap().parse().unwrap();
        let _ = std::fs::remove_file(&pid_file);
        assert!(!alive(pid), "the test's child {pid} outlived it");
    }

    #[test]
    fn a_test_hint_beats_the_exercise_hint() {
        let with = EXERCISES.iter().find(|e| !e.test_hints.is_empty());
        if let Some(e) = with {
            let (t, h) = e.test_hints[0];
            assert_eq!(e.hint_for(t), h);
            assert_eq!(e.hint_for("some_other_test"), e.hint);
        }
    }

    #[test]
    fn exit_codes_keep_their_number() {
        assert_eq!(exit_code_number(ExitCode::SUCCESS), 0);
        assert_eq!(exit_code_number(ExitCode::from(2)), 2);
        assert_eq!(exit_code_number(ExitCode::from(101)), 101);
    }

    #[test]
    fn every_exercise_is_named_after_its_episode() {
        for e in EXERCISES {
            assert!(
                e.name.starts_with(&format!("ep{:02}_", e.episode)),
                "exercise `{}` is in episode {} ({}): its name must start with ep{:02}_ (cargo xtask renumber)",
                e.name,
                e.episode,
                e.chapter,
                e.episode
            );
        }
    }

    #[test]
    fn reaper_kills_and_waits() {
        let child = Command::new("sleep").arg("30").spawn();
        let Ok(child) = child else { return };
        let pid = child.id();
        drop(Reaper::new(child));
        assert!(!alive(pid), "child left running or as a zombie");
    }
}
