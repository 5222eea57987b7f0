//! Exercise `ep10_log`: whole records in a log that several processes share.
//! Chapter: src/ep10-processes-that-talk.md, "A lock between processes"

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

// ANCHOR: log
/// A log file that several processes append records to. A record is
/// whatever one call of `record` writes, however many writes that takes;
/// records never mix, because each one is written under an exclusive lock
/// on the file.
pub struct Log {
    file: File,
}

impl Log {
    /// Opens the log at `path` for appending, creating it if it is missing.
    /// Takes no lock: other processes may write between our records.
    pub fn open(path: &Path) -> io::Result<Log> {
        // Append mode: every write goes to the end of the file as it is
        // then, wherever other processes have moved that end.
        let file = OpenOptions::new().append(true).create(true).open(path)?;
        Ok(Log { file })
    }

    /// Writes one record: takes the file's exclusive lock (waiting for it),
    /// lets `write` write to the file, and releases the lock, also when
    /// `write` fails or panics. Returns what `write` returned.
    pub fn record(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let _locked = Locked::take(&self.file)?; // released when dropped
        let mut out: &File = &self.file;
        write(&mut out)
    }

    /// Writes `lines` as one record, one `writeln!` per line.
    pub fn append(&mut self, lines: &[&str]) -> io::Result<()> {
        self.record(|out| {
            for line in lines {
                writeln!(out, "{line}")?;
            }
            Ok(())
        })
    }
}

/// The exclusive lock on a file, held as long as this value lives: like
/// `with lock:` in Python, it is released however the block is left.
struct Locked<'a>(&'a File);

impl<'a> Locked<'a> {
    fn take(file: &'a File) -> io::Result<Locked<'a>> {
        file.lock()?; // waits while another process holds a lock on the file
        Ok(Locked(file))
    }
}

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}
// ANCHOR_END: log
