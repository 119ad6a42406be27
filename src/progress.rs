//! Progress on stderr for long runs: each phase (reading, analysing, writing) is announced when
//! stderr is a terminal, and silent otherwise; reading a large export also says how much of it
//! is read ("reading 43% of 466 MB"). `SHELFSTAT_TIMINGS=1` prints each phase's wall
//! time whatever stderr is (for benchmarks); `SHELFSTAT_TIMINGS=2` also the steps inside them.

use std::io::{IsTerminal, Write};
use std::time::Instant;

/// A phase of a run; says how long it took when dropped (if asked to).
pub struct Phase {
    name: &'static str,
    start: Instant,
    show: bool,
    time: bool,
}

/// Starts a phase: "reading", "analysing", "writing" …
pub fn phase(name: &'static str) -> Phase {
    let show = std::io::stderr().is_terminal();
    let time = std::env::var_os("SHELFSTAT_TIMINGS").is_some_and(|v| v == "1" || v == "2");
    if show {
        let mut e = std::io::stderr();
        let _ = write!(e, "\rshelfstat: {name}…\x1b[K");
        let _ = e.flush();
    }
    Phase {
        name,
        start: Instant::now(),
        show,
        time,
    }
}

/// How far a phase is through its bytes, on the phase's line (a terminal only; the line is
/// cleared when the phase ends).
pub fn share(name: &str, done: u64, total: u64) {
    if total == 0 || !std::io::stderr().is_terminal() {
        return;
    }
    let pct = (done.min(total) * 100) / total;
    let mb = total as f64 / (1 << 20) as f64;
    let mut e = std::io::stderr();
    let _ = write!(e, "\rshelfstat: {name} {pct}% of {mb:.0} MB…\x1b[K");
    let _ = e.flush();
}

/// A step inside a phase: timed with `SHELFSTAT_TIMINGS=2`, never shown.
pub fn step(name: &'static str) -> Phase {
    let time = std::env::var_os("SHELFSTAT_TIMINGS").is_some_and(|v| v == "2");
    Phase {
        name,
        start: Instant::now(),
        show: false,
        time,
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if self.show {
            // Clear the line for the next phase or the final summary.
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
        if self.time {
            eprintln!(
                "timing: {} {:.3} s",
                self.name,
                self.start.elapsed().as_secs_f64()
            );
        }
    }
}
