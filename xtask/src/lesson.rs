//! The `lesson` preprocessor: front matter, lesson boxes and the schedule,
//! run in process by `cargo xtask build` and as a command by stock mdBook.

use booktools::lesson::{FrontMatter, ScheduleRow, front_matter, render, schedule};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::{Error, Result};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

pub struct Lesson;

impl Preprocessor for Lesson {
    fn name(&self) -> &str {
        "lesson"
    }

    fn run(&self, _ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        // First pass: every episode's front matter, in book order, for the schedule.
        let mut episodes: Vec<(String, FrontMatter)> = Vec::new();
        for item in book.iter() {
            if let BookItem::Chapter(ch) = item
                && let Some(path) = &ch.path
                && let Some((fm, _)) = front_matter(&ch.content)
                    .map_err(|e| Error::msg(format!("{}: {e}", path.display())))?
            {
                episodes.push((path.display().to_string(), fm));
            }
        }
        let rows: Vec<ScheduleRow<'_>> = episodes
            .iter()
            .map(|(path, front)| ScheduleRow { path, front })
            .collect();
        let table = schedule(&rows);

        let mut failure = None;
        book.for_each_chapter_mut(|ch| {
            let name = ch
                .source_path
                .as_ref()
                .map(|p| format!("src/{}", p.display()))
                .unwrap_or_else(|| ch.name.clone());
            match render(&name, &ch.content) {
                Ok(html) => ch.content = html.replace("{{#schedule}}", &table),
                Err(e) => failure = failure.take().or(Some(e)),
            }
        });
        match failure {
            Some(e) => Err(Error::msg(e)),
            None => Ok(book),
        }
    }
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
