//! What the site checks share: building the book, the static checks of the
//! built files, a local server, and (in `browser`) the checks in Chromium.
#![allow(dead_code)]

pub mod browser;
pub mod contrast;

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Builds the book at `course_root` into `dest` with `xtask build` (the
/// command readers and CI use).
pub fn build(course_root: &Path, dest: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dest);
    let status = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["build", "--dest-dir"])
        .arg(dest)
        .env("COURSE_ROOT", course_root)
        .current_dir(course_root)
        .status()
        .map_err(|e| format!("cannot run xtask build: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`xtask build` of {} failed", course_root.display()))
    }
}

pub fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    let mut all = Vec::new();
    files(from, &mut all);
    for f in all {
        let dest = to.join(f.strip_prefix(from).unwrap());
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&f, &dest).unwrap();
    }
}

/// Every place where HTML, CSS or JS would make the browser fetch from
/// another origin.
pub fn foreign_resources(site: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut all = Vec::new();
    files(site, &mut all);
    let attrs = [
        "src=\"",
        "src='",
        "href=\"",
        "href='",
        "url(",
        "url(\"",
        "url('",
        "@import \"",
        "srcset=\"",
    ];
    for f in all {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "css" | "js") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for (lineno, line) in text.lines().enumerate() {
            for a in attrs {
                let mut rest = line;
                while let Some(i) = rest.find(a) {
                    let value = &rest[i + a.len()..];
                    let remote = value.starts_with("http://")
                        || value.starts_with("https://")
                        || value.starts_with("//");
                    // <a href=...> is a link the reader may follow, not a request.
                    let before = &rest[..i];
                    let is_anchor = a.starts_with("href")
                        && before
                            .rfind('<')
                            .is_some_and(|t| before[t..].starts_with("<a "));
                    if remote && !is_anchor {
                        let shown: String = value.chars().take(80).collect();
                        found.push(format!(
                            "{}:{}: {a}{shown}",
                            f.strip_prefix(site).unwrap().display(),
                            lineno + 1
                        ));
                    }
                    rest = &rest[i + a.len()..];
                }
            }
        }
    }
    found
}

/// Every value of `attr="..."` in `html`.
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Links between pages of the book, and to headings in them, all resolve.
pub fn broken_links(site: &Path) -> Vec<String> {
    let mut all = Vec::new();
    files(site, &mut all);
    let pages: Vec<PathBuf> = all
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with("__"))
        .collect();
    let mut found = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap_or_default();
        // Only the chapter's own content, not the sidebar's table of contents.
        let main = html
            .split("<main>")
            .nth(1)
            .and_then(|m| m.split("</main>").next())
            .unwrap_or("");
        for href in attr_values(main, "href") {
            if href.contains("://") || href.starts_with("mailto:") || href.starts_with('/') {
                continue;
            }
            let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            let shown = page.strip_prefix(site).unwrap().display();
            let Ok(text) = std::fs::read_to_string(&target) else {
                found.push(format!("{shown}: link to a missing page `{href}`"));
                continue;
            };
            if !anchor.is_empty() && !attr_values(&text, "id").contains(&anchor) {
                found.push(format!("{shown}: link to a missing heading `{href}`"));
            }
        }
    }
    found
}

/// Serves `site` on a free local port, with the same stack as
/// `cargo xtask serve` (axum and tower-http's ServeDir). The server lives
/// as long as the test process.
pub fn serve(site: PathBuf) -> u16 {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap().port()).unwrap();
            let app =
                axum::Router::new().fallback_service(tower_http::services::ServeDir::new(site));
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

/// True when the environment says this is CI (`CI=true`), where a missing
/// browser is a failure rather than a skip.
pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}
