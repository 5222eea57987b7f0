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
    ("quiz", "Quiz"),
];

/// One answer of a `:::quiz` box: its text, whether it is right, and the
/// explanation (Markdown) shown when it is chosen.
struct QuizAnswer {
    text: String,
    right: bool,
    why: Vec<String>,
    line: usize,
}

/// If `line` starts an answer of a quiz (`- [ ] text` or `- [x] text`).
fn quiz_answer(line: &str) -> Option<(bool, &str)> {
    let rest = line.strip_prefix("- [")?;
    let (mark, text) = rest.split_at_checked(2)?;
    match mark {
        " ]" => Some((false, text.trim())),
        "x]" | "X]" => Some((true, text.trim())),
        _ => None,
    }
}

/// Renders the answers of a quiz. Every answer is a `<details>`: without
/// JavaScript a reader opens it to see whether it is right and why; the
/// script marks the chosen one; print shows them folded.
fn render_quiz(answers: &[QuizAnswer], opened_at: usize) -> Result<String, (usize, String)> {
    if answers.len() < 2 {
        return Err((
            opened_at,
            "a quiz needs at least two answers (`- [ ] wrong`, `- [x] right`)".into(),
        ));
    }
    if !answers.iter().any(|a| a.right) {
        return Err((
            opened_at,
            "no answer of this quiz is marked right with `- [x]`".into(),
        ));
    }
    let mut out = String::from("\n<ol class=\"quiz-answers\">\n");
    for a in answers {
        if a.why.iter().all(|l| l.trim().is_empty()) {
            return Err((
                a.line,
                "this answer has no explanation (indented `> ...` lines under it)".into(),
            ));
        }
        let (class, verdict) = if a.right {
            ("right", "Right.")
        } else {
            ("wrong", "Not quite.")
        };
        out.push_str(&format!(
            "<li class=\"quiz-answer {class}\">\n<details class=\"quiz-explanation\">\n\
             <summary><span class=\"quiz-choice\">{}</span></summary>\n\
             <p class=\"quiz-verdict\">{verdict}</p>\n\n",
            inline_html(&a.text)
        ));
        for l in &a.why {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str("\n</details>\n</li>\n");
    }
    out.push_str("</ol>\n");
    Ok(out)
}

/// An episode's front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    /// Minutes of teaching.
    pub teaching: u32,
    /// Minutes of exercises (the challenges that are not extensions).
    pub exercises: u32,
    /// The day of the core schedule it is taught on (`track: 1`), or `None`
    /// for an optional episode (`track: optional`).
    pub day: Option<u32>,
}

/// The minutes a challenge box states at the end of its title:
/// `(15 min)`, or `(extension, 40 min)` for one the schedule does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minutes {
    pub minutes: u32,
    pub extension: bool,
}

/// Splits a challenge title into its text and its minutes, if it states them.
pub fn challenge_minutes(title: &str) -> (&str, Option<Minutes>) {
    let t = title.trim_end();
    let Some(open) = t.rfind('(') else {
        return (title, None);
    };
    if !t.ends_with(" min)") {
        return (title, None);
    }
    let inner = &t[open + 1..t.len() - 1];
    let (extension, number) = match inner.strip_prefix("extension,") {
        Some(rest) => (true, rest.trim()),
        None => (false, inner.trim()),
    };
    match number.trim_end_matches("min").trim().parse::<u32>() {
        Ok(minutes) => (
            t[..open].trim_end().trim_end_matches(':').trim_end(),
            Some(Minutes { minutes, extension }),
        ),
        Err(_) => (title, None),
    }
}

/// Splits front matter off `text`. Returns the front matter (if the text
/// starts with `---`) and the number of lines it took, fences included.
pub fn front_matter(text: &str) -> Result<Option<(FrontMatter, usize)>, String> {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return Ok(None);
    }
    let (mut title, mut teaching, mut exercises) = (None, None, None);
    let mut day = None;
    for (i, line) in lines.enumerate() {
        let line_no = i + 2;
        if line.trim_end() == "---" {
            let missing = |what: &str| format!("front matter has no `{what}:` line");
            let fm = FrontMatter {
                title: title.ok_or_else(|| missing("title"))?,
                teaching: teaching.ok_or_else(|| missing("teaching"))?,
                exercises: exercises.ok_or_else(|| missing("exercises"))?,
                day,
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
            "track" => {
                day = match value.as_str() {
                    "optional" => None,
                    n => match n.parse::<u32>() {
                        Ok(d) if d > 0 => Some(d),
                        _ => {
                            return Err(format!(
                                "line {line_no}: `track:` is a day of the core schedule (1, 2, ...) or `optional`, not `{n}`"
                            ));
                        }
                    },
                }
            }
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
    // The answers of the quiz being read, if the innermost box is a quiz.
    let mut quiz: Option<Vec<QuizAnswer>> = None;
    let mut lines = text.lines().enumerate().skip(skip).peekable();
    while let Some((i, line)) = lines.next() {
        let line_no = i + 1;
        if let Some(answers) = quiz.as_mut() {
            if code[i] == CodeLine::Text
                && let Some((right, answer)) = quiz_answer(line)
            {
                answers.push(QuizAnswer {
                    text: answer.to_string(),
                    right,
                    why: Vec::new(),
                    line: line_no,
                });
                continue;
            }
            if let Some(last) = answers.last_mut()
                && !(code[i] == CodeLine::Text && closing(line))
            {
                if !line.trim().is_empty() && !line.starts_with("  ") {
                    return Err(err(
                        line_no,
                        "in a quiz, text after the first answer must be indented under an answer"
                            .into(),
                    ));
                }
                let l = line.strip_prefix("  ").unwrap_or(line);
                let l = l
                    .strip_prefix("> ")
                    .or_else(|| l.strip_prefix('>'))
                    .unwrap_or(l);
                last.why.push(l.to_string());
                continue;
            }
        }
        if code[i] != CodeLine::Text {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if closing(line) {
            let (kind, opened_at) = stack
                .pop()
                .ok_or_else(|| err(line_no, "`:::` closes a box that was never opened".into()))?;
            if kind == "quiz" {
                let answers = quiz.take().unwrap_or_default();
                out.push_str(&render_quiz(&answers, opened_at).map_err(|(l, e)| err(l, e))?);
            }
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
            // A challenge's minutes, at the end of its title, become a badge.
            let (title, minutes) = if kind == "challenge" {
                challenge_minutes(title)
            } else {
                (title, None)
            };
            let badge = match minutes {
                Some(Minutes {
                    minutes,
                    extension: true,
                }) => format!(
                    " <span class=\"minutes-badge extension\">extension · {minutes} min</span>"
                ),
                Some(Minutes { minutes, .. }) => {
                    format!(" <span class=\"minutes-badge\">{minutes} min</span>")
                }
                None => String::new(),
            };
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
                    "\n<div class=\"lesson-box {kind}\">\n<p class=\"lesson-box-title\">{title}{badge}</p>\n\n"
                )),
            }
            if kind == "quiz" {
                if quiz.is_some() {
                    return Err(err(line_no, "a quiz cannot hold another box".into()));
                }
                quiz = Some(Vec::new());
            } else if quiz.is_some() {
                return Err(err(line_no, "a quiz cannot hold another box".into()));
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

/// A box found by [`boxes`]: the `##` section it sits under (if any) and its
/// body, the Markdown between its opening and closing lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundBox {
    pub section: Option<String>,
    pub body: String,
}

/// Every top-level-or-nested box of `kind` in `text`, in order, with the
/// `##` heading it sits under. Code blocks are never taken for boxes.
pub fn boxes(text: &str, kind: &str) -> Vec<FoundBox> {
    let code = code_lines(text);
    let mut found = Vec::new();
    let mut section: Option<String> = None;
    // Open boxes: their kind, and the index in `found` if it is one we keep.
    let mut stack: Vec<(String, Option<usize>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let in_code = code[i] != CodeLine::Text;
        if !in_code && stack.is_empty() {
            if let Some(h) = line.strip_prefix("## ") {
                section = Some(h.trim().to_string());
            }
        }
        if !in_code && closing(line) {
            stack.pop();
            continue;
        }
        if !in_code && let Some((k, _)) = opening(line) {
            let keep = (k == kind).then(|| {
                found.push(FoundBox {
                    section: section.clone(),
                    body: String::new(),
                });
                found.len() - 1
            });
            stack.push((k.to_string(), keep));
            continue;
        }
        for (_, keep) in &stack {
            if let Some(at) = keep {
                found[*at].body.push_str(line);
                found[*at].body.push('\n');
            }
        }
    }
    found
}

/// Every challenge box of `text`: its line (1-based), its title without the
/// minutes, and the minutes it states.
pub fn challenges(text: &str) -> Vec<(usize, String, Option<Minutes>)> {
    let code = code_lines(text);
    text.lines()
        .enumerate()
        .filter(|(i, _)| code[*i] == CodeLine::Text)
        .filter_map(|(i, l)| match opening(l) {
            Some(("challenge", title)) => {
                let (t, m) = challenge_minutes(title);
                Some((i + 1, t.to_string(), m))
            }
            _ => None,
        })
        .collect()
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
    // Every challenge says how long it takes; the episode's exercise minutes
    // are those of its challenges that are not extensions.
    if let Ok(Some((fm, lines))) = front_matter(text) {
        if !text
            .lines()
            .take(lines)
            .any(|l| l.trim_start().starts_with("track:"))
        {
            problems.push(
                "the front matter has no `track:` line (a day of the core schedule, `track: 1`, or `track: optional`)"
                    .into(),
            );
        }
        let mut core = 0;
        for (line, title, minutes) in challenges(text) {
            match minutes {
                None => problems.push(format!(
                    "line {line}: the challenge `{title}` states no minutes: end its title with `(10 min)`, or `(extension, 30 min)` for one the schedule does not count"
                )),
                Some(m) if !m.extension => core += m.minutes,
                Some(_) => {}
            }
        }
        if core != fm.exercises {
            problems.push(format!(
                "the front matter says `exercises: {}`, but the challenges that are not extensions add up to {core} min",
                fm.exercises
            ));
        }
    }
    // A learner can hold three to six objectives and key points in mind.
    for kind in ["objectives", "keypoints"] {
        for found in boxes(text, kind) {
            let n = found.body.lines().filter(|l| l.starts_with("- ")).count();
            if !(3..=6).contains(&n) {
                problems.push(format!(
                    "the :::{kind} box has {n} items; keep it to 3 to 6"
                ));
            }
        }
    }
    if counts.get("challenge").copied().unwrap_or(0) < 2 {
        problems.push("fewer than two :::challenge boxes".to_string());
    }
    if counts.get("quiz").copied().unwrap_or(0) < 1 {
        problems.push("no :::quiz box (at least one per episode checks understanding)".to_string());
    }
    problems
}

/// One row of the schedule: a chapter's path in the book, its front
/// matter, and its extensions (challenge title, minutes).
pub struct ScheduleRow<'a> {
    pub path: &'a str,
    pub front: &'a FrontMatter,
    pub extensions: Vec<(String, u32)>,
}

/// Minutes of work a teaching day holds, breaks included.
pub const DAY_MINUTES: u32 = 360;
/// A break of this many minutes for every [`BREAK_EVERY`] minutes of work.
pub const BREAK_MINUTES: u32 = 15;
pub const BREAK_EVERY: u32 = 90;

fn hm(minutes: u32) -> String {
    if minutes >= 60 {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    } else {
        format!("{minutes} min")
    }
}

fn breaks(work: u32) -> u32 {
    BREAK_MINUTES * (work / BREAK_EVERY)
}

/// The core episodes grouped by their day, in day order (book order
/// within a day).
pub fn days<'r, 'a>(rows: &'r [ScheduleRow<'a>]) -> Vec<(u32, Vec<&'r ScheduleRow<'a>>)> {
    let mut days: std::collections::BTreeMap<u32, Vec<&ScheduleRow<'a>>> = Default::default();
    for row in rows {
        if let Some(d) = row.front.day {
            days.entry(d).or_default().push(row);
        }
    }
    days.into_iter().collect()
}

/// A day's minutes: the work, and the breaks it needs.
pub fn day_minutes(day: &[&ScheduleRow<'_>]) -> (u32, u32) {
    let work: u32 = day
        .iter()
        .map(|r| r.front.teaching + r.front.exercises)
        .sum();
    (work, breaks(work))
}

/// What is wrong with the schedule: a day longer than [`DAY_MINUTES`] with
/// its breaks, or days that are not numbered 1, 2, ... in book order.
pub fn schedule_problems(rows: &[ScheduleRow<'_>]) -> Vec<String> {
    let mut problems = Vec::new();
    for (d, day) in days(rows) {
        let (work, b) = day_minutes(&day);
        if work + b > DAY_MINUTES {
            problems.push(format!(
                "day {d} of the core schedule holds {} ({work} min of episodes and {b} min of breaks), more than {}: move an episode, mark exercises as extensions, or make an episode optional",
                hm(work + b),
                hm(DAY_MINUTES)
            ));
        }
    }
    let order: Vec<u32> = rows.iter().filter_map(|r| r.front.day).collect();
    if order.windows(2).any(|w| w[0] > w[1]) {
        problems
            .push("the core days must follow the book's order (track: 1 before track: 2)".into());
    }
    problems
}

/// The schedule: the core track day by day, with breaks counted; then the
/// optional episodes and the extensions, which the days do not count.
pub fn schedule(rows: &[ScheduleRow<'_>]) -> String {
    let link = |row: &ScheduleRow<'_>| {
        format!(
            "[{}]({})",
            row.front.title,
            row.path.trim_end_matches(".md").to_string() + ".md"
        )
    };
    let mut out = String::new();
    for (d, day) in days(rows) {
        out.push_str(&format!(
            "### Day {d}\n\n| Episode | Teaching | Exercises | Total |\n|---|---:|---:|---:|\n"
        ));
        for row in &day {
            let (t, e) = (row.front.teaching, row.front.exercises);
            out.push_str(&format!(
                "| {} | {t} min | {e} min | {} |\n",
                link(row),
                hm(t + e)
            ));
        }
        let (work, b) = day_minutes(&day);
        out.push_str(&format!(
            "| Breaks ({BREAK_MINUTES} min for every {BREAK_EVERY} min of work) | | | {b} min |\n\
             | **Day {d}** | | | **{}** |\n\n",
            hm(work + b)
        ));
    }
    let optional: Vec<_> = rows.iter().filter(|r| r.front.day.is_none()).collect();
    if !optional.is_empty() {
        out.push_str("### Optional episodes\n\n| Episode | Teaching | Exercises | Total |\n|---|---:|---:|---:|\n");
        for row in optional {
            let (t, e) = (row.front.teaching, row.front.exercises);
            out.push_str(&format!(
                "| {} | {t} min | {e} min | {} |\n",
                link(row),
                hm(t + e)
            ));
        }
        out.push('\n');
    }
    let extensions: Vec<_> = rows
        .iter()
        .flat_map(|r| r.extensions.iter().map(move |(title, m)| (r, title, m)))
        .collect();
    if !extensions.is_empty() {
        out.push_str("### Extensions\n\nLonger exercises for learners who finish early, or for after the workshop. The days above do not count them.\n\n| Exercise | Episode | Minutes |\n|---|---|---:|\n");
        for (row, title, m) in extensions {
            out.push_str(&format!(
                "| {} | {} | {m} min |\n",
                inline_html(title),
                link(row)
            ));
        }
        out.push('\n');
    }
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
    fn a_quiz_folds_its_answers_and_explains_each() {
        let md = ":::quiz Does `Arc` make data thread-safe?\nPick one.\n\n- [ ] Yes, always.\n  > No: it shares, it does not lock.\n- [x] Only with a lock or atomics inside.\n  > Right: `Arc<Mutex<T>>`.\n:::\n";
        let html = render("ep", md).unwrap();
        assert!(html.contains("<div class=\"lesson-box quiz\">"), "{html}");
        assert!(html.contains("Quiz: Does <code>Arc</code> make data thread-safe?"));
        assert_eq!(
            html.matches("<details class=\"quiz-explanation\">").count(),
            2
        );
        assert!(html.contains("<li class=\"quiz-answer wrong\">"));
        assert!(html.contains("<li class=\"quiz-answer right\">"));
        assert!(html.contains("No: it shares, it does not lock."), "{html}");
        assert!(html.contains("Pick one."));
        let e = render("ep.md", ":::quiz Q\n- [ ] a\n  > x\n- [ ] b\n  > y\n:::\n").unwrap_err();
        assert!(e.contains("marked right"), "{e}");
        let e = render("ep.md", ":::quiz Q\n- [ ] a\n- [x] b\n  > y\n:::\n").unwrap_err();
        assert!(e.contains("ep.md:2") && e.contains("no explanation"), "{e}");
    }

    #[test]
    fn boxes_are_found_with_their_section() {
        let text = "## One\n:::keypoints\n- a\n:::\n```text\n:::keypoints\n```\n## Two\n:::challenge\n::::instructor\nnote\n::::\n:::\n";
        let k = boxes(text, "keypoints");
        assert_eq!(
            k,
            vec![FoundBox {
                section: Some("One".into()),
                body: "- a\n".into()
            }]
        );
        let n = boxes(text, "instructor");
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].section.as_deref(), Some("Two"));
        assert_eq!(n[0].body, "note\n");
    }

    #[test]
    fn lint_wants_the_lesson_shape() {
        let good = "---\ntitle: T\nteaching: 1\nexercises: 15\ntrack: 1\n---\n:::questions\n:::\n:::objectives\n- a\n- b\n- c\n:::\n:::challenge A (5 min)\n::::solution\n::::\n:::\n:::challenge B (10 min)\n::::hint\n::::\n::::solution\n::::\n:::\n:::quiz Q\n- [x] a\n  > b\n- [ ] c\n  > d\n:::\n:::keypoints\n- a\n- b\n- c\n:::\n";
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
        assert!(
            problems.iter().any(|p| p.contains("track:")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("states no minutes")),
            "{problems:?}"
        );
        assert!(lint_episode("# Not an episode\n").is_empty());
    }

    #[test]
    fn challenge_titles_state_minutes() {
        assert_eq!(
            challenge_minutes("Exercise `x`: a pool (extension, 40 min)"),
            (
                "Exercise `x`: a pool",
                Some(Minutes {
                    minutes: 40,
                    extension: true
                })
            )
        );
        assert_eq!(
            challenge_minutes("Find the bug (10 min)"),
            (
                "Find the bug",
                Some(Minutes {
                    minutes: 10,
                    extension: false
                })
            )
        );
        assert_eq!(challenge_minutes("Why (not)?"), ("Why (not)?", None));
        let html = render(
            "ep",
            ":::challenge Find it (10 min)\n::::solution\nx\n::::\n:::\n",
        )
        .unwrap();
        assert!(
            html.contains("Challenge: Find it <span class=\"minutes-badge\">10 min</span>"),
            "{html}"
        );
    }

    #[test]
    fn schedule_adds_up() {
        let fm = |title: &str, teaching, exercises, day| FrontMatter {
            title: title.into(),
            teaching,
            exercises,
            day,
        };
        let (a, b, c, d) = (
            fm("A", 100, 80, Some(1)),
            fm("B", 90, 60, Some(2)),
            fm("C", 60, 60, Some(2)),
            fm("D", 30, 30, None),
        );
        let row = |path, front, extensions| ScheduleRow {
            path,
            front,
            extensions,
        };
        let table = schedule(&[
            row("a.md", &a, vec![]),
            row("b.md", &b, vec![("Exercise `x`".to_string(), 40)]),
            row("c.md", &c, vec![]),
            row("d.md", &d, vec![]),
        ]);
        assert!(table.contains("### Day 1\n"), "{table}");
        assert!(
            table.contains("| [A](a.md) | 100 min | 80 min | 3 h 00 min |"),
            "{table}"
        );
        assert!(
            table.contains("| **Day 1** | | | **3 h 30 min** |"),
            "{table}"
        );
        assert!(
            table.contains("| **Day 2** | | | **5 h 15 min** |"),
            "{table}"
        );
        assert!(table.contains("### Optional episodes") && table.contains("[D](d.md)"));
        assert!(
            table.contains("| Exercise <code>x</code> | [B](b.md) | 40 min |"),
            "{table}"
        );
        let rows = [
            row("a.md", &a, vec![]),
            row("b.md", &b, vec![]),
            row("c.md", &c, vec![]),
        ];
        assert!(schedule_problems(&rows).is_empty());
        let long = fm("L", 200, 100, Some(1));
        let rows = [row("a.md", &a, vec![]), row("l.md", &long, vec![])];
        let p = schedule_problems(&rows);
        assert!(p.len() == 1 && p[0].contains("day 1"), "{p:?}");
        let rows = [row("b.md", &b, vec![]), row("a.md", &a, vec![])];
        assert!(schedule_problems(&rows).iter().any(|p| p.contains("order")));
    }
}
