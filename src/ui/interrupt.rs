//! Ctrl-C while a quiz is taken: restore the cursor, say where the answers
//! are kept, exit 130.
//!
//! Outside a prompt (and in plain mode) Ctrl-C arrives as a signal, handled
//! here. Inside a dialoguer prompt the terminal is in raw mode and Ctrl-C
//! arrives as a key, which the prompt turns into an interrupted read; the
//! session then calls [`announce`]. Either way the message is written once.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, PoisonError};

/// The attempt file answers are being saved to, for the message.
static SAVING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Whether the message has been written.
static SHOWN: Mutex<bool> = Mutex::new(false);

/// From now on, a Ctrl-C says that answers are saved in `file` (the
/// practice round saves to another file than the attempt before it).
pub fn saving_to(file: &Path) {
    *SAVING.lock().unwrap_or_else(PoisonError::into_inner) = Some(file.to_path_buf());
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            announce();
            std::process::exit(130);
        });
    });
}

/// Restores the cursor and says what was kept, once: a Ctrl-C can be seen
/// both as a signal and as a key read by a prompt.
pub fn announce() {
    // A lock, not a flag: whoever comes second (the signal handler, which
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
    let saving = SAVING.lock().unwrap_or_else(PoisonError::into_inner);
    match saving.as_deref() {
        Some(p) => eprintln!(
            "\ninterrupted; the answers given so far are saved in {}; run the same `lateral take` again to resume",
            p.display()
        ),
        None => eprintln!("\ninterrupted"),
    }
}
