//! Problems found in a file a person wrote, and how they are shown to that person.
//!
//! A [`Diagnostic`] holds a byte range into the file's text; [`render`] turns a
//! list of them into `path:line:col: message` lines, each followed by the
//! offending line with a caret under the place (drawn by annotate-snippets,
//! which handles multi-byte text) and a hint saying how to fix it.

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

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
pub fn render_with(path: &str, text: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in diagnostics {
        let label = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &d.span {
            Some(span) => {
                let start = floor_char_boundary(text, span.start.min(text.len()));
                let mut end = floor_char_boundary(text, span.end.min(text.len())).max(start);
                // Only underline the first line of a multi-line value.
                if let Some(nl) = text[start..end].find('\n') {
                    end = start + nl;
                }
                let (line, col) = line_col(text, start);
                let _ = writeln!(out, "{path}:{line}:{col}: {label}: {}", d.message);
                let level = match d.severity {
                    Severity::Error => Level::ERROR,
                    Severity::Warning => Level::WARNING,
                };
                let mut group = Group::with_level(level.clone().no_name()).element(
                    Snippet::source(text)
                        .line_start(1)
                        .fold(true)
                        .annotation(AnnotationKind::Primary.span(start..end)),
                );
                if let Some(help) = &d.help {
                    group = group.element(Level::HELP.message(help.as_str()));
                }
                if let Some(r) = &d.related {
                    group = group
                        .element(Level::NOTE.message(r.title.as_str()))
                        .element(
                            Snippet::source(r.excerpt.as_str())
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
                let _ = writeln!(out, "{path}: {label}: {}", d.message);
                if let Some(help) = &d.help {
                    let _ = writeln!(out, "  = help: {help}");
                }
            }
        }
    }
    out
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
    let mut more = Diagnostic::error(
        format!("… and {} more problems in this file", rest.len()),
        None,
    );
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
