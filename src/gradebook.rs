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
    use std::collections::BTreeMap;

    use super::*;
    use crate::grade::grade;
    use crate::load::parse;
    use crate::quiz::Response;

    const MINI: &str = include_str!("../tests/fixtures/mini.ron");

    fn mini() -> Quiz {
        parse::<Quiz>(MINI).expect("the fixture parses").value
    }

    #[test]
    fn the_header_has_one_column_per_question_between_who_and_the_totals() {
        let mut quiz = mini();
        quiz.questions[4].id = "=who".to_owned();
        assert_eq!(
            header(&quiz),
            [
                "name",
                "sheet",
                "submitted",
                "pick",
                "all",
                "tf",
                "count",
                "'=who",
                "total",
                "max",
                "percent",
                "passed"
            ]
        );
    }

    #[test]
    fn a_row_has_the_marks_of_each_question_and_the_totals() {
        let quiz = mini();
        let responses = BTreeMap::from([
            ("pick".to_owned(), Response::Choice("red".to_owned())),
            ("all".to_owned(), Response::Choices(vec!["a".to_owned()])),
            ("count".to_owned(), Response::Text("9".to_owned())),
        ]);
        let whose = Whose {
            name: Some("=Ana"),
            sheet: "sheets/ana.ron",
            submitted: Some("2026-01-01T10:00:00Z"),
        };
        // 1 + half of 2 + 1 of 6 points: 50%, under the pass mark of 60.
        assert_eq!(
            row(whose, &grade(&quiz, &responses)),
            [
                "'=Ana",
                "sheets/ana.ron",
                "2026-01-01T10:00:00Z",
                "1",
                "1",
                "0",
                "1",
                "0",
                "3",
                "6",
                "50.0",
                "no"
            ]
        );
        let all_right = BTreeMap::from([
            ("pick".to_owned(), Response::Choice("red".to_owned())),
            (
                "all".to_owned(),
                Response::Choices(vec!["a".to_owned(), "b".to_owned()]),
            ),
            ("tf".to_owned(), Response::Bool(true)),
            ("count".to_owned(), Response::Text("9".to_owned())),
            ("who".to_owned(), Response::Text("Calderón".to_owned())),
        ]);
        let anonymous = Whose {
            name: None,
            sheet: "-x.ron",
            submitted: None,
        };
        assert_eq!(
            row(anonymous, &grade(&quiz, &all_right)),
            ["", "'-x.ron", "", "1", "2", "1", "1", "1", "6", "6", "100.0", "yes"]
        );
        let mut no_pass_mark = mini();
        no_pass_mark.pass_mark = None;
        let report = grade(&no_pass_mark, &BTreeMap::new());
        assert_eq!(row(anonymous, &report)[8..], ["0", "6", "0.0", ""]);
    }

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
