//! Integration tests: they drive the real `lateral` binary.

mod attempts;
mod builtin;
mod check;
mod citations;
mod class;
mod diagnostics;
mod export;
mod hostile;
mod install;
mod itemwriting;
mod key_grade;
mod kinds;
mod limits;
mod new;
mod pty;
mod pty_trust;
mod quizzes;
mod take_plain;
mod trust;
mod util;
