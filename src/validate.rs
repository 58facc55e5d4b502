//! The rules a loaded quiz must obey, checked all at once.
//!
//! ron stops at the first syntax or shape error; everything after parsing is
//! collected here so a teacher sees every problem in a file in one run. Each
//! problem points at the offending value and says how to fix it. The
//! item-writing guidelines ([`crate::itemwriting`]) add their warnings here,
//! so every command that loads a quiz shows them.

use std::collections::{BTreeMap, HashSet};

use crate::diagnostic::{cap, suggestion, Diagnostic, Severity, MAX_PER_FILE};
use crate::itemwriting;
use crate::limits::{LIST_ENTRIES, QUIZ_ID_CHARS};
use crate::load::{Document, Place, Spans};
use crate::normalize::{exact, fold, parse_number};
use crate::quiz::{Choice, Kind, Question, Quiz, Response, Source, FORMAT_VERSION};

/// Collects problems with their positions.
///
/// A file may hold thousands of problems, of which only the first
/// [`MAX_PER_FILE`] are shown, so a "did you mean" hint, which compares a
/// name with every valid one, is worked out only for those.
struct Checker<'a> {
    spans: &'a Spans,
    found: Vec<(Diagnostic, Option<Suggest<'a>>)>,
}

/// The makings of a [`suggestion`], kept until the problem is shown.
struct Suggest<'a> {
    wanted: String,
    what: &'static str,
    names: Names<'a>,
}

/// A list of valid names, borrowed from the quiz.
#[derive(Clone, Copy)]
enum Names<'a> {
    Sources(&'a [Source]),
    Questions(&'a [Question]),
    Options(&'a [Choice]),
}

impl Suggest<'_> {
    fn help(&self) -> String {
        let (wanted, what) = (self.wanted.as_str(), self.what);
        match self.names {
            Names::Sources(list) => suggestion(wanted, what, list.iter().map(|s| s.id.as_str())),
            Names::Questions(list) => suggestion(wanted, what, list.iter().map(|q| q.id.as_str())),
            Names::Options(list) => suggestion(wanted, what, list.iter().map(|o| o.id.as_str())),
        }
    }
}

impl<'a> Checker<'a> {
    fn new(spans: &'a Spans) -> Self {
        Checker {
            spans,
            found: Vec::new(),
        }
    }

    fn push(&mut self, severity: Severity, at: &Place, message: String, help: String) {
        let mut d = Diagnostic::error(message, self.spans.find(at));
        d.severity = severity;
        if !help.is_empty() {
            d = d.with_help(help);
        }
        self.found.push((d, None));
    }

    fn error(&mut self, at: &Place, message: impl Into<String>, help: impl Into<String>) {
        self.push(Severity::Error, at, message.into(), help.into());
    }

    fn warning(&mut self, at: &Place, message: impl Into<String>, help: impl Into<String>) {
        self.push(Severity::Warning, at, message.into(), help.into());
    }

    /// An error about the unknown name `wanted`, with the nearest of `names`
    /// (and the list of them) as its help.
    fn unknown(
        &mut self,
        at: &Place,
        message: String,
        wanted: &str,
        what: &'static str,
        names: Names<'a>,
    ) {
        let d = Diagnostic::error(message, self.spans.find(at));
        let suggest = Suggest {
            wanted: wanted.to_owned(),
            what,
            names,
        };
        self.found.push((d, Some(suggest)));
    }

    /// The problems to show: in file order when `by_place`, at most
    /// [`MAX_PER_FILE`] and a line saying how many more there are.
    fn finish(mut self, by_place: bool) -> Vec<Diagnostic> {
        if by_place {
            self.found
                .sort_by_key(|(d, _)| d.span.as_ref().map_or(0, |s| s.start));
        }
        let shown = self
            .found
            .into_iter()
            .enumerate()
            .map(|(i, (d, suggest))| match suggest {
                Some(s) if i < MAX_PER_FILE => d.with_help(s.help()),
                _ => d,
            })
            .collect();
        cap(shown, MAX_PER_FILE)
    }

    fn not_blank(&mut self, at: &Place, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.error(at, format!("{what} is empty"), format!("write the {what}"));
        }
    }

    /// Reports ids that are empty or used twice; `label` names the kind of id.
    /// `ids` are the `id` fields of the items of the list at `list`.
    fn unique_ids<'s>(&mut self, list: &Place, ids: impl Iterator<Item = &'s str>, label: &str) {
        let mut seen: HashSet<&str> = HashSet::new();
        for (i, id) in ids.enumerate() {
            let at = list.index(i).field("id");
            if id.trim().is_empty() {
                self.error(
                    &at,
                    format!("{label} id is empty"),
                    "give it a short unique id",
                );
            } else if !seen.insert(id) {
                self.error(
                    &at,
                    format!("duplicate {label} id `{id}`"),
                    format!("{label} ids must be unique; rename one of them"),
                );
            }
        }
    }
}

/// Every problem in `doc`, errors and warnings, in file order.
pub fn validate(doc: &Document<Quiz>) -> Vec<Diagnostic> {
    let quiz = &doc.value;
    let root = Place::root();
    let mut c = Checker::new(&doc.spans);
    if !(1..=FORMAT_VERSION).contains(&quiz.format) {
        c.error(
            &root.field("format"),
            format!("unsupported format version {}", quiz.format),
            format!("this version of lateral reads formats 1 to {FORMAT_VERSION}; write `format: {FORMAT_VERSION}`"),
        );
    }
    check_quiz_id(&mut c, &root.field("id"), &quiz.id);
    c.not_blank(&root.field("title"), &quiz.title, "title");
    c.not_blank(&root.field("description"), &quiz.description, "description");
    if let Some(mark) = quiz.pass_mark {
        if !(0.0..=100.0).contains(&mark) {
            c.error(
                &root.field("pass_mark"),
                format!("pass mark {mark} is outside 0–100"),
                "the pass mark is a percentage, such as `pass_mark: 70`",
            );
        }
    }

    if quiz.sources.is_empty() {
        c.error(
            &root.field("sources"),
            "the quiz declares no sources",
            "every citation names a source; declare each article under `sources`",
        );
    }
    c.unique_ids(
        &root.field("sources"),
        quiz.sources.iter().map(|s| s.id.as_str()),
        "source",
    );
    for (i, s) in quiz.sources.iter().enumerate() {
        let at = root.field("sources").index(i);
        c.not_blank(&at.field("headline"), &s.headline, "headline");
        c.not_blank(&at.field("file"), &s.file, "source file name");
        if let Some(hash) = &s.sha256 {
            if hash.len() != 64 || !hash.chars().all(|ch| ch.is_ascii_hexdigit()) {
                c.error(
                    &at.field("sha256"),
                    "sha256 must be 64 hexadecimal digits",
                    "let `lateral pin` write it",
                );
            }
        }
    }
    let source_ids: HashSet<&str> = quiz.sources.iter().map(|s| s.id.as_str()).collect();

    if quiz.questions.is_empty() {
        c.error(
            &root.field("questions"),
            "the quiz has no questions",
            "add at least one question",
        );
    }
    c.unique_ids(
        &root.field("questions"),
        quiz.questions.iter().map(|q| q.id.as_str()),
        "question",
    );
    for (i, q) in quiz.questions.iter().enumerate() {
        let at = root.field("questions").index(i);
        c.not_blank(&at.field("prompt"), &q.prompt, "prompt");
        c.not_blank(&at.field("explanation"), &q.explanation, "explanation");
        if !(q.points.is_finite() && q.points > 0.0) {
            c.error(
                &at.field("points"),
                format!("points must be more than 0, found {}", q.points),
                "write `points: 1` or leave it out",
            );
        }
        for (t, tag) in q.tags.iter().enumerate() {
            if tag.trim().is_empty() {
                c.error(
                    &at.field("tags").index(t),
                    "tag is empty",
                    "remove it or name a skill, such as `facts`",
                );
            }
        }
        if q.citations.is_empty() {
            c.error(
                &at.field("citations"),
                "question has no citations",
                "cite at least one source: `(source: \"id\", quote: \"exact words\")`",
            );
        }
        for (k, cite) in q.citations.iter().enumerate() {
            let cat = at.field("citations").index(k);
            if !source_ids.contains(cite.source.as_str()) {
                c.unknown(
                    &cat.field("source"),
                    format!("unknown source `{}`", cite.source),
                    &cite.source,
                    "declared",
                    Names::Sources(&quiz.sources),
                );
            }
            c.not_blank(&cat.field("quote"), &cite.quote, "quote");
        }
        if q.kind.needs_format_2() && quiz.format < 2 {
            c.error(
                &at.field("kind"),
                format!("a question of kind `{}` needs quiz format 2", q.kind.name()),
                "write `format: 2` at the top of the file (format 1 files stay valid as they are)",
            );
        }
        if let Kind::Reflection { .. } = q.kind {
            if doc.spans.exact(&at.field("points")).is_some() {
                c.error(
                    &at.field("points"),
                    "a reflection is worth no points",
                    "remove `points`: a reflection is an open answer, kept and shown a model answer, never scored",
                );
            }
        }
        check_kind(&mut c, &at.field("kind"), &q.kind);
    }

    let questions = quiz.questions_by_id();
    for (i, t) in quiz.tests.iter().enumerate() {
        let at = root.field("tests").index(i);
        let Some(q) = questions.get(t.question.as_str()) else {
            c.unknown(
                &at.field("question"),
                format!("test names unknown question `{}`", t.question),
                &t.question,
                "questions",
                Names::Questions(&quiz.questions),
            );
            continue;
        };
        if let Kind::Reflection { .. } = q.kind {
            c.error(
                &at.field("question"),
                format!("`{}` is a reflection, which is not scored", t.question),
                "remove this test: there is no key to accept or reject a reflection with",
            );
            continue;
        }
        // A question over a limit is reported once, not with each test.
        if oversized(&q.kind).is_none() {
            check_response(&mut c, &at.field("response"), &q.kind, &t.response);
        }
    }

    for f in itemwriting::findings(quiz) {
        c.warning(&f.at, f.message, f.help);
    }

    c.finish(true)
}

/// A quiz id names the folder its attempts are saved in, so it is a plain
/// name: ASCII letters, digits, `-` and `_`, at most [`QUIZ_ID_CHARS`] long.
/// Two different ids then never name the same folder.
fn check_quiz_id(c: &mut Checker<'_>, at: &Place, id: &str) {
    let rule = format!(
        "a quiz id is made of the letters a-z and A-Z, digits, `-` and `_`, at most {QUIZ_ID_CHARS} characters, such as `viral-photo`"
    );
    if id.is_empty() {
        c.error(at, "quiz id is empty", rule);
    } else if let Some(bad) = id
        .chars()
        .find(|ch| !(ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_')))
    {
        let what = match bad {
            ' ' => "a space".to_owned(),
            '\n' | '\r' => "a line break".to_owned(),
            '\t' => "a tab".to_owned(),
            // Control characters and bidi marks are shown by their code.
            c if crate::escape::visible(&c.to_string()) != c.to_string() => {
                format!("the invisible character `{}`", c.escape_unicode())
            }
            c => format!("`{c}`"),
        };
        c.error(at, format!("quiz id contains {what}"), rule);
    } else if id.chars().count() > QUIZ_ID_CHARS {
        c.error(
            at,
            format!(
                "quiz id is {} characters long, over the limit of {QUIZ_ID_CHARS}",
                id.chars().count()
            ),
            rule,
        );
    }
}

fn check_kind<'a>(c: &mut Checker<'a>, at: &Place, kind: &'a Kind) {
    if let Some((field, count, what)) = oversized(kind) {
        c.error(
            &at.field(field),
            format!("{count} {what} is over the limit of {LIST_ENTRIES} in one question"),
            format!("{what} are answered by the letters a to z; split the question in two, or keep the ones a hasty reader might really pick"),
        );
        return;
    }
    match kind {
        Kind::Single { options, answer } => {
            check_options(c, at, options);
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            if !ids.contains(&answer.as_str()) {
                c.unknown(
                    &at.field("answer"),
                    format!("answer `{answer}` is not one of the options"),
                    answer,
                    "options",
                    Names::Options(options),
                );
            }
        }
        Kind::Multiple { options, answers } => {
            check_options(c, at, options);
            let ids: HashSet<&str> = options.iter().map(|o| o.id.as_str()).collect();
            let mut listed = HashSet::new();
            if answers.is_empty() {
                c.error(
                    &at.field("answers"),
                    "no correct answers listed",
                    "list the ids of every correct option",
                );
            }
            for (k, a) in answers.iter().enumerate() {
                if !ids.contains(a.as_str()) {
                    c.unknown(
                        &at.field("answers").index(k),
                        format!("answer `{a}` is not one of the options"),
                        a,
                        "options",
                        Names::Options(options),
                    );
                } else if !listed.insert(a.as_str()) {
                    c.error(
                        &at.field("answers").index(k),
                        format!("answer `{a}` is listed twice"),
                        "list each correct option once",
                    );
                }
            }
        }
        Kind::TrueFalse { .. } => {}
        Kind::Number {
            answer,
            tolerance,
            unit,
            ..
        } => {
            if !answer.is_finite() {
                c.error(&at.field("answer"), "answer must be a finite number", "");
            }
            if !(tolerance.is_finite() && *tolerance >= 0.0) {
                c.error(
                    &at.field("tolerance"),
                    format!("tolerance must be 0 or more, found {tolerance}"),
                    "tolerance is how far from the answer is still right; write `tolerance: 0` for an exact number",
                );
            }
            if unit.as_deref().is_some_and(|u| fold(u).is_empty()) {
                c.error(
                    &at.field("unit"),
                    "unit is empty",
                    "name the unit, such as \"minutes\", or leave it out",
                );
            }
        }
        Kind::Text {
            accept,
            typo,
            exact: exact_spelling,
        } => {
            if accept.is_empty() {
                c.error(
                    &at.field("accept"),
                    "no accepted answers listed",
                    "list every answer that counts as right",
                );
            }
            for (k, a) in accept.iter().enumerate() {
                let folded = if *exact_spelling { exact(a) } else { fold(a) };
                if folded.is_empty() {
                    c.error(
                        &at.field("accept").index(k),
                        "accepted answer has no letters or digits",
                        "write the answer out",
                    );
                }
            }
            if *typo && *exact_spelling {
                c.error(
                    &at.field("typo"),
                    "`typo: true` and `exact: true` contradict each other",
                    "an exact-spelling question cannot forgive a typo; keep one",
                );
            }
        }
        Kind::Matching { items, choices } => {
            check_options_at(c, &at.field("choices"), choices, "choice");
            if items.len() < 2 {
                c.error(
                    &at.field("items"),
                    "a matching question needs at least two items",
                    "add the items to pair, each with `answer` naming its choice",
                );
            }
            c.unique_ids(
                &at.field("items"),
                items.iter().map(|i| i.id.as_str()),
                "item",
            );
            for (k, item) in items.iter().enumerate() {
                let item_at = at.field("items").index(k);
                c.not_blank(&item_at.field("text"), &item.text, "item text");
                if !choices.iter().any(|o| o.id == item.answer) {
                    c.unknown(
                        &item_at.field("answer"),
                        format!("answer `{}` is not one of the choices", item.answer),
                        &item.answer,
                        "choices",
                        Names::Options(choices),
                    );
                }
            }
        }
        Kind::Ordering { items } => {
            check_options_at(c, &at.field("items"), items, "item");
            if items.len() < 3 {
                c.error(
                    &at.field("items"),
                    "an ordering question needs at least three items",
                    "with two, the order is a true/false question; add an item or ask it as one",
                );
            }
        }
        Kind::Reflection { model } => c.not_blank(&at.field("model"), model, "model answer"),
    }
}

fn check_options(c: &mut Checker<'_>, at: &Place, options: &[crate::quiz::Choice]) {
    if options.len() < 2 {
        c.error(
            &at.field("options"),
            "a choice question needs at least two options",
            "add the options a hasty reader might pick",
        );
    }
    c.unique_ids(
        &at.field("options"),
        options.iter().map(|o| o.id.as_str()),
        "option",
    );
    for (k, o) in options.iter().enumerate() {
        c.not_blank(
            &at.field("options").index(k).field("text"),
            &o.text,
            "option text",
        );
    }
}

/// The first list of `kind` longer than [`LIST_ENTRIES`]: its field, its
/// length and what it holds. Each entry is shown and answered by a letter
/// a–z (a matching question's choices by a number, kept to the same
/// bound), and every check of a question compares within its lists, so a
/// question with a list over the limit is reported and not checked further.
fn oversized(kind: &Kind) -> Option<(&'static str, usize, &'static str)> {
    let lists: &[(&'static str, usize, &'static str)] = match kind {
        Kind::Single { options, .. } | Kind::Multiple { options, .. } => {
            &[("options", options.len(), "options")]
        }
        Kind::Matching { items, choices } => &[
            ("items", items.len(), "items"),
            ("choices", choices.len(), "choices"),
        ],
        Kind::Ordering { items } => &[("items", items.len(), "items")],
        Kind::TrueFalse { .. }
        | Kind::Number { .. }
        | Kind::Text { .. }
        | Kind::Reflection { .. } => &[],
    };
    lists
        .iter()
        .copied()
        .find(|&(_, count, _)| count > LIST_ENTRIES)
}

/// The ids and texts of the list at `list` (a matching question's choices,
/// an ordering question's items): unique ids, no blank text.
fn check_options_at(
    c: &mut Checker<'_>,
    list: &Place,
    options: &[crate::quiz::Choice],
    what: &str,
) {
    if options.len() < 2 {
        let a = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        c.error(
            list,
            format!("at least two of these are needed (each {a} {what})"),
            format!("add {a} {what}: `(id: \"…\", text: \"…\")`"),
        );
    }
    c.unique_ids(list, options.iter().map(|o| o.id.as_str()), what);
    for (k, o) in options.iter().enumerate() {
        c.not_blank(
            &list.index(k).field("text"),
            &o.text,
            &format!("{what} text"),
        );
    }
}

/// Checks that a response (in an answer-key test or a sheet) fits its question.
fn check_response<'a>(c: &mut Checker<'a>, at: &Place, kind: &'a Kind, response: &Response) {
    let options = kind.options();
    let unknown = |c: &mut Checker<'a>, id: &str| {
        if !options.iter().any(|o| o.id == id) {
            c.unknown(
                at,
                format!("response names unknown option `{id}`"),
                id,
                "options",
                Names::Options(options),
            );
        }
    };
    match (kind, response) {
        (Kind::Single { .. }, Response::Choice(id)) => unknown(c, id),
        (Kind::Multiple { .. }, Response::Choices(list)) => {
            for id in list {
                unknown(c, id);
            }
        }
        (Kind::TrueFalse { .. }, Response::Bool(_)) => {}
        (Kind::Text { .. }, Response::Text(_)) => {}
        (Kind::Number { .. }, Response::Text(typed)) => {
            if let Some(Err(e)) = kind.number_rules().map(|rules| parse_number(typed, rules)) {
                c.warning(
                    at,
                    format!("lateral cannot read `{typed}` as a number ({e})"),
                    "a student typing this is asked again, so it is never graded",
                );
            }
        }
        (Kind::Matching { items, choices }, Response::Pairs(pairs)) => {
            for (item, choice) in pairs {
                if !items.iter().any(|i| &i.id == item) {
                    c.error(
                        at,
                        format!("response pairs unknown item `{item}`"),
                        format!(
                            "items: {}",
                            items
                                .iter()
                                .map(|i| format!("`{}`", i.id))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
                if !choices.iter().any(|o| &o.id == choice) {
                    c.unknown(
                        at,
                        format!("response names unknown choice `{choice}`"),
                        choice,
                        "choices",
                        Names::Options(choices),
                    );
                }
            }
        }
        (Kind::Ordering { items }, Response::Order(ids)) => {
            for id in ids {
                if !items.iter().any(|o| &o.id == id) {
                    c.unknown(
                        at,
                        format!("response names unknown item `{id}`"),
                        id,
                        "items",
                        Names::Options(items),
                    );
                }
            }
        }
        (Kind::Reflection { .. }, Response::Text(_)) => {}
        (kind, _) => c.error(
            at,
            format!("response does not fit a `{}` question", kind.name()),
            format!("write {}", response_shape(kind)),
        ),
    }
}

/// How a response to this kind of question is written in RON.
pub fn response_shape(kind: &Kind) -> &'static str {
    match kind {
        Kind::Single { .. } => "`Choice(\"option-id\")`",
        Kind::Multiple { .. } => "`Choices([\"id\", \"id\"])`",
        Kind::TrueFalse { .. } => "`Bool(true)` or `Bool(false)`",
        Kind::Number { .. } | Kind::Text { .. } | Kind::Reflection { .. } => {
            "`Text(\"what the student types\")`"
        }
        Kind::Matching { .. } => "`Pairs({\"item-id\": \"choice-id\"})`",
        Kind::Ordering { .. } => "`Order([\"first-id\", \"second-id\"])`",
    }
}

/// Checks a response sheet's responses against the quiz they answer; `at` is
/// where the map of responses sits in the sheet. The problems `before` are
/// the sheet's own, reported first; at most [`MAX_PER_FILE`] are returned in
/// all, then a line saying how many more there are.
pub fn validate_responses<'a>(
    quiz: &'a Quiz,
    responses: &BTreeMap<String, Response>,
    spans: &'a Spans,
    at: &Place,
    before: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut c = Checker::new(spans);
    c.found.extend(before.into_iter().map(|d| (d, None)));
    let questions = quiz.questions_by_id();
    for (id, response) in responses {
        let entry = at.key(id);
        match questions.get(id.as_str()) {
            Some(q) => check_response(&mut c, &entry, &q.kind, response),
            None => c.unknown(
                &entry,
                format!("response to unknown question `{id}`"),
                id,
                "questions",
                Names::Questions(&quiz.questions),
            ),
        }
    }
    c.found.retain(|(d, _)| d.is_error());
    c.finish(false)
}

#[cfg(test)]
mod tests;
