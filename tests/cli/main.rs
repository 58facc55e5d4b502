//! Integration tests: they drive the real `lateral` binary.

mod attempts;
mod attempts_many;
mod builtin;
mod check;
mod citations;
mod class;
mod diagnostics;
mod export;
mod grade_many;
mod hostile;
mod itemwriting;
mod key_grade;
mod kinds;
mod new;
mod pty;
mod pty_trust;
mod quizzes;
mod take_plain;
mod trust;
mod util;
