//! Signals while a quiz is taken: restore the cursor, say truthfully what
//! was kept, and exit with 128 + the signal's number.
//!
//! Ctrl-C outside a prompt (and in plain mode) arrives as SIGINT, handled
//! here, as are SIGTERM, SIGHUP and SIGQUIT. Inside a prompt (or the pager) the
//! terminal is in raw mode and Ctrl-C arrives as a key, which the prompt
//! turns into an interrupted read; the session then calls [`announce`].
//! Either way the message is written once. A stop while the pager shows
//! the alternate screen leaves it first ([`enter_alternate_screen`]), so
//! the message lands on the quiz's screen and the terminal is left as it
//! was found.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Once, OnceLock, PoisonError};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use crate::escape::Untrusted;

/// The signals handled.
const SIGNALS: [i32; 4] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT];

/// What a student would lose if the process stopped now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// No answer has been given yet.
    Nothing,
    /// An unfinished attempt with at least one answer, saved in this file.
    Answers(PathBuf),
    /// A finished attempt, saved in this file.
    Finished(PathBuf),
    /// Practice answers, each already entered in this schedule.
    Practice(PathBuf),
}

static KEPT: Mutex<Kept> = Mutex::new(Kept::Nothing);

/// Whether the pager has the alternate screen up.
static ALTERNATE: AtomicBool = AtomicBool::new(false);

/// Switches standard output's terminal to the alternate screen (the quiz's
/// screen is kept as it is), remembering to leave it on any stop.
pub fn enter_alternate_screen() -> io::Result<()> {
    ALTERNATE.store(true, Ordering::SeqCst);
    write_stdout("\x1b[?1049h")
}

/// Leaves the alternate screen, if it is up: the quiz's screen comes back.
/// Whoever calls first (the pager, or a signal's message) writes it, once.
pub fn leave_alternate_screen() -> io::Result<()> {
    if ALTERNATE.swap(false, Ordering::SeqCst) {
        write_stdout("\x1b[?1049l")?;
    }
    Ok(())
}

fn write_stdout(code: &str) -> io::Result<()> {
    use std::io::Write;
    let mut out = io::stdout();
    out.write_all(code.as_bytes())?;
    out.flush()
}

/// Whether the message has been written.
static SHOWN: Mutex<bool> = Mutex::new(false);

/// Starts handling SIGINT, SIGTERM, SIGHUP and SIGQUIT (once per process).
pub fn install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Set inside the handler itself, before a read it interrupts returns,
        // so a prompt stopped by SIGTERM can tell: console turns any
        // interrupted read into a raised SIGINT.
        for (signal, flag) in TERMINATING.iter().zip(flags()) {
            let _ = signal_hook::flag::register(*signal, Arc::clone(flag));
        }
        let Ok(mut signals) = signal_hook::iterator::Signals::new(SIGNALS) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // A SIGTERM that broke a prompt's read comes with a SIGINT
                // raised by console, which may be read first.
                let signal = terminating().unwrap_or(signal);
                announce_signal(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

/// Records what is kept, for the message a signal prints.
pub fn keep(kept: Kept) {
    *KEPT.lock().unwrap_or_else(PoisonError::into_inner) = kept;
}

/// The signals that end the run other than SIGINT.
const TERMINATING: [i32; 3] = [SIGTERM, SIGHUP, SIGQUIT];

/// The terminating signal that has arrived, if one has.
fn terminating() -> Option<i32> {
    TERMINATING
        .iter()
        .zip(flags())
        .find(|(_, flag)| flag.load(Ordering::SeqCst))
        .map(|(&signal, _)| signal)
}

/// One flag per signal of [`TERMINATING`], set when it arrives.
fn flags() -> &'static [Arc<AtomicBool>; 3] {
    static FLAGS: OnceLock<[Arc<AtomicBool>; 3]> = OnceLock::new();
    FLAGS.get_or_init(Default::default)
}

/// Restores the cursor and says what was kept after a prompt was
/// interrupted, once: a Ctrl-C can be seen both as a signal and as a key
/// read by a prompt. When another signal (SIGTERM, SIGHUP, SIGQUIT) broke
/// the prompt's read, the process exits here with that signal's code.
pub fn announce() {
    if let Some(signal) = terminating() {
        announce_signal(signal);
        std::process::exit(128 + signal);
    }
    announce_signal(SIGINT);
}

fn announce_signal(signal: i32) {
    // A lock, not a flag: whoever comes second (the signal thread, which
    // exits right after) must wait until the message has been written.
    let mut shown = SHOWN.lock().unwrap_or_else(PoisonError::into_inner);
    if *shown {
        return;
    }
    *shown = true;
    let _ = leave_alternate_screen();
    // No cursor codes where the output is not a terminal.
    if io::stdout().is_terminal() {
        let _ = console::Term::stdout().show_cursor();
    }
    if io::stderr().is_terminal() {
        let _ = console::Term::stderr().show_cursor();
    }
    let what = match signal {
        SIGINT => "interrupted",
        SIGHUP => "the terminal closed",
        _ => "stopped",
    };
    let kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner).clone();
    eprintln!("\n{}", message(what, &kept));
}

/// The line shown when the run stops: only what is true.
pub fn message(what: &str, kept: &Kept) -> String {
    match kept {
        Kept::Nothing => format!("{what}; nothing was answered yet"),
        Kept::Answers(p) => format!(
            "{what}; the answers given so far are saved in {}; run the same `lateral take` again to resume",
            Untrusted::path(p)
        ),
        Kept::Finished(p) => format!(
            "{what}; your finished attempt is saved in {}",
            Untrusted::path(p)
        ),
        Kept::Practice(p) => format!(
            "{what}; every answer so far is in your practice schedule, {}; run `lateral practice` again for the rest",
            Untrusted::path(p)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_says_only_what_is_true() {
        let file = PathBuf::from("a/b.ron");
        assert_eq!(
            message("interrupted", &Kept::Nothing),
            "interrupted; nothing was answered yet"
        );
        assert_eq!(
            message("interrupted", &Kept::Answers(file.clone())),
            "interrupted; the answers given so far are saved in a/b.ron; run the same `lateral take` again to resume"
        );
        assert_eq!(
            message("stopped", &Kept::Finished(file)),
            "stopped; your finished attempt is saved in a/b.ron"
        );
        assert_eq!(
            message("interrupted", &Kept::Practice(PathBuf::from("d/practice.ron"))),
            "interrupted; every answer so far is in your practice schedule, d/practice.ron; run `lateral practice` again for the rest"
        );
    }
}
