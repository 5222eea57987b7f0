//! The lesson preprocessor speaks mdBook's command protocol, so stock
//! `mdbook build` can run it (book.toml: `cargo run -p xtask -- preprocess`).

use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Config;
use std::io::Write;
use std::process::{Command, Stdio};

const EPISODE: &str = "---\ntitle: \"Probe\"\nteaching: 10\nexercises: 5\n---\n\n:::challenge Try it\nText\n\n::::solution\nAnswer\n::::\n:::\n";

#[test]
fn renders_boxes_and_schedule_through_the_command_protocol() {
    let exe = env!("CARGO_BIN_EXE_xtask");
    let supports = Command::new(exe)
        .args(["preprocess", "supports", "html"])
        .status()
        .unwrap();
    assert!(
        supports.success(),
        "`xtask preprocess supports html` must exit 0"
    );

    let ctx = PreprocessorContext::new(".".into(), Config::default(), "html".into());
    let mut book = Book::new();
    book.push_item(Chapter::new("Probe", EPISODE.into(), "probe.md", vec![]));
    book.push_item(Chapter::new(
        "Schedule",
        "{{#schedule}}\n".into(),
        "schedule.md",
        vec![],
    ));
    let input = serde_json::to_string(&(&ctx, &book)).unwrap();

    let mut child = Command::new(exe)
        .arg("preprocess")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "preprocess failed");
    let book: Book =
        serde_json::from_slice(&out.stdout).expect("preprocess must print a book as JSON");
    let chapters: Vec<&Chapter> = book
        .iter()
        .filter_map(|i| {
            if let BookItem::Chapter(c) = i {
                Some(c)
            } else {
                None
            }
        })
        .collect();
    let probe = &chapters[0].content;
    assert!(probe.starts_with("# Probe\n"), "{probe}");
    assert!(
        probe.contains("<div class=\"lesson-box challenge\">"),
        "{probe}"
    );
    assert!(
        probe.contains("<details class=\"lesson-box solution\">"),
        "{probe}"
    );
    let schedule = &chapters[1].content;
    assert!(
        schedule.contains("| [Probe](probe.md) | 10 min | 5 min | 15 min |"),
        "{schedule}"
    );
}
