//! `cargo xtask`: the course's commands. `cargo xtask --help` lists them.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use xtask::{learner, lesson, loom, renumber, root, scaffold, serve, watch};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "The course's commands: the book, and checking your answers."
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Check the exercise at hand on every save, and move on when it passes.
    Watch {
        /// Start at this exercise instead of the first unsolved one.
        exercise: Option<String>,
    },
    /// Check every exercise (or the ones named), with a summary per episode.
    Check {
        /// Exercises to check, e.g. ep02_scoped (all when none are named).
        exercises: Vec<String>,
        /// Check the model answers in solutions/ instead of yours.
        #[arg(long)]
        solutions: bool,
    },
    /// List the exercises in book order, which pass, and what to do next.
    Progress,
    /// Model-check the hand-built primitives (semaphore, event, ...) with loom.
    Loom {
        /// Exercises to check (all that have loom checks when none are named).
        exercises: Vec<String>,
        /// Check the model answers in solutions/ instead of yours.
        #[arg(long)]
        solutions: bool,
    },
    /// Build the book and serve it on http://localhost:PORT, rebuilding on change.
    Serve {
        #[arg(long, default_value_t = 3000)]
        port: u16,
    },
    /// Write the static site (default: book/).
    Build {
        #[arg(long)]
        dest_dir: Option<PathBuf>,
    },
    /// Rename episodes' files and exercises to follow SUMMARY.md's order.
    Renumber {
        /// Say what would be renamed, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Create something new for the course (`cargo xtask new exercise ep02_counter`).
    New {
        #[command(subcommand)]
        what: NewCmd,
    },
    /// Time the course's workloads on this machine (release build of bench/):
    /// tables, JSON and SVG plots. `cargo xtask bench --help` for its options.
    #[command(disable_help_flag = true)]
    Bench {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// The lesson preprocessor, for stock `mdbook` (mdBook's preprocessor protocol).
    #[command(hide = true)]
    Preprocess {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

#[derive(Subcommand)]
enum NewCmd {
    /// A new exercise: its box in the chapter, a stub, a placeholder solution,
    /// a test file and three wrong answers, all marked TODO, which
    /// `cargo test` accepts as they stand.
    Exercise {
        /// epNN_slug: the episode's number and a name, e.g. ep02_counter.
        name: String,
        /// The `##` section of the chapter to put the box in (default: the last).
        #[arg(long)]
        section: Option<String>,
    },
}

/// `cargo xtask bench ARGS` is `cargo run --release -p bench -- ARGS`.
fn bench(root: &std::path::Path, args: &[String]) -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .current_dir(root)
        .args(["run", "--quiet", "--release", "-p", "bench", "--"])
        .args(args)
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = root();
    let result = match cli.command {
        Cmd::Watch { exercise } => return watch::watch(&root, exercise.as_deref()),
        Cmd::Check {
            exercises,
            solutions,
        } => return learner::check(&root, &exercises, solutions),
        Cmd::Progress => return learner::progress(&root),
        Cmd::Loom {
            exercises,
            solutions,
        } => return loom::command(&root, &exercises, solutions),
        Cmd::Renumber { dry_run } => return renumber::renumber(&root, dry_run),
        Cmd::Build { dest_dir } => xtask::build(dest_dir).map(|dir| {
            println!("book written to {}", dir.display());
        }),
        Cmd::Serve { port } => serve::serve(port),
        Cmd::New {
            what: NewCmd::Exercise { name, section },
        } => scaffold::command(&root, &name, section.as_deref()),
        Cmd::Bench { args } => return bench(&root, &args),
        Cmd::Preprocess { args } => lesson::command(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
