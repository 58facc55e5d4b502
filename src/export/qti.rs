//! QTI 2.1 as an IMS content package: a zip holding `imsmanifest.xml`, one
//! `assessmentItem` file per question under `items/`, and `assessment.xml`,
//! the `assessmentTest` that lists them in the quiz's order.
//!
//! Every file is written with quick-xml, so every text and attribute is
//! escaped; text that XML 1.0 cannot hold at all (control characters other
//! than tab and line breaks) is refused. Scoring is written inline in each
//! item's `responseProcessing`, never as a template URL, so a scorer with no
//! network scores as lateral does: a choice matched against the key, "select
//! all" through a `mapping` (each right option `+points/right`, each wrong
//! one as much below, bounded by 0 and the points, which is lateral's rule),
//! a number with an absolute tolerance, a text against every accepted
//! spelling in any case. The explanation and citations are a `modalFeedback`
//! shown after every answer; an option's feedback is shown when it is
//! chosen.
//!
//! Identifiers are NCNames made from lateral's ids: `q-` or `c-` and the id
//! when the id is made of ASCII letters, digits, `-`, `_` and `.`, else
//! `q` or `c` and the position. File names are the identifiers.

use std::io::{Cursor, Write as _};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{feedback_lines, number, scoring_gaps, texts, Exported, Notes, Refused};
use crate::quiz::{Kind, Question, Quiz};

const QTI_NS: &str = "http://www.imsglobal.org/xsd/imsqti_v2p1";
const QTI_XSD: &str = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd";
const CP_NS: &str = "http://www.imsglobal.org/xsd/imscp_v1p1";
const CP_XSD: &str = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The package's files, in the order they are stored: the manifest, the
/// test, then the items in quiz order.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// `(path inside the zip, XML text)`.
    pub files: Vec<(String, String)>,
}

impl Package {
    /// The package as zip bytes: deflated, with a fixed date, so the same
    /// quiz always gives the same bytes.
    pub fn zip(&self) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default());
        for (path, text) in &self.files {
            // Writing to memory cannot fail.
            zip.start_file(path.as_str(), options)
                .expect("a zip entry in memory");
            zip.write_all(text.as_bytes())
                .expect("a zip entry in memory");
        }
        zip.finish().expect("a zip in memory").into_inner()
    }
}

/// Writes `quiz` as a QTI 2.1 package (see [`Package::zip`] for the bytes).
pub fn export(quiz: &Quiz) -> Result<Exported<Package>, Refused> {
    let mut notes = Notes::default();
    for q in &quiz.questions {
        for (field, text) in texts(q) {
            if let Some(bad) = text.chars().find(|c| !xml_char(*c)) {
                notes.refuse(
                    q,
                    field,
                    format!(
                        "it holds the control character `{}`, which XML cannot carry",
                        bad.escape_unicode()
                    ),
                );
            }
        }
    }
    let ids: Vec<String> = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| identifier("q", &q.id, i))
        .collect();
    let test_id = format!("test-{}", quiz.id);
    let mut files = vec![
        ("imsmanifest.xml".to_owned(), manifest(quiz, &test_id, &ids)),
        ("assessment.xml".to_owned(), test(quiz, &test_id, &ids)),
    ];
    for (q, id) in quiz.questions.iter().zip(&ids) {
        scoring_gaps(q, "QTI", &mut notes);
        files.push((format!("items/{id}.xml"), item(quiz, q, id)));
    }
    notes.finish("QTI", Package { files })
}

/// Whether XML 1.0 can hold `c` (escaped or not).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// An NCName for a lateral id: `prefix-id`, or `prefix` and the position.
fn identifier(prefix: &str, id: &str, index: usize) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        format!("{prefix}-{id}")
    } else {
        format!("{prefix}{}", index + 1)
    }
}

/// A small writer of XML elements over quick-xml.
struct Xml(Writer<Vec<u8>>);

impl Xml {
    fn new() -> Self {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .expect("XML in memory");
        Xml(w)
    }

    fn event(&mut self, e: Event<'_>) {
        self.0.write_event(e).expect("XML in memory");
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(
            BytesStart::new(name).with_attributes(attrs.iter().copied()),
        ));
    }

    fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(
            BytesStart::new(name).with_attributes(attrs.iter().copied()),
        ));
    }

    /// `<name attrs>text</name>`.
    fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.event(Event::Text(BytesText::new(text)));
        self.close(name);
    }

    /// Text with each line break as `<br/>`.
    fn lines(&mut self, text: &str) {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.empty("br", &[]);
            }
            if !line.is_empty() {
                self.event(Event::Text(BytesText::new(line)));
            }
        }
    }

    /// `<name attrs>` text with line breaks `</name>`.
    fn para(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.lines(text);
        self.close(name);
    }

    fn finish(self) -> String {
        let mut text = String::from_utf8(self.0.into_inner()).expect("quick-xml writes UTF-8");
        text.push('\n');
        text
    }
}

fn manifest(quiz: &Quiz, test_id: &str, ids: &[String]) -> String {
    let mut x = Xml::new();
    let manifest_id = format!("manifest-{}", quiz.id);
    let location = format!("{CP_NS} {CP_XSD}");
    x.open(
        "manifest",
        &[
            ("xmlns", CP_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", &location),
            ("identifier", &manifest_id),
        ],
    );
    x.open("metadata", &[]);
    x.leaf("schema", &[], "QTIv2.1 Package");
    x.leaf("schemaversion", &[], "1.0.0");
    x.close("metadata");
    x.empty("organizations", &[]);
    x.open("resources", &[]);
    x.open(
        "resource",
        &[
            ("identifier", test_id),
            ("type", "imsqti_test_xmlv2p1"),
            ("href", "assessment.xml"),
        ],
    );
    x.empty("file", &[("href", "assessment.xml")]);
    for id in ids {
        x.empty("dependency", &[("identifierref", id)]);
    }
    x.close("resource");
    for id in ids {
        let href = format!("items/{id}.xml");
        x.open(
            "resource",
            &[
                ("identifier", id),
                ("type", "imsqti_item_xmlv2p1"),
                ("href", &href),
            ],
        );
        x.empty("file", &[("href", &href)]);
        x.close("resource");
    }
    x.close("resources");
    x.close("manifest");
    x.finish()
}

fn test(quiz: &Quiz, test_id: &str, ids: &[String]) -> String {
    let mut x = Xml::new();
    let location = format!("{QTI_NS} {QTI_XSD}");
    x.open(
        "assessmentTest",
        &[
            ("xmlns", QTI_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", &location),
            ("identifier", test_id),
            ("title", &quiz.title),
        ],
    );
    float_outcome(&mut x, "SCORE", None);
    float_outcome(&mut x, "MAXSCORE", Some(quiz.max_points()));
    if quiz.pass_mark.is_some() {
        x.empty(
            "outcomeDeclaration",
            &[
                ("identifier", "PASS"),
                ("cardinality", "single"),
                ("baseType", "boolean"),
            ],
        );
    }
    x.open(
        "testPart",
        &[
            ("identifier", "part"),
            ("navigationMode", "nonlinear"),
            ("submissionMode", "individual"),
        ],
    );
    x.open(
        "assessmentSection",
        &[
            ("identifier", "questions"),
            ("title", &quiz.title),
            ("visible", "true"),
        ],
    );
    // lateral shows the questions shuffled; they are listed in quiz order.
    x.empty("ordering", &[("shuffle", "true")]);
    for id in ids {
        let href = format!("items/{id}.xml");
        x.empty("assessmentItemRef", &[("identifier", id), ("href", &href)]);
    }
    x.close("assessmentSection");
    x.close("testPart");
    x.open("outcomeProcessing", &[]);
    x.open("setOutcomeValue", &[("identifier", "SCORE")]);
    x.open("sum", &[]);
    x.empty("testVariables", &[("variableIdentifier", "SCORE")]);
    x.close("sum");
    x.close("setOutcomeValue");
    if let Some(mark) = quiz.pass_mark {
        x.open("setOutcomeValue", &[("identifier", "PASS")]);
        x.open("gte", &[]);
        x.empty("variable", &[("identifier", "SCORE")]);
        let needed = number(quiz.max_points() * mark / 100.0);
        x.leaf("baseValue", &[("baseType", "float")], &needed);
        x.close("gte");
        x.close("setOutcomeValue");
    }
    x.close("outcomeProcessing");
    x.close("assessmentTest");
    x.finish()
}

fn float_outcome(x: &mut Xml, id: &str, default: Option<f64>) {
    let attrs = [
        ("identifier", id),
        ("cardinality", "single"),
        ("baseType", "float"),
    ];
    x.open("outcomeDeclaration", &attrs);
    x.open("defaultValue", &[]);
    x.leaf("value", &[], &number(default.unwrap_or(0.0)));
    x.close("defaultValue");
    x.close("outcomeDeclaration");
}

/// The options of a choice question (true/false as two options), with
/// their QTI identifiers, texts and feedback.
fn choices(q: &Question) -> Vec<(String, String, Option<String>)> {
    match &q.kind {
        Kind::Single { options, .. } | Kind::Multiple { options, .. } => options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let feedback = o.feedback.clone().filter(|f| !f.trim().is_empty());
                (identifier("c", &o.id, i), o.text.clone(), feedback)
            })
            .collect(),
        Kind::TrueFalse { .. } => vec![
            ("TRUE".to_owned(), "True".to_owned(), None),
            ("FALSE".to_owned(), "False".to_owned(), None),
        ],
        Kind::Number { .. }
        | Kind::Text { .. }
        | Kind::Matching { .. }
        | Kind::Ordering { .. }
        | Kind::Reflection { .. } => Vec::new(),
    }
}

/// QTI identifiers for a matching question's items and choices and an
/// ordering question's items.
fn ids(prefix: &str, list: impl Iterator<Item = String>) -> Vec<String> {
    list.enumerate()
        .map(|(i, id)| identifier(prefix, &id, i))
        .collect()
}

/// The QTI identifiers of the right options of a choice question.
fn right_choices(q: &Question) -> Vec<String> {
    let id_of = |wanted: &String| {
        q.kind
            .options()
            .iter()
            .position(|o| &o.id == wanted)
            .map(|i| identifier("c", wanted, i))
    };
    match &q.kind {
        Kind::Single { answer, .. } => id_of(answer).into_iter().collect(),
        Kind::Multiple { answers, .. } => answers.iter().filter_map(id_of).collect(),
        Kind::TrueFalse { answer } => vec![if *answer { "TRUE" } else { "FALSE" }.to_owned()],
        Kind::Matching { items, choices } => {
            let item_ids = ids("i", items.iter().map(|i| i.id.clone()));
            let choice_ids = ids("c", choices.iter().map(|c| c.id.clone()));
            items
                .iter()
                .zip(&item_ids)
                .filter_map(|(item, iid)| {
                    let at = choices.iter().position(|c| c.id == item.answer)?;
                    Some(format!("{iid} {}", choice_ids[at]))
                })
                .collect()
        }
        Kind::Ordering { items } => ids("i", items.iter().map(|i| i.id.clone())),
        Kind::Number { .. } | Kind::Text { .. } | Kind::Reflection { .. } => Vec::new(),
    }
}

fn item(quiz: &Quiz, q: &Question, id: &str) -> String {
    let mut x = Xml::new();
    let location = format!("{QTI_NS} {QTI_XSD}");
    x.open(
        "assessmentItem",
        &[
            ("xmlns", QTI_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", &location),
            ("identifier", id),
            ("title", &q.id),
            ("adaptive", "false"),
            ("timeDependent", "false"),
        ],
    );
    let max = number(q.max_points());
    let choices = choices(q);
    let right = right_choices(q);
    // The response and how it is keyed.
    match &q.kind {
        Kind::Single { .. } | Kind::TrueFalse { .. } => {
            response(&mut x, "single", "identifier", &right, |_| {});
        }
        Kind::Multiple { answers, .. } => {
            let per = number(q.points / answers.len().max(1) as f64);
            let minus = number(-q.points / answers.len().max(1) as f64);
            response(&mut x, "multiple", "identifier", &right, |x| {
                x.open(
                    "mapping",
                    &[
                        ("lowerBound", "0"),
                        ("upperBound", &max),
                        ("defaultValue", "0"),
                    ],
                );
                for (cid, _, _) in &choices {
                    let value = if right.contains(cid) { &per } else { &minus };
                    x.empty("mapEntry", &[("mapKey", cid), ("mappedValue", value)]);
                }
                x.close("mapping");
            });
        }
        Kind::Number { answer, .. } => {
            response(&mut x, "single", "float", &[number(*answer)], |_| {});
        }
        Kind::Text { accept, .. } => {
            let first: Vec<String> = accept.iter().take(1).cloned().collect();
            response(&mut x, "single", "string", &first, |_| {});
        }
        Kind::Matching { items, .. } => {
            // A share of the points per right pair, as lateral scores it.
            let per = number(q.points / items.len().max(1) as f64);
            response(&mut x, "multiple", "directedPair", &right, |x| {
                x.open(
                    "mapping",
                    &[
                        ("lowerBound", "0"),
                        ("upperBound", &max),
                        ("defaultValue", "0"),
                    ],
                );
                for pair in &right {
                    x.empty("mapEntry", &[("mapKey", pair), ("mappedValue", &per)]);
                }
                x.close("mapping");
            });
        }
        Kind::Ordering { .. } => response(&mut x, "ordered", "identifier", &right, |_| {}),
        Kind::Reflection { .. } => response(&mut x, "single", "string", &[], |_| {}),
    }
    float_outcome(&mut x, "SCORE", None);
    float_outcome(&mut x, "MAXSCORE", Some(q.max_points()));
    let feedback_cardinality = match &q.kind {
        Kind::Multiple { .. } => "multiple",
        _ => "single",
    };
    let has_option_feedback = choices.iter().any(|c| c.2.is_some());
    if has_option_feedback {
        x.empty(
            "outcomeDeclaration",
            &[
                ("identifier", "FEEDBACK"),
                ("cardinality", feedback_cardinality),
                ("baseType", "identifier"),
            ],
        );
    }
    x.empty(
        "outcomeDeclaration",
        &[
            ("identifier", "EXPLANATION"),
            ("cardinality", "single"),
            ("baseType", "identifier"),
        ],
    );

    // What the student sees.
    x.open("itemBody", &[]);
    match &q.kind {
        Kind::Single { .. } | Kind::Multiple { .. } | Kind::TrueFalse { .. } => {
            let max_choices = match &q.kind {
                Kind::Multiple { .. } => "0",
                _ => "1",
            };
            x.open(
                "choiceInteraction",
                &[
                    ("responseIdentifier", "RESPONSE"),
                    ("shuffle", "true"),
                    ("maxChoices", max_choices),
                ],
            );
            x.para("prompt", &[], &q.prompt);
            for (cid, text, _) in &choices {
                x.para("simpleChoice", &[("identifier", cid)], text);
            }
            x.close("choiceInteraction");
        }
        Kind::Number { .. } | Kind::Text { .. } => {
            x.para("p", &[], &q.prompt);
            x.open("p", &[]);
            x.empty(
                "textEntryInteraction",
                &[("responseIdentifier", "RESPONSE"), ("expectedLength", "20")],
            );
            x.close("p");
        }
        Kind::Matching { items, choices } => {
            let n = items.len().to_string();
            x.open(
                "matchInteraction",
                &[
                    ("responseIdentifier", "RESPONSE"),
                    ("shuffle", "true"),
                    ("maxAssociations", &n),
                ],
            );
            x.para("prompt", &[], &q.prompt);
            x.open("simpleMatchSet", &[]);
            let item_ids = ids("i", items.iter().map(|i| i.id.clone()));
            for (item, iid) in items.iter().zip(&item_ids) {
                x.para(
                    "simpleAssociableChoice",
                    &[("identifier", iid), ("matchMax", "1")],
                    &item.text,
                );
            }
            x.close("simpleMatchSet");
            x.open("simpleMatchSet", &[]);
            // A choice may go with any number of items.
            let choice_ids = ids("c", choices.iter().map(|c| c.id.clone()));
            for (choice, cid) in choices.iter().zip(&choice_ids) {
                x.para(
                    "simpleAssociableChoice",
                    &[("identifier", cid), ("matchMax", "0")],
                    &choice.text,
                );
            }
            x.close("simpleMatchSet");
            x.close("matchInteraction");
        }
        Kind::Ordering { items } => {
            x.open(
                "orderInteraction",
                &[("responseIdentifier", "RESPONSE"), ("shuffle", "true")],
            );
            x.para("prompt", &[], &q.prompt);
            let item_ids = ids("i", items.iter().map(|i| i.id.clone()));
            for (item, iid) in items.iter().zip(&item_ids) {
                x.para("simpleChoice", &[("identifier", iid)], &item.text);
            }
            x.close("orderInteraction");
        }
        Kind::Reflection { .. } => {
            x.open(
                "extendedTextInteraction",
                &[("responseIdentifier", "RESPONSE"), ("expectedLines", "5")],
            );
            x.para("prompt", &[], &q.prompt);
            x.close("extendedTextInteraction");
        }
    }
    x.close("itemBody");

    // How it is scored.
    x.open("responseProcessing", &[]);
    x.open("responseCondition", &[]);
    x.open("responseIf", &[]);
    x.open("isNull", &[]);
    x.empty("variable", &[("identifier", "RESPONSE")]);
    x.close("isNull");
    set_score(&mut x, |x| {
        x.leaf("baseValue", &[("baseType", "float")], "0")
    });
    x.close("responseIf");
    match &q.kind {
        Kind::Multiple { .. } | Kind::Matching { .. } => {
            x.open("responseElse", &[]);
            set_score(&mut x, |x| {
                x.empty("mapResponse", &[("identifier", "RESPONSE")])
            });
            x.close("responseElse");
        }
        // An open answer is kept, never scored.
        Kind::Reflection { .. } => {}
        kind => {
            x.open("responseElseIf", &[]);
            right_answer(&mut x, kind);
            set_score(&mut x, |x| {
                x.empty("variable", &[("identifier", "MAXSCORE")])
            });
            x.close("responseElseIf");
            x.open("responseElse", &[]);
            set_score(&mut x, |x| {
                x.leaf("baseValue", &[("baseType", "float")], "0")
            });
            x.close("responseElse");
        }
    }
    x.close("responseCondition");
    if has_option_feedback {
        x.open("setOutcomeValue", &[("identifier", "FEEDBACK")]);
        x.empty("variable", &[("identifier", "RESPONSE")]);
        x.close("setOutcomeValue");
    }
    x.open("setOutcomeValue", &[("identifier", "EXPLANATION")]);
    x.leaf("baseValue", &[("baseType", "identifier")], "SHOWN");
    x.close("setOutcomeValue");
    x.close("responseProcessing");

    // Feedback: an option's when it is chosen, then the explanation.
    for (cid, _, feedback) in &choices {
        if let Some(feedback) = feedback {
            x.open(
                "modalFeedback",
                &[
                    ("outcomeIdentifier", "FEEDBACK"),
                    ("identifier", cid),
                    ("showHide", "show"),
                ],
            );
            x.para("p", &[], feedback);
            x.close("modalFeedback");
        }
    }
    x.open(
        "modalFeedback",
        &[
            ("outcomeIdentifier", "EXPLANATION"),
            ("identifier", "SHOWN"),
            ("showHide", "show"),
        ],
    );
    for line in feedback_lines(quiz, q) {
        x.para("p", &[], &line);
    }
    x.close("modalFeedback");
    x.close("assessmentItem");
    x.finish()
}

/// `<responseDeclaration>` with its correct response and, for "select
/// all", the mapping `extra` writes.
fn response(
    x: &mut Xml,
    cardinality: &str,
    base_type: &str,
    correct: &[String],
    extra: impl FnOnce(&mut Xml),
) {
    x.open(
        "responseDeclaration",
        &[
            ("identifier", "RESPONSE"),
            ("cardinality", cardinality),
            ("baseType", base_type),
        ],
    );
    if !correct.is_empty() {
        x.open("correctResponse", &[]);
        for value in correct {
            x.leaf("value", &[], value);
        }
        x.close("correctResponse");
    }
    extra(x);
    x.close("responseDeclaration");
}

fn set_score(x: &mut Xml, value: impl FnOnce(&mut Xml)) {
    x.open("setOutcomeValue", &[("identifier", "SCORE")]);
    value(x);
    x.close("setOutcomeValue");
}

/// The condition under which a single response earns full marks.
fn right_answer(x: &mut Xml, kind: &Kind) {
    match kind {
        Kind::Single { .. }
        | Kind::TrueFalse { .. }
        | Kind::Multiple { .. }
        | Kind::Matching { .. }
        | Kind::Ordering { .. }
        | Kind::Reflection { .. } => {
            x.open("match", &[]);
            x.empty("variable", &[("identifier", "RESPONSE")]);
            x.empty("correct", &[("identifier", "RESPONSE")]);
            x.close("match");
        }
        Kind::Number {
            answer, tolerance, ..
        } => {
            let tolerance = number(*tolerance);
            if tolerance == "0" {
                x.open("equal", &[("toleranceMode", "exact")]);
            } else {
                x.open(
                    "equal",
                    &[("toleranceMode", "absolute"), ("tolerance", &tolerance)],
                );
            }
            x.empty("variable", &[("identifier", "RESPONSE")]);
            x.leaf("baseValue", &[("baseType", "float")], &number(*answer));
            x.close("equal");
        }
        Kind::Text { accept, .. } => {
            x.open("or", &[]);
            for a in accept {
                x.open("stringMatch", &[("caseSensitive", "false")]);
                x.empty("variable", &[("identifier", "RESPONSE")]);
                x.leaf("baseValue", &[("baseType", "string")], a);
                x.close("stringMatch");
            }
            x.close("or");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_ncnames() {
        assert_eq!(identifier("q", "son-age", 0), "q-son-age");
        assert_eq!(identifier("q", "1st", 0), "q-1st");
        assert_eq!(identifier("c", "José", 3), "c4");
        assert_eq!(identifier("c", "a b", 0), "c1");
    }

    #[test]
    fn each_line_break_and_only_those_becomes_a_br() {
        for (text, breaks) in [("one", 0), ("one\ntwo", 1), ("\none\n\ntwo\n", 4)] {
            let mut x = Xml::new();
            x.para("p", &[], text);
            let xml = x.finish();
            assert_eq!(xml.matches("<br/>").count(), breaks, "{xml}");
            let body = &xml[xml.find("<p>").expect("a <p>") + 3..];
            assert_eq!(body.starts_with("one"), text.starts_with("one"), "{xml}");
        }
    }

    fn mini() -> Quiz {
        crate::load::parse::<Quiz>(include_str!("../../tests/fixtures/mini.ron"))
            .expect("the fixture parses")
            .value
    }

    #[test]
    fn the_test_passes_at_the_pass_mark_share_of_every_point() {
        // 6 points in all, a pass mark of 60%: 3.6 points to pass.
        let quiz = mini();
        let xml = test(&quiz, "test-mini", &["q-pick".to_owned()]);
        assert!(
            xml.contains(r#"<baseValue baseType="float">3.6</baseValue>"#),
            "{xml}"
        );
        assert!(xml.contains("<value>6</value>"), "{xml}");
    }

    #[test]
    fn an_option_keeps_its_feedback_unless_it_is_blank() {
        let quiz = mini();
        let expected = |red: Option<&str>| {
            vec![
                ("c-red".to_owned(), "Red".to_owned(), red.map(str::to_owned)),
                (
                    "c-blue".to_owned(),
                    "Blue".to_owned(),
                    Some("Report A says red.".to_owned()),
                ),
                ("c-green".to_owned(), "Green".to_owned(), None),
            ]
        };
        assert_eq!(choices(&quiz.questions[0]), expected(None));
        let with_feedback = |feedback: &str| {
            let mut q = quiz.questions[0].clone();
            if let Kind::Single { options, .. } = &mut q.kind {
                options[0].feedback = Some(feedback.to_owned());
            }
            choices(&q)
        };
        assert_eq!(with_feedback(" \n "), expected(None));
        assert_eq!(with_feedback("Right."), expected(Some("Right.")));
    }

    #[test]
    fn a_list_of_ids_becomes_identifiers_by_position() {
        let list = ["tuesday", "by noon", "", "5th"].map(str::to_owned);
        assert_eq!(
            ids("i", list.into_iter()),
            ["i-tuesday", "i2", "i3", "i-5th"]
        );
    }

    #[test]
    fn the_correct_response_is_the_key_in_qti_identifiers() {
        let mini = mini();
        let right: Vec<Vec<String>> = mini.questions.iter().map(right_choices).collect();
        assert_eq!(
            right,
            [
                vec!["c-red"],
                vec!["c-a", "c-b"],
                vec!["TRUE"],
                vec![],
                vec![]
            ]
        );
        let mut no = mini.questions[2].clone();
        no.kind = Kind::TrueFalse { answer: false };
        assert_eq!(right_choices(&no), ["FALSE"]);
        // An id that is no NCName is named by its position.
        let mut spaced = mini.questions[0].clone();
        if let Kind::Single { options, answer } = &mut spaced.kind {
            options[1].id = "light blue".to_owned();
            *answer = "light blue".to_owned();
        }
        assert_eq!(right_choices(&spaced), ["c2"]);
        let kinds = crate::load::parse::<Quiz>(include_str!("../../tests/fixtures/kinds.ron"))
            .expect("the fixture parses")
            .value;
        assert_eq!(
            right_choices(&kinds.questions[0]),
            ["i-tuesday c-a", "i-noon c-b", "i-minutes c-a"]
        );
        assert_eq!(
            right_choices(&kinds.questions[1]),
            ["i-met", "i-lasted", "i-left"]
        );
        assert_eq!(right_choices(&kinds.questions[2]), Vec::<String>::new());
        // An item paired with no listed choice (validation refuses it) has
        // no correct response: the other pairs stay.
        let mut unpaired = kinds.questions[0].clone();
        if let Kind::Matching { items, .. } = &mut unpaired.kind {
            items[1].answer = "nowhere".to_owned();
        }
        assert_eq!(right_choices(&unpaired), ["i-tuesday c-a", "i-minutes c-a"]);
    }

    #[test]
    fn select_all_maps_each_right_option_to_its_share_and_each_wrong_one_below() {
        // 2 points over 2 right options: +1 each, -1 for the wrong one,
        // between 0 and 2.
        let quiz = mini();
        let xml = item(&quiz, &quiz.questions[1], "q-all");
        for entry in [
            r#"<mapping lowerBound="0" upperBound="2" defaultValue="0">"#,
            r#"<mapEntry mapKey="c-a" mappedValue="1"/>"#,
            r#"<mapEntry mapKey="c-b" mappedValue="1"/>"#,
            r#"<mapEntry mapKey="c-none" mappedValue="-1"/>"#,
        ] {
            assert!(xml.contains(entry), "{entry} in {xml}");
        }
    }

    fn assert_holds(xml: &str, parts: &[&str]) {
        for part in parts {
            assert!(xml.contains(part), "{part} in {xml}");
        }
    }

    #[test]
    fn each_kind_of_item_declares_and_scores_its_response() {
        let quiz = mini();
        let pick = item(&quiz, &quiz.questions[0], "q-pick");
        assert_holds(
            &pick,
            &[
                r#"maxChoices="1""#,
                "<correctResponse>\n      <value>c-red</value>",
                r#"<setOutcomeValue identifier="SCORE">"#,
                r#"identifier="FEEDBACK" cardinality="single""#,
            ],
        );
        let mut all = quiz.questions[1].clone();
        if let Kind::Multiple { options, .. } = &mut all.kind {
            options[2].feedback = Some("Both do.".to_owned());
        }
        assert_holds(
            &item(&quiz, &all, "q-all"),
            &[
                r#"maxChoices="0""#,
                r#"identifier="FEEDBACK" cardinality="multiple""#,
            ],
        );
        let count = item(&quiz, &quiz.questions[3], "q-count");
        assert_holds(&count, &[r#"<equal toleranceMode="exact">"#]);
        let mut near = quiz.questions[3].clone();
        if let Kind::Number { tolerance, .. } = &mut near.kind {
            *tolerance = 0.5;
        }
        assert_holds(
            &item(&quiz, &near, "q-count"),
            &[r#"<equal toleranceMode="absolute" tolerance="0.5">"#],
        );
        let kinds = crate::load::parse::<Quiz>(include_str!("../../tests/fixtures/kinds.ron"))
            .expect("the fixture parses")
            .value;
        // A third of the point for each of three right pairs.
        assert_holds(
            &item(&kinds, &kinds.questions[0], "q-who-where"),
            &[r#"<mapEntry mapKey="i-tuesday c-a" mappedValue="0.3333333333333333"/>"#],
        );
        let reflection = item(&kinds, &kinds.questions[2], "q-next");
        assert!(!reflection.contains("correctResponse"), "{reflection}");
    }

    #[test]
    fn xml_cannot_hold_most_control_characters() {
        assert!(xml_char('\n') && xml_char('é') && xml_char('\u{1f600}'));
        assert!(!xml_char('\u{0}') && !xml_char('\u{1b}') && !xml_char('\u{fffe}'));
    }
}
