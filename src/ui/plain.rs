//! Plain-line prompts: one answer per line, for scripts and pipes.
//!
//! dialoguer would read `/dev/tty` when standard input is not a terminal (and
//! hang a script), so plain mode never uses it: a prompt is printed, a line is
//! read, and a line that cannot be read as an answer is refused with a hint.
//! Each line read is echoed (escaped), so a scripted run reads as a transcript.

use std::io::{self, BufRead, Read, Write};

use super::{AskError, Prompter};
use crate::escape::Untrusted;
use crate::limits::ANSWER_LINE;
use crate::normalize::fold;
use crate::screen::{self, letter};

/// One line of input, as [`Plain::read_line`] read it.
enum Line {
    /// Input ended before any byte.
    End,
    /// A line over [`ANSWER_LINE`]: how many bytes it held, its line
    /// break included.
    TooLong(u64),
    /// The line, its line break included.
    Text(String),
}

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

    /// Reads one line, keeping at most [`ANSWER_LINE`] bytes of it: a longer
    /// line is read to its end without being kept, and only its length is
    /// returned.
    fn read_line(&mut self) -> io::Result<Line> {
        let mut bytes = Vec::new();
        let limit = ANSWER_LINE.bytes;
        (&mut self.input)
            .take(limit + 1)
            .read_until(b'\n', &mut bytes)?;
        if bytes.is_empty() {
            return Ok(Line::End);
        }
        if bytes.len() as u64 > limit {
            let mut length = bytes.len() as u64;
            if bytes.last() != Some(&b'\n') {
                length += self.skip_line()?;
            }
            return Ok(Line::TooLong(length));
        }
        String::from_utf8(bytes).map(Line::Text).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            )
        })
    }

    /// Reads the rest of a line without keeping it; returns how many bytes
    /// it held, its line break included.
    fn skip_line(&mut self) -> io::Result<u64> {
        let mut length = 0;
        loop {
            let buffer = self.input.fill_buf()?;
            if buffer.is_empty() {
                return Ok(length);
            }
            let (used, done) = match memchr::memchr(b'\n', buffer) {
                Some(i) => (i + 1, true),
                None => (buffer.len(), false),
            };
            self.input.consume(used);
            length += used as u64;
            if done {
                return Ok(length);
            }
        }
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
            let line = match self.read_line()? {
                Line::End => {
                    writeln!(self.output)?;
                    return Err(AskError::EndOfInput);
                }
                Line::TooLong(bytes) => {
                    writeln!(self.output)?;
                    let limit = ANSWER_LINE.over(Some(bytes));
                    writeln!(self.output, "  ! {limit}; type a shorter answer")?;
                    continue;
                }
                Line::Text(line) => line,
            };
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

/// Reads a matching answer: for each of `items` letters, the number of one
/// of `choices` choices, written `a2, b1` (or `a2 b1`, `a=2`); every item
/// once.
pub fn parse_pairs(input: &str, items: usize, choices: usize) -> Result<Vec<usize>, String> {
    let last = letter(items.saturating_sub(1));
    let hint =
        format!("pair every letter a to {last} with a number 1 to {choices}, such as a2, b1");
    let mut picked: Vec<Option<usize>> = vec![None; items];
    let cleaned: String = input
        .chars()
        .map(|c| {
            if c == ',' || c == '=' || c == ';' {
                ' '
            } else {
                c
            }
        })
        .collect();
    // Tokens such as `a2`, or `a` then `2`.
    let mut rest = cleaned.split_whitespace().peekable();
    while let Some(token) = rest.next() {
        let mut chars = token.chars();
        let Some(l) = chars.next().map(|c| c.to_ascii_lowercase()) else {
            continue;
        };
        let item = match screen::LETTERS.find(l) {
            Some(i) if i < items => i,
            _ => {
                return Err(format!(
                    "`{l}` is not one of the letters a to {last}; {hint}"
                ))
            }
        };
        let digits: String = match chars.as_str() {
            "" => rest.next().unwrap_or("").to_owned(),
            more => more.to_owned(),
        };
        let n: usize = digits
            .parse()
            .ok()
            .filter(|n| (1..=choices).contains(n))
            .ok_or_else(|| format!("`{l}` needs a number 1 to {choices}; {hint}"))?;
        if picked[item].replace(n - 1).is_some() {
            return Err(format!("`{l}` is paired twice; {hint}"));
        }
    }
    match picked.iter().position(Option::is_none) {
        Some(i) => Err(format!("`{}` is not paired yet; {hint}", letter(i))),
        None => Ok(picked.into_iter().flatten().collect()),
    }
}

/// Reads an order: every letter from `a` once, first to last (`c,a,b`).
pub fn parse_order(input: &str, count: usize) -> Result<Vec<usize>, String> {
    let last = letter(count.saturating_sub(1));
    let hint = format!("type every letter a to {last} once, first to last, such as c,a,b");
    let mut order = Vec::new();
    for c in input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .map(|c| c.to_ascii_lowercase())
    {
        match screen::LETTERS.find(c) {
            Some(i) if i < count && !order.contains(&i) => order.push(i),
            Some(i) if i < count => return Err(format!("`{c}` is given twice; {hint}")),
            _ => {
                return Err(format!(
                    "`{c}` is not one of the letters a to {last}; {hint}"
                ))
            }
        }
    }
    if order.len() < count {
        return Err(hint);
    }
    Ok(order)
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

    fn matching(&mut self, items: &[String], choices: &[String]) -> Result<Vec<usize>, AskError> {
        let (n, m) = (items.len(), choices.len());
        self.ask("pairs", |s| parse_pairs(s, n, m))
    }

    fn ordering(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
        let n = items.len();
        self.ask("order", |s| parse_order(s, n))
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

    /// A script answers line by line: nothing to wait for.
    fn pause(&mut self, _message: &str) -> Result<(), AskError> {
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_read_in_any_of_the_usual_spellings() {
        assert_eq!(parse_pairs("a2, b1, c3", 3, 3), Ok(vec![1, 0, 2]));
        assert_eq!(parse_pairs("A2 B1 C3", 3, 3), Ok(vec![1, 0, 2]));
        assert_eq!(parse_pairs("c=3; a=2 b 1", 3, 3), Ok(vec![1, 0, 2]));
        // Two items may share a choice.
        assert_eq!(parse_pairs("a1 b1", 2, 2), Ok(vec![0, 0]));
    }

    #[test]
    fn pairs_that_cannot_be_read_say_why() {
        let hint = "pair every letter a to b with a number 1 to 3, such as a2, b1";
        assert_eq!(
            parse_pairs("a2", 2, 3),
            Err(format!("`b` is not paired yet; {hint}"))
        );
        assert_eq!(
            parse_pairs("a2 a1 b1", 2, 3),
            Err(format!("`a` is paired twice; {hint}"))
        );
        assert_eq!(
            parse_pairs("a4 b1", 2, 3),
            Err(format!("`a` needs a number 1 to 3; {hint}"))
        );
        assert_eq!(
            parse_pairs("z1", 2, 3),
            Err(format!("`z` is not one of the letters a to b; {hint}"))
        );
    }

    #[test]
    fn an_order_names_every_letter_once() {
        assert_eq!(parse_order("c,a,b", 3), Ok(vec![2, 0, 1]));
        assert_eq!(parse_order(" C A B ", 3), Ok(vec![2, 0, 1]));
        let hint = "type every letter a to c once, first to last, such as c,a,b";
        assert_eq!(parse_order("c,a", 3), Err(hint.to_owned()));
        assert_eq!(
            parse_order("c,c,a", 3),
            Err(format!("`c` is given twice; {hint}"))
        );
        assert_eq!(
            parse_order("d,a,b", 3),
            Err(format!("`d` is not one of the letters a to c; {hint}"))
        );
    }
}
