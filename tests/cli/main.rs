//! Integration tests: they drive the real `lateral` binary.

mod attempts;
mod builtin;
mod check;
mod citations;
mod class;
mod diagnostics;
mod export;
mod hostile;
mod itemwriting;
mod key_grade;
mod kinds;
mod new;
mod pty;
mod pty_select;
mod pty_trust;
mod quizzes;
mod take_plain;
mod trust;
mod util;
