//! Prepares a chapter for the book tests.
//!
//! skeptic compiles and runs the Rust blocks of Markdown files, but it does
//! not expand `{{#include}}`, does not know `compile_fail`, and needs a
//! `fn main` in every block. So each chapter is rewritten into a copy that
//! skeptic can read:
//!
//! - includes are expanded (a missing file or anchor is an error);
//! - the front matter is blanked out;
//! - a Rust block without `fn main` is wrapped in a hidden one, as rustdoc does;
//! - a `compile_fail,E0xxx` block is taken out (its fence becomes `text`) and
//!   handed to our own harness, which checks it fails with that code;
//! - a fence without an info string is an error: every block must say what
//!   it is (`rust`, `text`, `console`, `python`, ...), so no Rust block can
//!   slip through untested by looking like plain text.

use crate::include::expand;
use crate::lesson::{CodeLine, code_lines, front_matter};
use std::path::Path;

/// A block that must fail to compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileFail {
    /// Line of the opening fence in the chapter source (1-based).
    pub line: usize,
    /// The error code it must fail with, e.g. `E0277`.
    pub code: String,
    /// The program, hidden lines included, wrapped in `fn main` if needed.
    pub source: String,
}

/// What the book tests do with one chapter.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// The copy for skeptic.
    pub text: String,
    /// For each line of `text`, the 1-based line of the chapter source.
    pub source_line: Vec<usize>,
    pub compile_fail: Vec<CompileFail>,
    /// Blocks that are compiled (by skeptic).
    pub compiled: usize,
    /// Of those, blocks that are also run.
    pub run: usize,
    /// Blocks marked `ignore`, with their source lines.
    pub ignored: Vec<usize>,
}

struct Block {
    fence_line: usize,
    info: String,
    indent: String,
    body: Vec<(String, usize)>,
    close: (String, usize),
}

/// Strips rustdoc's hidden-line marker.
fn unhide(line: &str) -> &str {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix("# ") {
        rest
    } else if t == "#" {
        ""
    } else {
        line
    }
}

fn has_main(body: &[(String, usize)]) -> bool {
    body.iter().any(|(l, _)| unhide(l).contains("fn main("))
}

/// The tokens of a fence's info string, split the way rustdoc splits them.
pub fn info_tokens(info: &str) -> Vec<&str> {
    info.split(|c: char| !(c == '_' || c == '-' || c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Prepares `text`, the content of the chapter at `path`.
pub fn prepare(path: &Path, text: &str) -> Result<Prepared, String> {
    let name = path.display().to_string();
    let expanded = expand(path, text)?;
    let lines: Vec<&str> = expanded.text.lines().collect();
    let front_lines = front_matter(&expanded.text)
        .map_err(|e| format!("{name}: {e}"))?
        .map_or(0, |(_, n)| n);

    let mut p = Prepared::default();
    let code = code_lines(&expanded.text);
    let mut block: Option<Block> = None;
    let push = |p: &mut Prepared, line: &str, src: usize| {
        p.text.push_str(line);
        p.text.push('\n');
        p.source_line.push(src);
    };
    for (i, line) in lines.iter().enumerate() {
        let src = expanded.source_line[i];
        if i < front_lines {
            push(&mut p, "", src);
            continue;
        }
        match (&mut block, code[i]) {
            (None, CodeLine::Text) => push(&mut p, line, src),
            (None, CodeLine::Open) => {
                let trimmed = line.trim_start();
                let indent = line[..line.len() - trimmed.len()].to_string();
                let info = trimmed.trim_start_matches(['`', '~']).trim().to_string();
                if info.is_empty() {
                    return Err(format!(
                        "{name}:{src}: a code block needs an info string (```rust, ```text, ```console, ...) so that the book tests know whether to compile it"
                    ));
                }
                block = Some(Block {
                    fence_line: src,
                    info,
                    indent,
                    body: Vec::new(),
                    close: (String::new(), 0),
                });
            }
            (Some(b), CodeLine::Close) => {
                b.close = (line.to_string(), src);
                let b = block.take().unwrap();
                emit(&mut p, b, &name)?;
            }
            (Some(b), CodeLine::Body) => b.body.push((line.to_string(), src)),
            (_, kind) => {
                return Err(format!(
                    "{name}:{src}: unexpected {kind:?} line in the code blocks (a fence inside a fence?)"
                ));
            }
        }
    }
    if let Some(b) = block {
        return Err(format!(
            "{name}:{}: code block is never closed",
            b.fence_line
        ));
    }
    Ok(p)
}

fn emit(p: &mut Prepared, b: Block, name: &str) -> Result<(), String> {
    let tokens = info_tokens(&b.info);
    let is_rust = tokens.first() == Some(&"rust");
    let fence = |info: &str| format!("{}```{info}", b.indent);
    let push = |p: &mut Prepared, line: &str, src: usize| {
        p.text.push_str(line);
        p.text.push('\n');
        p.source_line.push(src);
    };
    if is_rust && tokens.contains(&"compile_fail") {
        let code = tokens
            .iter()
            .find(|t| t.len() == 5 && t.starts_with('E') && t[1..].chars().all(|c| c.is_ascii_digit()))
            .ok_or_else(|| {
                format!("{name}:{}: a compile_fail block must name its error code, e.g. ```rust,compile_fail,E0277", b.fence_line)
            })?;
        let mut source = String::new();
        let wrap = !has_main(&b.body);
        if wrap {
            source.push_str("fn main() {\n");
        }
        for (l, _) in &b.body {
            source.push_str(unhide(l.strip_prefix(&b.indent).unwrap_or(l)));
            source.push('\n');
        }
        if wrap {
            source.push_str("}\n");
        }
        p.compile_fail.push(CompileFail {
            line: b.fence_line,
            code: code.to_string(),
            source,
        });
        // Hide it from skeptic, keeping the line count.
        push(p, &fence("text"), b.fence_line);
        for (l, s) in &b.body {
            push(p, l, *s);
        }
        push(p, &b.close.0, b.close.1);
        return Ok(());
    }
    push(p, &format!("{}```{}", b.indent, b.info), b.fence_line);
    let wrap = is_rust && !has_main(&b.body);
    if is_rust {
        if tokens.contains(&"ignore") {
            p.ignored.push(b.fence_line);
        } else {
            p.compiled += 1;
            if !tokens.contains(&"no_run") {
                p.run += 1;
            }
        }
    }
    if wrap {
        push(p, &format!("{}# fn main() {{", b.indent), b.fence_line);
    }
    for (l, s) in &b.body {
        push(p, l, *s);
    }
    if wrap {
        push(p, &format!("{}# }}", b.indent), b.close.1);
    }
    push(p, &b.close.0, b.close.1);
    Ok(())
}

/// Rewrites skeptic's generated test names so that `_line_N` names the line
/// of the chapter source (skeptic only sees the expanded copy).
pub fn fix_test_names(
    generated: &str,
    source_line: &dyn Fn(&str, usize) -> Option<usize>,
) -> String {
    let mut out = String::with_capacity(generated.len());
    for line in generated.lines() {
        if let Some(rest) = line.strip_prefix("#[test] fn ")
            && let Some(paren) = rest.find("()")
            && let Some(at) = rest[..paren].rfind("_line_")
            && let Ok(n) = rest[at + 6..paren].parse::<usize>()
            && let Some(src) = source_line(&rest[..at], n)
        {
            out.push_str(&format!(
                "#[test] fn {}_line_{src}{}",
                &rest[..at],
                &rest[paren..]
            ));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(text: &str) -> Result<Prepared, String> {
        prepare(Path::new("/nonexistent/ep.md"), text)
    }

    #[test]
    fn blocks_without_main_are_wrapped() {
        let p = prep("x\n```rust\nlet a = 1;\n```\n").unwrap();
        assert_eq!(p.text, "x\n```rust\n# fn main() {\nlet a = 1;\n# }\n```\n");
        assert_eq!(p.source_line, vec![1, 2, 2, 3, 4, 4]);
        assert_eq!((p.compiled, p.run), (1, 1));
    }

    #[test]
    fn compile_fail_blocks_go_to_our_harness() {
        let p =
            prep("a\n\n```rust,compile_fail,E0277\n# use std::rc::Rc;\nlet r = Rc::new(1);\n```\n")
                .unwrap();
        assert!(p.text.contains("```text\n# use std::rc::Rc;"));
        assert_eq!(p.compile_fail.len(), 1);
        let cf = &p.compile_fail[0];
        assert_eq!((cf.line, cf.code.as_str()), (3, "E0277"));
        assert_eq!(
            cf.source,
            "fn main() {\nuse std::rc::Rc;\nlet r = Rc::new(1);\n}\n"
        );
        assert_eq!(p.compiled, 0);
    }

    #[test]
    fn compile_fail_needs_a_code_and_fences_need_info() {
        assert!(
            prep("```rust,compile_fail\nfn main(){}\n```\n")
                .unwrap_err()
                .contains("error code")
        );
        assert!(prep("a\n```\nls\n```\n").unwrap_err().contains("ep.md:2"));
    }

    #[test]
    fn counts_no_run_and_ignore() {
        let p = prep("```rust,no_run\nfn main(){}\n```\n```rust,ignore\nx\n```\n```text\nq\n```\n")
            .unwrap();
        assert_eq!((p.compiled, p.run, p.ignored.clone()), (1, 0, vec![4]));
    }

    #[test]
    fn front_matter_is_blanked() {
        let p = prep("---\ntitle: T\nteaching: 1\nexercises: 2\n---\nbody\n").unwrap();
        assert_eq!(p.text, "\n\n\n\n\nbody\n");
    }

    #[test]
    fn test_names_point_at_source_lines() {
        let g = "#[test] fn ep01_sect_a_line_7() {\n    x\n}\n";
        let fixed = fix_test_names(g, &|stem, n| (stem == "ep01_sect_a" && n == 7).then_some(5));
        assert_eq!(fixed, "#[test] fn ep01_sect_a_line_5() {\n    x\n}\n");
    }
}
