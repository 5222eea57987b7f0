//! What machine the figures come from: CPU model and flags (/proc/cpuinfo),
//! the cores this program may use, the compiler.

use serde::Serialize;
use std::process::Command;

#[derive(Clone, Debug, Serialize)]
pub struct Machine {
    /// "Intel(R) Xeon(R) ..." from /proc/cpuinfo, or "unknown CPU".
    pub cpu: String,
    /// The CPU says it runs under a hypervisor (a virtual machine).
    pub virtual_machine: bool,
    /// `std::thread::available_parallelism()`: the cores we may use.
    pub cores: usize,
    /// Vector-instruction flags of interest that the CPU reports.
    pub simd_flags: Vec<String>,
    /// `rustc -V`.
    pub rustc: String,
    pub os: String,
}

impl Machine {
    pub fn detect() -> Machine {
        let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let field = |name: &str| {
            info.lines()
                .find(|l| l.split(':').next().is_some_and(|k| k.trim() == name))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        };
        let cpu = field("model name")
            .or_else(|| field("Hardware"))
            .or_else(|| field("cpu model"))
            .unwrap_or_else(|| "unknown CPU".into());
        let flags: Vec<String> = field("flags")
            .or_else(|| field("Features"))
            .unwrap_or_default()
            .split_whitespace()
            .map(String::from)
            .collect();
        let interesting = [
            "sse4_2", "avx", "avx2", "fma", "avx512f", "neon", "asimd", "sve",
        ];
        let simd_flags = interesting
            .iter()
            .filter(|f| flags.iter().any(|g| g == *f))
            .map(|f| f.to_string())
            .collect();
        let rustc_cmd = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
        let rustc = Command::new(rustc_cmd)
            .arg("-V")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_else(|| "rustc (version unknown)".into());
        Machine {
            cpu: cpu.split_whitespace().collect::<Vec<_>>().join(" "),
            virtual_machine: flags.iter().any(|f| f == "hypervisor"),
            cores: std::thread::available_parallelism().map_or(1, |c| c.get()),
            simd_flags,
            rustc,
            os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        }
    }

    /// One line: "Intel(R) Xeon(R) ... (virtual machine), 2 cores available, rustc 1.95.0".
    pub fn line(&self) -> String {
        let rustc = self
            .rustc
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        format!(
            "{}{}, {} {} available, {}, {}",
            self.cpu,
            if self.virtual_machine {
                " (virtual machine)"
            } else {
                ""
            },
            self.cores,
            if self.cores == 1 { "core" } else { "cores" },
            self.os,
            rustc
        )
    }

    pub fn flags_line(&self) -> String {
        if self.simd_flags.is_empty() {
            "none of sse4_2/avx/avx2/fma/avx512f/neon reported".into()
        } else {
            self.simd_flags.join(" ")
        }
    }
}
