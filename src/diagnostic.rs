//! Problems found in a file a person wrote, and how they are shown to that person.
//!
//! A [`Diagnostic`] holds a byte range into the file's text; [`render`] turns a
//! list of them into `path:line:col: message` lines, each followed by the
//! offending line with a caret under the place (drawn by annotate-snippets,
//! which handles multi-byte text) and a hint saying how to fix it.

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::escape::{one_line, Escaped};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be used as it is.
    Error,
    /// The file works, but probably not as meant.
    Warning,
}

/// One problem at one place in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in a sentence.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// Byte range of the offending text, when there is one.
    pub span: Option<Range<usize>>,
    /// Another file's text that explains the problem (the passage a quote
    /// was probably meant to copy, say).
    pub related: Option<Box<Related>>,
    /// For the line that stands for the problems past the cap: how many
    /// errors and warnings it stands for, so a file's count stays true.
    pub omitted: Option<(usize, usize)>,
}

/// An excerpt of another file, shown under a diagnostic with marks on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// What the excerpt is, e.g. "closest passage in a.txt".
    pub title: String,
    /// The file the excerpt comes from, as shown.
    pub path: String,
    /// Whole lines of that file.
    pub excerpt: String,
    /// Line number of the excerpt's first line.
    pub line_start: usize,
    /// Byte ranges in `excerpt` to mark, each with a label.
    pub marks: Vec<(Range<usize>, String)>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            help: None,
            span,
            related: None,
            omitted: None,
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Byte offset of a 1-based line and character column in `text`.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    rest[..line_end]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(start + line_end, |(i, _)| start + i)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Renders every diagnostic for the file `path` whose contents are `text`.
pub fn render(path: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    render_with(path, text, diagnostics, false)
}

/// [`render`], with the carets and labels in colour when `color` is set.
///
/// Everything shown comes from files, so all of it is escaped
/// ([`crate::escape`]): the path, the message and help (which quote the
/// file's values), and the quoted lines, whose spans are moved onto the
/// escaped text so each caret stays under the characters it marks.
pub fn render_with(path: &str, text: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let path = one_line(path);
    for d in diagnostics {
        let label = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let message = one_line(&d.message);
        let help = d.help.as_deref().map(one_line);
        match &d.span {
            Some(span) => {
                let start = floor_char_boundary(text, span.start.min(text.len()));
                let mut end = floor_char_boundary(text, span.end.min(text.len())).max(start);
                // Only underline the first line of a multi-line value.
                if let Some(nl) = text[start..end].find('\n') {
                    end = start + nl;
                }
                let (line, col) = line_col(text, start);
                let _ = writeln!(out, "{path}:{line}:{col}: {label}: {message}");
                let level = match d.severity {
                    Severity::Error => Level::ERROR,
                    Severity::Warning => Level::WARNING,
                };
                // Only the offending line is drawn (a window of it when it is
                // very long), so a problem costs the same in a large file.
                let lines = line_around(text, start, end);
                let source = Escaped::new(&text[lines.clone()]);
                let mut group = Group::with_level(level.clone().no_name()).element(
                    Snippet::source(source.text.as_str())
                        .line_start(line)
                        .fold(true)
                        .annotation(
                            AnnotationKind::Primary
                                .span(source.range(start - lines.start..end - lines.start)),
                        ),
                );
                if let Some(help) = &help {
                    group = group.element(Level::HELP.message(help.as_str()));
                }
                let related = d.related.as_deref().map(RelatedShown::new);
                if let Some(r) = &related {
                    group = group
                        .element(Level::NOTE.message(r.title.as_str()))
                        .element(
                            Snippet::source(r.excerpt.text.as_str())
                                .path(r.path.as_str())
                                .line_start(r.line_start)
                                .fold(false)
                                .annotations(r.marks.iter().map(|(span, label)| {
                                    AnnotationKind::Primary
                                        .span(span.clone())
                                        .label(label.as_str())
                                })),
                        );
                }
                let _ = writeln!(out, "{}", renderer.render(&[group]));
            }
            None => {
                let _ = writeln!(out, "{path}: {label}: {message}");
                if let Some(help) = &help {
                    let _ = writeln!(out, "  = help: {help}");
                }
            }
        }
    }
    out
}

/// Lines longer than this are drawn as a window around the problem.
const LONG_LINE: usize = 1000;

/// The range of `text` to draw for a problem at `start..end` (within one
/// line): that line, or, when it is very long, about 200 bytes either side.
fn line_around(text: &str, start: usize, end: usize) -> Range<usize> {
    let begin = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let finish = text[end..].find('\n').map_or(text.len(), |i| end + i);
    if finish - begin <= LONG_LINE {
        return begin..finish;
    }
    let from = floor_char_boundary(text, start.saturating_sub(200).max(begin));
    let mut to = (end + 200).min(finish);
    while !text.is_char_boundary(to) {
        to += 1;
    }
    from..to
}

/// A [`Related`] excerpt made safe to show: every part escaped, the marks
/// moved onto the escaped excerpt.
struct RelatedShown {
    title: String,
    path: String,
    excerpt: Escaped,
    line_start: usize,
    marks: Vec<(Range<usize>, String)>,
}

impl RelatedShown {
    fn new(r: &Related) -> Self {
        let excerpt = Escaped::new(&r.excerpt);
        let marks = r
            .marks
            .iter()
            .map(|(span, label)| {
                let start = floor_char_boundary(&r.excerpt, span.start.min(r.excerpt.len()));
                let end = floor_char_boundary(&r.excerpt, span.end.min(r.excerpt.len())).max(start);
                (excerpt.range(start..end), one_line(label))
            })
            .collect();
        RelatedShown {
            title: one_line(&r.title),
            path: one_line(&r.path),
            excerpt,
            line_start: r.line_start,
            marks,
        }
    }
}

/// The candidate closest to `wanted`, if it is close enough to be a likely typo.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let wanted_len = wanted_lower.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let len = c.chars().count();
            // Close, and not a complete rewrite of a very short name.
            let most = 2.max(len / 3).min(wanted_len.saturating_sub(1));
            // Names whose lengths differ by more than that cannot be close:
            // skip them without comparing letter by letter.
            if len.abs_diff(wanted_len) > most {
                return None;
            }
            let d = strsim::osa_distance(&wanted_lower, &c.to_lowercase());
            (d <= most).then_some((d, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// How many valid names a hint lists before saying how many more there are.
pub const MAX_LISTED: usize = 8;

/// "did you mean `x`? " (or nothing) followed by the valid names: the first
/// [`MAX_LISTED`], then how many more there are.
pub fn suggestion<'a>(
    wanted: &str,
    what: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let mut names: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in candidates.clone() {
        if seen.insert(c) {
            names.push(c);
        }
    }
    let mut list = names
        .iter()
        .take(MAX_LISTED)
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > MAX_LISTED {
        let _ = write!(list, " and {} more", names.len() - MAX_LISTED);
    }
    if names.is_empty() {
        list = "none".to_owned();
    }
    match nearest(wanted, candidates) {
        Some(n) => format!("did you mean `{n}`? {what}: {list}"),
        None => format!("{what}: {list}"),
    }
}

/// How many errors and warnings `diagnostics` stand for, counting those a
/// line past the cap ([`cap`]) stands for.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let (mut errors, mut warnings) = (0, 0);
    for d in diagnostics {
        match (d.omitted, d.is_error()) {
            (Some((e, w)), _) => (errors, warnings) = (errors + e, warnings + w),
            (None, true) => errors += 1,
            (None, false) => warnings += 1,
        }
    }
    (errors, warnings)
}

/// How many problems are reported for one file: enough to fix in one
/// sitting; a file with thousands is probably not the right file.
pub const MAX_PER_FILE: usize = 50;

/// The first `most` of `diagnostics`, then, if there were more, one line
/// saying how many (an error if any of them is one).
pub fn cap(mut diagnostics: Vec<Diagnostic>, most: usize) -> Vec<Diagnostic> {
    if diagnostics.len() <= most {
        return diagnostics;
    }
    let rest = diagnostics.split_off(most);
    let errors = rest.iter().filter(|d| d.is_error()).count();
    let mut more = Diagnostic::error(
        format!("… and {} more problems in this file", rest.len()),
        None,
    );
    more.omitted = Some((errors, rest.len() - errors));
    if !rest.iter().any(Diagnostic::is_error) {
        more.severity = Severity::Warning;
    }
    diagnostics.push(more);
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nÉé x";
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 4));
        assert_eq!(offset_of(text, 2, 4), text.find('x').unwrap());
        assert_eq!(offset_of(text, 9, 1), text.len());
    }

    #[test]
    fn renders_path_line_col_caret_and_help() {
        let text = "(\n  id: \"é\",\n  promt: 1,\n)\n";
        let at = text.find("promt").unwrap();
        let d = Diagnostic::error("unknown field `promt`", Some(at..at + 5))
            .with_help("did you mean `prompt`?");
        let shown = render("q.ron", text, &[d]);
        assert_eq!(
            shown,
            "q.ron:3:3: error: unknown field `promt`\n  |\n3 |   promt: 1,\n  |   ^^^^^\n  |\n  = help: did you mean `prompt`?\n"
        );
    }

    #[test]
    fn hostile_lines_are_escaped_and_the_caret_still_points_at_the_field() {
        let text = "(\n  title: \"\x1b[2J\u{202e}\u{9b}31m\", promt: \"\x1b]0;pwned\x07\",\n)\n";
        let at = text.find("promt").unwrap();
        let d = Diagnostic::error("unknown field `promt\x1b[2J`", Some(at..at + 5))
            .with_help("did you mean `prompt`? not `\u{2066}x\u{200b}`");
        let shown = render("q\x1b[31m.ron", text, &[d]);
        assert_eq!(
            shown,
            "q\\x1b[31m.ron:2:23: error: unknown field `promt\\x1b[2J`\n  |\n2 |   title: \"\\x1b[2J\\u{202e}\\u{9b}31m\", promt: \"\\x1b]0;pwned\\x07\",\n  |                                      ^^^^^\n  |\n  = help: did you mean `prompt`? not `\\u{2066}x\\u{200b}`\n"
        );
        assert_terminal_safe(&shown);
    }

    #[test]
    fn a_hostile_related_excerpt_is_escaped_with_its_marks_in_place() {
        let text = "(\n  quote: \"word\",\n)\n";
        let at = text.find("\"word").unwrap();
        let excerpt = "\x1b[2J\u{202e}the \u{85}werd here\u{2028}".to_owned();
        let w = excerpt.find("werd").unwrap();
        let mut d = Diagnostic::error("citation quote not found in a\x07.txt", Some(at..at + 6));
        d.related = Some(Box::new(Related {
            title: "closest passage in a\x07.txt:".to_owned(),
            path: "a\x07.txt".to_owned(),
            excerpt,
            line_start: 4,
            marks: vec![(w..w + 4, "the quote has `word\x1b`".to_owned())],
        }));
        let shown = render("q.ron", text, &[d]);
        assert_eq!(
            shown,
            "q.ron:2:10: error: citation quote not found in a\\x07.txt\n  |\n2 |   quote: \"word\",\n  |          ^^^^^^\n  |\n  = note: closest passage in a\\x07.txt:\n  |\n ::: a\\x07.txt:4:26\n  |\n4 | \\x1b[2J\\u{202e}the \\u{85}werd here\\u{2028}\n  |                          ^^^^ the quote has `word\\x1b`\n"
        );
        assert_terminal_safe(&shown);
    }

    /// No control character but the line break, no C1, bidi or invisible character.
    fn assert_terminal_safe(shown: &str) {
        for c in shown.chars() {
            let bad = (c.is_control() && c != '\n')
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{61c}');
            assert!(!bad, "{c:?} in {shown}");
        }
    }

    #[test]
    fn nearest_finds_typos_only() {
        assert_eq!(nearest("cbs2", ["cbs", "nydn", "hill"]), Some("cbs"));
        assert_eq!(nearest("zzzzzz", ["cbs", "nydn"]), None);
        assert_eq!(nearest("c", ["a", "b"]), None);
        assert_eq!(
            suggestion("cbs2", "declared", ["cbs", "cbs", "nydn"]),
            "did you mean `cbs`? declared: `cbs`, `nydn`"
        );
        assert_eq!(suggestion("q", "questions", []), "questions: none");
    }

    #[test]
    fn a_long_list_of_names_is_cut_short() {
        let names: Vec<String> = (1..=8000).map(|i| format!("q-{i}")).collect();
        assert_eq!(
            suggestion("q-12x", "questions", names.iter().map(String::as_str)),
            "did you mean `q-12`? questions: `q-1`, `q-2`, `q-3`, `q-4`, `q-5`, `q-6`, `q-7`, `q-8` and 7992 more"
        );
    }

    #[test]
    fn problems_past_the_cap_are_counted_on_one_line() {
        let warning = |m: &str| Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(m, None)
        };
        let few = vec![warning("a"), warning("b")];
        assert_eq!(cap(few.clone(), 2), few);
        let shown = cap(vec![warning("a"), warning("b"), warning("c")], 1);
        assert_eq!(
            render("q.ron", "", &shown),
            "q.ron: warning: a\nq.ron: warning: … and 2 more problems in this file\n"
        );
        let shown = cap(
            vec![warning("a"), warning("b"), Diagnostic::error("c", None)],
            1,
        );
        assert_eq!(shown[1].severity, Severity::Error);
    }
}
