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
mod parse_errors;
mod practice;
mod pty;
mod pty_flow;
mod pty_select;
mod pty_trust;
mod quizzes;
mod rules;
mod take_plain;
mod time_taken;
mod trust;
mod util;
