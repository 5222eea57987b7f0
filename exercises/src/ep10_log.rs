//! Exercise `ep10_log`: whole records in a log that several processes share.
//! Read: src/ep10-processes-that-talk.md, "A lock between processes"
//! Check your answer: cargo test -p exercises --test ep10_log

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// A log file that several processes append records to. A record is
/// whatever one call of `record` writes, however many writes that takes;
/// records never mix, because each one is written under an exclusive lock
/// on the file.
#[allow(dead_code)] // remove this line once you use the field
pub struct Log {
    file: File,
}

impl Log {
    /// Opens the log at `path` for appending, creating it if it is missing.
    /// Takes no lock: other processes may write between our records.
    pub fn open(path: &Path) -> io::Result<Log> {
        let _ = path;
        todo!(
            "ep10_log: open the file with OpenOptions, in append mode, creating it (chapter ep10-processes-that-talk)"
        )
    }

    /// Writes one record: takes the file's exclusive lock (waiting for it),
    /// lets `write` write to the file, and releases the lock, also when
    /// `write` fails or panics. Returns what `write` returned.
    pub fn record(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let _ = write;
        todo!(
            "ep10_log: File::lock, call write with the file, and unlock in the Drop of a guard so that an error or a panic releases it too (chapter ep10-processes-that-talk)"
        )
    }

    /// Writes `lines` as one record, one `writeln!` per line. (Given.)
    pub fn append(&mut self, lines: &[&str]) -> io::Result<()> {
        self.record(|out| {
            for line in lines {
                writeln!(out, "{line}")?;
            }
            Ok(())
        })
    }
}
