//! Plain-line prompts: one answer per line, for scripts and pipes.
//!
//! dialoguer would read `/dev/tty` when standard input is not a terminal (and
//! hang a script), so plain mode never uses it: a prompt is printed, a line is
//! read, and a line that cannot be read as an answer is refused with a hint.
//! Each line read is echoed (escaped), so a scripted run reads as a transcript.

use std::io::{self, BufRead, Write};

use super::{AskError, Prompter};
use crate::escape::Untrusted;
use crate::normalize::fold;
use crate::screen::{self, letter};

/// Plain-line prompts over any reader and writer.
pub struct Plain<R, W> {
    input: R,
    output: W,
    width: usize,
    echo: bool,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// Plain prompts reading `input` and writing `output` at `width` columns.
    /// With `echo`, each line read is written after its prompt, so the output
    /// of a scripted run reads as a transcript.
    pub fn new(input: R, output: W, width: usize, echo: bool) -> Self {
        Plain {
            input,
            output,
            width,
            echo,
        }
    }

    /// What has been written so far (in-process tests read the transcript).
    pub fn output(&self) -> &W {
        &self.output
    }

    /// Prints `label`, reads lines until `parse` accepts one.
    fn ask<T>(
        &mut self,
        label: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, AskError> {
        loop {
            write!(self.output, "{label}> ")?;
            self.output.flush()?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                writeln!(self.output)?;
                return Err(AskError::EndOfInput);
            }
            if self.echo {
                writeln!(self.output, "{}", Untrusted::new(line.trim_end()))?;
            }
            match parse(line.trim_end_matches(['\n', '\r'])) {
                Ok(v) => {
                    return Ok(v);
                }
                // A hint may quote what was typed.
                Err(hint) => writeln!(self.output, "  ! {}", Untrusted::new(&hint))?,
            }
        }
    }
}

/// Reads option letters: `b`, `a, c`, `ac`, or `-` for none (when `many`).
pub fn parse_letters(input: &str, count: usize, many: bool) -> Result<Vec<usize>, String> {
    let last = letter(count.saturating_sub(1));
    let trimmed = input.trim();
    if many && (trimmed == "-" || trimmed.eq_ignore_ascii_case("none")) {
        return Ok(vec![]);
    }
    let letters: Vec<char> = trimmed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if letters.is_empty() {
        return Err(if many {
            format!("type the letters that apply (a-{last}), separated by commas, or - for none")
        } else {
            format!("type one letter from a to {last}")
        });
    }
    let mut picked = Vec::new();
    for c in letters {
        match screen::LETTERS.find(c) {
            Some(i) if i < count => {
                if !picked.contains(&i) {
                    picked.push(i);
                }
            }
            _ => return Err(format!("`{c}` is not one of the letters a to {last}")),
        }
    }
    if !many && picked.len() > 1 {
        return Err(format!("choose only one letter from a to {last}"));
    }
    Ok(picked)
}

/// Reads `t`/`f`, `true`/`false`, `yes`/`no`.
pub fn parse_true_false(input: &str) -> Result<bool, String> {
    match fold(input).as_str() {
        "t" | "true" | "y" | "yes" => Ok(true),
        "f" | "false" | "n" | "no" => Ok(false),
        _ => Err("type t for true or f for false".to_owned()),
    }
}

impl<R: BufRead, W: Write> Prompter for Plain<R, W> {
    fn show(&mut self, text: &str) -> io::Result<()> {
        self.output.write_all(text.as_bytes())?;
        self.output.flush()
    }

    fn single(&mut self, items: &[String]) -> Result<usize, AskError> {
        let n = items.len();
        self.ask("answer", |s| parse_letters(s, n, false).map(|v| v[0]))
    }

    fn multiple(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
        let n = items.len();
        self.ask("answers", |s| parse_letters(s, n, true))
    }

    fn true_false(&mut self) -> Result<bool, AskError> {
        self.ask("true or false", parse_true_false)
    }

    fn typed(
        &mut self,
        label: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, AskError> {
        self.ask(label, |s| check(s).map(|()| s.trim().to_owned()))
    }

    fn width(&self) -> usize {
        self.width
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, AskError> {
        let label = format!("{prompt} ({})", if default { "Y/n" } else { "y/N" });
        self.ask(&label, |s| {
            if s.trim().is_empty() {
                Ok(default)
            } else {
                parse_true_false(s).map_err(|_| "type y for yes or n for no".to_owned())
            }
        })
    }
}
