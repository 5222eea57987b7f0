//! The `lesson` preprocessor: front matter, lesson boxes and the schedule,
//! run in process by `cargo xtask build` and as a command by stock mdBook.

use booktools::exercises::anchor;
use booktools::lesson::{FrontMatter, ScheduleRow, boxes, front_matter, render, schedule};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::{Error, Result};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

pub struct Lesson;

impl Preprocessor for Lesson {
    fn name(&self) -> &str {
        "lesson"
    }

    fn run(&self, _ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        link_glossary(&mut book)?;
        // First pass: every episode's front matter, in book order, for the
        // schedule, and its key points and instructor notes for the pages
        // that gather them.
        let mut episodes: Vec<(String, FrontMatter, Vec<(String, u32)>)> = Vec::new();
        let mut keypoints = String::new();
        let mut notes = String::new();
        for item in book.iter() {
            if let BookItem::Chapter(ch) = item
                && let Some(path) = &ch.path
                && let Some((fm, _)) = front_matter(&ch.content)
                    .map_err(|e| Error::msg(format!("{}: {e}", path.display())))?
            {
                let page = path.display().to_string();
                keypoints.push_str(&format!(
                    "## {}\n\n<p class=\"episode-link\">From <a href=\"{}\">the episode</a>:</p>\n\n",
                    fm.title,
                    page.trim_end_matches(".md").to_string() + ".html"
                ));
                for found in boxes(&ch.content, "keypoints") {
                    keypoints.push_str(&found.body);
                    keypoints.push('\n');
                }
                let found = boxes(&ch.content, "instructor");
                if !found.is_empty() {
                    notes.push_str(&format!(
                        "## {}\n\n<p class=\"episode-link\"><a href=\"{}\">Open the episode</a></p>\n\n",
                        fm.title,
                        page.trim_end_matches(".md").to_string() + ".html"
                    ));
                }
                for note in found {
                    // Raw HTML, so the link names the .html page itself.
                    let html_page = page.trim_end_matches(".md").to_string() + ".html";
                    let (href, label) = match &note.section {
                        Some(h) => {
                            let text = booktools::exercises::plain_text(h);
                            (format!("{html_page}#{}", anchor(&text)), text)
                        }
                        None => (html_page.clone(), "the start of the episode".to_string()),
                    };
                    notes.push_str(&format!(
                        "<div class=\"lesson-box instructor-copy\">\n<p class=\"lesson-box-title\">At <a href=\"{href}\">{}</a></p>\n\n{}\n</div>\n\n",
                        booktools::lesson::inline_html(&label),
                        note.body
                    ));
                }
                let extensions = booktools::lesson::challenges(&ch.content)
                    .into_iter()
                    .filter_map(|(_, title, m)| {
                        m.filter(|m| m.extension).map(|m| (title, m.minutes))
                    })
                    .collect();
                episodes.push((page, fm, extensions));
            }
        }
        let rows: Vec<ScheduleRow<'_>> = episodes
            .iter()
            .map(|(path, front, extensions)| ScheduleRow {
                path,
                front,
                extensions: extensions.clone(),
            })
            .collect();
        let problems = booktools::lesson::schedule_problems(&rows);
        if !problems.is_empty() {
            return Err(Error::msg(format!("the schedule: {}", problems.join("; "))));
        }
        let table = schedule(&rows);

        let mut failure = None;
        book.for_each_chapter_mut(|ch| {
            let name = ch
                .source_path
                .as_ref()
                .map(|p| format!("src/{}", p.display()))
                .unwrap_or_else(|| ch.name.clone());
            match render(&name, &ch.content) {
                Ok(html) => {
                    ch.content = html
                        .replace("{{#schedule}}", &table)
                        .replace("{{#keypoints}}", &keypoints)
                        .replace("{{#instructor-notes}}", &notes)
                }
                Err(e) => failure = failure.take().or(Some(e)),
            }
        });
        match failure {
            Some(e) => Err(Error::msg(e)),
            None => Ok(book),
        }
    }
}

/// The glossary's terms link from their first bold use in the episodes, and
/// each entry says where it was first met. A term no episode sets in bold is
/// an error, so the glossary cannot drift from the book.
fn link_glossary(book: &mut Book) -> Result<()> {
    use booktools::glossary::{link_first_uses, terms};
    let mut glossary = None;
    for item in book.iter() {
        if let BookItem::Chapter(ch) = item
            && ch.path.as_deref() == Some(std::path::Path::new("glossary.md"))
        {
            glossary = Some(ch.content.clone());
        }
    }
    let Some(glossary) = glossary else {
        return Ok(());
    };
    let terms = terms(&glossary);
    let mut seen = vec![false; terms.len()];
    // (term, page, episode title, section)
    let mut first: Vec<Option<(String, String, Option<String>)>> = vec![None; terms.len()];
    book.for_each_chapter_mut(|ch| {
        let Some(path) = ch.path.clone() else { return };
        let Ok(Some((fm, _))) = front_matter(&ch.content) else {
            return;
        };
        let (text, found) = link_first_uses(&ch.content, &terms, &mut seen, "glossary.md");
        ch.content = text;
        for f in found {
            first[f.term] = Some((path.display().to_string(), fm.title.clone(), f.section));
        }
    });
    let missing: Vec<&str> = terms
        .iter()
        .zip(&first)
        .filter(|(_, f)| f.is_none())
        .map(|(t, _)| t.heading.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(Error::msg(format!(
            "src/glossary.md: no episode sets these terms in bold (**term**), so they cannot be linked from their first use: {}",
            missing.join(", ")
        )));
    }
    book.for_each_chapter_mut(|ch| {
        if ch.path.as_deref() != Some(std::path::Path::new("glossary.md")) {
            return;
        }
        let mut out = String::new();
        let mut k = 0;
        let code = booktools::lesson::code_lines(&ch.content);
        for (i, line) in ch.content.lines().enumerate() {
            out.push_str(line);
            out.push('\n');
            if code[i] == booktools::lesson::CodeLine::Text
                && line.starts_with("### ")
                && let Some(Some((page, title, section))) = first.get(k)
            {
                k += 1;
                let html = page.trim_end_matches(".md").to_string() + ".html";
                let (href, place) = match section {
                    Some(s) => {
                        let text = booktools::exercises::plain_text(s);
                        (
                            format!("{html}#{}", anchor(&text)),
                            format!("{title}: {text}"),
                        )
                    }
                    None => (html, title.clone()),
                };
                out.push_str(&format!(
                    "\n<p class=\"first-use\">First met in <a href=\"{href}\">{}</a>.</p>\n",
                    booktools::lesson::inline_html(&place)
                ));
            }
        }
        ch.content = out;
    });
    Ok(())
}

/// The mdBook preprocessor protocol, for stock `mdbook build`:
/// `supports <renderer>` answers by exit status; otherwise read
/// `[context, book]` as JSON on stdin and write the book back on stdout.
pub fn command(args: &[String]) -> Result<()> {
    if args.first().map(String::as_str) == Some("supports") {
        return Ok(());
    }
    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin())?;
    let book = Lesson.run(&ctx, book)?;
    serde_json::to_writer(std::io::stdout(), &book)?;
    Ok(())
}
