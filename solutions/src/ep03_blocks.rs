//! Exercise `ep03_blocks`: several threads write blocks of lines to one
//! output, and every block comes out whole.
//! Chapter: src/ep03-shared-state.md

use std::fmt::Display;
use std::io::{self, Write};
use std::sync::{Mutex, PoisonError};

// ANCHOR: write_block
/// Writes every item of `lines` to `out`, each followed by a newline, as one
/// block: no line that another thread writes through the same `out` comes
/// between them. Returns the first write error. Like `io::stdout()`, the
/// output stays usable after a thread panicked while writing to it: a lock
/// poisoned by that panic is taken as it is.
pub fn write_block(
    out: &Mutex<impl Write>,
    lines: impl IntoIterator<Item = impl Display>,
) -> io::Result<()> {
    // One guard for the whole block, as `io::stdout().lock()` gives you.
    let mut out = out.lock().unwrap_or_else(PoisonError::into_inner);
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
// ANCHOR_END: write_block
