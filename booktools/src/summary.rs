//! The chapters of the book, read from `src/SUMMARY.md`, so that a new
//! chapter is never missed by the book tests or the schedule.

use std::path::{Path, PathBuf};

/// A chapter listed in SUMMARY.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub title: String,
    /// Path relative to the book's `src/` folder, as written in SUMMARY.md.
    pub path: String,
}

impl Chapter {
    pub fn file(&self, src: &Path) -> PathBuf {
        src.join(&self.path)
    }

    /// The chapter's file name without `.md`, e.g. `ep01-cores`.
    pub fn stem(&self) -> &str {
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        name.strip_suffix(".md").unwrap_or(name)
    }
}

/// Every `[Title](path.md)` link in SUMMARY.md, in order. Draft chapters
/// (`[Title]()`) are skipped, as mdBook skips them.
pub fn chapters(summary: &str) -> Vec<Chapter> {
    let mut out = Vec::new();
    for line in summary.lines() {
        let mut rest = line;
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find("](") else {
                break;
            };
            let title = &rest[open + 1..open + close];
            let after = &rest[open + close + 2..];
            let Some(end) = after.find(')') else { break };
            let path = after[..end].trim();
            if path.ends_with(".md") {
                out.push(Chapter {
                    title: title.to_string(),
                    path: path.to_string(),
                });
            }
            rest = &after[end..];
        }
    }
    out
}

/// Reads `src/SUMMARY.md` under `book_root`.
pub fn read_chapters(src: &Path) -> Result<Vec<Chapter>, String> {
    let summary = src.join("SUMMARY.md");
    let text = std::fs::read_to_string(&summary)
        .map_err(|e| format!("cannot read {}: {e}", summary.display()))?;
    Ok(chapters(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_links_and_skips_drafts() {
        let s = "# Summary\n\n[Intro](intro.md)\n\n- [One](ep01-one.md)\n  - [Sub](sub/two.md)\n- [Draft]()\n";
        let ch = chapters(s);
        let paths: Vec<_> = ch.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["intro.md", "ep01-one.md", "sub/two.md"]);
        assert_eq!(ch[2].stem(), "two");
        assert_eq!(ch[1].title, "One");
    }
}
