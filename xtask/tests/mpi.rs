//! The MPI check, run by `cargo test`: when Open MPI (or another MPI) is
//! installed, builds `mpi-pi` (episode 10, "Beyond one machine: MPI") in
//! release mode in target/mpi (the outer `cargo test` holds the lock on
//! `target/`), runs it with `mpirun -n 2`, and checks that its count of hits
//! is the threads version's count for the same seed and chunks. Without
//! `mpirun` it says it skipped; with CI=true that is a failure.

// The threads version of episode 7, the model answers as they are.
#[allow(dead_code)]
#[path = "../../solutions/src/ep07_pi_chunks.rs"]
mod ep07_pi_chunks;
#[allow(dead_code)]
#[path = "../../solutions/src/ep07_split.rs"]
mod ep07_split;

use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const INSTALL: &str = "install openmpi-bin libopenmpi-dev libclang-dev";

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

fn main() -> ExitCode {
    let root = xtask::root();
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let (Some(mpirun), Some(_)) = (on_path("mpirun"), on_path("mpicc")) else {
        if ci {
            eprintln!("mpi check: no mpirun or mpicc, and CI=true: {INSTALL}");
            return ExitCode::FAILURE;
        }
        println!("mpi check: skipped (no mpirun: {INSTALL})");
        return ExitCode::SUCCESS;
    };

    let target = root.join("target").join("mpi");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = Command::new(cargo)
        .current_dir(&root)
        .args(["build", "--release", "--locked", "-q", "-p", "mpi-pi"])
        .env("CARGO_TARGET_DIR", &target)
        .status();
    if !built.is_ok_and(|s| s.success()) {
        eprintln!("mpi check: `cargo build --release -p mpi-pi` failed (see above)");
        return ExitCode::FAILURE;
    }
    let program = target.join("release").join("mpi-pi");

    // An odd number of chunks, so the two ranks get different numbers of them.
    let (seed, points, chunks, ranks) = (7u64, 2_000_000u64, 13usize, 2);
    let mut cmd = Command::new(&mpirun);
    let version = Command::new(&mpirun).arg("--version").output();
    let open_mpi = version.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("Open MPI"));
    if open_mpi {
        // Open MPI refuses root unless told, and wants a core per rank unless told.
        cmd.args(["--allow-run-as-root", "--oversubscribe"])
            .env("OMPI_ALLOW_RUN_AS_ROOT", "1")
            .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
    }
    cmd.args(["-n", &ranks.to_string()])
        .arg(&program)
        .args([seed.to_string(), points.to_string(), chunks.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("mpi check: cannot run {}: {e}", mpirun.display());
            return ExitCode::FAILURE;
        }
    };
    // mpirun should take a second or two; never wait for ever.
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            eprintln!("mpi check: mpirun did not finish within 120 s");
            return ExitCode::FAILURE;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child
        .wait_with_output()
        .expect("cannot read mpirun's output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        eprintln!(
            "mpi check: mpirun -n {ranks} failed ({}):\n{stdout}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        return ExitCode::FAILURE;
    }
    let got: Option<u64> = stdout.lines().find_map(|l| {
        l.strip_prefix("hits ")?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    });

    // The threads version's count for the same seed and chunks.
    let sizes = ep07_split::chunk_sizes(points, chunks);
    let expected: u64 = (0..chunks)
        .map(|c| ep07_pi_chunks::hits_in_chunk(seed, c as u64, sizes[c]))
        .sum();
    let threads_pi = ep07_pi_chunks::estimate_pi(seed, points, chunks, 3);
    assert_eq!(threads_pi, 4.0 * expected as f64 / points as f64);

    match got {
        Some(hits) if hits == expected => {
            println!(
                "mpi check: ok (mpirun -n {ranks}: {hits} hits of {points} points in {chunks} chunks, the same as the threads version)"
            );
            ExitCode::SUCCESS
        }
        Some(hits) => {
            eprintln!(
                "mpi check: mpirun -n {ranks} counted {hits} hits, the threads version {expected}"
            );
            ExitCode::FAILURE
        }
        None => {
            eprintln!("mpi check: no `hits N` line in mpirun's output:\n{stdout}");
            ExitCode::FAILURE
        }
    }
}
