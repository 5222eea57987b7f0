//! `cargo xtask watch`: the learner's loop. It checks the exercise at hand,
//! shows only its result, checks it again on every save under
//! `exercises/`, and moves to the next exercise in book order when it
//! passes. Keys: `h` hint, `l` list, `o` the section in the served book,
//! `n` next exercise, `r` run again, `q` quit. Works in any terminal (raw
//! mode through crossterm) and, without a terminal, line by line.

use crate::learner::{describe, load_solved, remember};
use crate::runner::{self, Package, Verdict};
use course_check::{EXERCISES, Exercise};
use crossterm::event::{self, Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ExitCode};
use std::sync::mpsc;
use std::time::{Duration, Instant};

enum Event {
    Saved(Vec<PathBuf>),
    Key(char),
}

struct Screen {
    raw: bool,
}

impl Screen {
    fn show(&self, text: &str) {
        let text = if self.raw {
            text.replace('\n', "\r\n")
        } else {
            text.to_string()
        };
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    fn clear(&self) {
        self.show("\x1b[2J\x1b[H");
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        if self.raw {
            let _ = terminal::disable_raw_mode();
        }
    }
}

const KEYS: &str = "h hint · l list · o open the section · n next exercise · r run again · q quit";

struct Watch<'a> {
    root: &'a Path,
    screen: Screen,
    solved: BTreeSet<String>,
    current: Option<&'static Exercise>,
    last: Option<Verdict>,
    server: Option<Child>,
}

impl Watch<'_> {
    fn first_unsolved_after(&self, after: Option<&str>) -> Option<&'static Exercise> {
        let start = after
            .and_then(|a| EXERCISES.iter().position(|e| e.name == a))
            .map_or(0, |i| i + 1);
        EXERCISES[start..]
            .iter()
            .chain(&EXERCISES[..start])
            .find(|e| !self.solved.contains(e.name) && Some(e.name) != after)
    }

    /// Checks the current exercise; on a pass, moves on and checks the next.
    fn run(&mut self, clear: bool) {
        if clear {
            self.screen.clear();
        }
        loop {
            let Some(ex) = self.current else {
                self.screen.show("All the exercises pass: well done!\n\n");
                self.screen.show(&format!("{KEYS}\n"));
                return;
            };
            self.screen.show(&format!(
                "exercise {}: {}, \"{}\"\n  your file: exercises/src/{}.rs\n  checking ...\n",
                ex.name,
                ex.episode_title(),
                ex.section,
                ex.name
            ));
            let started = Instant::now();
            let verdict = match runner::check(
                self.root,
                Package::Exercises,
                &[ex.name],
                &self.root.join("target"),
                Vec::new(),
                self.screen.raw,
            ) {
                Ok(mut v) if !v.is_empty() => v.remove(0).1,
                Ok(_) => Verdict::Missing,
                Err(e) => Verdict::Trouble { what: e },
            };
            remember(self.root, &[(ex, verdict.clone())]);
            let took = started.elapsed().as_secs_f64();
            self.screen.show(&describe(ex, &verdict, true));
            if verdict.solved() {
                self.solved.insert(ex.name.to_string());
                self.current = self.first_unsolved_after(Some(ex.name));
                self.screen.show(&format!(
                    "  (checked in {took:.1} s) solved! on to the next exercise.\n\n"
                ));
                self.last = None;
                continue;
            }
            self.solved.remove(ex.name);
            self.last = Some(verdict);
            self.screen.show(&format!(
                "\n(checked in {took:.1} s) save exercises/src/{}.rs to check again.\n{KEYS}\n",
                ex.name
            ));
            return;
        }
    }

    fn hint(&self) {
        let Some(ex) = self.current else { return };
        let mut text = format!("\nhint for {}:\n  {}\n", ex.name, ex.hint);
        if let Some(Verdict::Failing { failures, .. }) = &self.last {
            for (test, _) in failures {
                let h = ex.hint_for(test);
                if h != ex.hint {
                    text.push_str(&format!("for the test `{test}`:\n  {h}\n"));
                }
            }
        }
        self.screen.show(&text);
    }

    fn list(&self) {
        let mut text = String::from("\nexercises, in book order (as of their last check):\n");
        let mut episode = 0;
        for ex in EXERCISES {
            if ex.episode != episode {
                episode = ex.episode;
                text.push_str(&format!("{}\n", ex.episode_title()));
            }
            let mark = if self.solved.contains(ex.name) {
                "[x]"
            } else {
                "[ ]"
            };
            let here = if Some(ex.name) == self.current.map(|e| e.name) {
                "  <- you are here"
            } else {
                ""
            };
            text.push_str(&format!("  {mark} {}{here}\n", ex.name));
        }
        text.push_str(&format!(
            "{} of {} solved\n",
            self.solved.len(),
            EXERCISES.len()
        ));
        self.screen.show(&text);
    }

    fn open(&mut self) {
        let Some(ex) = self.current else { return };
        if std::net::TcpStream::connect(("127.0.0.1", 3000)).is_err() && self.server.is_none() {
            let log = std::fs::File::create(self.root.join("target/course/serve.log"));
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let mut cmd = std::process::Command::new(cargo);
            cmd.current_dir(self.root)
                .args(["run", "--quiet", "-p", "xtask", "--", "serve"])
                .stdin(std::process::Stdio::null());
            if let Ok(log) = log {
                cmd.stdout(log.try_clone().unwrap()).stderr(log);
            }
            self.server = cmd.spawn().ok();
            self.screen
                .show("\nstarting the book server (cargo xtask serve; its log: target/course/serve.log) ...\n");
        }
        self.screen
            .show(&format!("\nread \"{}\" at\n  {}\n", ex.section, ex.url()));
        if std::env::var_os("DISPLAY").is_some() || cfg!(target_os = "macos") {
            let opener = if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            };
            let _ = std::process::Command::new(opener)
                .arg(ex.url())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn();
        }
    }
}

/// The exercise whose file is among `paths`, if any.
fn exercise_of(paths: &[PathBuf]) -> Option<&'static Exercise> {
    paths.iter().find_map(|p| {
        let stem = p.file_stem()?.to_str()?;
        let in_src = p.parent()?.file_name()? == "src";
        EXERCISES.iter().find(|e| in_src && e.name == stem)
    })
}

pub fn watch(root: &Path, start: Option<&str>) -> ExitCode {
    let (tx, rx) = mpsc::channel::<Event>();
    let saved = tx.clone();
    let mut debouncer = match new_debouncer(
        Duration::from_millis(200),
        move |res: DebounceEventResult| {
            if let Ok(events) = res {
                let paths: Vec<PathBuf> = events
                    .into_iter()
                    .map(|e| e.path)
                    .filter(|p| p.extension().is_some_and(|x| x == "rs"))
                    .collect();
                if !paths.is_empty() {
                    let _ = saved.send(Event::Saved(paths));
                }
            }
        },
    ) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot watch exercises/: {e}");
            return ExitCode::FAILURE;
        }
    };
    for dir in ["exercises/src", "exercises/tests"] {
        if let Err(e) = debouncer
            .watcher()
            .watch(&root.join(dir), RecursiveMode::Recursive)
        {
            eprintln!("cannot watch {dir}: {e}");
            return ExitCode::FAILURE;
        }
    }
    let raw = std::io::stdin().is_terminal() && terminal::enable_raw_mode().is_ok();
    let again = tx.clone();
    let keys = tx;
    std::thread::spawn(move || {
        if raw {
            while let Ok(ev) = event::read() {
                if let TermEvent::Key(k) = ev
                    && k.kind == KeyEventKind::Press
                {
                    let c = match k.code {
                        KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => 'q',
                        KeyCode::Char(c) => c,
                        KeyCode::Esc => 'q',
                        _ => continue,
                    };
                    if keys.send(Event::Key(c)).is_err() {
                        return;
                    }
                }
            }
        } else {
            let mut line = String::new();
            while std::io::stdin().read_line(&mut line).is_ok_and(|n| n > 0) {
                if let Some(c) = line.trim().chars().next()
                    && keys.send(Event::Key(c)).is_err()
                {
                    return;
                }
                line.clear();
            }
        }
    });
    let mut w = Watch {
        root,
        screen: Screen { raw },
        solved: load_solved(root),
        current: None,
        last: None,
        server: None,
    };
    w.current = match start {
        Some(name) => match EXERCISES.iter().find(|e| e.name == name) {
            Some(e) => Some(e),
            None => {
                drop(w);
                eprintln!("there is no exercise `{name}`");
                return ExitCode::from(2);
            }
        },
        None => w.first_unsolved_after(None),
    };
    w.run(true);
    while let Ok(ev) = rx.recv() {
        match ev {
            Event::Saved(paths) => {
                // More saves may be on their way: take them all at once.
                let mut paths = paths;
                let mut keys = Vec::new();
                while let Ok(ev) = rx.recv_timeout(Duration::from_millis(50)) {
                    match ev {
                        Event::Saved(more) => paths.extend(more),
                        Event::Key(k) => keys.push(k),
                    }
                }
                for k in keys {
                    let _ = again.send(Event::Key(k));
                }
                if let Some(ex) = exercise_of(&paths) {
                    w.current = Some(ex);
                }
                w.run(true);
            }
            Event::Key('q') => break,
            Event::Key('h') => w.hint(),
            Event::Key('l') => w.list(),
            Event::Key('o') => w.open(),
            Event::Key('r') => w.run(true),
            Event::Key('n') => {
                w.current = w.first_unsolved_after(w.current.map(|e| e.name));
                w.run(true);
            }
            Event::Key(_) => w.screen.show(&format!("{KEYS}\n")),
        }
    }
    if let Some(mut s) = w.server.take() {
        let _ = s.kill();
        let _ = s.wait();
    }
    ExitCode::SUCCESS
}
