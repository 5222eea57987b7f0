//! `cargo xtask renumber`: file and exercise names carry their episode's
//! number (`ep02-threads.md`, `ep02_scoped`), so that a learner sees at a
//! glance where an exercise belongs. The order itself lives in SUMMARY.md
//! only: after an instructor moves, inserts or drops an episode there, this
//! command renames every file of each episode whose number changed
//! (chapter, figures, listings, stubs, solutions, tests, wrong answers) and
//! rewrites every mention of the old names and every "Episode N" in the
//! text, in one step, so that episodes can even swap places. Ranges such as
//! "episodes 2-4" are left for the author to check.

use booktools::lesson::front_matter;
use booktools::summary::read_chapters;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The folders whose files are renamed and rewritten.
const TREES: &[&str] = &["src", "exercises", "solutions", "listings"];
const FILES: &[&str] = &["README.md", "CONTRIBUTING.md"];

/// Old episode number -> new one, for the episodes whose number changes.
pub fn plan(root: &Path) -> Result<BTreeMap<u32, u32>, String> {
    let src = root.join("src");
    let mut map = BTreeMap::new();
    let mut episode = 0;
    for ch in read_chapters(&src)? {
        let text = std::fs::read_to_string(ch.file(&src)).map_err(|e| e.to_string())?;
        if front_matter(&text)?.is_none() {
            continue;
        }
        episode += 1;
        let stem = ch.stem();
        let old: Option<u32> = stem
            .strip_prefix("ep")
            .and_then(|r| r.get(..2))
            .and_then(|n| n.parse().ok());
        match old {
            Some(old) if old != episode => {
                map.insert(old, episode);
            }
            Some(_) => {}
            None => {
                return Err(format!(
                    "src/{}: an episode's file must be named epNN-slug.md",
                    ch.path
                ));
            }
        }
    }
    Ok(map)
}

/// Rewrites `epNN-` and `epNN_` for every NN in `map`, all in one pass.
pub fn rewrite(text: &str, map: &BTreeMap<u32, u32>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if bytes[i..].starts_with(b"ep")
            && i + 4 < text.len()
            && bytes[i + 2].is_ascii_digit()
            && bytes[i + 3].is_ascii_digit()
            && !bytes[i + 4].is_ascii_alphanumeric()
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        {
            let n: u32 = text[i + 2..i + 4].parse().unwrap();
            if let Some(new) = map.get(&n) {
                out.push_str(&format!("ep{new:02}"));
                i += 4;
                continue;
            }
        }
        // "Episode 5" and "episode 5" in prose follow the files.
        for word in ["Episode ", "episode ", "Episode\n", "episode\n"] {
            if bytes[i..].starts_with(word.as_bytes())
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            {
                let digits = text[i + word.len()..]
                    .bytes()
                    .take_while(u8::is_ascii_digit)
                    .count();
                let n: Option<u32> = text[i + word.len()..i + word.len() + digits].parse().ok();
                if let Some(new) = n.and_then(|n| map.get(&n)) {
                    out.push_str(&format!("{word}{new}"));
                    i += word.len() + digits;
                }
            }
        }
        if i >= text.len() {
            break;
        }
        let c = text[i..].chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        let link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if link {
            continue;
        }
        if p.is_dir() {
            out.push(p.clone());
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

pub fn renumber(root: &Path, dry_run: bool) -> ExitCode {
    let map = match plan(root) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("renumber: {e}");
            return ExitCode::FAILURE;
        }
    };
    if map.is_empty() {
        println!("every episode's files already carry its number in SUMMARY.md's order");
        return ExitCode::SUCCESS;
    }
    for (old, new) in &map {
        println!("episode files ep{old:02} become ep{new:02}");
    }
    let mut paths = Vec::new();
    for t in TREES {
        walk(&root.join(t), &mut paths);
    }
    paths.extend(FILES.iter().map(|f| root.join(f)));
    // Contents first, then names (deepest first, through temporary names).
    for p in paths.iter().filter(|p| p.is_file()) {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let new = rewrite(&text, &map);
        if new != text {
            println!("  rewrite {}", p.strip_prefix(root).unwrap_or(p).display());
            if !dry_run {
                let _ = std::fs::write(p, new);
            }
        }
    }
    let mut moves: Vec<(PathBuf, PathBuf)> = paths
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let new = rewrite(name, &map);
            (new != name).then(|| (p.clone(), p.with_file_name(new)))
        })
        .collect();
    moves.sort_by_key(|(p, _)| std::cmp::Reverse(p.components().count()));
    for (from, to) in &moves {
        println!(
            "  rename {} -> {}",
            from.strip_prefix(root).unwrap_or(from).display(),
            to.file_name().unwrap().to_string_lossy()
        );
    }
    if dry_run {
        return ExitCode::SUCCESS;
    }
    let tmp = |p: &Path| {
        p.with_file_name(format!(
            "{}.renumbering",
            p.file_name().unwrap().to_string_lossy()
        ))
    };
    for (from, _) in &moves {
        if let Err(e) = std::fs::rename(from, tmp(from)) {
            eprintln!("renumber: cannot rename {}: {e}", from.display());
            return ExitCode::FAILURE;
        }
    }
    for (from, to) in &moves {
        if let Err(e) = std::fs::rename(tmp(from), to) {
            eprintln!("renumber: cannot rename {}: {e}", from.display());
            return ExitCode::FAILURE;
        }
    }
    println!("done: run `cargo test` to check the book and the exercises");
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_two_episodes_in_one_pass() {
        let map = BTreeMap::from([(2, 3), (3, 2)]);
        let text = "ep02_scoped and ep03-processes.md, ep04_pool, sleep02_x, ep02.rs; Episode 2, episode 3, episode 12, [episode\n2], [ep02](x) ep03 ep0234";
        assert_eq!(
            rewrite(text, &map),
            "ep03_scoped and ep02-processes.md, ep04_pool, sleep02_x, ep03.rs; Episode 3, episode 2, episode 12, [episode\n3], [ep03](x) ep02 ep0234"
        );
    }
}
