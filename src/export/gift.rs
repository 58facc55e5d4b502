//! GIFT, Moodle's text format for questions, as its importer
//! (`question/format/gift/format.php`) reads it.
//!
//! One block per question, separated by blank lines: `::id::`, the prompt,
//! then the answers in braces with the explanation and citations as general
//! feedback (`####`). Every text is escaped as Moodle's exporter escapes it
//! (`\` `~` `=` `#` `{` `}` `:` with a backslash, a line break as `\n`) and
//! starts with `[moodle]`, so text that begins with `[html]` is never taken
//! for a format marker. Since every line break is escaped, no text can end
//! a block early.
//!
//! Some text cannot be written so that Moodle reads it back unchanged, and
//! is refused rather than altered: a carriage return (Moodle drops it), one
//! of the importer's own placeholders (`&&058;`, which it turns into `:`),
//! and in a typed answer `->` (which makes the question a matching one) or
//! `*` (a wildcard there).

use std::fmt::Write as _;

use super::{feedback_lines, number, points, scoring_gaps, texts, Exported, Notes, Refused};
use crate::escape::Untrusted;
use crate::quiz::{Choice, Kind, Question, Quiz};

/// The answer weights (percent) Moodle accepts; an import with any other
/// weight is rejected. Negative weights are these with a minus sign.
pub const WEIGHTS: [&str; 21] = [
    "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30",
    "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0",
];

/// The placeholders Moodle's importer puts in place of escaped characters
/// and turns back afterwards: text holding one of them would come back
/// changed.
pub const PLACEHOLDERS: [&str; 8] = [
    "&&092;", "&&058;", "&&035;", "&&061;", "&&123;", "&&125;", "&&126;", "&&010",
];

/// Escapes text as Moodle's GIFT exporter does: a backslash before each of
/// `\ ~ = # { } :`, and a line break as `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Why Moodle would not read `text` back as it is, after [`escape`]; `None`
/// when it would.
pub fn unexpressible(text: &str) -> Option<String> {
    if text.contains('\r') {
        return Some(
            "it holds a carriage return, which Moodle drops; use plain line breaks".into(),
        );
    }
    PLACEHOLDERS
        .iter()
        .find(|p| text.contains(*p))
        .map(|p| format!("it holds `{p}`, which Moodle's importer turns into another character"))
}

/// The weight from [`WEIGHTS`] nearest to `percent` (which may be
/// negative), and whether it is exact.
pub fn weight(percent: f64) -> (String, bool) {
    let magnitude = percent.abs();
    let (text, value) = WEIGHTS
        .iter()
        .map(|w| (*w, w.parse::<f64>().unwrap_or(0.0)))
        .min_by(|a, b| (a.1 - magnitude).abs().total_cmp(&(b.1 - magnitude).abs()))
        .unwrap_or(("0", 0.0));
    // Moodle matches a weight within 0.001 percent.
    let exact = (value - magnitude).abs() < 1e-3;
    let sign = if percent < 0.0 && value != 0.0 {
        "-"
    } else {
        ""
    };
    (format!("{sign}{text}"), exact)
}

/// Writes `quiz` as GIFT: a `$CATEGORY:` named after the title, then one
/// block per question in quiz order.
pub fn export(quiz: &Quiz) -> Result<Exported<String>, Refused> {
    let mut notes = Notes::default();
    let mut out = String::new();
    let _ = writeln!(out, "// Exported by lateral from the quiz `{}`.", quiz.id);
    let _ = writeln!(out, "$CATEGORY: {}\n", category(quiz, &mut notes));
    if let Some(mark) = quiz.pass_mark {
        notes.warn_quiz(format!(
            "the pass mark ({}%) is not part of GIFT; set it as the Moodle quiz's grade to pass",
            points(mark)
        ));
    }
    for q in &quiz.questions {
        for (field, text) in texts(q) {
            if let Some(reason) = unexpressible(text) {
                notes.refuse(q, field, reason);
            }
        }
        question(quiz, q, &mut out, &mut notes);
        out.push('\n');
    }
    notes.finish("GIFT", out)
}

/// The quiz title as a category line. Moodle reads that line raw (no
/// escapes), splits it into a path at `/` (`//` is a slash) and takes a
/// leading `$` for a context, so a title it would misread is replaced by
/// the quiz's id, with a warning.
fn category(quiz: &Quiz, notes: &mut Notes) -> String {
    let title = quiz.title.trim();
    if title.is_empty() || title.starts_with('$') || title.contains(['\\', '\n', '\r']) {
        notes.warn_quiz(format!(
            "the title cannot be a Moodle category name as it is; the category is named `{}`",
            quiz.id
        ));
        quiz.id.clone()
    } else {
        title.replace('/', "//")
    }
}

/// A text field: `[moodle]` and the escaped text.
fn text(value: &str) -> String {
    format!("[moodle]{}", escape(value))
}

fn question(quiz: &Quiz, q: &Question, out: &mut String, notes: &mut Notes) {
    if let Kind::Ordering { .. } = q.kind {
        notes.warn(
            q,
            "GIFT has no ordering question, so it is left out; export to QTI for an orderInteraction",
        );
        return;
    }
    if let Kind::Reflection { .. } = q.kind {
        notes.warn(
            q,
            "a reflection becomes an essay, which Moodle leaves for the teacher to grade; lateral never scores it (set its mark to 0); the model answer is in the general feedback",
        );
    } else if (q.points - 1.0).abs() > 1e-9 {
        notes.warn(
            q,
            format!(
                "worth {} points in lateral; GIFT has no marks, so Moodle imports it as 1 (set its mark in the Moodle quiz)",
                points(q.points)
            ),
        );
    }
    scoring_gaps(q, "Moodle", notes);
    let tags: Vec<&String> = q
        .tags
        .iter()
        .filter(|t| {
            let plain = !t.chars().any(|c| c == ']' || c.is_control());
            if !plain {
                notes.warn(
                    q,
                    format!(
                        "the tag `{}` is left out: it holds `]` or a control character",
                        Untrusted::new(t.as_str())
                    ),
                );
            }
            plain
        })
        .collect();
    if !tags.is_empty() {
        let tags: Vec<String> = tags.iter().map(|t| format!("[tag:{}]", t.trim())).collect();
        let _ = writeln!(out, "// {}", tags.join(" "));
    }
    let _ = write!(out, "::{}::{}", escape(&q.id), text(&q.prompt));
    match &q.kind {
        Kind::Single { options, answer } => {
            out.push_str("{\n");
            let mut written: Vec<&Choice> = options.iter().collect();
            // A first answer `=a -> b` is a matching pair to some GIFT
            // readers (Moodle looks for `~` first, they do not): the right
            // option goes second then. Moodle shuffles options, as lateral does.
            if written.len() > 1 && written[0].id == *answer && written[0].text.contains("->") {
                written.swap(0, 1);
            }
            for o in written {
                let mark = if &o.id == answer { "=" } else { "~" };
                option(out, mark, o);
            }
        }
        Kind::Multiple { options, answers } => {
            out.push_str("{\n");
            let right = answers.len().max(1) as f64;
            let (plus, exact) = weight(100.0 / right);
            let (minus, _) = weight(-100.0 / right);
            if !exact {
                notes.warn(
                    q,
                    format!(
                        "with {} right options each should weigh {}%, which Moodle does not accept; each is written as {plus}% (and a wrong one as {minus}%), so the weights do not add up to 100% and Moodle may refuse the question",
                        answers.len(),
                        number((100.0 / right * 100_000.0).round() / 100_000.0)
                    ),
                );
            }
            for o in options {
                let w = if answers.contains(&o.id) {
                    &plus
                } else {
                    &minus
                };
                option(out, &format!("~%{w}%"), o);
            }
        }
        Kind::TrueFalse { answer } => {
            out.push('{');
            out.push_str(if *answer { "TRUE" } else { "FALSE" });
            out.push('\n');
        }
        Kind::Number {
            answer, tolerance, ..
        } => {
            let _ = writeln!(out, "{{#{}:{}", number(*answer), number(*tolerance));
        }
        Kind::Text { accept, .. } => {
            out.push_str("{\n");
            for (i, a) in accept.iter().enumerate() {
                let field = format!("accepted answer {}", i + 1);
                if a.contains("->") {
                    notes.refuse(
                        q,
                        field.clone(),
                        "it holds `->`, which makes Moodle read the question as a matching one",
                    );
                }
                if a.contains('*') {
                    notes.refuse(
                        q,
                        field,
                        "it holds `*`, which Moodle's short answers read as a wildcard that matches anything",
                    );
                }
                let _ = writeln!(out, "\t={}", text(a));
            }
        }
        Kind::Matching { items, choices } => {
            out.push_str("{\n");
            let used: Vec<&Choice> = choices
                .iter()
                .filter(|c| items.iter().any(|i| i.answer == c.id))
                .collect();
            if used.len() < choices.len() {
                notes.warn(
                    q,
                    "choices no item is paired with are left out: GIFT has no place for a choice that fits nothing",
                );
            }
            if items.len() < 2 || used.len() < 3 {
                notes.warn(
                    q,
                    "Moodle wants at least two items and three different choices in a matching question, and may refuse this one",
                );
            }
            if choices.iter().any(|c| c.feedback.is_some()) {
                notes.warn(q, "a choice's own feedback has no place in a GIFT matching question and is left out");
            }
            for item in items {
                let choice = choices
                    .iter()
                    .find(|c| c.id == item.answer)
                    .map_or(item.answer.as_str(), |c| c.text.as_str());
                if item.text.contains("->") || choice.contains("->") {
                    notes.refuse(
                        q,
                        format!("item `{}`", item.id),
                        "it holds `->`, which Moodle reads as the split between an item and its match",
                    );
                }
                let _ = writeln!(out, "\t={} -> {}", text(&item.text), escape(choice));
            }
        }
        Kind::Reflection { .. } => out.push_str("{\n"),
        Kind::Ordering { .. } => unreachable!("left out above"),
    }
    let mut feedback = feedback_lines(quiz, q);
    if let Kind::Reflection { model } = &q.kind {
        feedback.insert(0, format!("A model answer: {model}"));
    }
    let _ = writeln!(out, "\t####{}", text(&feedback.join("\n")));
    out.push_str("}\n");
}

/// One option line: its mark (`=`, `~`, `~%50%`), text and feedback.
fn option(out: &mut String, mark: &str, o: &Choice) {
    let _ = write!(out, "\t{mark}{}", text(&o.text));
    if let Some(f) = o.feedback.as_deref().filter(|f| !f.trim().is_empty()) {
        let _ = write!(out, "#{}", text(f));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The warnings the export gave about question `id`, in order.
    fn warnings_on<'a>(exported: &'a Exported<String>, id: &str) -> Vec<&'a str> {
        exported
            .warnings
            .iter()
            .filter(|w| w.question.as_deref() == Some(id))
            .map(|w| w.message.as_str())
            .collect()
    }

    #[test]
    fn escape_marks_every_special_character() {
        assert_eq!(
            escape("a\\b~c=d#e{f}g:h\ni"),
            "a\\\\b\\~c\\=d\\#e\\{f\\}g\\:h\\ni"
        );
        assert_eq!(escape("José “quoted” — ok"), "José “quoted” — ok");
    }

    #[test]
    fn weights_come_from_moodle_list() {
        assert_eq!(weight(50.0), ("50".to_owned(), true));
        assert_eq!(weight(-100.0 / 3.0), ("-33.33333".to_owned(), true));
        assert_eq!(weight(100.0 / 7.0), ("14.28571".to_owned(), true));
        assert_eq!(weight(100.0 / 12.0), ("10".to_owned(), false));
    }

    #[test]
    fn a_weight_is_the_nearest_moodle_takes() {
        assert_eq!(weight(100.0), ("100".to_owned(), true));
        assert_eq!(weight(-25.0), ("-25".to_owned(), true));
        assert_eq!(weight(72.0), ("70".to_owned(), false));
        assert_eq!(weight(-88.0), ("-90".to_owned(), false));
        assert_eq!(weight(3.0), ("5".to_owned(), false));
        assert_eq!(weight(2.0), ("0".to_owned(), false));
        assert_eq!(weight(-2.0), ("0".to_owned(), false));
        assert_eq!(weight(13.0), ("12.5".to_owned(), false));
        // Moodle matches within 0.001 percent, not at 0.001 itself.
        assert_eq!(weight(0.001), ("0".to_owned(), false));
        assert_eq!(weight(0.0009), ("0".to_owned(), true));
    }

    fn titled(title: &str) -> Quiz {
        let mut quiz = crate::load::parse::<Quiz>(include_str!("../../tests/fixtures/mini.ron"))
            .expect("the fixture parses")
            .value;
        quiz.title = title.to_owned();
        quiz
    }

    #[test]
    fn a_title_moodle_would_misread_names_the_category_by_the_quiz_id() {
        for title in ["", "  ", "$course$/Reading", "a\\b", "one\ntwo", "one\rtwo"] {
            let mut notes = Notes::default();
            assert_eq!(category(&titled(title), &mut notes), "mini", "{title:?}");
            let messages: Vec<&str> = notes.warnings.iter().map(|w| w.message.as_str()).collect();
            assert_eq!(
                messages,
                ["the title cannot be a Moodle category name as it is; the category is named `mini`"]
            );
        }
        let mut notes = Notes::default();
        assert_eq!(
            category(&titled(" Reading / sources "), &mut notes),
            "Reading // sources"
        );
        assert!(notes.warnings.is_empty());
    }

    #[test]
    fn a_tag_with_a_bracket_or_a_control_character_is_left_out() {
        let mut quiz = titled("Mini quiz");
        quiz.questions[0].tags = vec!["a]b".into(), "ok".into(), "bell\u{7}".into()];
        let exported = export(&quiz).expect("the mini quiz exports");
        assert!(exported.output.contains("\n// [tag:ok]\n::pick::"));
        let left_out = warnings_on(&exported, "pick");
        assert_eq!(left_out.len(), 2, "{left_out:?}");
        assert_eq!(
            left_out[0],
            "the tag `a]b` is left out: it holds `]` or a control character"
        );
        assert!(left_out[1].starts_with("the tag `bell"));
    }

    fn first_question_options(quiz: &mut Quiz) -> &mut Vec<Choice> {
        match &mut quiz.questions[0].kind {
            Kind::Single { options, .. } => options,
            other => panic!("the first question is a single choice, not {other:?}"),
        }
    }

    /// The marks and texts of the options GIFT writes for the first question.
    fn first_options(quiz: &Quiz) -> Vec<String> {
        let out = export(quiz).expect("the quiz exports").output;
        let block = &out[out.find("::pick::").expect("the first question")..];
        block
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with('\t') && !l.starts_with("\t#"))
            .map(|l| l.trim_start().split('#').next().unwrap_or("").to_owned())
            .collect()
    }

    #[test]
    fn a_right_first_option_holding_an_arrow_goes_second() {
        let mut quiz = titled("Mini quiz");
        assert_eq!(
            first_options(&quiz),
            ["=[moodle]Red", "~[moodle]Blue", "~[moodle]Green"]
        );
        first_question_options(&mut quiz)[0].text = "Red -> Blue".into();
        assert_eq!(
            first_options(&quiz),
            ["~[moodle]Blue", "=[moodle]Red -> Blue", "~[moodle]Green"]
        );
        // Nor is a lone option moved (there is nothing to swap it with).
        let mut quiz = titled("Mini quiz");
        first_question_options(&mut quiz).truncate(1);
        first_question_options(&mut quiz)[0].text = "Red -> Blue".into();
        assert_eq!(first_options(&quiz), ["=[moodle]Red -> Blue"]);
        // A wrong option holding an arrow stays first.
        let mut quiz = titled("Mini quiz");
        first_question_options(&mut quiz).swap(0, 1);
        first_question_options(&mut quiz)[0].text = "Blue -> Red".into();
        assert_eq!(
            first_options(&quiz),
            ["~[moodle]Blue -> Red", "=[moodle]Red", "~[moodle]Green"]
        );
    }

    #[test]
    fn a_matching_question_with_an_unused_choice_warns_of_it() {
        let kinds = crate::load::parse::<Quiz>(include_str!("../../tests/fixtures/kinds.ron"))
            .expect("the fixture parses")
            .value;
        let exported = export(&kinds).expect("the kinds quiz exports");
        let matching = warnings_on(&exported, "who-where");
        // Two of its three choices are used: `neither` is left out.
        assert_eq!(
            matching,
            [
                "choices no item is paired with are left out: GIFT has no place for a choice that fits nothing",
                "Moodle wants at least two items and three different choices in a matching question, and may refuse this one"
            ]
        );
        assert!(!exported.output.contains("Neither report"));

        // With every choice used, neither warning.
        let mut all_used = kinds.clone();
        if let Kind::Matching { items, .. } = &mut all_used.questions[0].kind {
            items[2].answer = "neither".to_owned();
        }
        let exported = export(&all_used).expect("the kinds quiz exports");
        assert!(exported
            .warnings
            .iter()
            .all(|w| w.question.as_deref() != Some("who-where")));
    }

    #[test]
    fn a_prompt_with_a_carriage_return_refuses_the_export() {
        let mut quiz = titled("Mini quiz");
        quiz.questions[0].prompt = "Which colour\r\nwas the door?".into();
        let refused = export(&quiz).expect_err("a carriage return cannot be written");
        assert_eq!(refused.format, "GIFT");
        let fields: Vec<(&str, &str)> = refused
            .problems
            .iter()
            .map(|p| (p.question.as_str(), p.field.as_str()))
            .collect();
        assert_eq!(fields, [("pick", "prompt")]);
        assert!(refused.problems[0].reason.contains("carriage return"));
    }

    #[test]
    fn twelve_right_options_warn_that_the_weights_miss_100() {
        let mut quiz = titled("Mini quiz");
        let options: Vec<Choice> = (0..12)
            .map(|i| Choice {
                id: format!("o{i}"),
                text: format!("Option {i}"),
                feedback: None,
            })
            .collect();
        let answers = options.iter().map(|o| o.id.clone()).collect();
        quiz.questions[0].kind = Kind::Multiple { options, answers };
        let exported = export(&quiz).expect("exports with a warning");
        let on_pick = warnings_on(&exported, "pick");
        // 100 / 12 = 8.33333…, not in Moodle's list; the nearest it takes is 10.
        assert_eq!(
            on_pick,
            ["with 12 right options each should weigh 8.33333%, which Moodle does not accept; each is written as 10% (and a wrong one as -10%), so the weights do not add up to 100% and Moodle may refuse the question"]
        );
    }

    #[test]
    fn a_matching_item_or_choice_holding_an_arrow_is_refused() {
        let kinds = crate::load::parse::<Quiz>(include_str!("../../tests/fixtures/kinds.ron"))
            .expect("the fixture parses")
            .value;
        let mut item_arrow = kinds.clone();
        let mut choice_arrow = kinds;
        if let Kind::Matching { items, .. } = &mut item_arrow.questions[0].kind {
            items[1].text = "before -> noon".into();
        }
        if let Kind::Matching { choices, .. } = &mut choice_arrow.questions[0].kind {
            // `a` is the answer of `tuesday` and `minutes`.
            choices[0].text = "Report -> A".into();
        }
        let refused_fields = |quiz: &Quiz| -> Vec<String> {
            export(quiz)
                .expect_err("an arrow cannot be written")
                .problems
                .iter()
                .map(|p| format!("{}: {}", p.question, p.field))
                .collect()
        };
        assert_eq!(refused_fields(&item_arrow), ["who-where: item `noon`"]);
        assert_eq!(
            refused_fields(&choice_arrow),
            ["who-where: item `tuesday`", "who-where: item `minutes`"]
        );
    }

    #[test]
    fn placeholders_and_carriage_returns_cannot_be_written() {
        assert!(unexpressible("a &&058; b").unwrap().contains("&&058;"));
        assert!(unexpressible("a\r\nb").unwrap().contains("carriage return"));
        assert_eq!(unexpressible("a && b: {c}"), None);
    }
}
