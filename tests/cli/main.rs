//! Integration tests: they drive the real `lateral` binary.

mod attempts;
mod check;
mod citations;
mod diagnostics;
mod key_grade;
mod pty;
mod quizzes;
mod take_plain;
mod trust;
mod util;
