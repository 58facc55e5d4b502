//! Answer-key tests: proof that a quiz's key does what its author meant.
//!
//! Two sorts run together. The author's own cases from the quiz file (this
//! response must be accepted, that one rejected), and checks lateral makes of
//! every quiz: the key's own responses earn full marks, and every wrong option
//! of a choice question, chosen alone, earns nothing.

use crate::grade::credit;
use crate::points::Points;
use crate::quiz::{Expect, Kind, Quiz, Response};
use crate::sheet::correct_response;

/// The result of one answer-key test.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTestResult {
    /// What was tested, for the report.
    pub name: String,
    /// Whether it passed.
    pub passed: bool,
    /// Why it failed (empty when it passed).
    pub detail: String,
}

/// Runs every answer-key test of `quiz`: lateral's own checks, then the file's cases.
pub fn run(quiz: &Quiz) -> Vec<KeyTestResult> {
    let mut results = Vec::new();
    // A reflection is not scored, so it has no key to test.
    for q in quiz
        .questions
        .iter()
        .filter(|q| !matches!(q.kind, Kind::Reflection { .. }))
    {
        let key = correct_response(q);
        let got = credit(&q.kind, &key);
        results.push(KeyTestResult {
            name: format!("{}: the key earns full marks", q.id),
            passed: got >= 1.0,
            detail: format!(
                "the key's response {} earns {} of the points",
                describe(&key),
                Points(got)
            ),
        });
        let (options, right): (&[crate::quiz::Choice], Vec<&str>) = match &q.kind {
            Kind::Single { options, answer } => (options, vec![answer.as_str()]),
            Kind::Multiple { options, answers } => {
                (options, answers.iter().map(String::as_str).collect())
            }
            _ => continue,
        };
        for o in options.iter().filter(|o| !right.contains(&o.id.as_str())) {
            let alone = match q.kind {
                Kind::Single { .. } => Response::Choice(o.id.clone()),
                _ => Response::Choices(vec![o.id.clone()]),
            };
            let got = credit(&q.kind, &alone);
            results.push(KeyTestResult {
                name: format!("{}: wrong option `{}` earns nothing", q.id, o.id),
                passed: got == 0.0,
                detail: format!("it earns {} of the points", Points(got)),
            });
        }
    }
    let questions = quiz.questions_by_id();
    for t in &quiz.tests {
        let Some(&q) = questions.get(t.question.as_str()) else {
            results.push(KeyTestResult {
                name: format!("{}: {}", t.question, describe(&t.response)),
                passed: false,
                detail: format!("no question `{}` in the quiz", t.question),
            });
            continue;
        };
        let got = credit(&q.kind, &t.response);
        let accepted = got >= 1.0;
        let (verb, passed) = match t.expect {
            Expect::Accept => ("accepted", accepted),
            Expect::Reject => ("rejected", !accepted),
        };
        results.push(KeyTestResult {
            name: format!("{}: {} is {verb}", q.id, describe(&t.response)),
            passed,
            detail: if accepted {
                "the key accepts it".to_owned()
            } else {
                format!("the key rejects it (earns {} of the points)", Points(got))
            },
        });
    }
    for r in &mut results {
        if r.passed {
            r.detail.clear();
        }
    }
    results
}

/// A response as a short phrase for reports.
pub fn describe(r: &Response) -> String {
    match r {
        Response::Choice(id) => format!("option `{id}`"),
        Response::Choices(ids) if ids.is_empty() => "no options".to_owned(),
        Response::Choices(ids) => format!(
            "options {}",
            ids.iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Response::Bool(b) => format!("`{b}`"),
        Response::Text(t) => format!("{:?}", crate::escape::one_line(t)),
        Response::Pairs(pairs) => format!(
            "pairs {}",
            pairs
                .iter()
                .map(|(i, c)| format!("`{i}` → `{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Response::Order(ids) => format!(
            "order {}",
            ids.iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::load::parse;

    const MINI: &str = include_str!("../tests/fixtures/mini.ron");

    /// The mini quiz with `tests` added to the cases it carries.
    fn mini_with(tests: &str) -> Quiz {
        let text = MINI.replacen("tests: [", &format!("tests: [\n{tests}"), 1);
        parse::<Quiz>(&text).expect("the fixture parses").value
    }

    fn names(results: &[KeyTestResult]) -> Vec<&str> {
        results.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn every_key_and_wrong_option_is_checked_then_the_file_cases() {
        let results = run(&mini_with(""));
        assert_eq!(
            names(&results),
            [
                "pick: the key earns full marks",
                "pick: wrong option `blue` earns nothing",
                "pick: wrong option `green` earns nothing",
                "all: the key earns full marks",
                "all: wrong option `none` earns nothing",
                "tf: the key earns full marks",
                "count: the key earns full marks",
                "who: the key earns full marks",
                "who: \"calderon\" is accepted",
                "who: \"Sarukhan\" is rejected",
                "count: \"nine minutes\" is accepted",
            ]
        );
        assert!(results.iter().all(|r| r.passed && r.detail.is_empty()));
    }

    #[test]
    fn a_case_the_key_disagrees_with_fails_saying_why() {
        let results = run(&mini_with(
            r#"(question: "pick", response: Choice("blue"), expect: Accept),
               (question: "pick", response: Choice("red"), expect: Reject),
               (question: "all", response: Choices(["a"]), expect: Accept),
               (question: "gone", response: Choices([]), expect: Reject),"#,
        ));
        let failed: Vec<(&str, &str)> = results
            .iter()
            .filter(|r| !r.passed)
            .map(|r| (r.name.as_str(), r.detail.as_str()))
            .collect();
        assert_eq!(
            failed,
            [
                (
                    "pick: option `blue` is accepted",
                    "the key rejects it (earns 0 of the points)"
                ),
                ("pick: option `red` is rejected", "the key accepts it"),
                (
                    "all: options `a` is accepted",
                    "the key rejects it (earns 0.5 of the points)"
                ),
                ("gone: no options", "no question `gone` in the quiz"),
            ]
        );
        assert_eq!(results.len(), 15);
    }

    #[test]
    fn responses_are_described_in_short_phrases() {
        let ids = |ids: &[&str]| ids.iter().map(|&i| i.to_owned()).collect::<Vec<_>>();
        assert_eq!(describe(&Response::Choice("a".into())), "option `a`");
        assert_eq!(describe(&Response::Choices(vec![])), "no options");
        assert_eq!(describe(&Response::Choices(ids(&["a"]))), "options `a`");
        assert_eq!(
            describe(&Response::Choices(ids(&["a", "b"]))),
            "options `a`, `b`"
        );
        assert_eq!(describe(&Response::Bool(false)), "`false`");
        assert_eq!(describe(&Response::Text("Calderón".into())), "\"Calderón\"");
        let pairs = BTreeMap::from([
            ("tuesday".to_owned(), "a".to_owned()),
            ("noon".to_owned(), "b".to_owned()),
        ]);
        assert_eq!(
            describe(&Response::Pairs(pairs)),
            "pairs `noon` → `b`, `tuesday` → `a`"
        );
        assert_eq!(
            describe(&Response::Order(ids(&["met", "left"]))),
            "order `met`, `left`"
        );
    }
}
