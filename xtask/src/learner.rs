//! What the learner sees: `cargo xtask check` (every exercise, or some, with
//! a summary per episode), `cargo xtask progress` (the list, in book order,
//! and what to do next), and the pieces `cargo xtask watch` shows.

use crate::runner::{self, Package, Verdict};
use course_check::{EXERCISES, Exercise};
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where the learner's results are remembered between runs (for `watch`).
pub fn state_file(root: &Path) -> PathBuf {
    root.join("target").join("course").join("solved.json")
}

/// The exercises known to be solved at the last check.
pub fn load_solved(root: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(state_file(root))
        .ok()
        .and_then(|s| serde_json::from_str::<Vec<String>>(&s).ok())
        .unwrap_or_default()
        .into_iter()
        .collect()
}

/// Notes which exercises are solved now.
pub fn remember(root: &Path, verdicts: &[(&Exercise, Verdict)]) {
    let mut solved = load_solved(root);
    for (ex, v) in verdicts {
        if v.solved() {
            solved.insert(ex.name.to_string());
        } else {
            solved.remove(ex.name);
        }
    }
    let file = state_file(root);
    let _ = std::fs::create_dir_all(file.parent().unwrap());
    let list: Vec<&String> = solved.iter().collect();
    let _ = std::fs::write(file, serde_json::to_string(&list).unwrap());
}

/// Tells which other exercise's file a compile error is in, if any.
fn other_exercise_in(errors: &[String], me: &str) -> Option<&'static str> {
    EXERCISES
        .iter()
        .map(|e| e.name)
        .filter(|n| *n != me)
        .find(|n| errors.iter().any(|e| e.contains(&format!("src/{n}.rs"))))
}

/// The full text of one exercise's verdict.
pub fn describe(ex: &Exercise, verdict: &Verdict, all_failures: bool) -> String {
    let mut s = String::new();
    match verdict {
        Verdict::Solved { tests } => {
            let _ = writeln!(s, "✓ {}: all {tests} tests pass", ex.name);
        }
        Verdict::Failing {
            passed,
            total,
            failures,
        } => {
            let unsolved = failures
                .iter()
                .all(|(_, r)| r.contains("is not solved yet"));
            if unsolved && !all_failures {
                let _ = writeln!(
                    s,
                    "✗ {}: not solved yet; read \"{}\", {}",
                    ex.name,
                    ex.section,
                    ex.url()
                );
                return s;
            }
            let _ = writeln!(s, "✗ {}: {passed} of {total} tests pass", ex.name);
            // The first failure in full; the others by what they expected,
            // without repeating what to read.
            if let Some((_, report)) = failures.first() {
                let _ = writeln!(s, "{}", indent(report));
            }
            let shown = if all_failures { failures.len() } else { 1 };
            for (_, report) in failures.iter().take(shown).skip(1) {
                let short: Vec<&str> = report
                    .lines()
                    .take_while(|l| !l.trim_start().starts_with("read:"))
                    .collect();
                let _ = writeln!(s, "{}", indent(&short.join("\n")));
            }
            if failures.len() > shown {
                let names: Vec<&str> = failures[shown..].iter().map(|(n, _)| n.as_str()).collect();
                let _ = writeln!(
                    s,
                    "    also failing: {} (see them all: {})",
                    names.join(", "),
                    ex.command()
                );
            }
        }
        Verdict::DoesNotCompile { errors } => {
            let _ = writeln!(s, "✗ {}: does not compile", ex.name);
            if let Some(other) = other_exercise_in(errors, ex.name) {
                let _ = writeln!(
                    s,
                    "    it uses your `{other}`, which has the errors below: fix `{other}` first"
                );
            }
            for e in errors {
                let _ = writeln!(s, "{}", indent(e.trim_end()));
            }
            let _ = writeln!(
                s,
                "    read: {}, \"{}\"\n          {}",
                ex.episode_title(),
                ex.section,
                ex.url()
            );
        }
        Verdict::Trouble { what } => {
            let _ = writeln!(s, "✗ {}: {what}", ex.name);
        }
        Verdict::Missing => {
            let _ = writeln!(
                s,
                "✗ {}: no test program was built (is exercises/tests/{}.rs there?)",
                ex.name, ex.name
            );
        }
    }
    s
}

fn indent(text: &str) -> String {
    text.trim_matches('\n')
        .lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line per episode: how many of its exercises are solved.
pub fn summary(verdicts: &[(&Exercise, Verdict)]) -> String {
    let mut s = String::new();
    let mut episodes: Vec<(usize, String, usize, usize)> = Vec::new();
    for (ex, v) in verdicts {
        if episodes.last().is_none_or(|e| e.0 != ex.episode) {
            episodes.push((ex.episode, ex.episode_title(), 0, 0));
        }
        let e = episodes.last_mut().unwrap();
        e.2 += usize::from(v.solved());
        e.3 += 1;
    }
    let width = episodes
        .iter()
        .map(|e| e.1.chars().count())
        .max()
        .unwrap_or(0);
    for (_, title, solved, total) in &episodes {
        let pad = width - title.chars().count();
        let _ = writeln!(
            s,
            "  {title}{}  {solved} of {total} solved",
            " ".repeat(pad)
        );
    }
    let solved: usize = episodes.iter().map(|e| e.2).sum();
    let total: usize = episodes.iter().map(|e| e.3).sum();
    let _ = writeln!(s, "  {solved} of {total} exercises solved");
    s
}

/// The exercise to work on next: the most recently edited one if it is
/// not solved yet, else the first unsolved one after it in book order;
/// the first unsolved one when no answer has been edited yet.
pub fn next<'a>(root: &Path, verdicts: &[(&'a Exercise, Verdict)]) -> Option<&'a Exercise> {
    let edited = last_edited(root);
    let start = edited
        .and_then(|name| verdicts.iter().position(|(e, _)| e.name == name))
        .unwrap_or(0);
    let n = verdicts.len();
    (0..n)
        .map(|i| &verdicts[(start + i) % n])
        .find(|(_, v)| !v.solved())
        .map(|(e, _)| *e)
}

/// The exercise file edited last, if the learner has edited any (in a
/// fresh clone every file has about the same time).
pub fn last_edited(root: &Path) -> Option<&'static str> {
    let mut times: Vec<(std::time::SystemTime, &'static str)> = EXERCISES
        .iter()
        .filter_map(|e| {
            let f = root.join("exercises/src").join(format!("{}.rs", e.name));
            Some((std::fs::metadata(f).ok()?.modified().ok()?, e.name))
        })
        .collect();
    times.sort();
    let (first, last) = (times.first()?, times.last()?);
    let spread = last.0.duration_since(first.0).unwrap_or_default();
    (spread > std::time::Duration::from_secs(2)).then_some(last.1)
}

fn color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn names_or_error(names: &[String]) -> Result<Vec<&'static str>, String> {
    names
        .iter()
        .map(|n| {
            EXERCISES
                .iter()
                .find(|e| e.name == n)
                .map(|e| e.name)
                .ok_or_else(|| {
                    format!("there is no exercise `{n}`; `cargo xtask progress` lists them")
                })
        })
        .collect()
}

/// `cargo xtask check [NAME...] [--solutions]`.
pub fn check(root: &Path, names: &[String], solutions: bool) -> ExitCode {
    let only = match names_or_error(names) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let package = if solutions {
        Package::Solutions
    } else {
        Package::Exercises
    };
    eprintln!(
        "building {} exercise test programs of {}/ ...",
        if only.is_empty() {
            EXERCISES.len()
        } else {
            only.len()
        },
        package.name()
    );
    let target = root.join("target");
    let verdicts = match runner::check(root, package, &only, &target, Vec::new(), color()) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("cargo could not build the exercises:\n{e}");
            return ExitCode::FAILURE;
        }
    };
    if package == Package::Exercises {
        remember(root, &verdicts);
    }
    let one = verdicts.len() == 1;
    for (ex, v) in &verdicts {
        print!("{}", describe(ex, v, one));
    }
    println!("\nsummary, in book order:\n{}", summary(&verdicts));
    if let Some(next) = next(root, &verdicts).filter(|_| package == Package::Exercises) {
        println!(
            "next: exercises/src/{}.rs ({}, \"{}\"), then `{}` or `cargo xtask watch`",
            next.name,
            next.episode_title(),
            next.section,
            next.command()
        );
    }
    if verdicts.iter().all(|(_, v)| v.solved()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `cargo xtask progress`.
pub fn progress(root: &Path) -> ExitCode {
    eprintln!("checking your answers (cargo xtask check, quietly) ...");
    let target = root.join("target");
    let verdicts = match runner::check(root, Package::Exercises, &[], &target, Vec::new(), false) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("cargo could not build the exercises:\n{e}");
            return ExitCode::FAILURE;
        }
    };
    remember(root, &verdicts);
    print!("{}", listing(&verdicts));
    match next(root, &verdicts) {
        Some(n) => println!(
            "\nnext: exercises/src/{}.rs, \"{}\" ({})\n      check it with `{}`, or let `cargo xtask watch` do it on every save",
            n.name,
            n.section,
            n.url(),
            n.command()
        ),
        None => println!("\nall done: well done!"),
    }
    ExitCode::SUCCESS
}

/// The list of exercises, in book order, with their state.
pub fn listing(verdicts: &[(&Exercise, Verdict)]) -> String {
    let mut s = String::new();
    let mut episode = 0;
    for (ex, v) in verdicts {
        if ex.episode != episode {
            episode = ex.episode;
            let _ = writeln!(s, "\n{}", ex.episode_title());
        }
        let (mark, what) = match v {
            Verdict::Solved { tests } => ("[x]", format!("{tests}/{tests} tests pass")),
            Verdict::Failing { passed, total, .. } => {
                ("[ ]", format!("{passed}/{total} tests pass"))
            }
            Verdict::DoesNotCompile { .. } => ("[!]", "does not compile".to_string()),
            Verdict::Trouble { what } => ("[!]", what.clone()),
            Verdict::Missing => ("[?]", "no tests".to_string()),
        };
        let _ = writeln!(
            s,
            "  {mark} {:<20} {:<18} \"{}\"",
            ex.name, what, ex.section
        );
    }
    let solved = verdicts.iter().filter(|(_, v)| v.solved()).count();
    let _ = writeln!(s, "\n{solved} of {} exercises solved", verdicts.len());
    s
}
