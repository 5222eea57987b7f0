//! Makes each exercise a module that a test program can include on its own
//! (`course_check::exercise!(ep02_scoped)`), so that one broken file never
//! stops another exercise from being checked.
//!
//! For every test program `tests/T.rs` and every `src/NAME.rs` it writes
//! `$OUT_DIR/T/NAME.rs`, holding `#[path = ".../src/NAME.rs"] pub mod NAME;`. The same script serves
//! `solutions/` (its Cargo.toml points here), and the course's checks use
//! two variables to point a build at other files:
//! - `COURSE_SRC=DIR` reads every exercise from DIR instead of `src/`
//!   (the unsolved check builds the pristine stubs this way);
//! - `COURSE_OVERRIDE=NAME=FILE;...` reads exercise NAME from FILE in
//!   NAME's own test program (the check of wrong answers builds them this
//!   way, one wrong answer of each exercise at a time).

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo::rerun-if-env-changed=COURSE_SRC");
    println!("cargo::rerun-if-env-changed=COURSE_OVERRIDE");
    // A new exercise comes with a new test file: that is when to look again.
    println!("cargo::rerun-if-changed=tests");
    let src = std::env::var_os("COURSE_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("src"));
    let overrides = std::env::var("COURSE_OVERRIDE").unwrap_or_default();
    let overrides: Vec<(&str, &str)> = overrides
        .split(';')
        .filter_map(|o| o.split_once('='))
        .collect();
    let mut names: Vec<String> = Vec::new();
    for dir in [&src, &manifest.join("src")] {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs")
                && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
                && !names.iter().any(|n| n == stem)
            {
                names.push(stem.to_string());
            }
        }
    }
    // Each test program (tests/T.rs) gets its own copy of every module, in
    // $OUT_DIR/T/, so that an override of exercise T changes T's test
    // program only, even where another exercise's tests include module T.
    let mut targets: Vec<String> = std::fs::read_dir(manifest.join("tests"))
        .map(|dir| {
            dir.flatten()
                .filter_map(|e| {
                    let p = e.path();
                    (p.extension()? == "rs").then(|| p.file_stem()?.to_str().map(str::to_string))?
                })
                .collect()
        })
        .unwrap_or_default();
    targets.sort();
    for target in &targets {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        for name in &names {
            let file = overrides
                .iter()
                .find(|(n, _)| n == name && n == target)
                .map(|(_, f)| PathBuf::from(f))
                .unwrap_or_else(|| src.join(format!("{name}.rs")));
            let file = std::path::absolute(&file).unwrap_or(file);
            let module = format!(
                "#[path = {:?}]\npub mod {name};\n",
                file.display().to_string()
            );
            let dest = dir.join(format!("{name}.rs"));
            if std::fs::read_to_string(&dest).ok().as_deref() != Some(module.as_str()) {
                std::fs::write(&dest, module).unwrap();
            }
        }
    }
}
