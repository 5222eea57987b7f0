//! Reads every chapter listed in src/SUMMARY.md, expands its includes, and
//! hands the result to skeptic; `compile_fail` blocks go to our own harness.
//! A chapter that cannot be prepared (a missing include or anchor, a bare
//! code fence, an unclosed box) fails the build with the chapter and line.

use booktools::booktest::{Prepared, fix_test_names, prepare};
use booktools::{sanitize, summary};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn write_if_changed(path: &Path, text: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

fn fail(msg: &str) -> ! {
    // Paths relative to the workspace root read better than absolute ones.
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = format!("{}/", root.parent().unwrap().display());
    let msg = msg
        .replace(&format!("{root}src/../"), "")
        .replace(&root, "");
    // A build-script panic shows the message; make it the first thing read.
    eprintln!("\nbook tests: {msg}\n");
    panic!("book tests: {msg}");
}

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = here.parent().unwrap().to_path_buf();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let src = root.join("src");
    // Chapters include code from these folders.
    for dir in [
        "src",
        "listings",
        "solutions/src",
        "exercises/src",
        "perf/src",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }

    let chapters = summary::read_chapters(&src).unwrap_or_else(|e| fail(&e));
    let copies = out.join("chapters");
    fs::create_dir_all(&copies).unwrap();

    let mut files = Vec::new();
    let mut prepared: Vec<(String, String, Prepared)> = Vec::new(); // (test stem, chapter path, prepared)
    for ch in &chapters {
        let path = ch.file(&src);
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(&format!("src/{}: cannot read: {e}", ch.path)));
        let p = prepare(&path, &text).unwrap_or_else(|e| fail(&e));
        let shape = booktools::lesson::lint_episode(&text);
        if !shape.is_empty() {
            fail(&format!(
                "src/{}: not a complete episode: {}",
                ch.path,
                shape.join("; ")
            ));
        }
        let mut stem = sanitize(ch.stem());
        if stem.starts_with(|c: char| c.is_ascii_digit()) {
            stem = format!("ch_{stem}");
        }
        let copy = copies.join(format!("{stem}.md"));
        write_if_changed(&copy, &p.text);
        files.push(copy);
        prepared.push((stem, format!("src/{}", ch.path), p));
    }

    // skeptic writes OUT_DIR/skeptic-tests.rs; point its test names at the
    // lines of the chapter sources.
    skeptic::generate_doc_tests(&files);
    let generated = out.join("skeptic-tests.rs");
    let text = fs::read_to_string(&generated).unwrap_or_default();
    let fixed = fix_test_names(&text, &|name: &str, line: usize| {
        prepared
            .iter()
            .filter(|(stem, _, _)| name == stem || name.starts_with(&format!("{stem}_sect_")))
            .max_by_key(|(stem, _, _)| stem.len())
            .and_then(|(_, _, p)| p.source_line.get(line - 1).copied())
    });
    write_if_changed(&out.join("blocks.rs"), &fixed);

    // Our compile_fail tests, and the numbers for the summary.
    let mut cf = String::new();
    let (mut compiled, mut run, mut failing) = (0, 0, 0);
    let mut ignored = Vec::new();
    for (stem, chapter, p) in &prepared {
        compiled += p.compiled;
        run += p.run;
        failing += p.compile_fail.len();
        ignored.extend(p.ignored.iter().map(|l| format!("{chapter}:{l}")));
        for block in &p.compile_fail {
            writeln!(
                cf,
                "#[test] fn {stem}_line_{line}_fails_with_{code}() {{\n    book_tests::check_compile_fail({chapter:?}, {line}, {code:?}, r####\"{src}\"####);\n}}\n",
                line = block.line,
                code = block.code,
                src = block.source
            )
            .unwrap();
        }
    }
    write_if_changed(&out.join("compile-fail-tests.rs"), &cf);
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let versions = locked_versions(&root, &["rand", "rayon", "crossbeam"]);
    let summary = format!(
        "pub const CHAPTERS: usize = {};\npub const COMPILED: usize = {compiled};\npub const RUN: usize = {run};\npub const COMPILE_FAIL: usize = {failing};\npub const IGNORED: &[&str] = &{ignored:?};\npub const RUSTC: &str = {rustc:?};\npub const CRATES: &[(&str, &str)] = &{versions:?};\n",
        chapters.len()
    );
    write_if_changed(&out.join("summary.rs"), &summary);
}

/// The versions of `names` that this package depends on, from Cargo.lock
/// (for the compile_fail harness, which must link the same builds).
fn locked_versions(root: &Path, names: &[&str]) -> Vec<(String, String)> {
    println!(
        "cargo:rerun-if-changed={}",
        root.join("Cargo.lock").display()
    );
    let lock = fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    let packages: Vec<&str> = lock.split("[[package]]").collect();
    let field = |pkg: &str, key: &str| {
        pkg.lines()
            .find_map(|l| l.strip_prefix(&format!("{key} = \"")))
            .map(|v| v.trim_end_matches('"').to_string())
    };
    let ours = packages
        .iter()
        .find(|p| field(p, "name").as_deref() == Some("book-tests"));
    let mut out = Vec::new();
    for name in names {
        // A dependency line says "name version" when several versions are locked.
        let pinned = ours.and_then(|p| {
            p.lines()
                .map(|l| l.trim().trim_matches(|c| c == '"' || c == ','))
                .find_map(|l| l.strip_prefix(&format!("{name} ")).map(str::to_string))
        });
        let version = pinned.or_else(|| {
            packages
                .iter()
                .find(|p| field(p, "name").as_deref() == Some(*name))
                .and_then(|p| field(p, "version"))
        });
        if let Some(v) = version {
            out.push((name.to_string(), v));
        }
    }
    out
}
