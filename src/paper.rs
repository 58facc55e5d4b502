//! Exam papers: the student edition of a quiz, with nothing that gives the
//! key away.
//!
//! A quiz file holds its answers, so handing it out hands out the key. A
//! [`Paper`] holds only what a student needs to answer: the title and
//! instructions, each question's prompt, points and options (ids and text),
//! how typed numbers are read, the sources (ids, headlines, files), the pass
//! mark, and the quiz's fingerprint, so that the sheets students hand in can
//! be matched to the quiz they were written for. No correct answer, accepted
//! text, tolerance, option feedback, explanation, citation or answer-key test
//! is copied into it: the types below have no field to hold one.

use serde::{Deserialize, Serialize};

use crate::attempt::fingerprint;
use crate::quiz::{Choice, Kind, Question, Quiz, Source};

/// The only paper format version this build reads and writes.
pub const PAPER_FORMAT: u32 = 1;

/// The student edition of a quiz.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paper {
    /// Paper format version (the field that tells a paper from a quiz).
    pub paper: u32,
    /// The quiz's id.
    pub quiz: String,
    /// The quiz's title.
    pub title: String,
    /// What the quiz is about, shown before the first question.
    pub instructions: String,
    /// Percentage needed to pass, if the quiz has a pass mark.
    #[serde(default)]
    pub pass_mark: Option<f64>,
    /// sha256 of the quiz's questions and key: a sheet answers this paper
    /// only if it carries the same fingerprint.
    pub fingerprint: String,
    /// The articles, so students can read them.
    pub sources: Vec<PaperSource>,
    /// The questions, in the quiz's order.
    pub questions: Vec<PaperQuestion>,
}

/// A source as a student sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperSource {
    /// The source's id.
    pub id: String,
    /// Its headline.
    pub headline: String,
    /// Its file inside the sources folder.
    pub file: String,
}

/// A question without its key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperQuestion {
    /// The question's id.
    pub id: String,
    /// What is asked.
    pub prompt: String,
    /// Points for a full answer.
    pub points: f64,
    /// How it is answered.
    pub kind: PaperKind,
}

/// How a question is answered, without what the right answer is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum PaperKind {
    /// One option.
    Single {
        /// The options (id and text only).
        options: Vec<PaperOption>,
    },
    /// Every option that applies.
    Multiple {
        /// The options (id and text only).
        options: Vec<PaperOption>,
    },
    /// True or false.
    TrueFalse,
    /// A typed number, read with these rules.
    Number {
        /// The unit the number is in.
        #[serde(default)]
        unit: Option<String>,
        /// Other spellings of the unit.
        #[serde(default)]
        unit_aliases: Vec<String>,
        /// Whether number words are read.
        words: bool,
    },
    /// A short typed answer.
    Text,
    /// Pair each item with one of the choices.
    Matching {
        /// The items (id and text only).
        items: Vec<PaperOption>,
        /// The choices.
        choices: Vec<PaperOption>,
    },
    /// Put the items in order; listed here in alphabetical order, which
    /// says nothing of the right one.
    Ordering {
        /// The items (id and text only).
        items: Vec<PaperOption>,
    },
    /// An open answer, not scored.
    Reflection,
}

/// An option as a student sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperOption {
    /// The option's id.
    pub id: String,
    /// Its text.
    pub text: String,
}

impl Paper {
    /// The student edition of `quiz`.
    pub fn of(quiz: &Quiz) -> Paper {
        let options = |list: &[Choice]| {
            list.iter()
                .map(|o| PaperOption {
                    id: o.id.clone(),
                    text: o.text.clone(),
                })
                .collect()
        };
        Paper {
            paper: PAPER_FORMAT,
            quiz: quiz.id.clone(),
            title: quiz.title.clone(),
            instructions: quiz.description.clone(),
            pass_mark: quiz.pass_mark,
            fingerprint: fingerprint(quiz),
            sources: quiz
                .sources
                .iter()
                .map(|s| PaperSource {
                    id: s.id.clone(),
                    headline: s.headline.clone(),
                    file: s.file.clone(),
                })
                .collect(),
            questions: quiz
                .questions
                .iter()
                .map(|q| PaperQuestion {
                    id: q.id.clone(),
                    prompt: q.prompt.clone(),
                    points: q.points,
                    kind: match &q.kind {
                        Kind::Single { options: o, .. } => PaperKind::Single {
                            options: options(o),
                        },
                        Kind::Multiple { options: o, .. } => PaperKind::Multiple {
                            options: options(o),
                        },
                        Kind::TrueFalse { .. } => PaperKind::TrueFalse,
                        Kind::Number {
                            unit,
                            unit_aliases,
                            words,
                            ..
                        } => PaperKind::Number {
                            unit: unit.clone(),
                            unit_aliases: unit_aliases.clone(),
                            words: *words,
                        },
                        Kind::Text { .. } => PaperKind::Text,
                        Kind::Matching { items, choices } => PaperKind::Matching {
                            items: items
                                .iter()
                                .map(|i| PaperOption {
                                    id: i.id.clone(),
                                    text: i.text.clone(),
                                })
                                .collect(),
                            choices: options(choices),
                        },
                        Kind::Ordering { items } => {
                            let mut items: Vec<PaperOption> = options(items);
                            items.sort_by_cached_key(|i| {
                                (crate::normalize::fold(&i.text), i.id.clone())
                            });
                            PaperKind::Ordering { items }
                        }
                        Kind::Reflection { .. } => PaperKind::Reflection,
                    },
                })
                .collect(),
        }
    }

    /// A quiz with the paper's questions and no key, for asking them: every
    /// key is empty, so nothing graded against it could earn a point, and
    /// a session over a paper never grades (see [`crate::session`]).
    pub fn questions_only(&self) -> Quiz {
        let options = |list: &[PaperOption]| {
            list.iter()
                .map(|o| Choice {
                    id: o.id.clone(),
                    text: o.text.clone(),
                    feedback: None,
                })
                .collect()
        };
        Quiz {
            format: crate::quiz::FORMAT_VERSION,
            id: self.quiz.clone(),
            title: self.title.clone(),
            description: self.instructions.clone(),
            pass_mark: self.pass_mark,
            sources: self
                .sources
                .iter()
                .map(|s| Source {
                    id: s.id.clone(),
                    headline: s.headline.clone(),
                    publisher: None,
                    date: None,
                    file: s.file.clone(),
                    sha256: None,
                })
                .collect(),
            questions: self
                .questions
                .iter()
                .map(|q| Question {
                    id: q.id.clone(),
                    prompt: q.prompt.clone(),
                    points: q.points,
                    tags: Vec::new(),
                    kind: match &q.kind {
                        PaperKind::Single { options: o } => Kind::Single {
                            options: options(o),
                            answer: String::new(),
                        },
                        PaperKind::Multiple { options: o } => Kind::Multiple {
                            options: options(o),
                            answers: Vec::new(),
                        },
                        PaperKind::TrueFalse => Kind::TrueFalse { answer: false },
                        PaperKind::Number {
                            unit,
                            unit_aliases,
                            words,
                        } => Kind::Number {
                            answer: f64::NAN,
                            tolerance: 0.0,
                            unit: unit.clone(),
                            unit_aliases: unit_aliases.clone(),
                            words: *words,
                        },
                        PaperKind::Text => Kind::Text {
                            accept: Vec::new(),
                            typo: false,
                            exact: false,
                        },
                        PaperKind::Matching { items, choices } => Kind::Matching {
                            items: items
                                .iter()
                                .map(|i| crate::quiz::Pair {
                                    id: i.id.clone(),
                                    text: i.text.clone(),
                                    answer: String::new(),
                                })
                                .collect(),
                            choices: options(choices),
                        },
                        PaperKind::Ordering { items } => Kind::Ordering {
                            items: options(items),
                        },
                        PaperKind::Reflection => Kind::Reflection {
                            model: String::new(),
                        },
                    },
                    explanation: String::new(),
                    citations: Vec::new(),
                })
                .collect(),
            tests: Vec::new(),
        }
    }

    /// The paper as the RON file handed to students.
    pub fn to_ron(&self) -> String {
        let comment = format!(
            "lateral exam paper for quiz `{}`: take it with `lateral take PAPER`",
            self.quiz
        );
        crate::load::to_pretty_ron(self, &comment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    const MINI: &str = include_str!("../tests/fixtures/mini.ron");

    #[test]
    fn a_paper_reads_back_and_asks_the_same_questions() {
        let quiz = parse::<Quiz>(MINI).unwrap().value;
        let paper = Paper::of(&quiz);
        let back = parse::<Paper>(&paper.to_ron()).unwrap().value;
        assert_eq!(back, paper);
        let asked = paper.questions_only();
        assert_eq!(asked.questions.len(), quiz.questions.len());
        for (a, q) in asked.questions.iter().zip(&quiz.questions) {
            assert_eq!((&a.id, &a.prompt, a.points), (&q.id, &q.prompt, q.points));
            let ids = |k: &Kind| k.options().iter().map(|o| o.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&a.kind), ids(&q.kind));
        }
        assert_eq!(paper.fingerprint, fingerprint(&quiz));
    }

    #[test]
    fn the_paper_of_the_fixture_holds_no_key() {
        let quiz = parse::<Quiz>(MINI).unwrap().value;
        let text = Paper::of(&quiz).to_ron();
        // Written out from the fixture: its explanations, feedback, quotes
        // and accepted answers.
        for secret in [
            "Report A says red.",
            "Felipe Calderón",
            "accept",
            "answer:",
            "feedback",
            "explanation",
            "citations",
            "tolerance",
            "tests",
        ] {
            assert!(!text.contains(secret), "{secret} leaked:\n{text}");
        }
    }

    #[test]
    fn a_matching_and_an_ordering_question_are_asked_without_their_key() {
        let quiz = parse::<Quiz>(include_str!("../tests/fixtures/kinds.ron"))
            .unwrap()
            .value;
        let asked = Paper::of(&quiz).questions_only();
        match &asked.questions[0].kind {
            Kind::Matching { items, choices } => {
                let items: Vec<(&str, &str, &str)> = items
                    .iter()
                    .map(|i| (i.id.as_str(), i.text.as_str(), i.answer.as_str()))
                    .collect();
                // Ids and texts from kinds.ron; the answers are blanked.
                assert_eq!(
                    items,
                    [
                        ("tuesday", "The meeting was on Tuesday", ""),
                        ("noon", "The group gathered before noon", ""),
                        ("minutes", "The meeting lasted nine minutes", ""),
                    ]
                );
                let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
                assert_eq!(ids, ["a", "b", "neither"]);
            }
            other => panic!("the first question is a matching one, not {other:?}"),
        }
        match &asked.questions[1].kind {
            Kind::Ordering { items } => {
                let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
                // Alphabetical by text, not the key's order: "Calderón said…",
                // "Neighbours met…", "The meeting lasted…".
                assert_eq!(ids, ["left", "met", "lasted"]);
            }
            other => panic!("the second question is an ordering one, not {other:?}"),
        }
    }
}
