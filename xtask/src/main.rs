//! `cargo xtask`: the course's commands. `cargo xtask --help` lists them.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use xtask::{learner, lesson, loom, renumber, root, serve, watch};

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
    /// The lesson preprocessor, for stock `mdbook` (mdBook's preprocessor protocol).
    #[command(hide = true)]
    Preprocess {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
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
