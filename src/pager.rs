//! Reading a whole article from a question's feedback, with the quotes highlighted.
//!
//! `$PAGER` is used when it is set (with `LESS=R` so highlighting survives
//! `less`); otherwise a small built-in scrolling view. Article text is shown
//! through [`crate::escape::visible`] like all other outside text.

use std::io::{self, Write};
use std::ops::Range;
use std::process::{Command, Stdio};

use console::{Key, Style, Term};
use unicode_width::UnicodeWidthStr;

use crate::cite::SourceText;
use crate::escape::{visible, Untrusted};

/// One display line: its text and the byte ranges in it to highlight.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text of the line.
    pub text: String,
    /// Highlighted byte ranges of `text`.
    pub marks: Vec<Range<usize>>,
}

/// Wraps `text` to `width` columns, carrying highlight ranges (byte ranges of
/// `text`) onto the lines they fall on.
pub fn layout(text: &str, highlights: &[Range<usize>], width: usize) -> Vec<Line> {
    let width = width.max(10);
    let mut lines = Vec::new();
    let mut offset = 0;
    for paragraph in text.split('\n') {
        let mut line = Line {
            text: String::new(),
            marks: Vec::new(),
        };
        let mut col = 0;
        let mut line_origin: Vec<(usize, usize)> = Vec::new(); // (line byte, text byte) per word
        let mut pos = 0;
        for word in paragraph.split(' ') {
            let start = offset + pos;
            pos += word.len() + 1;
            if word.is_empty() {
                continue;
            }
            let shown = visible(word);
            let w = shown.width();
            if col > 0 && col + 1 + w > width {
                finish(&mut line, &line_origin, highlights);
                lines.push(std::mem::replace(
                    &mut line,
                    Line {
                        text: String::new(),
                        marks: Vec::new(),
                    },
                ));
                line_origin.clear();
                col = 0;
            }
            if col > 0 {
                line.text.push(' ');
                col += 1;
            }
            // Words whose escapes change length cannot carry exact marks; the
            // article text is plain prose, so this only affects odd bytes.
            if shown.len() == word.len() {
                line_origin.push((line.text.len(), start));
            }
            line.text.push_str(&shown);
            col += w;
        }
        finish(&mut line, &line_origin, highlights);
        lines.push(line);
        offset += paragraph.len() + 1;
    }
    lines
}

/// Turns text-wide highlight ranges into ranges of this line.
fn finish(line: &mut Line, origin: &[(usize, usize)], highlights: &[Range<usize>]) {
    for (i, &(at, src)) in origin.iter().enumerate() {
        let end = origin
            .get(i + 1)
            .map_or(line.text.len(), |&(next, _)| next.saturating_sub(1));
        let word_len = end - at;
        for h in highlights {
            let s = h.start.max(src);
            let e = h.end.min(src + word_len);
            if s < e {
                let range = (at + s - src)..(at + e - src);
                match line.marks.last_mut() {
                    // Join with the previous word's mark across the space.
                    Some(last) if last.end + 1 == range.start => last.end = range.end,
                    _ => line.marks.push(range),
                }
            }
        }
    }
}

fn styled(line: &Line, style: &Style) -> String {
    let mut out = String::new();
    let mut at = 0;
    for m in &line.marks {
        out.push_str(&line.text[at..m.start]);
        out.push_str(&style.apply_to(&line.text[m.clone()]).to_string());
        at = m.end;
    }
    out.push_str(&line.text[at..]);
    out
}

/// Shows `source` in full, with `quotes` highlighted, until the reader leaves.
pub fn show(term: &Term, title: &str, source: &SourceText, quotes: &[&str]) -> io::Result<()> {
    let highlights: Vec<Range<usize>> = source.find_all(quotes).into_iter().flatten().collect();
    let (rows, cols) = term.size();
    let width = usize::from(cols).saturating_sub(1).clamp(20, 100);
    let lines = layout(&source.text, &highlights, width);
    let style = Style::new().reverse().bold().force_styling(true);
    if let Some(pager) = std::env::var_os("PAGER").filter(|p| !p.is_empty()) {
        let mut text = format!("{}\n\n", Untrusted::new(title));
        for line in &lines {
            text.push_str(&styled(line, &style));
            text.push('\n');
        }
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(&pager).stdin(Stdio::piped());
        if std::env::var_os("LESS").is_none() {
            cmd.env("LESS", "R");
        }
        if let Ok(mut child) = cmd.spawn() {
            if let Some(mut stdin) = child.stdin.take() {
                // A pager that quits early closes its input; that is fine.
                let _ = stdin.write_all(text.as_bytes());
            }
            child.wait()?;
            return Ok(());
        }
        // The pager could not start: fall back to the built-in view.
    }
    scroll(term, title, &lines, &style, usize::from(rows))
}

fn scroll(term: &Term, title: &str, lines: &[Line], style: &Style, rows: usize) -> io::Result<()> {
    let page = rows.saturating_sub(2).max(3);
    let last_top = lines.len().saturating_sub(page);
    let first_mark = lines.iter().position(|l| !l.marks.is_empty()).unwrap_or(0);
    let mut top = first_mark.saturating_sub(2).min(last_top);
    term.hide_cursor()?;
    let result = (|| -> io::Result<()> {
        loop {
            term.clear_screen()?;
            let header = format!(
                "{} · lines {}–{} of {} · ↑/↓ PgUp/PgDn Home/End · q returns to the quiz",
                Untrusted::new(title),
                top + 1,
                (top + page).min(lines.len()),
                lines.len()
            );
            term.write_line(
                &Style::new()
                    .bold()
                    .apply_to(console::truncate_str(&header, term.size().1 as usize, "…"))
                    .to_string(),
            )?;
            for line in lines.iter().skip(top).take(page) {
                term.write_line(&styled(line, style))?;
            }
            term.flush()?;
            match term.read_key()? {
                Key::ArrowDown | Key::Char('j') | Key::Enter => top = (top + 1).min(last_top),
                Key::ArrowUp | Key::Char('k') => top = top.saturating_sub(1),
                Key::PageDown | Key::Char(' ') => top = (top + page).min(last_top),
                Key::PageUp | Key::Char('b') => top = top.saturating_sub(page),
                Key::Home | Key::Char('g') => top = 0,
                Key::End | Key::Char('G') => top = last_top,
                Key::Char('q') | Key::Escape => return Ok(()),
                _ => {}
            }
        }
    })();
    term.clear_screen()?;
    term.show_cursor()?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_wraps_and_carries_marks_across_lines() {
        let text = "one two three four five\nsix seven";
        let start = text.find("three").unwrap();
        let end = text.find(" five").unwrap();
        let highlight = start..end;
        let lines = layout(text, std::slice::from_ref(&highlight), 10);
        let shown: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(shown, ["one two", "three four", "five", "six seven"]);
        assert_eq!(lines[1].marks, vec![0..10]);
        assert!(lines[0].marks.is_empty() && lines[2].marks.is_empty());
    }

    #[test]
    fn layout_escapes_control_characters() {
        let lines = layout("a \x1b[2J b", &[], 40);
        assert_eq!(lines[0].text, "a \\x1b[2J b");
    }
}
