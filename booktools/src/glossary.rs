//! The glossary: its terms are the `### ` headings of `src/glossary.md`. The
//! first place the episodes set a term in bold (`**deadlock**`, in book
//! order) becomes a link to its entry, and the entry says where the term was
//! first met, with a link back.

use crate::exercises::{anchor, plain_text};
use crate::lesson::{CodeLine, code_lines};

/// A glossary entry: the term as its heading writes it, and its anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub heading: String,
    pub anchor: String,
    /// Lower-case forms that count as the term in bold: the heading's plain
    /// text, and the forms listed after it in parentheses as
    /// `### Deadlock (deadlocks, deadlocked)`.
    pub forms: Vec<String>,
}

/// The terms of the glossary page, in its order.
pub fn terms(glossary: &str) -> Vec<Term> {
    let code = code_lines(glossary);
    glossary
        .lines()
        .enumerate()
        .filter(|(i, l)| code[*i] == CodeLine::Text && l.starts_with("### "))
        .map(|(_, l)| {
            let heading = l[4..].trim().to_string();
            let text = plain_text(&heading);
            let mut forms = Vec::new();
            let main = match text.split_once(" (") {
                Some((main, rest)) => {
                    for f in rest.trim_end_matches(')').split(',') {
                        forms.push(f.trim().to_lowercase());
                    }
                    main.trim().to_string()
                }
                None => text.clone(),
            };
            forms.insert(0, main.to_lowercase());
            forms.push(format!("{}s", main.to_lowercase()));
            Term {
                anchor: anchor(&text),
                heading,
                forms,
            }
        })
        .collect()
}

/// Where a term was first met: the chapter's page and the `##` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstUse {
    pub term: usize,
    pub section: Option<String>,
}

/// Links the first bold use of every term not yet in `seen` to its entry on
/// `glossary_page` (e.g. `glossary.md`). Returns the new text and the terms
/// it linked, with their sections. Code blocks, headings and bold text that
/// is already inside a link are left alone.
pub fn link_first_uses(
    text: &str,
    terms: &[Term],
    seen: &mut [bool],
    glossary_page: &str,
) -> (String, Vec<FirstUse>) {
    let code = code_lines(text);
    let mut out = String::with_capacity(text.len() + 256);
    let mut found = Vec::new();
    let mut section = None;
    for (i, line) in text.lines().enumerate() {
        if code[i] != CodeLine::Text || line.starts_with('#') || line.starts_with("<") {
            if code[i] == CodeLine::Text && line.starts_with("## ") {
                section = Some(line[3..].trim().to_string());
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut rest = line;
        let mut new_line = String::new();
        while let Some(start) = rest.find("**") {
            let after = &rest[start + 2..];
            let Some(len) = after.find("**") else { break };
            let inner = &after[..len];
            let before = &rest[..start];
            let in_link = before.ends_with('[');
            let key = plain_text(inner).to_lowercase();
            let hit = (!in_link && !inner.trim().is_empty())
                .then(|| {
                    terms
                        .iter()
                        .position(|t| {
                            t.forms
                                .iter()
                                .any(|f| *f == key || key.starts_with(&format!("{f} (")))
                        })
                        .filter(|&k| !seen[k])
                })
                .flatten();
            new_line.push_str(before);
            match hit {
                Some(k) => {
                    seen[k] = true;
                    found.push(FirstUse {
                        term: k,
                        section: section.clone(),
                    });
                    new_line.push_str(&format!(
                        "[**{inner}**]({glossary_page}#{})",
                        terms[k].anchor
                    ));
                }
                None => {
                    new_line.push_str("**");
                    new_line.push_str(inner);
                    new_line.push_str("**");
                }
            }
            rest = &after[len + 2..];
        }
        new_line.push_str(rest);
        out.push_str(&new_line);
        out.push('\n');
    }
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_come_from_the_headings_with_their_forms() {
        let t =
            terms("# Glossary\n\n### Deadlock\nA wait.\n\n### Race condition (race)\nTiming.\n");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].anchor, "deadlock");
        assert!(t[0].forms.contains(&"deadlocks".to_string()));
        assert_eq!(t[1].forms[0], "race condition");
        assert!(t[1].forms.contains(&"race".to_string()));
    }

    #[test]
    fn only_the_first_bold_use_is_linked() {
        let t = terms("### Deadlock\nx\n");
        let mut seen = vec![false];
        let text =
            "## Locks\nA **deadlock** here, a **deadlock** there.\n```text\n**deadlock**\n```\n";
        let (out, found) = link_first_uses(text, &t, &mut seen, "glossary.md");
        assert!(
            out.contains("A [**deadlock**](glossary.md#deadlock) here, a **deadlock** there."),
            "{out}"
        );
        assert!(out.contains("```text\n**deadlock**\n```"));
        assert_eq!(
            found,
            vec![FirstUse {
                term: 0,
                section: Some("Locks".into())
            }]
        );
        let (again, found) = link_first_uses(text, &t, &mut seen, "glossary.md");
        assert_eq!(again, text);
        assert!(found.is_empty());
    }
}
