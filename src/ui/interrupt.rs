//! Signals while a quiz is taken: restore the cursor, say truthfully what
//! was kept, and exit with 128 + the signal's number.
//!
//! Ctrl-C outside a prompt (and in plain mode) arrives as SIGINT, handled
//! here, as are SIGTERM, SIGHUP and SIGQUIT. Inside a dialoguer prompt the
//! terminal is in raw mode and Ctrl-C arrives as a key, which the prompt
//! turns into an interrupted read; the session then calls [`announce`].
//! Either way the message is written once.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::{Mutex, Once, PoisonError};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use crate::escape::Untrusted;

/// What a student would lose if the process stopped now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// No answer has been given yet.
    Nothing,
    /// An unfinished attempt with at least one answer, saved in this file.
    Answers(PathBuf),
    /// A finished attempt, saved in this file.
    Finished(PathBuf),
}

static KEPT: Mutex<Kept> = Mutex::new(Kept::Nothing);

/// Whether the message has been written.
static SHOWN: Mutex<bool> = Mutex::new(false);

/// Starts handling SIGINT, SIGTERM, SIGHUP and SIGQUIT (once per process).
pub fn install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])
        else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
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

/// Restores the cursor and says what was kept after a Ctrl-C, once: it can
/// be seen both as a signal and as a key read by a prompt.
pub fn announce() {
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
    }
}
