//! Tests of exercise `ep10_sturdy_pool`: `cargo test -p exercises --test ep10_sturdy_pool`.
//! The same file tests solutions/ (solutions/tests is a link to this folder).

course_check::exercise!(ep10_sturdy_pool);
#[path = "support/ep10_pool.rs"]
mod support;

use crate::ep10_sturdy_pool::{Outcome, SturdyPool};
use crate::support::{Notes, assert_reaped, described, kill, note, our_children, proc_stat};
use course_check::{Reaper, check};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::thread;
use std::time::Duration;

/// Where the workers note what they do: set by `ep10_pool_then_panic` for
/// the pool it makes; otherwise the notes of the worker's parent.
const NOTES_VAR: &str = "COURSE_EP10_POOL_NOTES";
const TOPIC: &str = "ep10-pool";

// The worker programs: this test program, started under these names.
course_check::workers! {
    "ep10_pool_worker" => pool_worker,
    "ep10_pool_then_panic" => pool_then_panic,
}

/// The worker: notes "PID start", then for each job line notes "PID job
/// JOB" and does it. Jobs: `echo TEXT` answers TEXT, `pid` answers its pid,
/// `hang` never answers, `panic` panics (exit code 101), `abort` aborts
/// (signal 6), `kill-self` sends itself SIGKILL (signal 9), `exit N` exits
/// with code N, `meet` answers "met" once another worker has started a
/// `meet` job too. At the end of its input it does not exit but waits to be
/// killed, so only a kill ends an idle worker.
fn pool_worker() -> ExitCode {
    let notes = match std::env::var_os(NOTES_VAR) {
        Some(path) => PathBuf::from(path),
        None => Notes::path_for(TOPIC, std::os::unix::process::parent_id()),
    };
    let me = std::process::id();
    note(&notes, &format!("{me} start"));
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lock().lines() {
        let Ok(job) = line else { break };
        note(&notes, &format!("{me} job {job}"));
        let (verb, rest) = job.split_once(' ').unwrap_or((job.as_str(), ""));
        let answer = match verb {
            "echo" => rest.to_string(),
            "pid" => me.to_string(),
            "hang" => forever(),
            "panic" => {
                std::panic::set_hook(Box::new(|_| {})); // quietly
                panic!("the job {job:?} panics, on purpose");
            }
            "abort" => {
                no_core_file();
                std::process::abort();
            }
            "kill-self" => {
                // SAFETY: a plain system call.
                unsafe {
                    course_check::libc::kill(me as i32, course_check::libc::SIGKILL);
                }
                forever()
            }
            "exit" => std::process::exit(rest.parse().unwrap_or(1)),
            "meet" => {
                // Answers once another worker has started a `meet` job too.
                loop {
                    let text = std::fs::read_to_string(&notes).unwrap_or_default();
                    if text.matches(" job meet").count() >= 2 {
                        break "met".to_string();
                    }
                    thread::sleep(Duration::from_millis(5));
                }
            }
            _ => format!("unknown job {job:?}"),
        };
        if writeln!(out, "{answer}")
            .and_then(|()| out.flush())
            .is_err()
        {
            break;
        }
    }
    forever()
}

fn forever() -> ! {
    loop {
        thread::sleep(Duration::from_secs(3600));
    }
}

/// An abort would write a core file; these workers abort on purpose.
fn no_core_file() {
    // SAFETY: plain system calls with integer arguments and a local value.
    unsafe {
        let none = course_check::libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        course_check::libc::setrlimit(course_check::libc::RLIMIT_CORE, &none);
        course_check::libc::prctl(course_check::libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// A program that makes a pool of two workers, runs a job, writes the
/// workers' pids to the file named by its first argument, then panics:
/// the panic unwinds through the pool, whose Drop must end the workers.
fn pool_then_panic() -> ExitCode {
    let pids_file = std::env::args()
        .nth(1)
        .expect("usage: ep10_pool_then_panic PIDS_FILE");
    // SAFETY: no other thread runs yet in this fresh process.
    unsafe { std::env::set_var(NOTES_VAR, format!("{pids_file}.notes")) };
    let mut pool = SturdyPool::new(&worker(), 2, Duration::from_secs(5))
        .expect("could not start a pool of 2 workers");
    let _ = pool.run(&jobs(&["echo one"]));
    let pids: Vec<String> = pool.pids().iter().map(u32::to_string).collect();
    std::fs::write(&pids_file, pids.join(" ")).expect("could not write the pids");
    std::panic::set_hook(Box::new(|_| {})); // quietly
    panic!("the program that owns the pool panics, on purpose");
}

fn worker() -> PathBuf {
    course_check::worker_program("ep10_pool_worker")
}

fn jobs(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// How many times each job was started, from the workers' notes.
fn starts(notes: &Notes) -> HashMap<String, usize> {
    let mut count = HashMap::new();
    for line in notes.lines() {
        if let Some((_, job)) = line.split_once(" job ") {
            *count.entry(job.to_string()).or_insert(0) += 1;
        }
    }
    count
}

/// The pid of the worker that started `job`, from the notes.
fn pid_that_ran(notes: &Notes, job: &str) -> u32 {
    notes
        .lines()
        .iter()
        .find_map(|l| {
            let (pid, j) = l.split_once(" job ")?;
            (j == job).then(|| pid.parse().ok())?
        })
        .unwrap_or_else(|| panic!("no worker noted that it started the job {job:?}"))
}

fn assert_each_started_once(notes: &Notes, jobs: &[String]) {
    let count = starts(notes);
    for job in jobs {
        let n = count.get(job).copied().unwrap_or(0);
        let want = jobs.iter().filter(|j| *j == job).count();
        assert_eq!(
            n, want,
            "the job {job:?} (in the list {want} times) was started {n} times by the workers: every job runs exactly once (a job whose worker died or timed out is not tried again)"
        );
    }
}

/// The numbers in a text, as words: "killed by signal 6" has "6".
fn numbers_in(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A deadline that no answering job comes near, even on a busy machine,
/// but that ends a hanging job soon enough.
const DEADLINE: Duration = Duration::from_millis(2000);

#[test]
fn every_job_gets_its_answer_in_job_order() {
    check("ep10_sturdy_pool", || {
        let notes = Notes::new(TOPIC);
        let mut pool = SturdyPool::new(&worker(), 3, DEADLINE).expect("could not start 3 workers");
        let pids = pool.pids();
        let distinct: HashSet<u32> = pids.iter().copied().collect();
        assert!(
            pids.len() == 3 && distinct.len() == 3 && !distinct.contains(&std::process::id()),
            "SturdyPool::new(_, 3, _) should start 3 child processes; pids() gave {pids:?}"
        );
        let list: Vec<String> = (0..30).map(|i| format!("echo {i}")).collect();
        for round in 1..=2 {
            let got = pool.run(&list).expect("run failed");
            let want: Vec<Outcome> = (0..30).map(|i| Outcome::Done(i.to_string())).collect();
            assert_eq!(
                got, want,
                "run #{round} of the jobs \"echo 0\" .. \"echo 29\": expected Done(\"0\") .. Done(\"29\"), one per job, in job order"
            );
        }
        assert_eq!(
            pool.pids(),
            pids,
            "after two runs where no worker died, pids() should still be the same workers: start them once, in new, and keep them"
        );
        let got = pool.run(&[]).expect("run of no jobs failed");
        assert!(
            got.is_empty(),
            "run of no jobs should give no outcomes, got {got:?}"
        );
        let count = starts(&notes);
        for job in &list {
            let n = count.get(job).copied().unwrap_or(0);
            assert_eq!(
                n, 2,
                "the job {job:?} was in two runs but was started {n} times"
            );
        }
        for line in notes.lines() {
            let pid: u32 = line
                .split(' ')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            assert!(
                distinct.contains(&pid),
                "a worker that is not one of pids() {pids:?} noted {line:?}: the jobs should go to the pool's own workers"
            );
        }
    });
}

#[test]
fn the_workers_work_at_the_same_time() {
    check("ep10_sturdy_pool", || {
        let _notes = Notes::new(TOPIC);
        let mut pool = SturdyPool::new(&worker(), 2, Duration::from_secs(5))
            .expect("could not start 2 workers");
        // Each `meet` job waits until the other one has started.
        let list = jobs(&["meet a", "meet b", "echo c"]);
        let got = pool.run(&list).expect("run failed");
        assert_eq!(
            got,
            vec![
                Outcome::Done("met".into()),
                Outcome::Done("met".into()),
                Outcome::Done("c".into())
            ],
            "the jobs \"meet a\" and \"meet b\" each wait until the other has started, so two workers must run them at the same time: give each worker a thread of its own that takes jobs from a shared queue"
        );
    });
}

#[test]
fn a_slow_job_keeps_its_place() {
    check("ep10_sturdy_pool", || {
        let _notes = Notes::new(TOPIC);
        let mut pool = SturdyPool::new(&worker(), 2, DEADLINE).expect("could not start 2 workers");
        // The first job hangs until the deadline; the others finish long before.
        let list = jobs(&["hang", "echo a", "echo b", "echo c", "echo d", "echo e"]);
        let got = pool.run(&list).expect("run failed");
        let want = vec![
            Outcome::TimedOut,
            Outcome::Done("a".into()),
            Outcome::Done("b".into()),
            Outcome::Done("c".into()),
            Outcome::Done("d".into()),
            Outcome::Done("e".into()),
        ];
        assert_eq!(
            got, want,
            "jobs {list:?}: the first one hangs and times out after the others are done, but its outcome must stay first: outcomes in job order, not in the order they came"
        );
    });
}

#[test]
fn a_stuck_worker_is_killed_reaped_and_replaced() {
    check("ep10_sturdy_pool", || {
        let notes = Notes::new(TOPIC);
        let mut pool = SturdyPool::new(&worker(), 1, Duration::from_millis(1500))
            .expect("could not start 1 worker");
        let list = jobs(&["pid", "hang", "pid", "echo after"]);
        let got = pool.run(&list).expect("run failed");
        assert_eq!(
            got.len(),
            4,
            "jobs {list:?} gave {got:?}: expected one outcome per job"
        );
        let first = pid_that_ran(&notes, "hang");
        assert_eq!(
            got[0],
            Outcome::Done(first.to_string()),
            "the first job asks the worker for its pid"
        );
        assert_eq!(
            got[1],
            Outcome::TimedOut,
            "the job \"hang\" never answers: with a 1.5 s deadline it should be TimedOut"
        );
        let Outcome::Done(second) = &got[2] else {
            panic!(
                "after the stuck worker was killed, the job \"pid\" gave {:?}: the pool should start a new worker in its place",
                got[2]
            )
        };
        assert_ne!(
            second,
            &first.to_string(),
            "the stuck worker {first} answered a job after it timed out: kill it and start a new one"
        );
        assert_eq!(
            got[3],
            Outcome::Done("after".into()),
            "the job \"echo after\""
        );
        assert_eq!(
            pool.pids(),
            vec![second.parse::<u32>().unwrap_or(0)],
            "pids() should list the new worker in place of the killed one"
        );
        assert_reaped(first, "the worker that ran past its deadline");
        assert_each_started_once(&notes, &list);
    });
}

#[test]
fn a_panicking_worker_is_reported_reaped_and_replaced() {
    check("ep10_sturdy_pool", || {
        let notes = Notes::new(TOPIC);
        let mut pool = SturdyPool::new(&worker(), 1, DEADLINE).expect("could not start 1 worker");
        let list = jobs(&["pid", "panic", "pid", "echo after"]);
        let got = pool.run(&list).expect("run failed");
        assert_eq!(
            got.len(),
            4,
            "jobs {list:?} gave {got:?}: expected one outcome per job"
        );
        let first = pid_that_ran(&notes, "panic");
        match &got[1] {
            Outcome::Crashed(how) => assert!(
                numbers_in(how).contains(&"101"),
                "a worker that panics ends with exit code 101, but its Crashed outcome says {how:?}: name the exit code (ExitStatus::code)"
            ),
            other => panic!(
                "the worker panicked on the job \"panic\" (and ended with exit code 101): expected Crashed(..), got {other:?}"
            ),
        }
        let Outcome::Done(second) = &got[2] else {
            panic!(
                "after the worker died, the job \"pid\" gave {:?}: the pool should start a new worker in its place",
                got[2]
            )
        };
        assert_ne!(
            second,
            &first.to_string(),
            "the dead worker {first} cannot answer"
        );
        assert_eq!(
            got[3],
            Outcome::Done("after".into()),
            "the job \"echo after\""
        );
        assert_reaped(first, "the worker that panicked");
        assert_each_started_once(&notes, &list);
    });
}

#[test]
fn a_worker_killed_by_a_signal_is_reported_with_its_signal() {
    check("ep10_sturdy_pool", || {
        let notes = Notes::new(TOPIC);
        let mut pool = SturdyPool::new(&worker(), 1, DEADLINE).expect("could not start 1 worker");
        let list = jobs(&["abort", "kill-self", "echo after"]);
        let got = pool.run(&list).expect("run failed");
        assert_eq!(
            got.len(),
            3,
            "jobs {list:?} gave {got:?}: expected one outcome per job"
        );
        for (outcome, job, signal) in [(&got[0], "abort", "6"), (&got[1], "kill-self", "9")] {
            match outcome {
                Outcome::Crashed(how) => assert!(
                    numbers_in(how).contains(&signal) && how.to_lowercase().contains("signal"),
                    "the job {job:?} killed its worker with signal {signal}, but the Crashed outcome says {how:?}: a process killed by a signal has no exit code; name the signal (ExitStatusExt::signal)"
                ),
                other => panic!(
                    "the job {job:?} killed its worker with signal {signal}: expected Crashed(..), got {other:?}"
                ),
            }
        }
        assert_eq!(
            got[2],
            Outcome::Done("after".into()),
            "the job \"echo after\", after two dead workers"
        );
        assert_reaped(pid_that_ran(&notes, "abort"), "the worker that aborted");
        assert_reaped(
            pid_that_ran(&notes, "kill-self"),
            "the worker killed by SIGKILL",
        );
        assert_each_started_once(&notes, &list);
    });
}

#[test]
fn no_job_is_lost_or_run_twice() {
    check("ep10_sturdy_pool", || {
        let notes = Notes::new(TOPIC);
        let mut pool = SturdyPool::new(&worker(), 2, DEADLINE).expect("could not start 2 workers");
        let mut list: Vec<String> = (0..16).map(|i| format!("echo {i}")).collect();
        for (at, job) in [
            (1, "panic 1"),
            (4, "kill-self 1"),
            (6, "exit 3"),
            (9, "hang 1"),
            (12, "panic 2"),
        ] {
            list.insert(at, job.to_string());
        }
        let got = pool.run(&list).expect("run failed");
        assert_eq!(
            got.len(),
            list.len(),
            "{} jobs gave {} outcomes ({got:?}): expected exactly one per job",
            list.len(),
            got.len()
        );
        for (job, outcome) in list.iter().zip(&got) {
            let fits = match job.split(' ').next() {
                Some("echo") => *outcome == Outcome::Done(job[5..].to_string()),
                Some("hang") => *outcome == Outcome::TimedOut,
                _ => matches!(outcome, Outcome::Crashed(_)),
            };
            assert!(
                fits,
                "the job {job:?} gave {outcome:?}; all outcomes of {list:?}: {got:?}"
            );
        }
        assert_each_started_once(&notes, &list);
    });
}

#[test]
fn no_worker_is_left_a_zombie() {
    check("ep10_sturdy_pool", || {
        let _notes = Notes::new(TOPIC);
        let mut pool = SturdyPool::new(&worker(), 2, DEADLINE).expect("could not start 2 workers");
        let list = jobs(&[
            "hang",
            "exit 4",
            "echo a",
            "panic",
            "echo b",
            "kill-self",
            "echo c",
        ]);
        let got = pool.run(&list).expect("run failed");
        assert_eq!(
            got.len(),
            list.len(),
            "jobs {list:?} gave {got:?}: expected one outcome per job"
        );
        let live: HashSet<u32> = pool.pids().into_iter().collect();
        // A killed worker takes a moment to die; give it up to two seconds.
        let mut left = Vec::new();
        for _ in 0..200 {
            left = our_children()
                .into_iter()
                .filter(|&(pid, _)| !live.contains(&pid))
                .collect::<Vec<_>>();
            if left.iter().all(|&(_, state)| state == 'Z') {
                break;
            }
            thread::sleep(Duration::from_millis(10));
        }
        assert!(
            left.is_empty(),
            "after run, the pool's workers are {live:?}, but other children of this process are still there: {}. Every worker that timed out (after kill) or died must be waited for",
            described(&left)
        );
        let children: HashSet<u32> = our_children().into_iter().map(|(pid, _)| pid).collect();
        assert!(
            live.is_subset(&children),
            "pids() gave {live:?}, but only {children:?} are children of this process: pids() should list the current, live workers"
        );
    });
}

#[test]
fn dropping_the_pool_kills_and_reaps_every_worker() {
    check("ep10_sturdy_pool", || {
        let _notes = Notes::new(TOPIC);
        let mut pool = SturdyPool::new(&worker(), 2, DEADLINE).expect("could not start 2 workers");
        pool.run(&jobs(&["echo a", "echo b", "echo c"]))
            .expect("run failed");
        let pids = pool.pids();
        drop(pool);
        for pid in pids {
            assert_reaped(
                pid,
                "a worker of the dropped pool (these workers do not stop at the end of their input)",
            );
        }
    });
}

#[test]
fn a_program_that_panics_leaves_no_worker_behind() {
    check("ep10_sturdy_pool", || {
        let pids_file = Notes::new("ep10-pool-pids");
        let _worker_notes = Notes::at(PathBuf::from(format!(
            "{}.notes",
            pids_file.path().display()
        )));
        // Its stderr goes to a file: a pipe would stay open as long as a
        // worker that inherited it lives on.
        let stderr = Notes::at(PathBuf::from(format!(
            "{}.stderr",
            pids_file.path().display()
        )));
        let stderr_file =
            std::fs::File::create(stderr.path()).expect("could not make a file for stderr");
        let child = Command::new(course_check::worker_program("ep10_pool_then_panic"))
            .arg(pids_file.path())
            .stderr(stderr_file)
            .spawn()
            .expect("could not start the program that makes a pool");
        let status = Reaper::new(child)
            .take()
            .wait()
            .expect("could not wait for the program that makes a pool");
        let text = std::fs::read_to_string(pids_file.path()).unwrap_or_default();
        let pids: Vec<u32> = text
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect();
        let said = std::fs::read_to_string(stderr.path()).unwrap_or_default();
        assert!(
            pids.len() == 2,
            "the program that makes a pool of 2 workers and runs one job ended ({status}) before it noted 2 worker pids (it noted {text:?}); it printed:\n{said}"
        );
        assert_eq!(
            status.code(),
            Some(101),
            "the program that makes a pool ends with a panic, so exit code 101; it ended with {status}"
        );
        for pid in pids {
            if let Some((name, state, _)) = proc_stat(pid)
                && name.starts_with("ep10_pool")
            {
                kill(pid);
                panic!(
                    "worker {pid} of a pool whose owner panicked is still there (state {state}): the panic unwinds through the pool, so its Drop runs; Drop must kill every worker and wait for it"
                );
            }
        }
    });
}
