//! The starter without source texts: one example source and a question of
//! every kind whose quotes and keys are plainly placeholders to replace.

use super::{bottom, options, top, typed, Question, HEADER};
use super::{
    MATCHING_COMMENT, MULTIPLE_COMMENT, NUMBER_COMMENT, ORDERING_COMMENT, REFLECTION_COMMENT,
    SINGLE_COMMENT, TEXT_COMMENT, TRUE_FALSE_COMMENT,
};

/// The starter without source texts: an example source and placeholders.
pub(super) fn placeholder(id: &str) -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "//
// Replace each placeholder with your own words. Quotes are checked against
// the article texts with `lateral check --sources DIR` (DIR holds article.txt).
",
    );
    top(
        &mut out,
        id,
        "A starter quiz",
        "Replace this with one or two sentences on what the quiz practises.",
    );
    out.push_str(
        "    // The articles the quiz is built from. `id` is what citations name,
    // `headline` is shown with every citation, `file` is the text's name in
    // the sources folder. Add `publisher` or `date` only when the text itself
    // gives them.
    sources: [
        (
            id: \"article\",
            headline: \"Replace with the article's headline, as printed\",
            file: \"article.txt\",
        ),
    ],
",
    );
    let cite = || {
        vec![(
            "article".to_owned(),
            "replace with a few words copied exactly from article.txt".to_owned(),
        )]
    };
    let own = |s: &str| s.to_owned();
    let questions = [
        Question {
            comment: SINGLE_COMMENT,
            scored: true,
            id: "single",
            prompt: own("Replace with a question that has one right answer."),
            tags: "\"facts\"",
            kind: format!(
                "Single(\n                options: {},\n                answer: \"right\",\n            )",
                options(&[
                    (own("right"), own("The right answer"), None),
                    (
                        own("tempting"),
                        own("A wrong answer a hasty reader would pick"),
                        Some(own("Say why it is wrong: a student who picks it reads this.")),
                    ),
                    (own("other"), own("Another wrong answer"), None),
                ])
            ),
            explanation: own("Say why the answer is right, and what each source says."),
            citations: cite(),
        },
        Question {
            comment: MULTIPLE_COMMENT,
            scored: true,
            id: "multiple",
            prompt: own("Replace with a question that has several right answers. Select all that apply."),
            tags: "\"cross-check\"",
            kind: format!(
                "Multiple(\n                options: {},\n                answers: [\"right-1\", \"right-2\"],\n            )",
                options(&[
                    (own("right-1"), own("A right answer"), None),
                    (own("right-2"), own("Another right answer"), None),
                    (
                        own("wrong"),
                        own("A wrong answer"),
                        Some(own("Say why it is wrong.")),
                    ),
                ])
            ),
            explanation: own("Say which answers are right and where each comes from."),
            citations: cite(),
        },
        Question {
            comment: TRUE_FALSE_COMMENT,
            scored: true,
            id: "true-false",
            prompt: own("Replace with a statement that is true or false."),
            tags: "\"judging-sources\"",
            kind: own("TrueFalse(answer: true)"),
            explanation: own("Say why the statement is true (or false)."),
            citations: cite(),
        },
        Question {
            comment: NUMBER_COMMENT,
            scored: true,
            id: "number",
            prompt: own("Replace with a question whose answer is a number, such as how many minutes something lasted."),
            tags: "\"facts\"",
            kind: own("Number(answer: 9, tolerance: 0, unit: \"minutes\", unit_aliases: [\"min\"])"),
            explanation: own("Say where the number comes from, and which sources give it."),
            citations: cite(),
        },
        Question {
            comment: TEXT_COMMENT,
            scored: true,
            id: "text",
            prompt: own("Replace with a question answered in a word or a name."),
            tags: "\"attribution\"",
            kind: own("Text(accept: [\"Felipe Calderón\", \"Calderón\"], typo: true)"),
            explanation: own("Say who said it, and through whom we know it."),
            citations: cite(),
        },
        Question {
            comment: MATCHING_COMMENT,
            id: "matching",
            scored: true,
            prompt: own("Replace with a matching task, such as each quote with its speaker."),
            tags: "\"attribution\"",
            kind: own("Matching(
                items: [
                    (id: \"first\", text: \"A first quote\", answer: \"speaker-1\"),
                    (id: \"second\", text: \"A second quote\", answer: \"speaker-2\"),
                ],
                choices: [
                    (id: \"speaker-1\", text: \"Who said the first\"),
                    (id: \"speaker-2\", text: \"Who said the second\"),
                    (id: \"nobody\", text: \"Someone the reports quote elsewhere\"),
                ],
            )"),
            explanation: own("Say who said each, and which report gives it."),
            citations: cite(),
        },
        Question {
            comment: ORDERING_COMMENT,
            id: "ordering",
            scored: true,
            prompt: own("Replace with events to put in order, first to last."),
            tags: "\"facts\"",
            kind: own("Ordering(
                items: [
                    (id: \"first\", text: \"What happened first\"),
                    (id: \"then\", text: \"What happened next\"),
                    (id: \"last\", text: \"What happened last\"),
                ],
            )"),
            explanation: own("Say which report gives the order, and how it knows."),
            citations: cite(),
        },
        Question {
            comment: REFLECTION_COMMENT,
            id: "reflection",
            scored: false,
            prompt: own("Replace with an open question, such as what you would search for next, and why."),
            tags: "\"judging-sources\"",
            kind: own("Reflection(
                model: \"Replace with a model answer: what a fact-checker would search for, and why.\",
            )"),
            explanation: own("Say what the model answer rests on."),
            citations: cite(),
        },
    ];
    bottom(
        &mut out,
        &questions,
        &[
            ("single", "Choice(\"right\")".to_owned(), true),
            (
                "multiple",
                "Choices([\"right-1\", \"right-2\"])".to_owned(),
                true,
            ),
            ("multiple", "Choices([\"right-1\"])".to_owned(), false),
            ("true-false", "Bool(true)".to_owned(), true),
            ("number", typed("nine minutes"), true),
            ("number", typed("9"), true),
            ("number", typed("10"), false),
            ("text", typed("calderon"), true),
            ("text", typed("Caldreon"), true),
            ("text", typed("Sarukhan"), false),
            (
                "matching",
                "Pairs({\"first\": \"speaker-1\", \"second\": \"speaker-2\"})".to_owned(),
                true,
            ),
            (
                "matching",
                "Pairs({\"first\": \"speaker-2\", \"second\": \"speaker-1\"})".to_owned(),
                false,
            ),
            (
                "ordering",
                "Order([\"first\", \"then\", \"last\"])".to_owned(),
                true,
            ),
            (
                "ordering",
                "Order([\"last\", \"then\", \"first\"])".to_owned(),
                false,
            ),
        ],
    );
    out
}
