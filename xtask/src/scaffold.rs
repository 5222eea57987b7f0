//! `cargo xtask new exercise NAME`: everything a new exercise needs, in one
//! go, in the places CONTRIBUTING.md names: the box in its chapter, the stub,
//! a placeholder solution, a test file and three wrong answers. The result
//! passes the exercises check as it stands (the stub fails, the placeholder
//! solution passes, each wrong answer is caught); every placeholder is marked
//! `TODO` for the author to replace.

use anyhow::{Context, Result, bail};
use std::fs;
use std::path::{Path, PathBuf};

/// What `new exercise` wrote, for the report.
pub struct Created {
    pub chapter: PathBuf,
    pub files: Vec<PathBuf>,
}

/// Checks an exercise name: `epNN_` and a lower-case slug.
fn parse_name(name: &str) -> Result<(&str, &str)> {
    let ok = name.len() > 5
        && name.starts_with("ep")
        && name[2..4].chars().all(|c| c.is_ascii_digit())
        && &name[4..5] == "_"
        && name[5..]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        bail!("`{name}` is not an exercise name: use epNN_slug, e.g. ep02_counter");
    }
    Ok((&name[2..4], &name[5..]))
}

/// The chapter of episode `nn` (src/epNN-*.md).
fn chapter_of(root: &Path, nn: &str) -> Result<PathBuf> {
    let prefix = format!("ep{nn}-");
    let mut found = Vec::new();
    for entry in fs::read_dir(root.join("src")).context("cannot list src/")? {
        let path = entry?.path();
        let file = path.file_name().and_then(|f| f.to_str()).unwrap_or("");
        if file.starts_with(&prefix) && file.ends_with(".md") {
            found.push(path);
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => bail!("no chapter src/{prefix}*.md for episode {nn}"),
        _ => bail!("more than one chapter src/{prefix}*.md"),
    }
}

/// Where the box goes: the end of the `##` section named `section` (the last
/// section when none is named), before any closing `:::keypoints` box.
/// Returns the line index to insert at and the section's heading.
fn insertion_point(text: &str, section: Option<&str>) -> Result<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let code = booktools::lesson::code_lines(text);
    let headings: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| code[*i] == booktools::lesson::CodeLine::Text && l.starts_with("## "))
        .map(|(i, l)| (i, l[3..].trim().to_string()))
        .collect();
    let index = match section {
        Some(want) => headings
            .iter()
            .position(|(_, h)| h == want || booktools::exercises::plain_text(h) == want)
            .with_context(|| {
                let names: Vec<_> = headings.iter().map(|(_, h)| h.as_str()).collect();
                format!(
                    "no section `## {want}` in the chapter; its sections: {}",
                    names.join(" | ")
                )
            })?,
        None => headings
            .len()
            .checked_sub(1)
            .context("the chapter has no `##` section to put the exercise in")?,
    };
    let (start, heading) = headings[index].clone();
    let mut end = headings.get(index + 1).map_or(lines.len(), |(i, _)| *i);
    if let Some(k) = (start..end).find(|&i| {
        code[i] == booktools::lesson::CodeLine::Text && lines[i].starts_with(":::keypoints")
    }) {
        end = k;
    }
    // Before the blank lines that end the section.
    while end > start + 1 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    Ok((end, heading))
}

fn chapter_box(name: &str) -> String {
    format!(
        "
:::challenge Exercise `{name}`: TODO a title
TODO: say what to write in `exercises/src/{name}.rs`, and the command:

```console
$ cargo test -p exercises --test {name}
```

TODO: say what the tests check.

::::hint
TODO: the hint every failing test of `{name}` shows.
::::

::::solution
```rust
{{{{#include ../solutions/src/{name}.rs:answer}}}}
# fn main() {{
#     assert_eq!(answer(), 42);
# }}
```

TODO: explain the model answer.
::::
:::
"
    )
}

fn stub(name: &str, chapter: &str, section: &str) -> String {
    format!(
        "//! Exercise `{name}`: TODO say what it practises.
//! Read: src/{chapter}, \"{section}\"
//! Check your answer: cargo test -p exercises --test {name}

/// TODO: document what the learner writes. (The placeholder asks for 42.)
pub fn answer() -> u32 {{
    todo!(\"{name}: TODO say what to do (chapter {stem})\")
}}
",
        stem = chapter.trim_end_matches(".md")
    )
}

fn solution(name: &str) -> String {
    format!(
        "//! Model answer of exercise `{name}`. TODO: replace the placeholder.

// ANCHOR: answer
/// TODO: the model answer. (The placeholder returns 42.)
pub fn answer() -> u32 {{
    42
}}
// ANCHOR_END: answer
"
    )
}

fn test_file(name: &str) -> String {
    format!(
        "//! Tests of exercise `{name}`: `cargo test -p exercises --test {name}`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).
//! TODO: replace the placeholder test with tests that tell plausible wrong
//! answers from right ones.

course_check::exercise!({name});

use crate::{name}::answer;
use course_check::check;

#[test]
fn the_answer_is_42() {{
    check(\"{name}\", || {{
        let got = answer();
        assert_eq!(got, 42, \"the placeholder asks for 42, got {{got}}\");
    }});
}}
"
    )
}

/// A wrong answer: the placeholder solution with its `42` replaced.
fn wrong_patch(name: &str, solution: &str, value: &str, why: &str) -> String {
    let wrong = solution.replacen("    42\n", &format!("    {value}\n"), 1);
    let patch = diffy::create_patch(solution, &wrong).to_string();
    let body: Vec<&str> = patch.lines().skip(2).collect();
    format!(
        "# TODO (placeholder): {why}\n--- solutions/src/{name}.rs\n+++ solutions/src/{name}.rs\n{}\n",
        body.join("\n")
    )
}

/// Creates the exercise `name` in its episode's chapter, under `section`
/// (the chapter's last `##` section when `None`).
pub fn new_exercise(root: &Path, name: &str, section: Option<&str>) -> Result<Created> {
    let (nn, _) = parse_name(name)?;
    let chapter = chapter_of(root, nn)?;
    let chapter_file = chapter
        .file_name()
        .and_then(|f| f.to_str())
        .context("chapter file name")?
        .to_string();
    let stub_path = root.join("exercises/src").join(format!("{name}.rs"));
    let solution_path = root.join("solutions/src").join(format!("{name}.rs"));
    let test_path = root.join("exercises/tests").join(format!("{name}.rs"));
    let wrong_dir = root.join("solutions/wrong").join(name);
    for p in [&stub_path, &solution_path, &test_path, &wrong_dir] {
        if p.exists() {
            bail!("{} exists already: is `{name}` taken?", p.display());
        }
    }
    let text = fs::read_to_string(&chapter)
        .with_context(|| format!("cannot read {}", chapter.display()))?;
    if text.contains(&format!("Exercise `{name}`")) {
        bail!("{} already declares `{name}`", chapter.display());
    }
    let (at, heading) = insertion_point(&text, section)?;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.insert(at, chapter_box(name).trim_end().to_string());
    let mut new_text = lines.join("\n");
    new_text.push('\n');

    let section_text = booktools::exercises::plain_text(&heading);
    let solution_text = solution(name);
    fs::write(&stub_path, stub(name, &chapter_file, &section_text))?;
    fs::write(&solution_path, &solution_text)?;
    fs::write(&test_path, test_file(name))?;
    fs::create_dir_all(&wrong_dir)?;
    let wrongs = [
        (
            "zero",
            "0",
            "returns 0, the value of an answer that does nothing",
        ),
        ("off-by-one-below", "41", "one less than the right answer"),
        ("off-by-one-above", "43", "one more than the right answer"),
    ];
    let mut files = vec![stub_path, solution_path, test_path];
    for (slug, value, why) in wrongs {
        let p = wrong_dir.join(format!("{slug}.patch"));
        fs::write(&p, wrong_patch(name, &solution_text, value, why))?;
        files.push(p);
    }
    fs::write(&chapter, new_text)?;
    Ok(Created { chapter, files })
}

/// The command: create, then say what was made and what to do next.
pub fn command(root: &Path, name: &str, section: Option<&str>) -> Result<()> {
    let created = new_exercise(root, name, section)?;
    println!("new exercise `{name}`:");
    println!("  box added to {}", created.chapter.display());
    for f in &created.files {
        println!("  wrote {}", f.strip_prefix(root).unwrap_or(f).display());
    }
    println!(
        "Replace every TODO (the box's text, the stub, the solution, the tests and the wrong\n\
         answers), then run `cargo test -p solutions --test {name}` and `cargo test`."
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(parse_name("ep02_counter").is_ok());
        assert!(parse_name("ep2_counter").is_err());
        assert!(parse_name("ep02-counter").is_err());
        assert!(parse_name("ep02_Counter").is_err());
    }

    #[test]
    fn the_box_goes_at_the_end_of_its_section_before_the_keypoints() {
        let text = "## One\ntext\n\n## Two\nmore\n\n:::keypoints\n- k\n:::\n";
        let (at, h) = insertion_point(text, None).unwrap();
        assert_eq!((at, h.as_str()), (5, "Two"));
        let (at, h) = insertion_point(text, Some("One")).unwrap();
        assert_eq!((at, h.as_str()), (2, "One"));
        assert!(insertion_point(text, Some("Three")).is_err());
    }

    #[test]
    fn wrong_patches_apply_to_the_solution() {
        let s = solution("ep02_x");
        let p = wrong_patch("ep02_x", &s, "41", "why");
        let body: String = p
            .lines()
            .filter(|l| !l.starts_with("# "))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        let patch = diffy::Patch::from_str(&body).unwrap();
        let out = diffy::apply(&s, &patch).unwrap();
        assert!(out.contains("    41\n") && !out.contains("    42\n"));
    }
}
