//! Reading a whole article (before answering, or from a question's
//! feedback, with the quotes highlighted), and `lateral review`'s long
//! report on a terminal.
//!
//! `$PAGER` is used when it is set (with `LESS=R` so highlighting survives
//! `less`); otherwise a small built-in view on the alternate screen, so the
//! quiz's screen is untouched underneath, with a help line (keys, how far
//! through, what `q` does) that fits any width. Article text is shown
//! through [`crate::escape::visible`] like all other outside text, titles
//! through [`crate::escape::one_line`].

use std::io::{self, Write};
use std::ops::Range;
use std::process::{Command, Stdio};

use console::{Key, Style, Term};
use unicode_width::UnicodeWidthStr;

use crate::cite::SourceText;
use crate::escape::{one_line, visible, Untrusted};
use crate::ui::interrupt;

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

/// Shows `source` in full, with `quotes` highlighted, until the reader
/// leaves with `q` (back to the quiz, which the caller draws again).
pub fn show(term: &Term, title: &str, source: &SourceText, quotes: &[&str]) -> io::Result<()> {
    let highlights: Vec<Range<usize>> = source.find_all(quotes).into_iter().flatten().collect();
    let style = Style::new().reverse().bold().force_styling(true);
    if std::env::var_os("PAGER").is_some_and(|p| !p.is_empty()) {
        let width = usize::from(term.size().1).saturating_sub(1).clamp(20, 100);
        let mut text = format!("{}\n\n", Untrusted::new(title));
        for line in &layout(&source.text, &highlights, width) {
            text.push_str(&styled(line, &style));
            text.push('\n');
        }
        if let Some(done) = external(&text) {
            return done;
        }
    }
    let lay = |width: usize| {
        let lines = layout(&source.text, &highlights, width);
        let first_mark = lines.iter().position(|l| !l.marks.is_empty()).unwrap_or(0);
        Laid {
            lines: lines.iter().map(|l| styled(l, &style)).collect(),
            // A little before the first quote, so it is seen in its context.
            start: first_mark.saturating_sub(2),
        }
    };
    view(term, title, &BACK_TO_QUIZ, &lay)
}

/// Shows a screen of text taller than the terminal (`lateral review`),
/// drawn by `draw` at the width it is given, until the reader quits.
/// `$PAGER` is used when it is set, like for the sources; otherwise the
/// built-in view, the same keys as for a source. Ctrl-C leaves it like `q`.
pub fn page_screen(term: &Term, title: &str, draw: &dyn Fn(usize) -> String) -> io::Result<()> {
    if std::env::var_os("PAGER").is_some_and(|p| !p.is_empty()) {
        let width = usize::from(term.size().1).saturating_sub(1).clamp(19, 100);
        if let Some(done) = external(&draw(width)) {
            return done;
        }
    }
    // Ctrl-C in the view arrives as a key, and console raises SIGINT too:
    // a handler keeps that from killing the process on the alternate screen.
    static SIGINT: std::sync::Once = std::sync::Once::new();
    SIGINT.call_once(|| {
        let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, flag);
    });
    let lay = |width: usize| Laid {
        lines: draw(width.max(40))
            .lines()
            .map(|l| console::truncate_str(l, width, "…").into_owned())
            .collect(),
        start: 0,
    };
    match view(term, title, &QUIT, &lay) {
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(()),
        other => other,
    }
}

/// Pipes `text` to `$PAGER` (with `LESS=R`, so highlighting survives
/// `less`); `None` when it could not be started.
fn external(text: &str) -> Option<io::Result<()>> {
    let pager = std::env::var_os("PAGER")?;
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(&pager).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "R");
    }
    let mut child = cmd.spawn().ok()?;
    if let Some(mut stdin) = child.stdin.take() {
        // A pager that quits early closes its input; that is fine.
        let _ = stdin.write_all(text.as_bytes());
    }
    Some(child.wait().map(|_| ()))
}

/// What the help line says `q` does: in full, and in short for a narrow terminal.
pub struct Back {
    long: &'static str,
    short: &'static str,
}

/// `q` in the sources' pager.
pub const BACK_TO_QUIZ: Back = Back {
    long: "q returns to the quiz",
    short: "q to return",
};

/// `q` in `review`'s pager.
pub const QUIT: Back = Back {
    long: "q quits",
    short: "q quits",
};

/// The help line at the top of the built-in view, within `width` columns:
/// the keys, how far through the text the page ends (`percent`), what `q`
/// does, and the title, cut to what is left so that it never pushes the
/// help off. The fullest help that fits is chosen; on a narrow terminal the
/// keys go first, then the title, then the long words for `q`.
pub fn help_line(title: &str, percent: usize, back: &Back, width: usize) -> String {
    let helps = [
        format!("{percent}% · ↑/↓ PgUp/PgDn Home/End · {}", back.long),
        format!("{percent}% · ↑/↓ PgUp/PgDn · {}", back.long),
        format!("{percent}% · ↑/↓ · {}", back.long),
        format!("{percent}% · {}", back.long),
        format!("{percent}% · {}", back.short),
    ];
    let title = one_line(title);
    // Room for at least a few words of the title before the help.
    const TITLE: usize = 12;
    // With the title, only while the keys are shown too.
    for help in &helps[..3] {
        let used = help.width() + " · ".width();
        if used + TITLE.min(title.width()) <= width {
            let room = width - used;
            return format!("{} · {help}", crate::ui::cut(&title, room));
        }
    }
    match helps.iter().find(|h| h.width() <= width) {
        Some(help) => help.clone(),
        None => console::truncate_str(&helps[4], width, "").into_owned(),
    }
}

/// A text laid out at a width for the built-in view.
struct Laid {
    /// The lines, styled, each within the width.
    lines: Vec<String>,
    /// The line to open at.
    start: usize,
}

/// The built-in view, on the alternate screen: the screen it was opened
/// from is left as it was, and comes back on `q`, Esc or Ctrl-C (or any
/// stop: `ui::interrupt` leaves the alternate screen too). The help line
/// stays at the top; the text is laid out again when the width changes.
fn view(term: &Term, title: &str, back: &Back, lay: &dyn Fn(usize) -> Laid) -> io::Result<()> {
    interrupt::enter_alternate_screen()?;
    term.hide_cursor()?;
    let result = (|| -> io::Result<()> {
        let mut laid: Option<(usize, Laid)> = None;
        let mut top = 0;
        loop {
            let (rows, cols) = term.size();
            let cols = usize::from(cols).max(1);
            let width = cols.saturating_sub(1).clamp(10, 100);
            match &laid {
                Some((at, _)) if *at == width => {}
                _ => {
                    let new = lay(width);
                    top = match &laid {
                        // The same place in the text, as near as the new lines allow.
                        Some((_, old)) => top * new.lines.len() / old.lines.len().max(1),
                        None => new.start,
                    };
                    laid = Some((width, new));
                }
            }
            let Some((_, text)) = &laid else {
                continue;
            };
            let lines = &text.lines;
            // The help line, then a page of text: never more rows than the terminal's.
            let page = usize::from(rows).saturating_sub(1).max(1);
            let last_top = lines.len().saturating_sub(page);
            top = top.min(last_top);
            let end = (top + page).min(lines.len());
            let percent = if lines.is_empty() {
                100
            } else {
                end * 100 / lines.len()
            };
            let help = help_line(title, percent, back, cols.saturating_sub(1).max(1));
            let mut screen = format!(
                "\x1b[H\x1b[J{}",
                Style::new().bold().reverse().apply_to(help)
            );
            for line in &lines[top..end] {
                screen.push_str("\r\n");
                screen.push_str(line);
            }
            term.write_str(&screen)?;
            term.flush()?;
            match term.read_key()? {
                Key::ArrowDown | Key::Char('j') | Key::Enter => top = (top + 1).min(last_top),
                Key::ArrowUp | Key::Char('k') => top = top.saturating_sub(1),
                Key::PageDown | Key::Char(' ') => top = (top + page).min(last_top),
                Key::PageUp | Key::Char('b') => top = top.saturating_sub(page),
                Key::Home | Key::Char('g') => top = 0,
                Key::End | Key::Char('G') => top = last_top,
                Key::Char('q') | Key::Char('Q') | Key::Escape => return Ok(()),
                _ => {}
            }
        }
    })();
    let _ = term.show_cursor();
    interrupt::leave_alternate_screen()?;
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
    fn the_help_line_fits_every_width_and_the_title_gives_way() {
        let title = "Photo of flooded airport shared as new was taken in 2017";
        let at = |w| help_line(title, 40, &BACK_TO_QUIZ, w);
        assert_eq!(
            at(200),
            "Photo of flooded airport shared as new was taken in 2017 · 40% · ↑/↓ PgUp/PgDn Home/End · q returns to the quiz"
        );
        assert_eq!(
            at(80),
            "Photo of flooded airport… · 40% · ↑/↓ PgUp/PgDn Home/End · q returns to the quiz"
        );
        assert_eq!(at(50), "Photo of… · 40% · ↑/↓ · q returns to the quiz");
        assert_eq!(at(39), "40% · ↑/↓ · q returns to the quiz");
        assert_eq!(at(30), "40% · q returns to the quiz");
        assert_eq!(at(19), "40% · q to return");
        for w in 19..=249 {
            let line = at(w);
            assert!(line.width() <= w, "{w}: {line}");
            assert!(line.contains("40%") && line.contains("q "), "{w}: {line}");
        }
    }

    #[test]
    fn a_title_is_shown_escaped_on_one_line() {
        assert_eq!(
            help_line("a\x1b[2Jb\nc", 100, &QUIT, 60),
            "a\\x1b[2Jb c · 100% · ↑/↓ PgUp/PgDn Home/End · q quits"
        );
    }

    #[test]
    fn layout_escapes_control_characters() {
        let lines = layout("a \x1b[2J b", &[], 40);
        assert_eq!(lines[0].text, "a \\x1b[2J b");
    }
}
