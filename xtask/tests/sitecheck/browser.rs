//! The site in a real browser: Chromium driven through chromedriver
//! (WebDriver) with fantoccini.
//!
//! Each `check_*` function visits pages and returns the problems it saw, as
//! sentences; an empty list means the check passed.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use super::contrast;

/// The five themes mdBook ships.
pub const THEMES: [&str; 5] = ["light", "rust", "coal", "navy", "ayu"];
/// WCAG AA for body text.
pub const MIN_CONTRAST: f64 = 4.5;
/// Page width for the narrow-screen check.
pub const NARROW: u32 = 400;

/// A browser and the chromedriver that drives it.
#[derive(Clone, Debug)]
pub struct Found {
    pub browser: PathBuf,
    pub driver: PathBuf,
}

fn runs(program: &Path, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The browser and driver to use: `COURSE_BROWSER` and `COURSE_CHROMEDRIVER`
/// when set (.ci/run sets them), else the first of the usual names that
/// runs. `Err` says what is missing.
pub fn find() -> Result<Found, String> {
    let from_env = |var: &str| {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let browser = match from_env("COURSE_BROWSER") {
        Some(b) if runs(&b, &["--version"]) => b,
        Some(b) => return Err(format!("COURSE_BROWSER={} does not run", b.display())),
        None => [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .iter()
        .map(PathBuf::from)
        .find(|b| runs(b, &["--version"]))
        .ok_or("no Chromium or Chrome found (set COURSE_BROWSER, or install Debian's chromium)")?,
    };
    let driver = match from_env("COURSE_CHROMEDRIVER") {
        Some(d) if runs(&d, &["--version"]) => d,
        Some(d) => return Err(format!("COURSE_CHROMEDRIVER={} does not run", d.display())),
        None => {
            let mut candidates = vec![PathBuf::from("chromedriver")];
            if let Some(dir) = from_env("CHROMEWEBDRIVER") {
                candidates.push(dir.join("chromedriver"));
            }
            candidates.push("/usr/bin/chromedriver".into());
            candidates.push("/usr/lib/chromium/chromedriver".into());
            candidates
                .into_iter()
                .find(|d| runs(d, &["--version"]))
                .ok_or("no chromedriver found (set COURSE_CHROMEDRIVER, or install Debian's chromium-driver)")?
        }
    };
    Ok(Found {
        browser: on_path(browser),
        driver: on_path(driver),
    })
}

/// `program` as a full path (chromedriver wants one for the browser).
fn on_path(program: PathBuf) -> PathBuf {
    if program.components().count() > 1 {
        return program;
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(&program))
        .find(|p| p.is_file())
        .unwrap_or(program)
}

/// chromedriver, in a process group of its own so that the browsers it
/// started go with it. Killed and reaped on drop.
struct Driver(Option<Child>);

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            // SAFETY: signals the process group this test created (its id is
            // chromedriver's pid), nothing else.
            unsafe {
                libc::killpg(child.id() as libc::pid_t, libc::SIGKILL);
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `POST /session/{id}/se/log`: the browser's console and network errors
/// since the last call (chromedriver's logging extension).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or("")))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

/// One browser session on the site served at `base`.
pub struct Session {
    pub client: Client,
    pub base: String,
    _driver: Driver,
    profile: PathBuf,
}

/// A problem from the browser itself (a WebDriver command that failed).
fn wd<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> String + '_ {
    move |e| format!("browser: {what}: {e}")
}

impl Session {
    /// Starts chromedriver and a headless browser with a fresh profile in
    /// `profile`. Every host but 127.0.0.1 resolves to nothing, so a page
    /// that asks for another origin fails to load it (and says so in the
    /// console) without any traffic leaving the machine.
    pub async fn start(found: &Found, base: String, profile: &Path) -> Result<Session, String> {
        let _ = std::fs::remove_dir_all(profile);
        std::fs::create_dir_all(profile).map_err(|e| e.to_string())?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let child = {
            use std::os::unix::process::CommandExt;
            Command::new(&found.driver)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .map_err(|e| format!("cannot start {}: {e}", found.driver.display()))?
        };
        let driver = Driver(Some(child));
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if start.elapsed() > Duration::from_secs(20) {
                return Err(format!(
                    "{} did not listen within 20 s",
                    found.driver.display()
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let caps = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": { "script": 15000, "pageLoad": 30000, "implicit": 0 },
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": found.browser,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--hide-scrollbars",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        });
        let caps = caps.as_object().unwrap().clone().into_iter().collect();
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| format!("cannot start a browser session through chromedriver: {e}"))?;
        Ok(Session {
            client,
            base,
            _driver: driver,
            profile: profile.to_path_buf(),
        })
    }

    /// Ends the session (the browser quits), then chromedriver.
    pub async fn close(self) {
        let Session {
            client,
            _driver,
            profile,
            ..
        } = self;
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        drop(_driver);
        let _ = std::fs::remove_dir_all(profile);
    }

    /// The address of `page` on the site; full addresses pass unchanged.
    pub fn url(&self, page: &str) -> String {
        if page.contains("://") {
            page.to_string()
        } else {
            format!("{}{page}", self.base)
        }
    }

    async fn run(&self, script: &str) -> Result<Value, String> {
        self.client
            .execute(script, vec![])
            .await
            .map_err(wd("script"))
    }

    async fn run_async(&self, script: &str) -> Result<Value, String> {
        self.client
            .execute_async(script, vec![])
            .await
            .map_err(wd("script"))
    }

    /// Console errors (and failed loads) since the last call.
    pub async fn console_errors(&self) -> Result<Vec<String>, String> {
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .map_err(wd("browser log"))?;
        Ok(log
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or("").to_string())
            .collect())
    }

    /// The pages the sidebar lists, as file names, in its order.
    pub async fn sidebar_pages(&self) -> Result<Vec<String>, String> {
        self.client
            .goto(&self.url("index.html"))
            .await
            .map_err(wd("open index.html"))?;
        let v = self
            .run(
                "return [...document.querySelectorAll('#mdbook-sidebar a[href]')]
                   .map(a => a.getAttribute('href'))
                   .filter(h => !h.includes('://') && !h.startsWith('#'))
                   .map(h => h.split('#')[0]);",
            )
            .await?;
        let mut pages: Vec<String> = Vec::new();
        for p in v
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str())
        {
            if !pages.iter().any(|q| q == p) {
                pages.push(p.to_string());
            }
        }
        Ok(pages)
    }

    /// Puts the browser window at `width` CSS pixels wide.
    pub async fn set_width(&self, width: u32) -> Result<(), String> {
        self.client
            .set_window_size(width, 900)
            .await
            .map_err(wd("resize"))?;
        // The window's outer size includes no chrome in headless mode; check.
        let inner = self.run("return window.innerWidth;").await?;
        if inner.as_u64() != Some(width as u64) {
            let outer = width as i64 + (width as i64 - inner.as_i64().unwrap_or(width as i64));
            self.client
                .set_window_size(outer as u32, 900)
                .await
                .map_err(wd("resize"))?;
        }
        Ok(())
    }
}

/// What the visit of one page found.
#[derive(Debug, Default, Clone)]
pub struct Page {
    pub page: String,
    pub title: String,
    /// The kinds of lesson box on the page (`challenge`, `solution`, ...).
    pub kinds: Vec<String>,
    pub math: u64,
    pub code: u64,
    pub quizzes: u64,
    /// Solutions and hints clicked open.
    pub folds: u64,
    /// Instructor notes shown and hidden again.
    pub notes: u64,
    pub requests: u64,
    pub problems: Vec<String>,
}

/// Looks at the page as loaded, then clicks every solution and hint open
/// (with the instructor view on, so that those in instructor notes count
/// too) and folds them again. Reports after the page's fonts are in.
const PROBE: &str = r#"
const done = arguments[arguments.length - 1];
const h = el => el ? el.getBoundingClientRect().height : -1;
const main = document.querySelector('main') || document.body;
const root = document.documentElement;
const r = { origin: location.origin };
r.title = ((main.querySelector('h1') || {}).textContent || '').trim();
const kinds = new Set();
main.querySelectorAll('.lesson-box').forEach(b =>
  b.classList.forEach(c => { if (c !== 'lesson-box') kinds.add(c); }));
r.kinds = [...kinds].sort();
r.math = main.querySelectorAll('math').length;
r.code = main.querySelectorAll('pre code').length;
r.toggle = !!document.getElementById('instructor-toggle');
r.instructorView = root.classList.contains('instructor-view');
r.instructorHeights = [...main.querySelectorAll('.lesson-box.instructor')].map(h);
r.quizzes = main.querySelectorAll('.lesson-box.quiz').length;
r.quizOpen = [...main.querySelectorAll('details.quiz-explanation')].filter(d => d.open).length;
r.quizChosen = main.querySelectorAll('.quiz-answer.chosen').length;
const ds = [...main.querySelectorAll('details.lesson-box')];
r.details = ds.map(d => {
  const s = d.querySelector(':scope > summary');
  return {
    kind: d.classList.contains('solution') ? 'solution' : d.classList.contains('hint') ? 'hint' : d.className,
    label: s ? s.textContent.trim().replace(/\s+/g, ' ').slice(0, 60) : '(no summary)',
    open: d.open, height: h(d), summary: h(s), hasSummary: !!s,
  };
});
const wasOn = root.classList.contains('instructor-view');
root.classList.add('instructor-view');
ds.forEach((d, i) => {
  const s = d.querySelector(':scope > summary');
  const e = r.details[i];
  e.before = h(d);
  if (!s || e.before <= 0) { e.clicked = false; return; }
  s.click();
  e.clicked = true; e.openAfter = d.open; e.after = h(d);
});
ds.slice().reverse().forEach(d => { d.open = false; });
root.classList.toggle('instructor-view', wasOn);
document.fonts.ready.then(() => {
  r.resources = performance.getEntriesByType('resource').map(e => e.name);
  done(r);
});
"#;

/// Opens `page` and checks it: no console error, no request to another
/// origin, solutions and hints collapsed and opening on click, instructor
/// notes hidden until the instructor view is on, quizzes answering.
pub async fn check_page(s: &Session, page: &str) -> Page {
    check_page_at(s, &s.url(page), page).await
}

/// `check_page` for any address; `page` names it in the problems.
pub async fn check_page_at(s: &Session, url: &str, page: &str) -> Page {
    let mut out = Page {
        page: page.to_string(),
        ..Page::default()
    };
    if let Err(e) = visit(s, url, &mut out).await {
        out.problems.push(e);
    }
    match s.console_errors().await {
        Ok(errors) => out
            .problems
            .extend(errors.into_iter().map(|e| format!("console error: {e}"))),
        Err(e) => out.problems.push(e),
    }
    for p in &mut out.problems {
        *p = format!("{page}: {p}");
    }
    out
}

async fn visit(s: &Session, url: &str, out: &mut Page) -> Result<(), String> {
    s.client.goto(url).await.map_err(wd("open the page"))?;
    let r = s.run_async(PROBE).await?;
    let p = &mut out.problems;
    out.title = r["title"].as_str().unwrap_or("").to_string();
    out.kinds = r["kinds"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| k.as_str().map(String::from))
        .collect();
    out.math = r["math"].as_u64().unwrap_or(0);
    out.code = r["code"].as_u64().unwrap_or(0);
    out.quizzes = r["quizzes"].as_u64().unwrap_or(0);

    // Requests: all to the page's own origin.
    let origin = r["origin"].as_str().unwrap_or("");
    let resources: Vec<&str> = r["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u.as_str())
        .collect();
    out.requests = resources.len() as u64;
    if resources.is_empty() {
        p.push("the page made no request at all (the probe could not list them)".into());
    }
    for url in resources
        .iter()
        .filter(|u| !u.starts_with(&format!("{origin}/")))
    {
        p.push(format!("requested another origin: {url}"));
    }

    // Solutions and hints.
    for d in r["details"].as_array().into_iter().flatten() {
        out.folds += (d["clicked"] == true) as u64;
        let label = format!(
            "{} `{}`",
            d["kind"].as_str().unwrap_or("?"),
            d["label"].as_str().unwrap_or("")
        );
        let num = |k: &str| d[k].as_f64().unwrap_or(-1.0);
        if d["open"] != false || num("height") > num("summary") + 20.0 {
            p.push(format!("{label} is not collapsed on load"));
        }
        if d["hasSummary"] != true {
            p.push(format!("{label} has no summary to click"));
        } else if d["clicked"] != true {
            p.push(format!("{label} is not shown, so it cannot be clicked"));
        } else if d["openAfter"] != true || num("after") < num("before") + 10.0 {
            p.push(format!(
                "{label} did not open on click (open: {}, height {} -> {})",
                d["openAfter"],
                num("before"),
                num("after")
            ));
        }
    }

    // Instructor notes.
    if r["instructorView"] != false {
        p.push("the instructor view is on when the page loads".into());
    }
    let heights = |v: &Value| -> Vec<f64> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|h| h.as_f64().unwrap_or(-1.0))
            .collect()
    };
    let notes = heights(&r["instructorHeights"]);
    out.notes = notes.len() as u64;
    if notes.iter().any(|h| *h != 0.0) {
        p.push("instructor notes are visible without the instructor view".into());
    }
    if r["toggle"] != true {
        p.push("no instructor-view button (#instructor-toggle)".into());
    } else {
        let state = "return {
            on: document.documentElement.classList.contains('instructor-view'),
            pressed: document.getElementById('instructor-toggle').getAttribute('aria-pressed'),
            heights: [...document.querySelectorAll('main .lesson-box.instructor')]
              .map(b => b.getBoundingClientRect().height) };";
        let button = s
            .client
            .find(Locator::Id("instructor-toggle"))
            .await
            .map_err(wd("find #instructor-toggle"))?;
        button
            .click()
            .await
            .map_err(wd("click #instructor-toggle"))?;
        let on = s.run(state).await?;
        if on["on"] != true || on["pressed"] != "true" {
            p.push("clicking #instructor-toggle did not switch the instructor view on".into());
        }
        if heights(&on["heights"]).iter().any(|h| *h <= 0.0) {
            p.push("instructor notes stay hidden with the instructor view on".into());
        }
        button
            .click()
            .await
            .map_err(wd("click #instructor-toggle"))?;
        let off = s.run(state).await?;
        if off["on"] != false || off["pressed"] != "false" {
            p.push(
                "clicking #instructor-toggle again did not switch the instructor view off".into(),
            );
        }
        if heights(&off["heights"]).iter().any(|h| *h != 0.0) {
            p.push(
                "instructor notes stay visible after the instructor view is switched off".into(),
            );
        }
    }

    // Quizzes: folded on load; the first quiz answers a wrong and a right
    // click.
    if r["quizOpen"].as_u64() != Some(0) || r["quizChosen"].as_u64() != Some(0) {
        p.push("a quiz answer is open or chosen on load".into());
    }
    if out.quizzes > 0 {
        p.extend(check_quiz(s).await?);
    }
    Ok(())
}

/// Clicks a wrong answer, then a right one, of the page's first quiz: each
/// must open to its explanation and be marked chosen.
async fn check_quiz(s: &Session) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    for verdict in ["wrong", "right"] {
        let css = format!(
            "main .lesson-box.quiz li.quiz-answer.{verdict} > details.quiz-explanation > summary"
        );
        let Ok(summary) = s.client.find(Locator::Css(&css)).await else {
            problems.push(format!("the first quiz has no {verdict} answer to click"));
            continue;
        };
        summary.click().await.map_err(wd("click a quiz answer"))?;
        // The page marks the answer on the `toggle` event, which comes a
        // moment after the click: wait for it (at most 5 s).
        let state = format!(
            "const li = document.querySelector('main .lesson-box.quiz li.quiz-answer.{verdict}');
             const d = li.querySelector(':scope > details');
             return {{ open: d.open, chosen: li.classList.contains('chosen'),
                      height: d.getBoundingClientRect().height,
                      summary: d.querySelector('summary').getBoundingClientRect().height }};"
        );
        let start = Instant::now();
        let mut last = Value::Null;
        while start.elapsed() < Duration::from_secs(5) {
            last = s.run(&state).await?;
            if last["open"] == true && last["chosen"] == true {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        if last["open"] != true || last["height"].as_f64() <= last["summary"].as_f64() {
            problems.push(format!(
                "clicking a {verdict} quiz answer did not open its explanation"
            ));
        }
        if last["chosen"] != true {
            problems.push(format!(
                "clicking a {verdict} quiz answer did not mark it chosen"
            ));
        }
    }
    Ok(problems)
}

/// Presses `s`, types each term into the search bar and reads the results.
/// Returns the problems and, for each term, how many results it found.
pub async fn check_search(s: &Session, terms: &[&str]) -> (Vec<String>, Vec<(String, u64)>) {
    let mut problems = Vec::new();
    let mut counts = Vec::new();
    if let Err(e) = search(s, terms, &mut problems, &mut counts).await {
        problems.push(format!("search: {e}"));
    }
    if let Ok(errors) = s.console_errors().await {
        problems.extend(
            errors
                .into_iter()
                .map(|e| format!("search: console error: {e}")),
        );
    }
    (problems, counts)
}

async fn search(
    s: &Session,
    terms: &[&str],
    problems: &mut Vec<String>,
    counts: &mut Vec<(String, u64)>,
) -> Result<(), String> {
    s.client
        .goto(&s.url("index.html"))
        .await
        .map_err(wd("open index.html"))?;
    let body = s
        .client
        .find(Locator::Css("body"))
        .await
        .map_err(wd("find body"))?;
    body.send_keys("s").await.map_err(wd("press s"))?;
    let bar_css = "#mdbook-searchbar, #searchbar";
    let shown = "const b = document.querySelector('#mdbook-searchbar, #searchbar');
                 return !!b && b.getClientRects().length > 0 && document.activeElement === b;";
    if !wait_until(s, shown, Duration::from_secs(5)).await? {
        problems.push("pressing `s` did not open and focus the search bar".into());
        // Try the button, so that the rest still gets checked.
        s.client
            .find(Locator::Css("#mdbook-search-toggle, #search-toggle"))
            .await
            .map_err(wd("find the search button"))?
            .click()
            .await
            .map_err(wd("click the search button"))?;
    }
    let bar = s
        .client
        .find(Locator::Css(bar_css))
        .await
        .map_err(wd("find the search bar"))?;
    for term in terms {
        bar.clear().await.map_err(wd("clear the search bar"))?;
        bar.send_keys(term)
            .await
            .map_err(wd("type in the search bar"))?;
        let results = format!(
            "const items = [...document.querySelectorAll('#mdbook-searchresults > li, #searchresults > li')];
             const header = (document.querySelector('#mdbook-searchresults-header, #searchresults-header') || {{}}).textContent || '';
             if (!header.includes({term:?})) return null;
             return {{ header, items: items.map(li => li.textContent.replace(/\\s+/g, ' ').trim()) }};",
            term = term
        );
        let start = Instant::now();
        let mut found = Value::Null;
        while start.elapsed() < Duration::from_secs(10) {
            found = s.run(&results).await?;
            if found["items"].as_array().is_some_and(|a| !a.is_empty()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let items: Vec<&str> = found["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i.as_str())
            .collect();
        counts.push((term.to_string(), items.len() as u64));
        if items.is_empty() {
            problems.push(format!(
                "searching for `{term}` found nothing (header: {})",
                found["header"]
            ));
        } else if !items
            .iter()
            .any(|i| i.to_lowercase().contains(&term.to_lowercase()))
        {
            problems.push(format!("no result for `{term}` shows the word: {items:?}"));
        }
    }
    Ok(())
}

async fn wait_until(s: &Session, script: &str, limit: Duration) -> Result<bool, String> {
    let start = Instant::now();
    loop {
        if s.run(script).await? == true {
            return Ok(true);
        }
        if start.elapsed() > limit {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// print.html holds each episode under its title, with as much math and
/// code as the episode's own page. Call after `check_page` has visited
/// the episodes (their `Page`s give the titles and counts).
pub async fn check_print(s: &Session, episodes: &[Page]) -> Vec<String> {
    let segments = async {
        s.client
            .goto(&s.url("print.html"))
            .await
            .map_err(wd("open print.html"))?;
        s.run(
            "const main = document.querySelector('main');
             const all = [...main.querySelectorAll('h1, math, pre code')];
             const out = []; let cur = null;
             for (const e of all) {
               if (e.tagName.toLowerCase() === 'h1') {
                 cur = { title: e.textContent.trim(), math: 0, code: 0 }; out.push(cur);
               } else if (cur) {
                 if (e.tagName.toLowerCase() === 'math') cur.math++; else cur.code++;
               }
             }
             return out;",
        )
        .await
    }
    .await;
    let segments = match segments {
        Ok(v) => v,
        Err(e) => return vec![format!("print.html: {e}")],
    };
    let segments: Vec<(String, u64, u64)> = segments
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| {
            (
                g["title"].as_str().unwrap_or("").to_string(),
                g["math"].as_u64().unwrap_or(0),
                g["code"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut problems = Vec::new();
    for ep in episodes {
        // An episode's part of print.html runs from its title to the next
        // episode's.
        let Some(start) = segments.iter().position(|g| g.0 == ep.title) else {
            problems.push(format!(
                "print.html lacks the episode `{}` ({})",
                ep.title, ep.page
            ));
            continue;
        };
        let end = segments[start + 1..]
            .iter()
            .position(|g| episodes.iter().any(|e| e.title == g.0))
            .map_or(segments.len(), |i| start + 1 + i);
        let math: u64 = segments[start..end].iter().map(|g| g.1).sum();
        let code: u64 = segments[start..end].iter().map(|g| g.2).sum();
        if math < ep.math {
            problems.push(format!(
                "print.html: `{}` has {math} math elements, its page {}",
                ep.title, ep.math
            ));
        }
        if code < ep.code {
            problems.push(format!(
                "print.html: `{}` has {code} code blocks, its page {}",
                ep.title, ep.code
            ));
        }
    }
    problems
}

/// Every piece of text in the page's lesson boxes (solutions, hints, quiz
/// explanations opened; instructor notes shown) with its colour and the
/// background colours behind it, innermost first. Code blocks (`pre`) are
/// left to the highlighting theme.
const TEXT_SAMPLES: &str = r#"
const main = document.querySelector('main');
main.querySelectorAll('details').forEach(d => { d.open = true; });
document.documentElement.classList.add('instructor-view');
const out = [];
const seen = new Set();
for (const box of main.querySelectorAll('.lesson-box')) {
  const kind = [...box.classList].filter(c => c !== 'lesson-box').join(' ');
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const el = t.parentElement;
    if (!t.textContent.trim() || seen.has(el) || el.closest('pre')) continue;
    if (el.closest('.lesson-box') !== box) continue;
    seen.add(el);
    const cs = getComputedStyle(el);
    if (el.getClientRects().length === 0 || cs.visibility !== 'visible') continue;
    const bgs = [];
    for (let a = el; a; a = a.parentElement) bgs.push(getComputedStyle(a).backgroundColor);
    out.push({ kind, tag: el.tagName.toLowerCase(), text: t.textContent.trim().slice(0, 40),
               fg: cs.color, bgs, size: parseFloat(cs.fontSize), weight: parseInt(cs.fontWeight) });
  }
}
return { theme: document.documentElement.className, samples: out };
"#;

/// The contrast of all text in the lesson boxes of `page` in `theme`.
/// Returns the problems and how many pieces of text it measured, by box
/// kind.
pub async fn check_contrast(
    s: &Session,
    page: &str,
    theme: &str,
) -> (Vec<String>, Vec<(String, usize)>) {
    let mut problems = Vec::new();
    let mut per_kind: Vec<(String, usize)> = Vec::new();
    let result = async {
        s.client
            .goto(&s.url(page))
            .await
            .map_err(wd("open the page"))?;
        s.run(&format!("localStorage.setItem('mdbook-theme', {theme:?});"))
            .await?;
        s.client
            .goto(&s.url(page))
            .await
            .map_err(wd("reload the page"))?;
        let r = s.run(TEXT_SAMPLES).await?;
        s.run("localStorage.removeItem('mdbook-theme');").await?;
        Ok::<Value, String>(r)
    }
    .await;
    let r = match result {
        Ok(r) => r,
        Err(e) => return (vec![format!("{page} ({theme}): {e}")], per_kind),
    };
    let classes = r["theme"].as_str().unwrap_or("");
    if !classes.split_whitespace().any(|c| c == theme) {
        problems.push(format!(
            "{page}: the `{theme}` theme did not apply (html class `{classes}`)"
        ));
    }
    for sample in r["samples"].as_array().into_iter().flatten() {
        let kind = sample["kind"].as_str().unwrap_or("?").to_string();
        match per_kind.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => per_kind.push((kind.clone(), 1)),
        }
        let fg = sample["fg"].as_str().unwrap_or("");
        let bgs: Vec<String> = sample["bgs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| b.as_str().map(String::from))
            .collect();
        match contrast::text_contrast(fg, &bgs) {
            Ok(ratio) if ratio >= MIN_CONTRAST => {}
            Ok(ratio) => {
                let bg = bgs
                    .iter()
                    .find(|b| contrast::parse(b).is_some_and(|c| c.a > 0.0))
                    .cloned()
                    .unwrap_or_default();
                problems.push(format!(
                    "{page} ({theme}): text in a `{kind}` box has contrast {ratio:.2}:1 (< {MIN_CONTRAST}): <{}> \"{}\" colour {fg} on {bg}",
                    sample["tag"].as_str().unwrap_or(""),
                    sample["text"].as_str().unwrap_or(""),
                ))
            }
            Err(e) => problems.push(format!("{page} ({theme}): {e}")),
        }
    }
    if let Ok(errors) = s.console_errors().await {
        problems.extend(
            errors
                .into_iter()
                .map(|e| format!("{page} ({theme}): console error: {e}")),
        );
    }
    (problems, per_kind)
}

/// At `NARROW` pixels wide, the page does not scroll sideways: nothing in
/// the chapter is wider than the window but code blocks, tables and what
/// scrolls in a box of its own that fits (display math, for one). Call after `set_width(NARROW)`.
pub async fn check_narrow(s: &Session, page: &str) -> Vec<String> {
    let result = async {
        s.client.goto(&s.url(page)).await.map_err(wd("open the page"))?;
        s.run(
            "const root = document.documentElement;
             const width = root.clientWidth;
             const wide = [];
             const main = document.querySelector('main');
             // Inside a box that scrolls on its own and fits the window.
             const contained = el => {
               for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
                 const o = getComputedStyle(a).overflowX;
                 if (o !== 'visible' && o !== 'clip' && a.getBoundingClientRect().right <= width + 1) return true;
               }
               return false;
             };
             for (const el of main.querySelectorAll('*')) {
               if (el.closest('pre, table')) continue;
               const r = el.getBoundingClientRect();
               if (r.width > 0 && r.right > width + 1 && !contained(el)) {
                 wide.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
                   + ' \"' + (el.textContent || '').trim().slice(0, 30) + '\" right=' + Math.round(r.right));
               }
             }
             return { scroll: root.scrollWidth, client: width, inner: window.innerWidth, wide: wide.slice(0, 5) };",
        )
        .await
    }
    .await;
    match result {
        Err(e) => vec![format!("{page} (narrow): {e}")],
        Ok(r) => {
            let mut problems = Vec::new();
            let scroll = r["scroll"].as_u64().unwrap_or(u64::MAX);
            let client = r["client"].as_u64().unwrap_or(0);
            if scroll > client {
                problems.push(format!(
                    "{page}: scrolls sideways at {} px wide (scrollWidth {scroll} > clientWidth {client}); too wide: {}",
                    r["inner"], r["wide"]
                ));
            } else if r["wide"].as_array().is_some_and(|w| !w.is_empty()) {
                problems.push(format!(
                    "{page}: text sticks out past the right edge at {} px wide: {}",
                    r["inner"], r["wide"]
                ));
            }
            problems
        }
    }
}
