//! The exercise manifest: the one place where an exercise is added.
//!
//! An exercise called `epNN_name` has
//! - a stub in `exercises/src/epNN_name.rs` and its solution in
//!   `solutions/src/epNN_name.rs` (the same public items);
//! - tests in `exercises/tests/epNN.rs`, in a module called `epNN_name`,
//!   each test wrapped in `course_check::check("epNN_name", ..)`;
//! - a section in the chapter `src/epNN-*.md` that names it.
//!
//! `cargo test` checks all of that (see `xtask/tests/exercises.rs`).

/// One exercise.
#[derive(Debug)]
pub struct Exercise {
    /// The exercise's name: module, test module and manifest key.
    pub name: &'static str,
    /// The chapter that teaches it, relative to `src/`.
    pub chapter: &'static str,
    /// The chapter's title, as the learner sees it in the book.
    pub chapter_title: &'static str,
    /// Which part of the chapter to read.
    pub topic: &'static str,
    /// A nudge for a learner who is stuck.
    pub hint: &'static str,
}

pub const EXERCISES: &[Exercise] = &[
    Exercise {
        name: "ep01_cores",
        chapter: "ep01-cores-and-the-gil.md",
        chapter_title: "Episode 1: Cores, threads, processes and the GIL",
        topic: "\"How many cores may my program use?\"",
        hint: "count_cpu_list: split on ',', then each part on '-'; a range a-b holds b-a+1 \
               CPUs, and any part that does not parse (or has b < a) makes the answer None. \
               usable_cores: std::thread::available_parallelism() returns \
               io::Result<NonZeroUsize>; use .get(), and fall back to 1 when it fails.",
    },
    Exercise {
        name: "ep01_send",
        chapter: "ep01-cores-and-the-gil.md",
        chapter_title: "Episode 1: Cores, threads, processes and the GIL",
        topic: "\"Why Rust has no GIL\"",
        hint: "Rc's count is not atomic, so Rc is not Send; Arc's is. \
               Give each thread its own Arc clone and join every thread before you read the count.",
    },
    // Episode 2
    Exercise {
        name: "ep02_identify",
        chapter: "ep02-threads.md",
        chapter_title: "Episode 2: Threads",
        topic: "\"Names, ids and the process id\"",
        hint: "thread::current() gives name() and id(), std::process::id() the pid; \
               /proc/self/task has one entry per thread. In spawn_named, start every \
               thread with thread::Builder::new().name(..) before you join any of them.",
    },
    Exercise {
        name: "ep02_scoped",
        chapter: "ep02-threads.md",
        chapter_title: "Episode 2: Threads",
        topic: "\"Scoped threads: borrowing without 'static\"",
        hint: "Chunk i is data[i * len / workers..(i + 1) * len / workers]. Inside \
               thread::scope, spawn one thread per chunk (even an empty one) before \
               joining any, and join them in chunk order.",
    },
    Exercise {
        name: "ep02_worker",
        chapter: "ep02-threads.md",
        chapter_title: "Episode 2: Threads",
        topic: "\"A type that owns its thread\"",
        hint: "The worker loops `for job in job_rx`; the loop ends when every Sender is \
               dropped. So shutdown and Drop must drop the Sender (Option::take) before \
               they join the thread, and only then collect the remaining results.",
    },
    // Episode 3
    Exercise {
        name: "ep03_status",
        chapter: "ep03-processes.md",
        chapter_title: "Episode 3: Processes",
        topic: "\"How did it end? Exit status\"",
        hint: "Command::new(program).args(args).output() starts the child, captures its \
               stdout and waits for it. status.code() is None when a signal ended the \
               child; then use std::os::unix::process::ExitStatusExt and status.signal().",
    },
    Exercise {
        name: "ep03_pipe",
        chapter: "ep03-processes.md",
        chapter_title: "Episode 3: Processes",
        topic: "\"Talking to a child through pipes\"",
        hint: "Set stdin and stdout to Stdio::piped(), take child.stdin, and write the \
               input on a second thread (a pipe holds only so much) that drops the handle \
               when done, so the child sees the end of its input. Read with wait_with_output.",
    },
    Exercise {
        name: "ep03_workers",
        chapter: "ep03-processes.md",
        chapter_title: "Episode 3: Processes",
        topic: "\"A program that starts copies of itself\"",
        hint: "Spawn all n children (stdout piped, args `--worker i`) before you wait for \
               any, then wait_with_output them in index order. If one fails, the children \
               you have not collected yet must still be killed and waited for: a guard \
               type whose Drop does that makes every early return safe.",
    },
    Exercise {
        name: "ep03_timeout",
        chapter: "ep03-processes.md",
        chapter_title: "Episode 3: Processes",
        topic: "\"Stopping a child: kill\"",
        hint: "Loop: child.try_wait()? returns Some(status) once the child has ended; \
               otherwise, if the deadline has passed, child.kill() and then child.wait() \
               (kill only sends the signal; wait reaps); else sleep a few milliseconds.",
    },
    // Episode 4
    Exercise {
        name: "ep04_ordered_map",
        chapter: "ep04-pools-and-futures.md",
        chapter_title: "Episode 4: Pools and futures",
        topic: "\"Choosing the number of threads\"",
        hint: "Build a pool with rayon::ThreadPoolBuilder::new().num_threads(threads).build(), \
               then run inputs.into_par_iter().map(&f).collect() inside pool.install(..): \
               collect() puts every result in its input's place.",
    },
    Exercise {
        name: "ep04_pool",
        chapter: "ep04-pools-and-futures.md",
        chapter_title: "Episode 4: Pools and futures",
        topic: "\"A thread pool by hand\" and \"Shutting down: drop the sender\"",
        hint: "Share one crossbeam channel of boxed jobs among the workers. submit wraps f in \
               catch_unwind and sends the outcome on a one-shot channel; map submits everything, \
               then waits in order; Drop drops the Sender first, then joins each worker.",
    },
    Exercise {
        name: "ep04_process_pool",
        chapter: "ep04-pools-and-futures.md",
        chapter_title: "Episode 4: Pools and futures",
        topic: "\"A pool of worker processes\"",
        hint: "Spawn each child with Stdio::piped() for stdin and stdout and keep them; map sends \
               one line to each child, then reads one line from each, round after round; flush \
               after each answer; Drop closes every stdin (take() and drop) before waiting.",
    },
    // Episode 5
    Exercise {
        name: "ep05_split",
        chapter: "ep05-monte-carlo-pi.md",
        chapter_title: "Episode 5: Monte Carlo π in parallel",
        topic: "\"Splitting N over the workers\"",
        hint: "Every chunk gets n / k items and the first n % k chunks get one more, so the \
               sizes differ by at most one and add up to n. Build the ranges from the sizes: \
               each starts where the previous one ended.",
    },
    Exercise {
        name: "ep05_pi_chunks",
        chapter: "ep05-monte-carlo-pi.md",
        chapter_title: "Episode 5: Monte Carlo π in parallel",
        topic: "\"One random number generator per chunk\"",
        hint: "Make a new StdRng inside hits_in_chunk, seeded from seed and chunk only (never \
               from the thread), count in a local variable, and split the points with \
               chunk_sizes(total_points, chunks). Spawn all `threads` workers in a \
               thread::scope before joining any; add their counts after the joins.",
    },
    Exercise {
        name: "ep05_pi_rayon",
        chapter: "ep05-monte-carlo-pi.md",
        chapter_title: "Episode 5: Monte Carlo π in parallel",
        topic: "\"rayon: chunks as a parallel iterator\"",
        hint: "ThreadPoolBuilder::new().num_threads(threads).build() gives a pool; inside \
               pool.install(|| ...) map (0..chunks).into_par_iter() to hits_in_chunk with the \
               same chunk sizes as the threaded version, and sum the u64 counts.",
    },
    Exercise {
        name: "ep05_pi_procs",
        chapter: "ep05-monte-carlo-pi.md",
        chapter_title: "Episode 5: Monte Carlo π in parallel",
        topic: "\"Processes: workers print, the parent adds\"",
        hint: "Give worker p the chunks p, p + processes, ... as CHUNK POINTS argument pairs. \
               Spawn every worker with Stdio::piped() stdout first, then call \
               wait_with_output on each, parse the number it printed and add it.",
    },
    // Episode 6
    Exercise {
        name: "ep06_riemann",
        chapter: "ep06-integration.md",
        chapter_title: "Episode 6: Numerical integration in parallel",
        topic: "\"The area under x², one rectangle at a time\"",
        hint: "dx = (b - a) / n as f64; add f(a + i as f64 * dx) for i in 0..n (not 1..=n) \
               and multiply the sum by dx once at the end. Compute x from i rather than \
               accumulating x += dx.",
    },
    Exercise {
        name: "ep06_chunks",
        chapter: "ep06-integration.md",
        chapter_title: "Episode 6: Numerical integration in parallel",
        topic: "\"Chunk boundaries: nothing lost, nothing twice\"",
        hint: "Chunk c is c * n / k .. (c + 1) * n / k for c in 0..k: the end of one chunk is \
               the same expression as the start of the next, the first starts at 0 and the \
               last ends at k * n / k = n. Do not use n / k as a fixed chunk length.",
    },
    Exercise {
        name: "ep06_parallel",
        chapter: "ep06-integration.md",
        chapter_title: "Episode 6: Numerical integration in parallel",
        topic: "\"Rust: scoped threads\"",
        hint: "Inside thread::scope, spawn one thread per chunk with s.spawn(move || ...), \
               after `let f = &f;` so the closures copy a reference. Collect the handles into \
               a Vec before joining any, call on_chunk(c, range) first thing in each thread, \
               and add the joined partial sums, then multiply by dx.",
    },
    Exercise {
        name: "ep06_fixed_chunks",
        chapter: "ep06-integration.md",
        chapter_title: "Episode 6: Numerical integration in parallel",
        topic: "\"The same answer for every thread count\"",
        hint: "The number of chunks, not of threads, decides what is added to what. Let each \
               thread sum a run of whole chunks and return their sums in a Vec; join the \
               threads in order, concatenate, and add the chunk sums on one thread. \
               With rayon: collect (0..chunks).into_par_iter().map(..) into a Vec, then sum it.",
    },
];
