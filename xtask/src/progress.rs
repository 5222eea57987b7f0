//! `cargo xtask progress`: runs your exercise tests and lists, episode by
//! episode, which exercises pass and what to read for the others.

use crate::runner::{build, root, run};
use course_check::EXERCISES;
use std::collections::BTreeMap;
use std::process::ExitCode;

pub fn progress() -> ExitCode {
    let root = root();
    println!("building your exercises (cargo test -p exercises --no-run) ...");
    let bins = match build(&root, &["exercises"], &root.join("target")) {
        Ok(b) => b,
        Err(_) => {
            eprintln!(
                "\nyour exercises do not compile yet: fix the errors above, then run this again"
            );
            return ExitCode::FAILURE;
        }
    };
    // exercise -> (tests passed, tests run)
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (_, target, exe) in bins.iter().filter(|(_, t, _)| t != "course") {
        match run(exe) {
            Ok(results) => {
                for (name, outcome) in results {
                    let module = name.split("::").next().unwrap_or(&name).to_string();
                    let t = tally.entry(module).or_default();
                    t.0 += usize::from(outcome.passed);
                    t.1 += 1;
                }
            }
            Err(e) => eprintln!("{target}: {e}"),
        }
    }
    let mut solved = 0;
    let mut chapter = "";
    for ex in EXERCISES {
        if ex.chapter != chapter {
            chapter = ex.chapter;
            println!("\n{}", ex.chapter_title);
        }
        let (passed, total) = tally.get(ex.name).copied().unwrap_or((0, 0));
        if total > 0 && passed == total {
            solved += 1;
            println!("  [x] {:<20} {passed}/{total} tests pass", ex.name);
        } else {
            println!(
                "  [ ] {:<20} {passed}/{total} tests pass; read src/{}, the part on {}",
                ex.name, ex.chapter, ex.topic
            );
        }
    }
    println!("\n{solved} of {} exercises solved.", EXERCISES.len());
    match EXERCISES
        .iter()
        .find(|e| tally.get(e.name).is_none_or(|(p, t)| p < t))
    {
        Some(next) => println!(
            "Next: exercises/src/{}.rs, then `cargo test -p exercises {}`.",
            next.name, next.name
        ),
        None => println!("All done: well done!"),
    }
    ExitCode::SUCCESS
}
