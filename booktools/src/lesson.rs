//! The lesson markup: front matter and fenced-div boxes, in the style of
//! the Carpentries Workbench, rendered to HTML that mdBook passes through.
//!
//! ```text
//! ---
//! title: "Cores, threads and the GIL"
//! teaching: 40
//! exercises: 20
//! ---
//!
//! :::challenge How many cores?
//! Some text, with an ordinary ```rust block that the book tests see.
//!
//! ::::hint
//! A nudge.
//! ::::
//!
//! ::::solution
//! The answer.
//! ::::
//! :::
//! ```
//!
//! A line of three or more colons followed by a kind opens a box; a line of
//! colons alone closes the innermost open box (as in Pandoc). Lines inside
//! code fences are never touched.

/// The kinds of box, with the label each one shows.
pub const KINDS: &[(&str, &str)] = &[
    ("questions", "Questions"),
    ("objectives", "Objectives"),
    ("keypoints", "Key points"),
    ("prereq", "Prerequisites"),
    ("challenge", "Challenge"),
    ("solution", "Solution"),
    ("hint", "Hint"),
    ("callout", "Callout"),
    ("caution", "Caution"),
    ("discussion", "Discussion"),
    ("instructor", "Instructor note"),
];

/// An episode's front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    /// Minutes of teaching.
    pub teaching: u32,
    /// Minutes of exercises.
    pub exercises: u32,
}

/// Splits front matter off `text`. Returns the front matter (if the text
/// starts with `---`) and the number of lines it took, fences included.
pub fn front_matter(text: &str) -> Result<Option<(FrontMatter, usize)>, String> {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return Ok(None);
    }
    let (mut title, mut teaching, mut exercises) = (None, None, None);
    for (i, line) in lines.enumerate() {
        let line_no = i + 2;
        if line.trim_end() == "---" {
            let missing = |what: &str| format!("front matter has no `{what}:` line");
            let fm = FrontMatter {
                title: title.ok_or_else(|| missing("title"))?,
                teaching: teaching.ok_or_else(|| missing("teaching"))?,
                exercises: exercises.ok_or_else(|| missing("exercises"))?,
            };
            return Ok(Some((fm, line_no)));
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("line {line_no}: expected `key: value` in front matter"))?;
        let value = value
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        let minutes = |v: &str| {
            v.parse::<u32>().map_err(|_| {
                format!(
                    "line {line_no}: `{}` must be a number of minutes",
                    key.trim()
                )
            })
        };
        match key.trim() {
            "title" => title = Some(value),
            "teaching" => teaching = Some(minutes(&value)?),
            "exercises" => exercises = Some(minutes(&value)?),
            other => {
                return Err(format!(
                    "line {line_no}: unknown front matter key `{other}`"
                ));
            }
        }
    }
    Err("front matter is never closed with `---`".into())
}

/// Escapes text for HTML and turns `code` spans into `<code>`.
pub fn inline_html(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        let escaped = part
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&escaped);
            out.push_str("</code>");
        } else {
            out.push_str(&escaped);
        }
    }
    out
}

fn label(kind: &str) -> Option<&'static str> {
    KINDS.iter().find(|(k, _)| *k == kind).map(|(_, l)| *l)
}

/// If `line` opens a box, its kind and optional title.
pub fn opening(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_end();
    let colons = t.len() - t.trim_start_matches(':').len();
    if colons < 3 || !line.starts_with(":::") {
        return None;
    }
    let rest = t[colons..].trim_start();
    // Accept `:::challenge`, `::: challenge`, `::: {.challenge}`.
    let rest = rest
        .strip_prefix("{.")
        .map(|r| r.trim_end_matches('}'))
        .unwrap_or(rest);
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let (kind, title) = rest.split_at(end);
    (!kind.is_empty()).then(|| (kind, title.trim()))
}

pub fn closing(line: &str) -> bool {
    let t = line.trim_end();
    t.len() >= 3 && t.chars().all(|c| c == ':')
}

/// What a line of Markdown is, as far as code blocks go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeLine {
    /// Not in a fenced code block.
    Text,
    /// The opening fence (```rust ...).
    Open,
    /// A line inside the block.
    Body,
    /// The closing fence.
    Close,
}

/// Classifies every line of `text` (as `text.lines()` gives them), with
/// pulldown-cmark finding the fenced code blocks, so that nothing inside
/// code is taken for a box or a heading. A block left open at the end of the
/// text has no `Close` line.
pub fn code_lines(text: &str) -> Vec<CodeLine> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        starts.push(at);
        at += line.len();
    }
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let n = text.lines().count();
    let mut out = vec![CodeLine::Text; n];
    for (event, range) in Parser::new(text).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) = event {
            let first = line_of(range.start);
            let end = range.end.min(text.len());
            let last = line_of(end.saturating_sub(1));
            let fence: String = text[starts[first]..]
                .trim_start()
                .chars()
                .take_while(|c| *c == '`' || *c == '~')
                .collect();
            let closes = last > first && {
                let l = text.lines().nth(last).unwrap_or("").trim();
                !fence.is_empty()
                    && l.starts_with(&fence)
                    && l.trim_start_matches(fence.chars().next().unwrap())
                        .is_empty()
            };
            for (i, slot) in out
                .iter_mut()
                .enumerate()
                .take(last.min(n - 1) + 1)
                .skip(first)
            {
                *slot = if i == first {
                    CodeLine::Open
                } else if i == last && closes {
                    CodeLine::Close
                } else {
                    CodeLine::Body
                };
            }
        }
    }
    out
}

/// Renders the front matter and boxes of one chapter to HTML-in-Markdown.
/// `name` is used in error messages.
pub fn render(name: &str, text: &str) -> Result<String, String> {
    let err = |line: usize, msg: String| format!("{name}:{line}: {msg}");
    let mut out = String::with_capacity(text.len() + 1024);
    let mut skip = 0;
    if let Some((fm, lines)) = front_matter(text).map_err(|e| err(1, e))? {
        skip = lines;
        out.push_str(&format!("# {}\n\n", fm.title));
        out.push_str(&format!(
            "<div class=\"episode-meta\"><span class=\"minutes teaching\">Teaching: {} min</span> \
             <span class=\"minutes exercises\">Exercises: {} min</span></div>\n",
            fm.teaching, fm.exercises
        ));
    }
    let code = code_lines(text);
    // Open boxes: (kind, line where opened).
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut lines = text.lines().enumerate().skip(skip).peekable();
    while let Some((i, line)) = lines.next() {
        let line_no = i + 1;
        if code[i] != CodeLine::Text {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if closing(line) {
            let (kind, _) = stack
                .pop()
                .ok_or_else(|| err(line_no, "`:::` closes a box that was never opened".into()))?;
            let tag = if kind == "solution" || kind == "hint" {
                "details"
            } else {
                "div"
            };
            out.push_str(&format!("\n</{tag}>\n\n"));
            continue;
        }
        if let Some((kind, title)) = opening(line) {
            let label = label(kind).ok_or_else(|| {
                let known: Vec<_> = KINDS.iter().map(|(k, _)| *k).collect();
                err(
                    line_no,
                    format!("unknown box `{kind}`; known boxes: {}", known.join(", ")),
                )
            })?;
            // A heading as the first line of the box becomes its title.
            let mut title = title.to_string();
            while lines.peek().is_some_and(|(_, l)| l.trim().is_empty()) {
                lines.next();
            }
            if title.is_empty()
                && let Some((_, l)) = lines.peek()
                && l.starts_with('#')
            {
                title = l.trim_start_matches('#').trim().to_string();
                lines.next();
            }
            let title = if title.is_empty() {
                label.to_string()
            } else if title.to_lowercase().starts_with(&label.to_lowercase()) {
                inline_html(&title)
            } else {
                format!("{label}: {}", inline_html(&title))
            };
            match kind {
                "solution" | "hint" => out.push_str(&format!(
                    "\n<details class=\"lesson-box {kind}\">\n<summary>{title}</summary>\n\n"
                )),
                _ => out.push_str(&format!(
                    "\n<div class=\"lesson-box {kind}\">\n<p class=\"lesson-box-title\">{title}</p>\n\n"
                )),
            }
            stack.push((kind.to_string(), line_no));
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    if let Some((kind, line)) = stack.pop() {
        return Err(err(line, format!("box `:::{kind}` is never closed")));
    }
    Ok(out)
}

/// Checks that an episode (a chapter with front matter) has the lesson's
/// shape: questions, objectives and keypoints boxes, at least two
/// challenges, and a solution in every challenge. Returns what is missing.
pub fn lint_episode(text: &str) -> Vec<String> {
    if !matches!(front_matter(text), Ok(Some(_))) {
        return Vec::new();
    }
    let code = code_lines(text);
    let mut stack: Vec<(String, usize, bool)> = Vec::new(); // (kind, line, has solution)
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if code[i] != CodeLine::Text {
            continue;
        }
        if closing(line) {
            if let Some((kind, at, solved)) = stack.pop()
                && kind == "challenge"
                && !solved
            {
                problems.push(format!("line {at}: this challenge has no ::::solution"));
            }
        } else if let Some((kind, _)) = opening(line) {
            *counts.entry(kind.to_string()).or_default() += 1;
            if kind == "solution"
                && let Some(open) = stack.iter_mut().rev().find(|(k, _, _)| k == "challenge")
            {
                open.2 = true;
            }
            stack.push((kind.to_string(), i + 1, false));
        }
    }
    for kind in ["questions", "objectives", "keypoints"] {
        if !counts.contains_key(kind) {
            problems.push(format!("no :::{kind} box"));
        }
    }
    if counts.get("challenge").copied().unwrap_or(0) < 2 {
        problems.push("fewer than two :::challenge boxes".to_string());
    }
    problems
}

/// One row of the schedule: a chapter's title, its path in the book, and
/// its front matter.
pub struct ScheduleRow<'a> {
    pub path: &'a str,
    pub front: &'a FrontMatter,
}

/// The schedule table: one row per episode with its minutes, and a total.
pub fn schedule(rows: &[ScheduleRow<'_>]) -> String {
    let mut out =
        String::from("| Episode | Teaching | Exercises | Total |\n|---|---:|---:|---:|\n");
    let (mut t, mut e) = (0, 0);
    for row in rows {
        let link = row.path.trim_end_matches(".md").to_string() + ".md";
        out.push_str(&format!(
            "| [{}]({link}) | {} min | {} min | {} min |\n",
            row.front.title,
            row.front.teaching,
            row.front.exercises,
            row.front.teaching + row.front.exercises
        ));
        t += row.front.teaching;
        e += row.front.exercises;
    }
    out.push_str(&format!(
        "| **All episodes** | **{t} min** | **{e} min** | **{} h {:02} min** |\n",
        (t + e) / 60,
        (t + e) % 60
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPISODE: &str = "---\ntitle: \"Cores\"\nteaching: 30\nexercises: 15\n---\n\n:::questions\n- Why?\n:::\n\n:::challenge How many `cores`?\nText.\n\n::::solution\n```rust\n:::not a box\n```\n::::\n:::\n";

    #[test]
    fn front_matter_becomes_a_heading_and_minutes() {
        let html = render("ep", EPISODE).unwrap();
        assert!(html.starts_with("# Cores\n"), "{html}");
        assert!(html.contains("Teaching: 30 min") && html.contains("Exercises: 15 min"));
    }

    #[test]
    fn boxes_nest_and_code_is_left_alone() {
        let html = render("ep", EPISODE).unwrap();
        assert!(html.contains("<div class=\"lesson-box questions\">"));
        assert!(html.contains("Challenge: How many <code>cores</code>?"));
        assert!(
            html.contains("<details class=\"lesson-box solution\">\n<summary>Solution</summary>")
        );
        assert!(html.contains(":::not a box"));
        assert_eq!(html.matches("</details>").count(), 1);
        assert_eq!(html.matches("</div>").count(), 3, "{html}");
    }

    #[test]
    fn a_heading_inside_a_box_becomes_its_title() {
        let html = render("ep", ":::callout\n## Why no guard?\nBody\n:::\n").unwrap();
        assert!(html.contains("Callout: Why no guard?"), "{html}");
        assert!(!html.contains("## Why"));
    }

    #[test]
    fn mistakes_name_the_chapter_and_line() {
        let e = render("ep01.md", "text\n:::chalenge\n:::\n").unwrap_err();
        assert!(e.starts_with("ep01.md:2:") && e.contains("chalenge"), "{e}");
        let e = render("ep01.md", ":::challenge\n").unwrap_err();
        assert!(e.contains("never closed"), "{e}");
        let e = render("ep01.md", "a\n:::\n").unwrap_err();
        assert!(e.contains("never opened"), "{e}");
    }

    #[test]
    fn lint_wants_the_lesson_shape() {
        let good = "---\ntitle: T\nteaching: 1\nexercises: 1\n---\n:::questions\n:::\n:::objectives\n:::\n:::challenge\n::::solution\n::::\n:::\n:::challenge\n::::hint\n::::\n::::solution\n::::\n:::\n:::keypoints\n:::\n";
        assert_eq!(lint_episode(good), Vec::<String>::new());
        let bad = "---\ntitle: T\nteaching: 1\nexercises: 1\n---\n:::challenge\n:::\n";
        let problems = lint_episode(bad);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("line 6") && p.contains("no ::::solution")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("keypoints")),
            "{problems:?}"
        );
        assert!(problems.iter().any(|p| p.contains("two")), "{problems:?}");
        assert!(lint_episode("# Not an episode\n").is_empty());
    }

    #[test]
    fn schedule_adds_up() {
        let a = FrontMatter {
            title: "A".into(),
            teaching: 30,
            exercises: 15,
        };
        let b = FrontMatter {
            title: "B".into(),
            teaching: 40,
            exercises: 35,
        };
        let table = schedule(&[
            ScheduleRow {
                path: "a.md",
                front: &a,
            },
            ScheduleRow {
                path: "b.md",
                front: &b,
            },
        ]);
        assert!(table.contains("| [A](a.md) | 30 min | 15 min | 45 min |"));
        assert!(
            table.contains("**70 min** | **50 min** | **2 h 00 min**"),
            "{table}"
        );
    }
}
