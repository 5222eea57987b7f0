//! Shows that the site checks catch broken pages: builds the book, copies
//! episode 1 into purpose-broken variants next to it, and runs the checker
//! functions of xtask/tests/site.rs on each. Every breakage must be
//! reported, and the unbroken page must pass the same checks.
//!
//! - an open solution (`<details open>`);
//! - a link to a heading that does not exist;
//! - a stylesheet from another origin;
//! - a lesson box with grey text (#aaa) on white;
//! - instructor notes shown without the instructor view;
//! - a script error;
//! - a paragraph wider than a 400 px screen.
//!
//! Static cases run everywhere; browser cases where Chromium and
//! chromedriver are found (required with `CI=true`).

mod sitecheck;

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use sitecheck::browser::{self, Session};

const EPISODE: &str = "ep01-cores-and-the-gil.html";

/// A broken copy of the episode: its file name, what is wrong, and the
/// edit (the text to find, what to put in its place).
struct Breakage {
    file: &'static str,
    what: &'static str,
    find: &'static str,
    replace: &'static str,
    /// What the static checks must report about it (a phrase of the
    /// problem), if they can see it.
    by_static: Option<&'static str>,
    /// What the browser checks must report about it, if they can see it.
    by_browser: Option<&'static str>,
}

const BREAKAGES: &[Breakage] = &[
    Breakage {
        file: "broken-open-solution.html",
        what: "an open solution",
        find: "<details class=\"lesson-box solution\">",
        replace: "<details class=\"lesson-box solution\" open>",
        by_static: None,
        by_browser: Some("not collapsed on load"),
    },
    Breakage {
        file: "broken-anchor.html",
        what: "a link to a missing heading",
        find: "<main>",
        replace: "<main><p><a href=\"ep02-threads.html#no-such-heading\">gone</a></p>",
        by_static: Some("missing heading"),
        by_browser: None,
    },
    Breakage {
        file: "broken-external-css.html",
        what: "a stylesheet from another origin",
        find: "</head>",
        replace: "<link rel=\"stylesheet\" href=\"https://example.com/x.css\"></head>",
        by_static: Some("loads from another origin"),
        by_browser: Some("example.com"),
    },
    Breakage {
        file: "broken-contrast.html",
        what: "grey text on white in a box",
        find: "</head>",
        replace: "<style>.lesson-box.questions, .lesson-box.questions * { color: #aaa !important; background: #fff !important; }</style></head>",
        by_static: None,
        by_browser: Some("contrast"),
    },
    Breakage {
        file: "broken-instructor.html",
        what: "instructor notes shown by default",
        find: "</head>",
        replace: "<style>.lesson-box.instructor { display: block !important; }</style></head>",
        by_static: None,
        by_browser: Some("instructor notes are visible"),
    },
    Breakage {
        file: "broken-script.html",
        what: "a script error",
        find: "</body>",
        replace: "<script>null.boom();</script></body>",
        by_static: None,
        by_browser: Some("console error"),
    },
    Breakage {
        file: "broken-wide.html",
        what: "a paragraph wider than the screen",
        find: "<main>",
        replace: "<main><p style=\"width: 700px\">This paragraph is set wider than a phone.</p>",
        by_static: None,
        by_browser: Some("400 px wide"),
    },
];

/// The problems about `b`'s page that contain `phrase`.
fn reported<'a>(problems: &'a [String], b: &Breakage, phrase: &str) -> Vec<&'a String> {
    problems
        .iter()
        .filter(|p| p.contains(b.file) && p.contains(phrase))
        .collect()
}

async fn browser_cases(site: &Path, found: &browser::Found) -> Result<Vec<String>, String> {
    let port = sitecheck::serve(site.to_path_buf());
    let s = Session::start(
        found,
        format!("http://127.0.0.1:{port}/"),
        &site.join("__browser-profile"),
    )
    .await?;
    let mut problems = Vec::new();
    // The unbroken page passes the checks that the broken ones fail.
    let page = browser::check_page(&s, EPISODE).await;
    let (contrast, _) = browser::check_contrast(&s, EPISODE, "light").await;
    let mut control = page.problems;
    control.extend(contrast);
    for file in BREAKAGES.iter().map(|b| b.file) {
        let page = browser::check_page(&s, file).await;
        problems.extend(page.problems);
        problems.extend(browser::check_contrast(&s, file, "light").await.0);
    }
    s.set_width(browser::NARROW).await?;
    control.extend(browser::check_narrow(&s, EPISODE).await);
    for file in BREAKAGES.iter().map(|b| b.file) {
        problems.extend(browser::check_narrow(&s, file).await);
    }
    s.close().await;
    if !control.is_empty() {
        return Err(format!("the unbroken {EPISODE} fails too: {control:#?}"));
    }
    Ok(problems)
}

fn main() -> ExitCode {
    let started = Instant::now();
    let mut failures = sitecheck::contrast::self_check();
    let root = sitecheck::root();
    let site = root.join("target").join("site-broken");
    if let Err(e) = sitecheck::build(&root, &site) {
        eprintln!("site_broken: {e}");
        return ExitCode::FAILURE;
    }
    let original = std::fs::read_to_string(site.join(EPISODE)).unwrap_or_default();
    for b in BREAKAGES {
        assert!(
            original.contains(b.find),
            "{EPISODE} has no `{}` to break",
            b.find
        );
        std::fs::write(site.join(b.file), original.replacen(b.find, b.replace, 1)).unwrap();
    }
    // Static checks.
    let mut static_problems: Vec<String> = sitecheck::broken_links(&site);
    static_problems.extend(
        sitecheck::foreign_resources(&site)
            .into_iter()
            .map(|f| format!("loads from another origin: {f}")),
    );
    // Browser checks.
    let mut browser_problems: Option<Vec<String>> = None;
    match browser::find() {
        Ok(found) => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            let outcome = rt.block_on(async {
                tokio::time::timeout(Duration::from_secs(120), browser_cases(&site, &found)).await
            });
            rt.shutdown_timeout(Duration::from_secs(5));
            match outcome {
                Ok(Ok(found)) => browser_problems = Some(found),
                Ok(Err(e)) if sitecheck::on_ci() || !e.starts_with("cannot start") => {
                    failures.push(e)
                }
                Ok(Err(e)) => println!("site_broken: browser cases skipped: {e}"),
                Err(_) => failures.push("the browser cases took over 120 s".into()),
            }
        }
        Err(e) if sitecheck::on_ci() => failures.push(format!("CI=true but {e}")),
        Err(e) => println!("site_broken: {e}; browser cases skipped"),
    }
    for b in BREAKAGES {
        let checks = [
            ("static", b.by_static, Some(&static_problems)),
            ("browser", b.by_browser, browser_problems.as_ref()),
        ];
        for (how, phrase, problems) in checks {
            let Some(phrase) = phrase else { continue };
            let Some(problems) = problems else {
                println!("site_broken: {} ({how}): not checked, no browser", b.what);
                continue;
            };
            match reported(problems, b, phrase).first() {
                Some(p) => println!("site_broken: {} ({how}) -> {p}", b.what),
                None => failures.push(format!(
                    "{} ({}) was not reported by the {how} checks",
                    b.what, b.file
                )),
            }
        }
    }
    let _ = std::fs::remove_dir_all(&site);
    if failures.is_empty() {
        println!(
            "site_broken: ok, every breakage reported ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            eprintln!("site_broken: {f}");
        }
        ExitCode::FAILURE
    }
}
