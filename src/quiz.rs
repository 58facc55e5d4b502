//! The quiz model: plain serde types that mirror the RON quiz format, version 1.
//!
//! Everything here is data. Loading (with positions for diagnostics) lives in
//! [`crate::load`], the rules a valid quiz obeys in [`crate::validate`]. Answers
//! refer to options by id, never by position, so shuffling options is always safe.

use serde::{Deserialize, Serialize};

use crate::normalize::NumberRules;

/// The only quiz format version this build reads.
/// The newest quiz format version this build reads and writes. Version 2
/// adds the matching, ordering and reflection kinds; version 1 files are
/// still read as they are.
pub const FORMAT_VERSION: u32 = 2;

/// A whole quiz file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    /// Format version: 1, or 2 (needed for matching, ordering and
    /// reflection questions); at most [`FORMAT_VERSION`].
    pub format: u32,
    /// Stable identifier, used in response sheets and attempt files.
    pub id: String,
    /// Title shown to students.
    pub title: String,
    /// One or two sentences saying what the quiz practises.
    pub description: String,
    /// Percentage (0–100) needed to pass; no pass mark means no pass/fail verdict.
    #[serde(default)]
    pub pass_mark: Option<f64>,
    /// The articles the questions are built from.
    pub sources: Vec<Source>,
    /// The questions, in authoring order.
    pub questions: Vec<Question>,
    /// Answer-key tests: responses the key must accept or reject.
    #[serde(default)]
    pub tests: Vec<KeyTest>,
}

/// One article a quiz draws on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short id that citations use (`"nydn"`, `"a"`).
    pub id: String,
    /// The article's headline as printed (or a description when it has none).
    pub headline: String,
    /// The publisher, only when the text itself names it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Publication date, only when the text itself gives it.
    #[serde(default)]
    pub date: Option<String>,
    /// File name of the article's text inside the sources folder.
    pub file: String,
    /// Optional sha256 of the article text (hex), to notice later edits.
    #[serde(default)]
    pub sha256: Option<String>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique within the quiz.
    pub id: String,
    /// What the student is asked.
    pub prompt: String,
    /// Points for a fully correct answer (default 1).
    #[serde(default = "default_points")]
    pub points: f64,
    /// Skills the question practises, e.g. `facts`, `cross-check`, `attribution`.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The kind of question and its answer key.
    pub kind: Kind,
    /// Why the answer is what it is; shown after every answer.
    pub explanation: String,
    /// Evidence: at least one quote from a declared source.
    pub citations: Vec<Citation>,
}

fn default_points() -> f64 {
    1.0
}

/// A short verbatim quote from one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Id of a declared source.
    pub source: String,
    /// Exact words from that source's text.
    pub quote: String,
}

/// The kinds of question and their keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Kind {
    /// One correct option.
    Single {
        /// The options, in authoring order (shown shuffled).
        options: Vec<Choice>,
        /// Id of the correct option.
        answer: String,
    },
    /// "Select all that apply"; partial credit, never below zero.
    Multiple {
        /// The options, in authoring order (shown shuffled).
        options: Vec<Choice>,
        /// Ids of every correct option.
        answers: Vec<String>,
    },
    /// A statement that is true or false.
    TrueFalse {
        /// Whether the statement is true.
        answer: bool,
    },
    /// A number, typed.
    Number {
        /// The correct value.
        answer: f64,
        /// Largest accepted distance from `answer` (default 0).
        #[serde(default)]
        tolerance: f64,
        /// Unit the number is in, e.g. `"minutes"`; the student may type it or leave it out.
        #[serde(default)]
        unit: Option<String>,
        /// Other spellings of the unit, e.g. `["min", "mins"]`.
        #[serde(default)]
        unit_aliases: Vec<String>,
        /// Whether number words ("nine", "fifteen hundred") are read (default true).
        #[serde(default = "yes")]
        words: bool,
    },
    /// A short typed answer, such as a name.
    Text {
        /// Every accepted answer.
        accept: Vec<String>,
        /// Forgive one typo (one insertion, deletion, substitution or swap of neighbours).
        #[serde(default)]
        typo: bool,
        /// Spelling must match exactly: accents and inner punctuation count.
        #[serde(default)]
        exact: bool,
    },
    /// Pair each item with one of the choices (format 2): quotes with their
    /// speakers, claims with the report that carries them. Partial credit:
    /// each right pair earns an equal share.
    Matching {
        /// The items to pair, each with the id of its right choice.
        items: Vec<Pair>,
        /// What the items are paired with (shown shuffled); a choice may
        /// fit several items, or none.
        choices: Vec<Choice>,
    },
    /// Put the items in order (format 2): events in time, a chain of
    /// retellings. Partial credit: the longest run of items in the right
    /// relative order, over the number of items (one item alone earns
    /// nothing), as Moodle's "longest ordered subset".
    Ordering {
        /// The items in the right order (shown shuffled).
        items: Vec<Choice>,
    },
    /// An open answer worth no points (format 2): the student writes, then
    /// sees a model answer, the explanation and the citations. Saved in the
    /// attempt and the sheet like any answer.
    Reflection {
        /// The model answer shown after the student's own.
        model: String,
    },
}

/// One item of a matching question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// Id responses use; unique within the question.
    pub id: String,
    /// What the student sees.
    pub text: String,
    /// Id of the choice it goes with.
    pub answer: String,
}

fn yes() -> bool {
    true
}

impl Kind {
    /// Name of the kind as written in the quiz file.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Single { .. } => "Single",
            Kind::Multiple { .. } => "Multiple",
            Kind::TrueFalse { .. } => "TrueFalse",
            Kind::Number { .. } => "Number",
            Kind::Text { .. } => "Text",
            Kind::Matching { .. } => "Matching",
            Kind::Ordering { .. } => "Ordering",
            Kind::Reflection { .. } => "Reflection",
        }
    }

    /// Whether this kind needs quiz format 2.
    pub fn needs_format_2(&self) -> bool {
        matches!(
            self,
            Kind::Matching { .. } | Kind::Ordering { .. } | Kind::Reflection { .. }
        )
    }

    /// What is shown in a shuffled order: a choice question's options, a
    /// matching question's choices, an ordering question's items; empty for
    /// the other kinds.
    pub fn shuffled(&self) -> &[Choice] {
        match self {
            Kind::Single { options, .. } | Kind::Multiple { options, .. } => options,
            Kind::Matching { choices, .. } => choices,
            Kind::Ordering { items } => items,
            _ => &[],
        }
    }

    /// The options of a choice question, empty for the other kinds.
    pub fn options(&self) -> &[Choice] {
        match self {
            Kind::Single { options, .. } | Kind::Multiple { options, .. } => options,
            _ => &[],
        }
    }

    /// How a number question reads typed answers; `None` for the other kinds.
    pub fn number_rules(&self) -> Option<NumberRules<'_>> {
        match self {
            Kind::Number {
                unit,
                unit_aliases,
                words,
                ..
            } => Some(NumberRules {
                unit: unit.as_deref(),
                unit_aliases,
                words: *words,
            }),
            _ => None,
        }
    }
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Id the key and responses use; unique within the question.
    pub id: String,
    /// What the student sees.
    pub text: String,
    /// Shown when the student picks this option: why it is right or wrong.
    #[serde(default)]
    pub feedback: Option<String>,
}

/// A student's answer to one question, as stored in sheets and attempts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The id of the chosen option (single choice).
    Choice(String),
    /// The ids of every chosen option (multiple choice), possibly none.
    Choices(Vec<String>),
    /// True or false.
    Bool(bool),
    /// What was typed, for number, text and reflection questions.
    Text(String),
    /// The choice paired with each item, by item id (matching); an item
    /// left out is unanswered.
    Pairs(std::collections::BTreeMap<String, String>),
    /// The item ids in the order given (ordering).
    Order(Vec<String>),
}

/// An answer-key test written in the quiz file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyTest {
    /// Id of the question under test.
    pub question: String,
    /// The response to grade.
    pub response: Response,
    /// Whether it must be accepted (full marks) or rejected (not full marks).
    pub expect: Expect,
}

/// What an answer-key test expects of a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expect {
    /// The response earns full marks.
    Accept,
    /// The response does not earn full marks.
    Reject,
}

impl Question {
    /// Points for a full answer: a reflection is worth none.
    pub fn max_points(&self) -> f64 {
        match self.kind {
            Kind::Reflection { .. } => 0.0,
            _ => self.points,
        }
    }

    /// Whether the question cites the source with this id.
    pub fn cites(&self, source: &str) -> bool {
        self.citations.iter().any(|c| c.source == source)
    }

    /// The text of the option with this id, or the id itself when the
    /// question has no such option (a response naming an option since removed).
    pub fn option_text<'a>(&'a self, id: &'a str) -> &'a str {
        self.kind
            .shuffled()
            .iter()
            .find(|o| o.id == id)
            .map_or(id, |o| o.text.as_str())
    }
}

impl Quiz {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The questions by id, the first of each id as [`Quiz::question`]
    /// finds it, to look many ids up without going through the list each time.
    pub fn questions_by_id(&self) -> std::collections::HashMap<&str, &Question> {
        let mut map = std::collections::HashMap::with_capacity(self.questions.len());
        for q in &self.questions {
            map.entry(q.id.as_str()).or_insert(q);
        }
        map
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Sum of every question's points.
    pub fn max_points(&self) -> f64 {
        self.questions.iter().map(Question::max_points).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(id: &str, text: &str) -> Choice {
        Choice {
            id: id.into(),
            text: text.into(),
            feedback: None,
        }
    }

    #[test]
    fn a_question_cites_only_the_sources_its_citations_name() {
        let cite = |source: &str| Citation {
            source: source.into(),
            quote: "q".into(),
        };
        let q = Question {
            id: "q".into(),
            prompt: "p".into(),
            points: 1.0,
            tags: vec![],
            kind: Kind::TrueFalse { answer: true },
            explanation: "e".into(),
            citations: vec![cite("ap"), cite("reuters")],
        };
        assert!(q.cites("ap") && q.cites("reuters"));
        assert!(!q.cites("bbc") && !q.cites(""));
    }

    #[test]
    fn option_text_falls_back_to_the_id() {
        let q = Question {
            id: "q".into(),
            prompt: "p".into(),
            points: 1.0,
            tags: vec![],
            kind: Kind::Single {
                options: vec![choice("a", "Ann"), choice("b", "Bob")],
                answer: "a".into(),
            },
            explanation: "e".into(),
            citations: vec![],
        };
        assert_eq!(q.option_text("b"), "Bob");
        assert_eq!(q.option_text("zz"), "zz");
    }

    #[test]
    fn only_number_questions_have_number_rules() {
        let number = Kind::Number {
            answer: 9.0,
            tolerance: 0.0,
            unit: Some("minutes".into()),
            unit_aliases: vec!["min".into()],
            words: false,
        };
        let rules = number.number_rules().unwrap();
        assert_eq!(rules.unit, Some("minutes"));
        assert_eq!(rules.unit_aliases, ["min".to_owned()]);
        assert!(!rules.words);
        assert!(Kind::TrueFalse { answer: true }.number_rules().is_none());
    }
}
