//! The site check: builds the book with `xtask build` into a folder of its
//! own and checks what a reader gets.
//!
//! - No page, stylesheet or script loads anything from another origin
//!   (links a reader may click are fine; `xmlns` names are not requests).
//! - Math is MathML, rendered at build time; no KaTeX stylesheet.
//! - Episode 1 has its lesson boxes, front matter minutes and a solution.
//! - In headless Chromium (if installed; `CI=true` makes it required):
//!   episode 1 shows its boxes and math, its first solution is collapsed and
//!   opens on click, instructor notes are hidden, and the browser asked for
//!   nothing outside the local server.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const EPISODE: &str = "ep01-cores-and-the-gil.html";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every place where HTML, CSS or JS would make the browser fetch from
/// another origin.
fn foreign_resources(site: &Path) -> Vec<String> {
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
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Links between pages of the book, and to headings in them, all resolve.
fn broken_links(site: &Path) -> Vec<String> {
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

/// Serves the built site for the browser check on a free local port, with
/// the same stack as `cargo xtask serve` (axum and tower-http's ServeDir).
fn serve(site: PathBuf) -> u16 {
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

const PROBE: &str = r#"<!doctype html><html><body><pre id="out">pending</pre>
<iframe id="f" src="EPISODE" style="width:1200px;height:2000px"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {
  var d = this.contentDocument, r = {};
  var height = function (el) { return el ? el.getBoundingClientRect().height : -1; };
  var boxes = d.querySelectorAll(".lesson-box");
  r.kinds = Array.from(new Set(Array.from(boxes).map(function (b) { return b.classList[1]; }))).sort();
  r.visibleChallenges = Array.from(d.querySelectorAll(".lesson-box.challenge")).filter(function (b) { return height(b) > 0; }).length;
  r.math = d.querySelectorAll("math").length;
  r.mathHeight = height(d.querySelector("math"));
  r.minutes = (d.querySelector(".episode-meta") || {}).textContent || "";
  var sol = d.querySelector("details.solution");
  r.summaryHeight = height(sol && sol.querySelector("summary"));
  r.solutionOpenBefore = sol ? sol.open : null;
  r.solutionHeightBefore = height(sol);
  if (sol) { sol.querySelector("summary").click(); }
  r.solutionOpenAfter = sol ? sol.open : null;
  r.solutionHeightAfter = height(sol);
  r.instructorHeight = height(d.querySelector(".lesson-box.instructor"));
  r.toggle = !!d.getElementById("instructor-toggle");
  // Everything the page loaded (styles, scripts, fonts, images, fetches),
  // once its fonts are in.
  var w = this.contentWindow;
  d.fonts.ready.then(function () {
    setTimeout(function () {
      r.resources = w.performance.getEntriesByType("resource").map(function (e) { return e.name; });
      r.origin = w.location.origin;
      document.getElementById("out").textContent = "RESULT " + JSON.stringify(r) + " END";
    }, 500);
  });
});
</script></body></html>"#;

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|_| c.to_string())
        })
}

fn browser_check(site: &Path, browser: &str, problems: &mut Vec<String>) {
    std::fs::write(site.join("__probe.html"), PROBE.replace("EPISODE", EPISODE)).unwrap();
    let port = serve(site.to_path_buf());
    let profile = site.join("__chromium-profile");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("http://127.0.0.1:{port}/__probe.html"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("cannot start chromium");
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // Always reap the browser, even when it hung.
    let _ = child.kill();
    let _ = child.wait();
    let dom = reader.join().unwrap_or_default();
    let Some(json) = dom
        .split("RESULT ")
        .nth(1)
        .and_then(|s| s.split(" END").next())
    else {
        problems.push(format!(
            "chromium did not report on {EPISODE} (got {} bytes of DOM)",
            dom.len()
        ));
        return;
    };
    let r: serde_json::Value =
        serde_json::from_str(&json.replace("&quot;", "\"")).unwrap_or_default();
    println!("site check: chromium saw {r}");
    let kinds: Vec<&str> = r["kinds"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| k.as_str())
        .collect();
    for k in [
        "questions",
        "objectives",
        "challenge",
        "solution",
        "keypoints",
        "callout",
        "instructor",
    ] {
        if !kinds.contains(&k) {
            problems.push(format!("chromium: no `{k}` box on {EPISODE}"));
        }
    }
    let num = |k: &str| r[k].as_f64().unwrap_or(-1.0);
    let flag = |k: &str| r[k].as_bool();
    if num("visibleChallenges") < 1.0 {
        problems.push("chromium: no challenge box is visible".into());
    }
    if num("math") < 1.0 || num("mathHeight") <= 0.0 {
        problems.push("chromium: no math rendered (MathML with a height)".into());
    }
    if !r["minutes"].as_str().unwrap_or("").contains("min") {
        problems.push("chromium: the episode's minutes are not shown".into());
    }
    // Collapsed: the box is no taller than its summary line (plus padding).
    if flag("solutionOpenBefore") != Some(false)
        || num("solutionHeightBefore") > num("summaryHeight") + 20.0
    {
        problems.push("chromium: the first solution is not collapsed on load".into());
    }
    if flag("solutionOpenAfter") != Some(true)
        || num("solutionHeightAfter") < num("solutionHeightBefore") + 30.0
    {
        problems.push("chromium: the first solution did not open on click".into());
    }
    if num("instructorHeight") != 0.0 {
        problems.push("chromium: instructor notes are visible without the instructor view".into());
    }
    if flag("toggle") != Some(true) {
        problems.push("chromium: no instructor-view button".into());
    }
    // Every request the page made went to our server.
    let origin = r["origin"].as_str().unwrap_or("");
    let resources: Vec<&str> = r["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u.as_str())
        .collect();
    if resources.is_empty() || origin.is_empty() {
        problems.push("chromium: could not list the page's requests".into());
    }
    for url in resources.iter().filter(|u| !u.starts_with(origin)) {
        problems.push(format!(
            "chromium: the page requested another origin: {url}"
        ));
    }
    println!(
        "site check: the page made {} requests, all to {origin}",
        resources.len()
    );
}

fn main() -> ExitCode {
    let root = root();
    let site = root.join("target").join("site-check");
    let _ = std::fs::remove_dir_all(&site);
    let status = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["build", "--dest-dir"])
        .arg(&site)
        .current_dir(&root)
        .status()
        .expect("cannot run xtask build");
    if !status.success() {
        eprintln!("site check: `cargo xtask build` failed");
        return ExitCode::FAILURE;
    }
    let mut problems = Vec::new();
    for f in foreign_resources(&site) {
        problems.push(format!("loads from another origin: {f}"));
    }
    problems.extend(broken_links(&site));
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
    match chromium() {
        Some(browser) => browser_check(&site, &browser, &mut problems),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            problems.push("CI=true but chromium is not installed (.ci/run installs it)".into());
        }
        None => println!("site check: chromium not found, skipping the browser check (CI runs it)"),
    }
    let _ = std::fs::remove_dir_all(site.join("__chromium-profile"));
    if problems.is_empty() {
        println!(
            "site check: ok ({} built, no other origins, math is MathML, the {} exercises' section addresses resolve)",
            site.display(),
            course_check::EXERCISES.len()
        );
        ExitCode::SUCCESS
    } else {
        for p in &problems {
            eprintln!("site check: {p}");
        }
        ExitCode::FAILURE
    }
}
