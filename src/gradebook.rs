//! The gradebook: one row per sheet, one column per question, as a
//! spreadsheet reads it.
//!
//! Cells are plain text, so no cell can run as a formula: a cell that
//! begins with `=`, `+`, `-`, `@`, a tab or a carriage return (what
//! spreadsheets take for the start of a formula) is prefixed with `'`.
//! Writing the rows out (CSV, byte-order mark) belongs to the command line.

use crate::grade::Report;
use crate::points::Points;
use crate::quiz::Quiz;

/// A cell as a spreadsheet will show it, never as a formula.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The header row: name, sheet, submitted, one column per question (its
/// id, in the quiz's order), total, max, percent, passed.
pub fn header(quiz: &Quiz) -> Vec<String> {
    let mut row: Vec<String> = ["name", "sheet", "submitted"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    row.extend(quiz.questions.iter().map(|q| cell(&q.id)));
    row.extend(
        ["total", "max", "percent", "passed"]
            .iter()
            .map(|s| (*s).to_owned()),
    );
    row
}

/// What a row says about one sheet, besides its marks.
#[derive(Debug, Clone, Copy)]
pub struct Whose<'a> {
    /// The student's name, when the sheet carries one.
    pub name: Option<&'a str>,
    /// The sheet's file, as given.
    pub sheet: &'a str,
    /// When it was submitted, when known.
    pub submitted: Option<&'a str>,
}

/// One sheet's row: its marks per question, total, max, percentage (one
/// decimal) and `yes`/`no` for passed (empty without a pass mark).
pub fn row(whose: Whose<'_>, report: &Report) -> Vec<String> {
    let mut row = vec![
        cell(whose.name.unwrap_or("")),
        cell(whose.sheet),
        cell(whose.submitted.unwrap_or("")),
    ];
    row.extend(report.outcomes.iter().map(|o| Points(o.points).to_string()));
    row.push(Points(report.score).to_string());
    row.push(Points(report.max).to_string());
    row.push(format!("{:.1}", report.percent));
    row.push(
        match report.passed {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        }
        .to_owned(),
    );
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_made_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "'\rx");
        assert_eq!(cell("Ana = García"), "Ana = García");
        assert_eq!(cell(""), "");
    }
}
