//! Exercise `ep01_cores`: how many cores may this program use?
//! Chapter: src/ep01-cores-and-the-gil.md

// ANCHOR: parse_cpu_list
/// Counts the CPUs in a Linux CPU list such as `0-3,8,10-11` (the format of
/// `Cpus_allowed_list` in `/proc/self/status` and of `taskset -c`).
/// Returns `None` if the text is not a CPU list.
pub fn count_cpu_list(list: &str) -> Option<usize> {
    let mut total = 0;
    for part in list.trim().split(',') {
        let part = part.trim();
        match part.split_once('-') {
            Some((first, last)) => {
                let (first, last): (usize, usize) = (first.parse().ok()?, last.parse().ok()?);
                if last < first {
                    return None;
                }
                total += last - first + 1;
            }
            None => {
                part.parse::<usize>().ok()?;
                total += 1;
            }
        }
    }
    Some(total)
}
// ANCHOR_END: parse_cpu_list

// ANCHOR: usable_cores
/// How many threads this program can usefully run at once: what the
/// standard library reports (it accounts for CPU affinity and, on Linux,
/// cgroup CPU quotas), or 1 if it cannot tell.
pub fn usable_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
// ANCHOR_END: usable_cores
