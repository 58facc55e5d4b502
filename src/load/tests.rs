//! Reading RON: each way a file can be refused, with the message, place
//! and help written here, and the helpers that find the place.

use super::*;

#[test]
fn parse_owned_keeps_the_text_or_hands_it_back() {
    let doc = parse_owned::<Vec<u32>>("[1, 2]".to_owned()).unwrap();
    assert_eq!(doc.value, [1, 2]);
    assert_eq!(doc.text, "[1, 2]");
    let (problem, text) = *parse_owned::<Vec<u32>>("[1, x]".to_owned()).unwrap_err();
    assert_eq!(text, "[1, x]");
    let borrowed = parse::<Vec<u32>>("[1, x]").unwrap_err();
    assert_eq!(problem.message, borrowed.message);
    assert_eq!(problem.span, borrowed.span);
    let (empty, _) = *parse_owned::<Vec<u32>>("  ".to_owned()).unwrap_err();
    assert_eq!(empty.message, "file is empty");
}
use crate::diagnostic::render;

#[test]
fn positions_are_scanned_only_when_a_place_is_asked_for() {
    let text = "(\n  a: 1,\n  b: [\"x\", Some(\"y\")],\n)";
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct T {
        a: u32,
        b: Vec<Option<String>>,
    }
    let doc = parse::<T>(text).unwrap();
    assert!(!doc.spans.is_scanned());
    let y = doc.spans.find(&Place::root().field("b").index(1)).unwrap();
    assert!(doc.spans.is_scanned());
    // `"y"` inside `Some(...)`: line 3, column 17.
    assert_eq!(y, 26..29);
    assert_eq!(&text[y.clone()], "\"y\"");
    assert_eq!(crate::diagnostic::line_col(text, y.start), (3, 17));
}

#[test]
fn bytes_that_are_not_utf8_are_shown_at_the_first_bad_byte() {
    let bytes = b"(format: 1,\n id: \"\xff\xfe\")";
    let e = decode_text(bytes).unwrap_err();
    assert_eq!(
        render("bad.ron", e.readable, &[*e.diagnostic]),
        "bad.ron:2:7: error: file is not UTF-8 text: invalid byte 0xff\n  |\n2 |  id: \"\n  |       ^\n  |\n  = help: save the file as UTF-8 in your editor\n"
    );
    assert_eq!(
        decode(bytes).unwrap_err().message,
        "file is not UTF-8 text: invalid byte 0xff at line 2, column 7"
    );
}

use crate::diagnostic::line_col;
use crate::quiz::Quiz;

/// The first three lines of a quiz, up to the middle of its first question
/// (`q`, opened on line 3).
const HEAD: &str = "(format: 1, id: \"p\", title: \"T\", description: \"D.\",\n sources: [(id: \"a\", headline: \"A\", file: \"a.txt\")],\n questions: [(id: \"q\", prompt: \"P\",\n";

/// A quiz whose first question goes on with `line`, line 4 of the file.
fn with_line(line: &str) -> String {
    format!("{HEAD}{line}\n)])\n")
}

/// What [`parse`] reports for a quiz `text`: the message, where the problem
/// starts and ends (`line:column-line:column`), and the help.
fn refused(text: &str) -> (String, String, String) {
    let Err(d) = parse::<Quiz>(text) else {
        panic!("accepted: {text}");
    };
    let span = d.span.clone().expect("a place");
    let (l1, c1) = line_col(text, span.start);
    let (l2, c2) = line_col(text, span.end);
    (
        d.message,
        format!("{l1}:{c1}-{l2}:{c2}"),
        d.help.unwrap_or_default(),
    )
}

/// Asserts each `(text, message, place, help)`.
fn assert_refused(cases: &[(String, &str, &str, &str)]) {
    for (text, message, place, help) in cases {
        let (m, p, h) = refused(text);
        assert_eq!(
            (m.as_str(), p.as_str(), h.as_str()),
            (*message, *place, *help),
            "{text}"
        );
    }
}

const ANY_FIELD: &str = "see docs/quiz-format.md for what this field holds";

#[test]
fn a_value_of_the_wrong_type_is_named_by_its_field() {
    assert_refused(&[
        (
            "(format: \"1\", id: \"p\")".to_owned(),
            "`format` must be a whole number such as 1, found a string",
            "1:10-1:13",
            "write `format: 1`",
        ),
        (
            "(format: 1, pass_mark: \"60%\")".to_owned(),
            "`pass_mark` must be a number such as 60 (percent), found a string",
            "1:24-1:29",
            "write the percentage without quotes or `%`: `pass_mark: 60`",
        ),
        (
            with_line("points: \"2\","),
            "`points` must be a number such as 1, found a string",
            "4:9-4:12",
            "write `points: 1` without quotes, or leave it out",
        ),
        (
            with_line("kind: TrueFalse(answer: \"true\"),"),
            "`answer` must be `true` or `false` without quotes, found a string",
            "4:25-4:31",
            "write `answer: true` or `answer: false`",
        ),
        (
            with_line("kind: Single(options: [], answer: 12),"),
            "`answer` must be the option's id, a string such as \"b\", found a number",
            "4:35-4:37",
            "write the id of the right option in double quotes: `answer: \"b\"`",
        ),
        (
            with_line("kind: Number(answer: \"nine\"),"),
            "`answer` must be a number such as 9, found a string",
            "4:22-4:28",
            "write the number in digits without quotes; put the unit in `unit`",
        ),
        (
            with_line("kind: Number(answer: 9, tolerance: \"0.5\"),"),
            "`tolerance` must be a number such as 0.5, found a string",
            "4:36-4:41",
            "write how far from the answer is still right, without quotes",
        ),
        (
            with_line("kind: Multiple(options: [], answers: \"a\"),"),
            "`answers` must be a list of option ids, such as [\"a\", \"c\"], found a string",
            "4:38-4:41",
            "list the ids of the right options in `[ ]`, each in double quotes",
        ),
        // Any other field: what its type needs.
        (
            with_line("explanation: 5,"),
            "`explanation` must be a string in double quotes, such as \"text\", found a number",
            "4:14-4:15",
            ANY_FIELD,
        ),
        (
            with_line("explanation:   5,"),
            "`explanation` must be a string in double quotes, such as \"text\", found a number",
            "4:16-4:17",
            ANY_FIELD,
        ),
        (
            with_line("explanation: [\"E\"],"),
            "`explanation` must be a string in double quotes, such as \"text\", found a list",
            "4:14-4:15",
            ANY_FIELD,
        ),
    ]);
}

#[test]
fn an_item_of_a_list_is_judged_by_its_type() {
    let item =
        "each item of `tags` must be a string in double quotes, such as \"text\", found a number";
    assert_refused(&[
        (with_line("tags: [1],"), item, "4:8-4:9", ANY_FIELD),
        (
            with_line("tags: [\"a\", -0.5],"),
            item,
            "4:13-4:17",
            ANY_FIELD,
        ),
        // Inside `Some( )` the field is not said: ron's own words.
        (
            with_line("kind: Number(answer: 9, unit: Some(5)),"),
            "expected string",
            "4:36-4:36",
            "the file is not valid RON here; see docs/quiz-format.md",
        ),
    ]);
}

#[test]
fn what_was_found_is_said_in_words() {
    let found = |line: &str| {
        let (message, place, _) = refused(&with_line(line));
        let (_, found) = message.split_once(", found ").expect(&message);
        (found.to_owned(), place)
    };
    let s = |found: &str, place: &str| (found.to_owned(), place.to_owned());
    assert_eq!(
        found("kind: TrueFalse(answer: yes),"),
        s("the bare word `yes`", "4:25-4:28")
    );
    assert_eq!(found("kind: TrueFalse(answer: %),"), s("`%`", "4:25-4:26"));
    assert_eq!(
        found("kind: Single(options: [], answer: true),"),
        s("`true`", "4:35-4:39")
    );
    assert_eq!(
        found("kind: TrueFalse(answer: 1.5e3),"),
        s("a number", "4:25-4:30")
    );
    assert_eq!(
        found("kind: TrueFalse(answer: .5),"),
        s("a number", "4:25-4:27")
    );
    assert_eq!(
        found("kind: TrueFalse(answer: \"yes\" ),"),
        s("a string", "4:25-4:30")
    );
    assert_eq!(
        found("kind: TrueFalse(answer: {}),"),
        s("a map", "4:25-4:26")
    );
}

#[test]
fn a_curly_quote_is_named_where_a_string_belongs() {
    let help = "RON strings need straight double quotes (\"...\"); a word processor may have curled them: \
                retype the quotes in a plain-text editor";
    assert_refused(&[
        (
            with_line("explanation: \u{201c}E\u{201d},"),
            "`explanation` starts with the curly quote `\u{201c}`, not a straight `\"`",
            "4:14-4:15",
            help,
        ),
        (
            with_line("tags: [\u{2018}a\u{2019}],"),
            "a string starts with the curly quote `\u{2018}`, not a straight `\"`",
            "4:8-4:9",
            help,
        ),
    ]);
}

#[test]
fn a_file_that_ends_early_names_what_is_left_open() {
    let help = |c: char| {
        format!("add `{c}` where it ends; every `(`, `[` and `{{` needs its closing bracket")
    };
    let (paren, bracket) = (help(')'), help(']'));
    assert_refused(&[
        (
            "(format: 1,".to_owned(),
            "file ends before the closing `)` of the quiz that opened at line 1",
            "1:12-1:12",
            &paren,
        ),
        (
            "(format: 1,\n sources: [(id: \"a\",".to_owned(),
            "file ends before the closing `)` of the `(` that opened at line 2",
            "2:21-2:21",
            &paren,
        ),
        // ron stops on the `[` or `,` that nothing follows.
        (
            "(format: 1, sources: [".to_owned(),
            "file ends before the closing `]` of the `sources` list that opened at line 1",
            "1:23-1:23",
            &bracket,
        ),
        (
            format!("{HEAD}tags: ["),
            "file ends before the closing `]` of the `tags` list that opened at line 4, in question `q`",
            "4:8-4:8",
            &bracket,
        ),
        (
            format!("{HEAD}tags: [\"a\","),
            "file ends before the closing `]` of the `tags` list that opened at line 4, in question `q`",
            "4:12-4:12",
            &bracket,
        ),
        // ron's place is inside the comment; the problem is at its end.
        (
            format!("{HEAD}tags: [\"a\", // more to come\n"),
            "file ends before the closing `]` of the `tags` list that opened at line 4, in question `q`",
            "4:28-4:28",
            &bracket,
        ),
        (
            format!("{HEAD}kind: Single("),
            "file ends before the closing `)` of `Single(` that opened at line 4, in question `q`",
            "4:14-4:14",
            &paren,
        ),
        (
            format!("{HEAD}explanation:   "),
            "file ends before the closing `)` of question `q` that opened at line 3",
            "4:13-4:13",
            &paren,
        ),
        (
            "(format: 1,\n questions: [\n  (prompt: \"P\",\n".to_owned(),
            "file ends before the closing `)` of the question that opened at line 3",
            "3:16-3:16",
            &paren,
        ),
        (
            format!("{HEAD}kind: TrueFalse(answer: true), explanation: \"Because"),
            "file ends inside the string that opens here, in question `q`",
            "4:45-4:46",
            "close the string with the same quote it opens with",
        ),
    ]);
}

#[test]
fn a_wrong_value_before_the_end_is_reported_as_a_wrong_value() {
    assert_refused(&[
        // The first problem in the file is the one reported.
        (
            "(format: \"1\",\n sources: [(id: \"a\",".to_owned(),
            "`format` must be a whole number such as 1, found a string",
            "1:10-1:13",
            "write `format: 1`",
        ),
        // The last value is there, of the wrong type (ron stops on it
        // when it follows the colon straight away).
        (
            "(format: 1, id:5".to_owned(),
            "`id` must be a string in double quotes, such as \"text\", found a number",
            "1:16-1:17",
            ANY_FIELD,
        ),
        (
            "(format: 1, id: 5".to_owned(),
            "`id` must be a string in double quotes, such as \"text\", found a number",
            "1:17-1:18",
            ANY_FIELD,
        ),
        // A bracket that something follows.
        (
            "(format: 1, id: (1))".to_owned(),
            "`id` must be a string in double quotes, such as \"text\", found a value in `( )`",
            "1:17-1:18",
            ANY_FIELD,
        ),
    ]);
}

#[test]
fn a_name_is_found_at_or_right_beside_the_place_given() {
    // At the place given, with or without `r#`.
    let text = "(a: 1, pass_mark: 2)";
    assert_eq!(name_at(text, 7..16, "pass_mark"), 7..16);
    assert_eq!(name_at("(r#title: 1)", 1..8, "title"), 1..8);
    // After it, past blanks and comments.
    let text = "(a: 1, // one\n /* two */ pass_mark: 2)";
    assert_eq!(&text[25..34], "pass_mark");
    assert_eq!(name_at(text, 6..6, "pass_mark"), 25..34);
    // Right before it.
    let text = "(a: 1, r#pass_mark : 2)";
    assert_eq!(name_at(text, 19..20, "pass_mark"), 7..18);
    // Nowhere near: the place given.
    assert_eq!(name_at("(a: 1, b: 2)", 7..8, "pass_mark"), 7..8);
    assert_eq!(name_at("(a: 1, pass_mark_2: 2)", 7..8, "pass_mark"), 7..8);
}

#[test]
fn blanks_and_comments_are_skipped() {
    let text = "x  \n\t// a // b\n/* c */ /* d\n */y";
    assert_eq!(skip_blank(text, 0), 0);
    assert_eq!(skip_blank(text, 1), text.len() - 1);
    assert_eq!(skip_blank("a /* never closed", 1), 17);
    assert_eq!(skip_blank("a // to the end", 1), 15);
    assert_eq!(skip_blank("a ", 2), 2);
}

#[test]
fn a_file_over_the_limit_is_refused_before_decoding() {
    let mut bytes = vec![b' '; MAX_FILE_BYTES];
    assert_eq!(decode_text(&bytes).map(str::len), Ok(MAX_FILE_BYTES));
    bytes.push(b' ');
    let e = decode_text(&bytes).unwrap_err();
    assert_eq!(
        e.diagnostic.message,
        "file is too large (4.2 MB); lateral reads files of at most 4 MB"
    );
    assert_eq!(e.readable, "");
}

#[test]
fn a_file_over_the_limit_is_refused_by_decode_without_a_place() {
    let bytes = vec![b' '; MAX_FILE_BYTES + 1];
    let d = decode(&bytes).unwrap_err();
    // No place to point at: the message is left as it is, with no line.
    assert_eq!(d.span, None);
    assert_eq!(
        d.message,
        "file is too large (4.2 MB); lateral reads files of at most 4 MB"
    );
}

#[test]
fn text_in_single_quotes_is_named_as_such() {
    assert_refused(&[
        (
            with_line("kind: TrueFalse(answer: 'yes'),"),
            "`answer` must be `true` or `false` without quotes, found text in single quotes",
            "4:25-4:30",
            "write `answer: true` or `answer: false`",
        ),
        (
            with_line("explanation: 'E',"),
            "`explanation` must be a string in double quotes, such as \"text\", found text in single quotes",
            "4:14-4:17",
            ANY_FIELD,
        ),
    ]);
}

#[test]
fn a_value_of_the_wrong_type_outside_any_field_is_said_in_rons_words() {
    // Nothing is open around the value, so no field names it.
    let d = parse::<u32>("\"x\"").unwrap_err();
    assert_eq!(d.message, "expected integer");
    assert_eq!(
        d.help.as_deref(),
        Some("the file is not valid RON here; see docs/quiz-format.md")
    );
}
