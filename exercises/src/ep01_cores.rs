//! Exercise `ep01_cores`: how many cores may this program use?
//! Read: src/ep01-cores-and-the-gil.md, "How many cores may my program use?"
//! Check your answer: cargo test -p exercises --test ep01_cores

/// Counts the CPUs in a Linux CPU list such as `0-3,8,10-11` (the format of
/// `Cpus_allowed_list` in `/proc/self/status` and of `taskset -c`).
/// Returns `None` if the text is not a CPU list.
pub fn count_cpu_list(list: &str) -> Option<usize> {
    let _ = list;
    todo!("ep01_cores: count the CPUs in a list like 0-3,8 (chapter ep01-cores-and-the-gil)")
}

/// How many threads this program can usefully run at once, or 1 if the
/// system cannot tell.
pub fn usable_cores() -> usize {
    todo!(
        "ep01_cores: ask the standard library how many cores you may use (chapter ep01-cores-and-the-gil)"
    )
}
