//! The authors' check of the exercises (rustlings' `dev check`, with more
//! teeth), run by `cargo test` (xtask/tests/exercises.rs):
//!
//! - every test passes on the model answers in `solutions/`;
//! - every test fails on the pristine stubs, and says which exercise it is
//!   and where to read. The stubs are taken from git's HEAD (or
//!   `COURSE_STUBS_REF`), never from the learner's working files, so the
//!   check passes whatever a learner has written in `exercises/`;
//! - every wrong answer in `solutions/wrong/NAME/*.patch` (a plausible
//!   mistake, as a patch of the model answer) compiles and fails at least
//!   one test, and every exercise has at least three;
//! - the files agree with the book: every exercise a chapter declares has a
//!   stub, a solution, a test file and its wrong answers, and nothing else
//!   is there; per-test hints name tests that exist.

use crate::runner::{self, BuildSpec, Package, Verdict};
use course_check::EXERCISES;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How many wrong answers each exercise needs at least.
pub const MIN_WRONG: usize = 3;

/// The outcome of the check.
#[derive(Debug, Default)]
pub struct Report {
    pub notes: Vec<String>,
    pub problems: Vec<String>,
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .current_dir(root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Writes the pristine stubs to `dest`; says where they came from.
pub fn pristine_stubs(root: &Path, dest: &Path) -> Result<String, String> {
    let _ = std::fs::remove_dir_all(dest);
    std::fs::create_dir_all(dest).map_err(|e| e.to_string())?;
    let reference = std::env::var("COURSE_STUBS_REF").unwrap_or_else(|_| "HEAD".into());
    let commit = git(
        root,
        &["rev-parse", "--short", &format!("{reference}^{{commit}}")],
    );
    let mut from_tree = Vec::new();
    for entry in std::fs::read_dir(root.join("exercises/src")).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        let committed = commit.as_ref().and_then(|_| {
            git(
                root,
                &["show", &format!("{reference}:exercises/src/{file}")],
            )
        });
        let text = match committed {
            Some(t) => t,
            None => {
                from_tree.push(file.to_string());
                std::fs::read_to_string(&path).map_err(|e| e.to_string())?
            }
        };
        std::fs::write(dest.join(file), text).map_err(|e| e.to_string())?;
    }
    Ok(match commit {
        Some(c) if from_tree.is_empty() => {
            format!("exercises/src as committed at {reference} ({})", c.trim())
        }
        Some(c) => format!(
            "exercises/src as committed at {reference} ({}), and from the working tree the files not committed yet: {}",
            c.trim(),
            from_tree.join(", ")
        ),
        None => "exercises/src in the working tree (no git history here)".to_string(),
    })
}

/// The modules a test file includes: its `course_check::exercise!(..)` line.
pub fn includes(root: &Path, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root.join(format!("exercises/tests/{name}.rs")))
        .unwrap_or_default();
    text.lines()
        .find_map(|l| l.trim().strip_prefix("course_check::exercise!("))
        .map(|rest| {
            rest.trim_end_matches(';')
                .trim_end_matches(')')
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// A wrong answer: what it gets wrong and the file it makes.
#[derive(Debug, Clone)]
pub struct Wrong {
    pub exercise: &'static str,
    pub slug: String,
    pub says: String,
    pub file: PathBuf,
}

/// Applies every wrong answer's patch to its model answer, writing the
/// results under `dest`.
pub fn wrong_answers(root: &Path, dest: &Path, report: &mut Report) -> Vec<Wrong> {
    let mut out = Vec::new();
    for ex in EXERCISES {
        let dir = root.join("solutions/wrong").join(ex.name);
        let mut patches: Vec<PathBuf> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "patch"))
            .collect();
        patches.sort();
        if patches.len() < MIN_WRONG {
            report.problems.push(format!(
                "exercise `{}` has {} wrong answers in solutions/wrong/{}/; it needs at least {MIN_WRONG} (patches of the model answer that its tests must catch)",
                ex.name,
                patches.len(),
                ex.name
            ));
        }
        let Ok(solution) =
            std::fs::read_to_string(root.join(format!("solutions/src/{}.rs", ex.name)))
        else {
            continue;
        };
        for p in patches {
            let slug = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let says: Vec<&str> = text
                .lines()
                .take_while(|l| !l.starts_with("--- "))
                .filter_map(|l| l.strip_prefix("# "))
                .collect();
            let says = says.join(" ");
            let shown = p.strip_prefix(root).unwrap_or(&p).display().to_string();
            if says.is_empty() {
                report.problems.push(format!(
                    "{shown}: say what the mistake is on `# ` lines before the patch"
                ));
            }
            let Some(start) = text.find("--- ") else {
                report
                    .problems
                    .push(format!("{shown}: not a patch (no `--- ` line)"));
                continue;
            };
            let applied = diffy::Patch::from_str(&text[start..])
                .map_err(|e| e.to_string())
                .and_then(|patch| diffy::apply(&solution, &patch).map_err(|e| e.to_string()));
            match applied {
                Ok(wrong) => {
                    let file = dest.join(ex.name).join(format!("{slug}.rs"));
                    let _ = std::fs::create_dir_all(file.parent().unwrap());
                    if std::fs::write(&file, wrong).is_ok() {
                        out.push(Wrong {
                            exercise: ex.name,
                            slug,
                            says,
                            file,
                        });
                    }
                }
                Err(e) => report.problems.push(format!(
                    "{shown} no longer applies to solutions/src/{}.rs ({e}): make it again with `diff -u`",
                    ex.name
                )),
            }
        }
    }
    out
}

/// Groups wrong answers into rounds that can be built together: one wrong
/// answer of each exercise per round (an override changes only its own
/// exercise's test program; see exercises/build.rs).
pub fn rounds(wrong: &[Wrong]) -> Vec<Vec<Wrong>> {
    let mut out: Vec<Vec<Wrong>> = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for w in wrong {
        let k = seen.entry(w.exercise).or_default();
        if out.len() <= *k {
            out.push(Vec::new());
        }
        out[*k].push(w.clone());
        *k += 1;
    }
    out
}

fn test_names(verdict: &runner::Ran) -> BTreeSet<String> {
    verdict.tests.keys().cloned().collect()
}

/// Runs the whole check; `target` is a target folder of its own.
pub fn check(root: &Path, target: &Path) -> Report {
    let mut report = Report::default();
    layout(root, &mut report);

    // The model answers.
    let sols = build_and_run(
        root,
        Package::Solutions,
        &[],
        target,
        Vec::new(),
        None,
        &mut report,
    );
    let mut names_by_exercise: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let (mut sol_tests, mut sol_pass) = (0, 0);
    for (name, ran) in &sols {
        names_by_exercise.insert(name.clone(), test_names(ran));
        for (test, o) in &ran.tests {
            sol_tests += 1;
            if o.passed {
                sol_pass += 1;
            } else {
                report.problems.push(format!(
                    "{name}::{test} FAILS on the model answer:\n{}",
                    o.output
                ));
            }
        }
        if let Some(t) = &ran.trouble {
            report
                .problems
                .push(format!("{name} on the model answer: {t}"));
        }
    }

    // Per-test hints must name tests that exist.
    for ex in EXERCISES {
        for (test, _) in ex.test_hints {
            if names_by_exercise
                .get(ex.name)
                .is_some_and(|names| !names.iter().any(|n| n.rsplit("::").next() == Some(*test)))
            {
                report.problems.push(format!(
                    "src/{}: the hint `For `{test}`` of exercise `{}` names no test of exercises/tests/{}.rs",
                    ex.chapter, ex.name, ex.name
                ));
            }
        }
    }

    // The pristine stubs.
    let stubs_dir = target.join("course-stubs");
    match pristine_stubs(root, &stubs_dir) {
        Err(e) => report
            .problems
            .push(format!("cannot get the pristine stubs: {e}")),
        Ok(whence) => {
            report.notes.push(format!("stubs: {whence}"));
            let env = vec![("COURSE_SRC".to_string(), stubs_dir.display().to_string())];
            let stubs = build_and_run(
                root,
                Package::Exercises,
                &[],
                target,
                env,
                None,
                &mut report,
            );
            let (mut total, mut failing) = (0, 0);
            for (name, ran) in &stubs {
                let ex = course_check::exercise(name);
                if names_by_exercise.get(name) != Some(&test_names(ran)) {
                    report.problems.push(format!(
                        "{name}: the stub and the model answer do not run the same tests"
                    ));
                }
                for (test, o) in &ran.tests {
                    total += 1;
                    if o.passed {
                        report.problems.push(format!(
                            "{name}::{test} PASSES on the unsolved stub: it cannot tell a stub from an answer"
                        ));
                    } else if !o.output.contains(&format!("exercise `{name}`"))
                        || !o.output.contains(&ex.url())
                    {
                        report.problems.push(format!(
                            "{name}::{test} fails on the stub, but its message does not name exercise `{name}` and {}; wrap the test body in course_check::check(\"{name}\", ..). It said:\n{}",
                            ex.url(),
                            o.output
                        ));
                    } else {
                        failing += 1;
                    }
                }
            }
            report.notes.push(format!(
                "{} exercises; on the model answers {sol_pass} of {sol_tests} tests pass; on the stubs {failing} of {total} fail, each naming its exercise and section",
                sols.len()
            ));
        }
    }

    // The wrong answers.
    let wrong_dir = target.join("course-wrong");
    let wrong = wrong_answers(root, &wrong_dir, &mut report);
    let mut caught = 0;
    let started = std::time::Instant::now();
    let rounds = rounds(&wrong);
    let n_rounds = rounds.len();
    for round in rounds {
        let only: Vec<&str> = round.iter().map(|w| w.exercise).collect();
        let overrides: Vec<String> = round
            .iter()
            .map(|w| format!("{}={}", w.exercise, w.file.display()))
            .collect();
        let env = vec![("COURSE_OVERRIDE".to_string(), overrides.join(";"))];
        let spec = BuildSpec {
            package: Package::Solutions,
            only: &only,
            target_dir: target.to_path_buf(),
            env,
            color: false,
        };
        let built = match runner::build(root, &spec) {
            Ok(b) => b,
            Err(e) => {
                report.problems.push(e);
                continue;
            }
        };
        // The runs mostly wait (a wrong answer often hangs until the
        // watchdog stops it), so several run at once.
        let jobs: Vec<(&Wrong, Option<&runner::Built>)> =
            round.iter().map(|w| (w, built.get(w.exercise))).collect();
        let next = std::sync::Mutex::new(jobs.into_iter());
        let verdicts = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    loop {
                        let Some((w, b)) = next.lock().unwrap().next() else {
                            return;
                        };
                        let outcome = match b {
                            Some(b) if b.exe.is_some() => {
                                Ok(runner::verdict_of(&runner::run_with(
                                    b.exe.as_ref().unwrap(),
                                    Duration::from_secs(120),
                                    &[("COURSE_TIMEOUT_SECS", "5"), ("COURSE_NO_GDB", "1")],
                                )))
                            }
                            Some(b) => Err(b.errors.join("\n")),
                            None => Err("its test program was not built".to_string()),
                        };
                        verdicts.lock().unwrap().push((w, outcome));
                    }
                });
            }
        });
        for (w, outcome) in verdicts.into_inner().unwrap() {
            let shown = format!("solutions/wrong/{}/{}.patch", w.exercise, w.slug);
            match outcome {
                Ok(Verdict::Solved { .. }) => report.problems.push(format!(
                    "no test of `{}` catches the wrong answer {shown} ({})",
                    w.exercise, w.says
                )),
                Ok(_) => caught += 1,
                Err(e) => report.problems.push(format!(
                    "{shown} does not compile, so it tests nothing:\n{e}"
                )),
            }
        }
    }
    report.notes.push(format!(
        "wrong answers: {caught} of {} caught by at least one test ({n_rounds} builds, {:.0} s)",
        wrong.len(),
        started.elapsed().as_secs_f64()
    ));
    report
}

fn build_and_run(
    root: &Path,
    package: Package,
    only: &[&str],
    target: &Path,
    env: Vec<(String, String)>,
    limit: Option<Duration>,
    report: &mut Report,
) -> BTreeMap<String, runner::Ran> {
    let spec = BuildSpec {
        package,
        only,
        target_dir: target.to_path_buf(),
        env,
        color: false,
    };
    let built = match runner::build(root, &spec) {
        Ok(b) => b,
        Err(e) => {
            report.problems.push(e);
            return BTreeMap::new();
        }
    };
    let mut out = BTreeMap::new();
    for (name, b) in built {
        match &b.exe {
            Some(exe) => {
                out.insert(
                    name,
                    runner::run(exe, limit.unwrap_or(Duration::from_secs(300))),
                );
            }
            None => report.problems.push(format!(
                "{} `{name}` does not compile:\n{}",
                package.name(),
                b.errors.join("\n")
            )),
        }
    }
    out
}

/// The files agree with the book.
pub fn layout(root: &Path, report: &mut Report) {
    match crate::renumber::plan(root) {
        Ok(map) if map.is_empty() => {}
        Ok(map) => report.problems.push(format!(
            "episode numbers in file names are out of step with src/SUMMARY.md ({}): run `cargo xtask renumber`",
            map.iter()
                .map(|(o, n)| format!("ep{o:02} is now episode {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Err(e) => report.problems.push(e),
    }
    let declared: BTreeSet<&str> = EXERCISES.iter().map(|e| e.name).collect();
    let stems = |dir: &str, ext: &str| -> BTreeSet<String> {
        std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let p = e.path();
                if ext.is_empty() {
                    return p
                        .is_dir()
                        .then(|| p.file_name()?.to_str().map(str::to_string))?;
                }
                (p.extension()? == ext).then(|| p.file_stem()?.to_str().map(str::to_string))?
            })
            .collect()
    };
    let places = [
        ("exercises/src", "rs", "stub"),
        ("solutions/src", "rs", "model answer"),
        ("exercises/tests", "rs", "test file"),
        ("solutions/wrong", "", "wrong answers"),
    ];
    for (dir, ext, what) in places {
        let found = stems(dir, ext);
        for name in &declared {
            if !found.contains(*name) {
                let file = if ext.is_empty() {
                    format!("{dir}/{name}/")
                } else {
                    format!("{dir}/{name}.{ext}")
                };
                report.problems.push(format!(
                    "exercise `{name}` is declared in the book but has no {what}: add {file}"
                ));
            }
        }
        for name in found.iter().filter(|n| !declared.contains(n.as_str())) {
            report.problems.push(format!(
                "{dir}/{name}: no chapter declares an exercise `{name}` (a `:::challenge Exercise `{name}`` box with a `::::hint`)"
            ));
        }
    }
    // A stub may say where to read; if it does, it must say what the book says.
    for ex in EXERCISES {
        let stub = std::fs::read_to_string(root.join(format!("exercises/src/{}.rs", ex.name)))
            .unwrap_or_default();
        let want = format!("//! Read: src/{}, \"{}\"", ex.chapter, ex.section);
        if let Some(line) = stub.lines().find(|l| l.starts_with("//! Read:"))
            && line.trim_end() != want
        {
            report.problems.push(format!(
                "exercises/src/{}.rs says `{}`, but the exercise's box sits under another section: write `{want}`",
                ex.name,
                line.trim_end()
            ));
        }
    }
    for ex in EXERCISES {
        if root
            .join(format!("exercises/tests/{}.rs", ex.name))
            .exists()
            && !includes(root, ex.name).iter().any(|m| m == ex.name)
        {
            report.problems.push(format!(
                "exercises/tests/{}.rs must start with `course_check::exercise!(.., {});`",
                ex.name, ex.name
            ));
        }
    }
}
