//! `{{#include}}` and `{{#rustdoc_include}}` expansion, the way mdBook does it,
//! for the book tests (skeptic reads files, not books).
//!
//! Differences from mdBook, on purpose: a missing file or a missing anchor is
//! an error that names the chapter and line (mdBook only warns and includes
//! nothing), and the result carries a line map so that a test name can point
//! at the line of the chapter source, not of the expanded copy.

use std::fs;
use std::path::Path;

/// A chapter after expansion: its text, and for each of its lines the
/// 1-based line of the chapter source it came from.
#[derive(Debug, Clone)]
pub struct Expanded {
    pub text: String,
    pub source_line: Vec<usize>,
}

/// Expands every include directive in `text`, the content of `chapter`.
/// Paths are relative to the chapter's folder, as in mdBook.
pub fn expand(chapter: &Path, text: &str) -> Result<Expanded, String> {
    let dir = chapter.parent().unwrap_or(Path::new("."));
    let mut out = String::with_capacity(text.len());
    let mut source_line = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        let expanded =
            expand_line(dir, line).map_err(|e| format!("{}:{line_no}: {e}", chapter.display()))?;
        for piece in expanded.lines() {
            out.push_str(piece);
            out.push('\n');
            source_line.push(line_no);
        }
        if expanded.is_empty() {
            out.push('\n');
            source_line.push(line_no);
        }
    }
    Ok(Expanded {
        text: out,
        source_line,
    })
}

fn expand_line(dir: &Path, line: &str) -> Result<String, String> {
    let mut rest = line;
    let mut out = String::new();
    while let Some(start) = rest.find("{{#") {
        // `\{{#include ...}}` is an escaped directive: mdBook prints it as is.
        if start > 0 && rest.as_bytes()[start - 1] == b'\\' {
            out.push_str(&rest[..start - 1]);
            out.push_str("{{#");
            rest = &rest[start + 3..];
            continue;
        }
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let directive = &rest[start + 3..start + len];
        out.push_str(&rest[..start]);
        let mut words = directive.split_whitespace();
        let kind = words.next().unwrap_or("");
        let arg = words.collect::<Vec<_>>().join(" ");
        match kind {
            "include" => out.push_str(&include(dir, &arg, false)?),
            "rustdoc_include" => out.push_str(&include(dir, &arg, true)?),
            // Other directives ({{#playground}}, {{#title}}, our {{#schedule}})
            // are left for mdBook and our preprocessor.
            _ => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

fn include(dir: &Path, arg: &str, rustdoc: bool) -> Result<String, String> {
    let mut parts = arg.splitn(2, ':');
    let file = parts.next().unwrap_or("").trim();
    let selector = parts.next().map(str::trim);
    let path = dir.join(file);
    let content = fs::read_to_string(&path)
        .map_err(|e| format!("cannot include `{}`: {e}", path.display()))?;
    match selector {
        None | Some("") => Ok(content.trim_end_matches('\n').to_string()),
        Some(sel) if sel.chars().next().is_some_and(|c| c.is_ascii_digit() || c == ':') => {
            let (from, to) = line_range(sel)
                .ok_or_else(|| format!("bad line range `{sel}` in include of `{file}`"))?;
            let lines: Vec<&str> = content.lines().collect();
            let to = to.unwrap_or(lines.len()).min(lines.len());
            let from = from.min(to);
            if rustdoc {
                Ok(lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        if i >= from && i < to { l.to_string() } else { format!("# {l}") }
                    })
                    .collect::<Vec<_>>()
                    .join("\n"))
            } else {
                Ok(lines[from..to].join("\n"))
            }
        }
        Some(anchor) => anchored(&content, anchor, rustdoc).ok_or_else(|| {
            format!("anchor `{anchor}` not found in `{}` (look for `// ANCHOR: {anchor}` and `// ANCHOR_END: {anchor}`)", path.display())
        }),
    }
}

/// `N`, `N:M`, `:M`, `N:` with mdBook's 1-based inclusive numbers; returns a
/// 0-based half-open range.
fn line_range(sel: &str) -> Option<(usize, Option<usize>)> {
    let mut it = sel.splitn(2, ':');
    let a = it.next()?.trim();
    let b = it.next().map(str::trim);
    let from = if a.is_empty() {
        0
    } else {
        a.parse::<usize>().ok()?.saturating_sub(1)
    };
    let to = match b {
        None => Some(from + 1),
        Some("") => None,
        Some(b) => Some(b.parse::<usize>().ok()?),
    };
    Some((from, to))
}

fn anchor_name<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let at = line.find(marker)?;
    let rest = line[at + marker.len()..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

fn is_start(line: &str) -> Option<&str> {
    anchor_name(line, "ANCHOR:")
}

fn is_end(line: &str) -> Option<&str> {
    anchor_name(line, "ANCHOR_END:")
}

fn anchored(content: &str, anchor: &str, rustdoc: bool) -> Option<String> {
    let mut found = false;
    let mut inside = false;
    let mut out = Vec::new();
    for line in content.lines() {
        if inside {
            if is_end(line) == Some(anchor) {
                inside = false;
            } else if is_start(line).is_none() && is_end(line).is_none() {
                out.push(line.to_string());
            }
        } else if is_start(line) == Some(anchor) {
            found = true;
            inside = true;
        } else if rustdoc && is_start(line).is_none() && is_end(line).is_none() {
            out.push(format!("# {line}"));
        }
    }
    found.then(|| out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "fn a() {}\n// ANCHOR: body\nlet x = 1;\n// ANCHOR: inner\nlet y = 2;\n// ANCHOR_END: inner\n// ANCHOR_END: body\nfn b() {}\n";

    #[test]
    fn anchors_drop_marker_lines() {
        assert_eq!(
            anchored(FILE, "body", false).unwrap(),
            "let x = 1;\nlet y = 2;"
        );
        assert_eq!(anchored(FILE, "inner", false).unwrap(), "let y = 2;");
        assert!(anchored(FILE, "missing", false).is_none());
    }

    #[test]
    fn rustdoc_include_hides_the_rest() {
        assert_eq!(
            anchored(FILE, "inner", true).unwrap(),
            "# fn a() {}\n# let x = 1;\nlet y = 2;\n# fn b() {}"
        );
    }

    #[test]
    fn line_ranges_are_one_based_and_inclusive() {
        assert_eq!(line_range("2:3"), Some((1, Some(3))));
        assert_eq!(line_range("2"), Some((1, Some(2))));
        assert_eq!(line_range(":3"), Some((0, Some(3))));
        assert_eq!(line_range("4:"), Some((3, None)));
    }

    #[test]
    fn expansion_keeps_a_line_map_and_reports_missing_anchors() {
        let dir = std::env::temp_dir().join(format!("booktools-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("x.rs"), FILE).unwrap();
        let chapter = dir.join("ch.md");
        let text = "intro\n```rust\n{{#include x.rs:body}}\n```\nafter\n";
        let e = expand(&chapter, text).unwrap();
        assert_eq!(
            e.text,
            "intro\n```rust\nlet x = 1;\nlet y = 2;\n```\nafter\n"
        );
        assert_eq!(e.source_line, vec![1, 2, 3, 3, 4, 5]);
        let err = expand(&chapter, "a\n{{#include x.rs:gone}}\n").unwrap_err();
        assert!(err.contains("ch.md:2") && err.contains("gone"), "{err}");
        let escaped = expand(&chapter, "\\{{#include x.rs}}\n").unwrap();
        assert_eq!(escaped.text, "{{#include x.rs}}\n");
        fs::remove_dir_all(&dir).ok();
    }
}
