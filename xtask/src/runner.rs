//! Builds exercise test programs and runs them: shared by `cargo xtask
//! check`, `progress` and `watch`, and by the exercises check
//! (xtask/tests/exercises.rs).
//!
//! Every exercise is a test program of its own (`--test NAME`), built with
//! `cargo build --tests --keep-going`, so that one that does not compile
//! never keeps the others from being built and run. Cargo's messages are
//! read with `cargo_metadata`; the compiler's own rendered errors are kept
//! per exercise.

use cargo_metadata::Message;
use std::collections::BTreeMap;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The two packages whose tests are the exercise tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Package {
    /// The learner's answers (`exercises/`).
    Exercises,
    /// The model answers (`solutions/`).
    Solutions,
}

impl Package {
    pub fn name(self) -> &'static str {
        match self {
            Package::Exercises => "exercises",
            Package::Solutions => "solutions",
        }
    }
}

/// What building one exercise's test program gave.
#[derive(Debug, Default, Clone)]
pub struct Built {
    /// The test program, if it compiled.
    pub exe: Option<PathBuf>,
    /// The compiler's rendered errors, if it did not.
    pub errors: Vec<String>,
}

/// How a build is to be made.
#[derive(Debug, Clone)]
pub struct BuildSpec<'a> {
    pub package: Package,
    /// Only these exercises (all when empty).
    pub only: &'a [&'a str],
    pub target_dir: PathBuf,
    /// Extra environment for cargo (`COURSE_SRC`, `COURSE_OVERRIDE`).
    pub env: Vec<(String, String)>,
    /// Colour in the compiler's messages.
    pub color: bool,
}

/// Builds the test programs; returns one entry per exercise that cargo
/// reported on, plus the text of a failure of cargo itself (a broken
/// Cargo.toml, say) under the key "".
pub fn build(root: &Path, spec: &BuildSpec<'_>) -> Result<BTreeMap<String, Built>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let format = if spec.color {
        "--message-format=json-diagnostic-rendered-ansi"
    } else {
        "--message-format=json"
    };
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args(["build", "--tests", "--keep-going", "--locked", format])
        .args(["-p", spec.package.name()])
        .env("CARGO_TARGET_DIR", &spec.target_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for name in spec.only {
        cmd.args(["--test", name]);
    }
    for (k, v) in &spec.env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = drain(child.stderr.take().unwrap());
    let mut out: BTreeMap<String, Built> = BTreeMap::new();
    let reader = BufReader::new(child.stdout.take().unwrap());
    for message in Message::parse_stream(reader).flatten() {
        match message {
            Message::CompilerArtifact(a) if a.profile.test => {
                let entry = out.entry(a.target.name.to_string()).or_default();
                entry.exe = a.executable.map(|p| p.into_std_path_buf());
            }
            Message::CompilerMessage(m)
                if m.message.level == cargo_metadata::diagnostic::DiagnosticLevel::Error
                    || m.message.level == cargo_metadata::diagnostic::DiagnosticLevel::Ice =>
            {
                let entry = out.entry(m.target.name.to_string()).or_default();
                if let Some(r) = m.message.rendered {
                    entry.errors.push(r);
                }
            }
            _ => {}
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let stderr = stderr.recv().unwrap_or_default();
    if !status.success() && out.values().all(|b| b.errors.is_empty()) {
        // Not a compile error of an exercise: cargo itself failed.
        out.entry(String::new()).or_default().errors.push(stderr);
    }
    Ok(out)
}

fn drain(mut r: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        let _ = tx.send(String::from_utf8_lossy(&buf).into_owned());
    });
    rx
}

/// One test's outcome.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    pub passed: bool,
    /// What the test printed when it failed (the course's report).
    pub output: String,
}

/// What running one test program gave.
#[derive(Debug, Default, Clone)]
pub struct Ran {
    pub tests: BTreeMap<String, Outcome>,
    /// Set when the program itself misbehaved (ran too long, crashed
    /// before reporting).
    pub trouble: Option<String>,
}

impl Ran {
    pub fn passed(&self) -> usize {
        self.tests.values().filter(|o| o.passed).count()
    }
    pub fn all_passed(&self) -> bool {
        self.trouble.is_none() && !self.tests.is_empty() && self.tests.values().all(|o| o.passed)
    }
}

/// Runs one test program and reads each test's outcome. Its tests run
/// in processes of their own under the course's watchdog; `limit` is only
/// a last resort for the program as a whole.
pub fn run(exe: &Path, limit: Duration) -> Ran {
    run_with(exe, limit, &[])
}

/// [`run`] with extra environment variables for the test program.
pub fn run_with(exe: &Path, limit: Duration, env: &[(&str, &str)]) -> Ran {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(exe);
    cmd.envs(env.iter().copied());
    cmd.args(["--test-threads=2", "--color=never"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        cmd.env("RUST_BACKTRACE", "0");
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Ran {
                trouble: Some(format!("cannot run {}: {e}", exe.display())),
                ..Ran::default()
            };
        }
    };
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let start = Instant::now();
    let mut trouble = None;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > limit => {
                // SAFETY: killing the process group we made.
                unsafe { libc::killpg(child.id() as i32, libc::SIGKILL) };
                let _ = child.wait();
                trouble = Some(format!(
                    "timed out after {} s: probably a deadlock the watchdog could not stop",
                    limit.as_secs()
                ));
                break;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                trouble = Some(e.to_string());
                break;
            }
        }
    }
    // SAFETY: as above; whatever the program left behind goes too.
    unsafe { libc::killpg(child.id() as i32, libc::SIGKILL) };
    let stdout = out.recv_timeout(Duration::from_secs(5)).unwrap_or_default();
    let stderr = err.recv_timeout(Duration::from_secs(5)).unwrap_or_default();
    let mut ran = Ran {
        tests: parse(&stdout),
        trouble,
    };
    if ran.tests.is_empty() && ran.trouble.is_none() {
        ran.trouble = Some(format!("it reported no tests:\n{stdout}{stderr}"));
    }
    ran
}

/// Reads libtest's output: "test NAME ... ok|FAILED" lines, and the
/// "---- NAME stdout ----" sections of failures.
pub fn parse(stdout: &str) -> BTreeMap<String, Outcome> {
    let mut results = BTreeMap::new();
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test ")
            && let Some((name, verdict)) = rest.rsplit_once(" ... ")
        {
            let outcome = Outcome {
                passed: verdict == "ok",
                output: String::new(),
            };
            results.insert(name.to_string(), outcome);
        }
    }
    let mut current: Option<String> = None;
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            current = Some(name.to_string());
        } else if line == "failures:" || line.starts_with("test result:") {
            current = None;
        } else if let Some(name) = &current
            && let Some(o) = results.get_mut(name)
        {
            o.output.push_str(line);
            o.output.push('\n');
        }
    }
    for o in results.values_mut() {
        o.output = o.output.trim().to_string();
    }
    results
}

/// The verdict on one exercise.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Every test passed.
    Solved { tests: usize },
    /// Some tests failed: (passed, total), the failing tests' reports.
    Failing {
        passed: usize,
        total: usize,
        failures: Vec<(String, String)>,
    },
    /// The test program did not compile: the compiler's errors.
    DoesNotCompile { errors: Vec<String> },
    /// The test program misbehaved as a whole.
    Trouble { what: String },
    /// Not built (no test file?).
    Missing,
}

impl Verdict {
    pub fn solved(&self) -> bool {
        matches!(self, Verdict::Solved { .. })
    }
}

/// Builds and runs the named exercises (all of the manifest's when
/// `only` is empty) of `package`; verdicts in book order.
pub fn check(
    root: &Path,
    package: Package,
    only: &[&str],
    target_dir: &Path,
    env: Vec<(String, String)>,
    color: bool,
) -> Result<Vec<(&'static course_check::Exercise, Verdict)>, String> {
    let spec = BuildSpec {
        package,
        only,
        target_dir: target_dir.to_path_buf(),
        env,
        color,
    };
    let built = build(root, &spec)?;
    if let Some(b) = built.get("") {
        return Err(b.errors.join("\n"));
    }
    let mut out = Vec::new();
    for ex in course_check::EXERCISES {
        if !only.is_empty() && !only.contains(&ex.name) {
            continue;
        }
        let verdict = match built.get(ex.name) {
            None => Verdict::Missing,
            Some(b) if b.exe.is_none() => Verdict::DoesNotCompile {
                errors: b.errors.clone(),
            },
            Some(b) => verdict_of(&run(b.exe.as_ref().unwrap(), Duration::from_secs(300))),
        };
        out.push((ex, verdict));
    }
    Ok(out)
}

/// The verdict on a test program's run.
pub fn verdict_of(ran: &Ran) -> Verdict {
    if let Some(what) = &ran.trouble {
        return Verdict::Trouble { what: what.clone() };
    }
    if ran.all_passed() {
        return Verdict::Solved {
            tests: ran.tests.len(),
        };
    }
    Verdict::Failing {
        passed: ran.passed(),
        total: ran.tests.len(),
        failures: ran
            .tests
            .iter()
            .filter(|(_, o)| !o.passed)
            .map(|(n, o)| (n.clone(), o.output.clone()))
            .collect(),
    }
}
