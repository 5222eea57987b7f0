//! The site check: builds the book with `xtask build` into a folder of its
//! own and checks what a reader gets.
//!
//! Static checks of the built files:
//! - no page, stylesheet or script loads anything from another origin
//!   (links a reader may click are fine; `xmlns` names are not requests);
//! - links between pages and to headings resolve, and so do the exercises'
//!   section addresses;
//! - math is MathML, rendered at build time; no KaTeX stylesheet;
//! - episode 1 has its lesson boxes, front matter minutes and a solution.
//!
//! In headless Chromium driven through chromedriver (WebDriver, with
//! fantoccini; skipped with a note when no browser is found, required with
//! `CI=true`), on every page the sidebar lists and on print.html:
//! - no console error, no request to another origin;
//! - every solution and hint collapsed on load, opening on click;
//! - instructor notes hidden until #instructor-toggle is clicked, and
//!   hidden again after a second click;
//! - quizzes: a wrong and a right answer open on click and are marked
//!   chosen (on a small fixture book while no page has a quiz);
//! - no sideways scrolling at 400 px wide.
//!
//! And once: search finds "Mutex" and "rayon"; print.html holds every
//! episode with its math and code; text in every kind of lesson box has a
//! contrast of at least 4.5:1 in all five themes (on a few pages that
//! together hold every kind of box).
//!
//! xtask/tests/site_broken.rs shows that these checks catch broken pages.

mod sitecheck;

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use sitecheck::browser::{self, Page, Session};

const EPISODE: &str = "ep01-cores-and-the-gil.html";

fn static_checks(site: &Path, problems: &mut Vec<String>) {
    for f in sitecheck::foreign_resources(site) {
        problems.push(format!("loads from another origin: {f}"));
    }
    problems.extend(sitecheck::broken_links(site));
    // Failure messages send learners to each exercise's section by address.
    for ex in course_check::EXERCISES {
        let url = ex.url();
        let page = url
            .strip_prefix(course_check::BOOK_URL)
            .and_then(|u| u.split('#').next())
            .unwrap_or("")
            .trim_start_matches('/');
        let html = std::fs::read_to_string(site.join(page)).unwrap_or_default();
        if !html.contains(&format!("id=\"{}\"", ex.anchor)) {
            problems.push(format!(
                "exercise `{}` sends learners to {url}, but that page has no such anchor",
                ex.name
            ));
        }
    }
    let page = std::fs::read_to_string(site.join(EPISODE)).unwrap_or_default();
    if !page.contains("<math") {
        problems.push(format!("{EPISODE} has no MathML"));
    }
    if page.contains("katex.min.css") || page.contains("class=\"katex-html\"") {
        problems.push(format!("{EPISODE} uses KaTeX HTML/CSS instead of MathML"));
    }
    for needle in [
        "lesson-box questions",
        "lesson-box challenge",
        "<details class=\"lesson-box solution\">",
        "Teaching:",
    ] {
        if !page.contains(needle) {
            problems.push(format!("{EPISODE} lacks `{needle}`"));
        }
    }
    if page.contains(":::") {
        problems.push(format!("{EPISODE} still shows `:::` box markup"));
    }
}

/// A one-page book with a quiz, for checking the quiz behaviour while no
/// page of the course has one yet. Built with the course's theme.
fn quiz_fixture(root: &Path, work: &Path) -> Result<std::path::PathBuf, String> {
    let book = work.join("book");
    let _ = std::fs::remove_dir_all(work);
    std::fs::create_dir_all(book.join("src")).map_err(|e| e.to_string())?;
    std::fs::copy(root.join("book.toml"), book.join("book.toml")).map_err(|e| e.to_string())?;
    sitecheck::copy_dir(&root.join("theme"), &book.join("theme"));
    std::fs::write(
        book.join("src/SUMMARY.md"),
        "# Summary\n\n- [Quiz](quiz.md)\n",
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(
        book.join("src/quiz.md"),
        "---\ntitle: \"Quiz\"\nteaching: 5\nexercises: 5\n---\n\n\
         :::quiz Does `Arc` make data thread-safe?\nPick one.\n\n\
         - [ ] Yes, always.\n  > No: it shares the data, it does not lock it.\n\
         - [x] Only with a lock or atomics inside.\n  > Right: `Arc<Mutex<T>>`.\n\
         - [ ] Only in release builds.\n  > No: the type rules are the same in every build.\n:::\n",
    )
    .map_err(|e| e.to_string())?;
    let site = work.join("site");
    sitecheck::build(&book, &site)?;
    Ok(site)
}

/// Pages that together hold every kind of lesson box (greedy cover).
fn representatives(pages: &[Page]) -> Vec<&Page> {
    let mut left: Vec<&String> = pages.iter().flat_map(|p| &p.kinds).collect();
    left.sort();
    left.dedup();
    let mut chosen = Vec::new();
    while !left.is_empty() {
        let best = pages
            .iter()
            .filter(|p| p.page != "print.html")
            .max_by_key(|p| p.kinds.iter().filter(|k| left.contains(k)).count())
            .filter(|p| p.kinds.iter().any(|k| left.contains(&k)));
        let Some(best) = best else { break };
        left.retain(|k| !best.kinds.contains(k));
        chosen.push(best);
    }
    chosen
}

async fn browser_checks(
    root: &Path,
    site: &Path,
    found: &browser::Found,
    problems: &mut Vec<String>,
) -> Result<(), String> {
    let t0 = Instant::now();
    let port = sitecheck::serve(site.to_path_buf());
    let base = format!("http://127.0.0.1:{port}/");
    let s = Session::start(found, base, &site.join("__browser-profile")).await?;
    println!(
        "site check: {} driven by {} ({:.1} s to start)",
        found.browser.display(),
        found.driver.display(),
        t0.elapsed().as_secs_f64()
    );
    if let Err(e) = all_checks(root, site, &s, problems).await {
        problems.push(e);
    }
    s.close().await;
    Ok(())
}

async fn all_checks(
    root: &Path,
    site: &Path,
    s: &Session,
    problems: &mut Vec<String>,
) -> Result<(), String> {
    // Every page of the sidebar, and print.html.
    let t = Instant::now();
    let mut names = s.sidebar_pages().await?;
    let mut on_disk: Vec<String> = std::fs::read_dir(site)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("ep") && n.ends_with(".html"))
        .collect();
    on_disk.sort();
    for ep in &on_disk {
        if !names.contains(ep) {
            problems.push(format!("the sidebar does not list {ep}"));
        }
    }
    names.push("print.html".into());
    let mut pages = Vec::new();
    for name in &names {
        let page = browser::check_page(s, name).await;
        problems.extend(page.problems.iter().cloned());
        pages.push(page);
    }
    let sum = |f: fn(&Page) -> u64| pages.iter().map(f).sum::<u64>();
    println!(
        "site check: {} pages opened in {:.1} s: {} requests, all local; {} solutions and hints clicked open; {} instructor notes toggled; no console error unless listed below",
        pages.len(),
        t.elapsed().as_secs_f64(),
        sum(|p| p.requests),
        sum(|p| p.folds),
        sum(|p| p.notes),
    );

    // Quizzes: on the course's pages, or on a fixture until it has some.
    let t = Instant::now();
    let quiz_pages: Vec<&str> = pages
        .iter()
        .filter(|p| p.quizzes > 0)
        .map(|p| p.page.as_str())
        .collect();
    let mut fixture: Option<(String, Page)> = None;
    if quiz_pages.is_empty() {
        let fx_site = quiz_fixture(root, &root.join("target").join("site-check-quiz"))?;
        let port = sitecheck::serve(fx_site);
        let url = format!("http://127.0.0.1:{port}/quiz.html");
        let page = browser::check_page_at(s, &url, "quiz fixture").await;
        problems.extend(page.problems.iter().cloned());
        if page.quizzes == 0 {
            problems.push("the quiz fixture shows no quiz".into());
        }
        fixture = Some((url, page));
        println!(
            "site check: no page has a quiz yet; a fixture quiz answered a wrong and a right click ({:.1} s)",
            t.elapsed().as_secs_f64()
        );
    } else {
        println!(
            "site check: quizzes answered clicks on {}",
            quiz_pages.join(", ")
        );
    }

    // Search.
    let t = Instant::now();
    let (found, counts) = browser::check_search(s, &["Mutex", "rayon"]).await;
    problems.extend(found);
    println!(
        "site check: search results {:?} ({:.1} s)",
        counts,
        t.elapsed().as_secs_f64()
    );

    // print.html.
    let t = Instant::now();
    let episodes: Vec<Page> = pages
        .iter()
        .filter(|p| p.page.starts_with("ep"))
        .cloned()
        .collect();
    problems.extend(browser::check_print(s, &episodes).await);
    println!(
        "site check: print.html holds the {} episodes with their math and code ({:.1} s)",
        episodes.len(),
        t.elapsed().as_secs_f64()
    );

    // Contrast in five themes, on pages that hold every kind of box.
    let t = Instant::now();
    let reps = representatives(&pages);
    let mut targets: Vec<String> = reps.iter().map(|p| p.page.clone()).collect();
    if let Some((url, _)) = &fixture {
        targets.push(url.clone());
    }
    let mut measured = 0;
    let mut kinds: Vec<String> = Vec::new();
    for theme in browser::THEMES {
        for target in &targets {
            let (found, per_kind) = browser::check_contrast(s, target, theme).await;
            problems.extend(found);
            for (k, n) in per_kind {
                measured += n;
                for k in k.split_whitespace() {
                    if !kinds.iter().any(|x| x == k) {
                        kinds.push(k.to_string());
                    }
                }
            }
        }
    }
    kinds.sort();
    println!(
        "site check: contrast of {measured} pieces of text in boxes of kinds {} on {} in {} themes ({:.1} s)",
        kinds.join(", "),
        targets.join(", "),
        browser::THEMES.len(),
        t.elapsed().as_secs_f64()
    );

    // 400 px wide.
    let t = Instant::now();
    s.set_width(browser::NARROW).await?;
    for name in &names {
        problems.extend(browser::check_narrow(s, name).await);
    }
    s.set_width(1280).await?;
    println!(
        "site check: {} pages at {} px wide ({:.1} s)",
        names.len(),
        browser::NARROW,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    let started = Instant::now();
    let root = sitecheck::root();
    let site = root.join("target").join("site-check");
    if let Err(e) = sitecheck::build(&root, &site) {
        eprintln!("site check: {e}");
        return ExitCode::FAILURE;
    }
    let mut problems = Vec::new();
    static_checks(&site, &mut problems);
    let mut browser_ran = false;
    match browser::find() {
        Ok(found) => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            let outcome = rt.block_on(async {
                tokio::time::timeout(
                    Duration::from_secs(240),
                    browser_checks(&root, &site, &found, &mut problems),
                )
                .await
            });
            match outcome {
                Ok(Ok(())) => browser_ran = true,
                Ok(Err(e)) if sitecheck::on_ci() => problems.push(e),
                Ok(Err(e)) => println!("site check: browser check skipped: {e}"),
                Err(_) => problems.push("the browser check took over 240 s".into()),
            }
            rt.shutdown_timeout(Duration::from_secs(5));
        }
        Err(e) if sitecheck::on_ci() => {
            problems.push(format!("CI=true but {e} (.ci/run finds or installs one)"))
        }
        Err(e) => println!("site check: {e}; skipping the browser check (CI runs it)"),
    }
    if problems.is_empty() {
        println!(
            "site check: ok ({} built; static checks{}; {:.1} s)",
            site.display(),
            if browser_ran {
                " and browser checks"
            } else {
                " only"
            },
            started.elapsed().as_secs_f64()
        );
        ExitCode::SUCCESS
    } else {
        for p in &problems {
            eprintln!("site check: {p}");
        }
        eprintln!("site check: {} problems", problems.len());
        ExitCode::FAILURE
    }
}
