//! Exercises as the chapters declare them: the one place an exercise is
//! declared is its box in the book.
//!
//! ```text
//! ## Scoped threads: borrowing without `'static`      <- the section to read
//!
//! :::challenge Exercise `ep02_scoped`                  <- the exercise's name
//! ...
//! ::::hint                                             <- the hint for every test
//! Spawn every thread before you join any.
//! ::::
//! ::::hint For `every_item_in_exactly_one_chunk`      <- a test's own hint
//! Chunk i runs from i * len / workers to (i + 1) * len / workers.
//! ::::
//! :::
//! ```
//!
//! The order of the exercises is the book's: SUMMARY.md's order of chapters,
//! then the order of the boxes in each chapter.

use crate::lesson::{CodeLine, closing, code_lines, front_matter, opening};
use crate::summary::read_chapters;
use pulldown_cmark::{Event, Parser};
use std::path::Path;

/// One exercise, as its chapter declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// `ep02_scoped`: the stub, the solution and the test file are named after it.
    pub name: String,
    /// 1 for the first chapter of SUMMARY.md that has front matter (an episode).
    pub episode: usize,
    /// The chapter's path under `src/`, e.g. `ep02-threads.md`.
    pub chapter: String,
    /// The chapter's title (its front matter's `title`).
    pub chapter_title: String,
    /// The `##` heading the exercise box sits under, as plain text.
    pub section: String,
    /// That heading's anchor in the built page (mdBook's id).
    pub anchor: String,
    /// The hint that applies to every test.
    pub hint: String,
    /// Hints for single tests: (test name, hint).
    pub test_hints: Vec<(String, String)>,
    /// The line of the box's opening, 1-based, in the chapter file.
    pub line: usize,
}

/// The plain text of one line of inline Markdown: `code` and links lose
/// their markup.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// mdBook's heading id: lower case, letters, digits, `_` and `-` kept,
/// spaces become `-`, everything else is dropped.
pub fn anchor(heading_text: &str) -> String {
    heading_text
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_lowercase().collect::<String>())
            } else if c.is_whitespace() {
                Some("-".to_string())
            } else {
                None
            }
        })
        .collect()
}

/// A hint box's Markdown as one or more paragraphs of terminal text.
fn hint_text(lines: &[&str]) -> String {
    let joined = lines.join("\n");
    joined
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The name in a challenge title "Exercise `ep02_scoped`", if it is one.
pub fn exercise_name(title: &str) -> Option<&str> {
    let rest = title.trim().strip_prefix("Exercise")?.trim();
    let name = rest.strip_prefix('`')?.split('`').next()?;
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
    .then_some(name)
}

/// The exercises of one chapter, in order.
pub fn in_chapter(
    chapter: &str,
    chapter_title: &str,
    episode: usize,
    text: &str,
) -> Result<Vec<Declared>, String> {
    let mut out: Vec<Declared> = Vec::new();
    let code = code_lines(text);
    let mut section = (String::new(), String::new());
    // Open boxes: (kind, title); and the hint being collected.
    let mut stack: Vec<(String, String)> = Vec::new();
    let mut hint: Option<(Option<String>, Vec<&str>)> = None;
    for (i, line) in text.lines().enumerate() {
        if code[i] != CodeLine::Text {
            if let Some((_, body)) = hint.as_mut() {
                body.push(line);
            }
            continue;
        }
        if stack.is_empty()
            && let Some(h) = line.strip_prefix("## ")
        {
            let t = plain_text(h);
            section = (anchor(&t), t);
        }
        if let Some((kind, title)) = opening(line) {
            stack.push((kind.to_string(), title.to_string()));
            if kind == "challenge"
                && let Some(name) = exercise_name(title)
            {
                if section.0.is_empty() {
                    return Err(format!(
                        "{chapter}:{}: exercise `{name}` must sit under a `## ` heading (the section a learner is sent to)",
                        i + 1
                    ));
                }
                out.push(Declared {
                    name: name.to_string(),
                    episode,
                    chapter: chapter.to_string(),
                    chapter_title: chapter_title.to_string(),
                    section: section.1.clone(),
                    anchor: section.0.clone(),
                    hint: String::new(),
                    test_hints: Vec::new(),
                    line: i + 1,
                });
            }
            let in_exercise = stack.len() >= 2
                && exercise_name(&stack[stack.len() - 2].1).is_some()
                && stack[stack.len() - 2].0 == "challenge";
            if kind == "hint" && in_exercise {
                let test = title
                    .trim()
                    .strip_prefix("For")
                    .or_else(|| title.trim().strip_prefix("for"))
                    .map(|t| t.trim().trim_matches('`').to_string());
                if !title.trim().is_empty() && test.is_none() {
                    return Err(format!(
                        "{chapter}:{}: a hint box in an exercise has no title or `For `test_name``, not `{title}`",
                        i + 1
                    ));
                }
                hint = Some((test, Vec::new()));
            }
            continue;
        }
        if closing(line) {
            let closed = stack.pop();
            if closed.is_some_and(|(k, _)| k == "hint")
                && let Some((test, body)) = hint.take()
            {
                let ex = out.last_mut().expect("a hint inside an exercise");
                let text = hint_text(&body);
                match test {
                    None if !ex.hint.is_empty() => {
                        return Err(format!(
                            "{chapter}:{}: exercise `{}` has two hints for every test; name the test of the second (`::::hint For `test_name``)",
                            i + 1,
                            ex.name
                        ));
                    }
                    None => ex.hint = text,
                    Some(t) => ex.test_hints.push((t, text)),
                }
            }
            continue;
        }
        if let Some((_, body)) = hint.as_mut() {
            body.push(line);
        }
    }
    for ex in &out {
        if ex.hint.is_empty() {
            return Err(format!(
                "{chapter}:{}: exercise `{}` has no `::::hint` box (its failing tests show that hint)",
                ex.line, ex.name
            ));
        }
    }
    Ok(out)
}

/// Every exercise of the book under `src`, in the book's order.
pub fn read(src: &Path) -> Result<Vec<Declared>, String> {
    let mut out = Vec::new();
    let mut episode = 0;
    for chapter in read_chapters(src)? {
        let file = chapter.file(src);
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let Some((fm, _)) = front_matter(&text).map_err(|e| format!("{}: {e}", chapter.path))?
        else {
            continue;
        };
        episode += 1;
        out.extend(in_chapter(&chapter.path, &fm.title, episode, &text)?);
    }
    let mut names: Vec<&str> = out.iter().map(|e| e.name.as_str()).collect();
    names.sort();
    if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("exercise `{}` is declared twice in the book", w[0]));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAPTER: &str = "\
## Scoped threads: borrowing without `'static`

:::challenge Exercise `ep02_scoped`
Write it.

```console
:::not a box
```

::::hint
Spawn first,
join later.
::::

::::hint For `balanced`
Sizes differ by one.
::::
:::

:::challenge A question
::::hint
Not an exercise hint.
::::
:::
";

    #[test]
    fn reads_name_section_and_hints() {
        let ex = in_chapter("ep02-threads.md", "Threads", 2, CHAPTER).unwrap();
        assert_eq!(ex.len(), 1);
        let e = &ex[0];
        assert_eq!(e.name, "ep02_scoped");
        assert_eq!(e.section, "Scoped threads: borrowing without 'static");
        assert_eq!(e.anchor, "scoped-threads-borrowing-without-static");
        assert_eq!(e.hint, "Spawn first, join later.");
        assert_eq!(
            e.test_hints,
            vec![("balanced".to_string(), "Sizes differ by one.".to_string())]
        );
        assert_eq!(e.line, 3);
    }

    #[test]
    fn an_exercise_without_a_hint_is_an_error() {
        let text = "## S\n\n:::challenge Exercise `ep01_x`\nno hint\n:::\n";
        let err = in_chapter("ep01.md", "T", 1, text).unwrap_err();
        assert!(err.contains("has no `::::hint` box"), "{err}");
    }
}
