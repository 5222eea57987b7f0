//! `bench --quick` runs and writes well-formed results. This test checks the
//! shape of what it writes (tables, JSON, SVG), never the times: benchmarks
//! are not timed tests.

use course_check::Reaper;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the debug build with --quick into `out`; returns what it printed.
fn run_quick(out: &Path) -> String {
    let child = Command::new(env!("CARGO_BIN_EXE_bench"))
        .args(["--quick", "--no-native", "--no-python", "--out"])
        .arg(out)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the bench program");
    let mut reaper = Reaper::new(child);
    // Not a timing check: a limit so that a hang fails instead of blocking.
    let limit = Instant::now() + Duration::from_secs(300);
    while reaper.child().try_wait().expect("cannot wait").is_none() {
        assert!(
            Instant::now() < limit,
            "bench --quick did not finish within 300 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = reaper
        .take()
        .wait_with_output()
        .expect("cannot read its output");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "bench --quick failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// A Markdown table file: the machine line first, then a table whose rows
/// all have as many cells as its header, which holds `columns`.
fn check_table(out: &Path, name: &str, columns: &[&str]) -> String {
    let text = std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.starts_with("Measured on "),
        "{name} should start with the machine, not {first:?}"
    );
    assert!(
        first.contains("`cargo xtask bench --quick"),
        "{name} should name the command: {first:?}"
    );
    if columns.is_empty() {
        return text;
    }
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with('|')).collect();
    assert!(
        rows.len() >= 3,
        "{name}: expected a header, a rule and rows, got:\n{text}"
    );
    let cells = |l: &str| l.trim().trim_matches('|').split(" | ").count();
    for col in columns {
        assert!(
            rows[0].contains(col),
            "{name}: no column {col:?} in {:?}",
            rows[0]
        );
    }
    assert!(
        rows[1].starts_with("| ---") || rows[1].starts_with("| :"),
        "{name}: no rule under the header"
    );
    for r in &rows {
        assert_eq!(
            cells(r),
            cells(rows[0]),
            "{name}: row {r:?} has a different number of cells"
        );
    }
    text
}

/// An SVG that an XML parser accepts, with a title and the given texts.
fn check_svg(out: &Path, name: &str, texts: &[&str]) {
    let svg = std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name} is not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{name}: root element");
    assert!(
        root.children()
            .any(|n| n.has_tag_name("title") && n.text().is_some_and(|t| !t.is_empty())),
        "{name}: no <title> for screen readers"
    );
    let all: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect();
    for t in texts {
        assert!(
            all.iter().any(|x| x.contains(t)),
            "{name}: no text {t:?} among {all:?}"
        );
    }
    assert!(
        doc.descendants().any(|n| n.has_tag_name("polyline")
            || n.has_tag_name("path")
            || n.has_tag_name("rect")),
        "{name}: nothing drawn"
    );
}

#[test]
fn quick_run_writes_tables_json_and_plots() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let printed = run_quick(out);
    assert!(
        printed.contains("| step |"),
        "the π table was not printed:\n{printed}"
    );

    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap())
            .expect("results.json is not JSON");
    let cores = json["machine"]["cores"].as_u64().expect("machine.cores");
    assert!(cores >= 1);
    assert!(json["machine"]["cpu"].is_string() && json["machine"]["rustc"].is_string());
    let threads: Vec<u64> = json["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_u64().unwrap())
        .collect();
    assert_eq!(threads.first(), Some(&1));
    assert_eq!(
        threads.last(),
        Some(&(2 * cores)),
        "the sweep should end oversubscribed"
    );
    let steps = json["pi"].as_array().expect("pi");
    assert_eq!(
        steps.len(),
        perf::pi::STEPS.len(),
        "one entry per step of perf::pi::STEPS"
    );
    for (s, step) in steps.iter().zip(perf::pi::STEPS) {
        assert_eq!(s["step"], step.name);
        let ts: Vec<u64> = s["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["threads"].as_u64().unwrap())
            .collect();
        assert_eq!(ts, threads, "{}: a row per thread count", step.name);
        for r in s["rows"].as_array().unwrap() {
            assert!(r["stats"]["median"].as_f64().unwrap() > 0.0);
            assert!(r["stats"]["min"].as_f64() <= r["stats"]["max"].as_f64());
            for key in ["per_s", "speedup", "efficiency"] {
                assert!(r[key].is_number(), "{}: {key} missing", step.name);
            }
        }
        let pi = s["pi"].as_f64().unwrap();
        assert!((2.5..3.8).contains(&pi), "{}: π ≈ {pi}?", step.name);
    }
    assert_eq!(
        json["integral"]["rows"].as_array().unwrap().len(),
        threads.len()
    );
    assert!((json["integral"]["value"].as_f64().unwrap() - 1000.0 / 3.0).abs() < 1.0);
    let costs = json["costs"].as_array().unwrap();
    for what in ["thread", "start this program", "channel", "pipe"] {
        assert!(
            costs
                .iter()
                .any(|c| c["what"].as_str().unwrap().contains(what)),
            "no cost measured for {what}"
        );
    }
    assert!(!json["queue"]["rows"].as_array().unwrap().is_empty());
    assert!(json["python"].is_null() && json["python_note"].as_str().unwrap().contains("skipped"));

    check_table(
        out,
        "pi-path.md",
        &["step", "what changed", "1 thread", "samples/s", "native"],
    );
    check_table(
        out,
        "speedup.md",
        &[
            "workload",
            "threads",
            "speed-up",
            "efficiency",
            "CPU / wall",
        ],
    );
    check_table(out, "costs.md", &["what", "message", "time per operation"]);
    check_table(
        out,
        "queue.md",
        &["chunks per message", "messages", "compared with no queue"],
    );
    let py = check_table(out, "python.md", &[]);
    assert!(
        py.contains("skipped"),
        "python.md should say Python was skipped:\n{py}"
    );

    check_svg(
        out,
        "speedup.svg",
        &[
            "threads",
            "speed-up over 1 thread",
            "ideal",
            "Amdahl fit",
            "Measured on",
        ],
    );
    let first = perf::pi::STEPS[0].name;
    check_svg(
        out,
        "pi-path.svg",
        &["samples per second", first, "Measured on"],
    );
}
