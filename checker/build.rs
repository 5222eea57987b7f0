//! Derives the exercise manifest from the book: SUMMARY.md gives the order
//! of the chapters, each chapter's `:::challenge Exercise `name`` boxes give
//! the exercises, their sections and their hints (see booktools::exercises).
//! Nothing about an exercise is typed twice.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&manifest).parent().unwrap();
    let src = root.join("src");
    println!("cargo::rerun-if-changed={}", src.display());
    let exercises = booktools::exercises::read(&src).unwrap_or_else(|e| {
        panic!("cannot read the exercises from the book: {e}");
    });
    let mut out = String::from("pub const EXERCISES: &[Exercise] = &[\n");
    for e in &exercises {
        let hints: String = e
            .test_hints
            .iter()
            .map(|(t, h)| format!("({t:?}, {h:?}), "))
            .collect();
        writeln!(
            out,
            "    Exercise {{ name: {:?}, episode: {}, chapter: {:?}, chapter_title: {:?}, \
             section: {:?}, anchor: {:?}, hint: {:?}, test_hints: &[{hints}], line: {} }},",
            e.name, e.episode, e.chapter, e.chapter_title, e.section, e.anchor, e.hint, e.line
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("manifest.rs");
    std::fs::write(dest, out).unwrap();
}
