//! Each way a RON file can fail to parse, with the place and words
//! `lateral check` reports (written here, not computed).

use crate::util::Lateral;

/// What `lateral check` prints on standard error for `text`, which it refuses.
fn refused(text: &str) -> String {
    let run = Lateral::new()
        .file("p.ron", text)
        .args(["check", "p.ron"])
        .run();
    assert_eq!(run.code, 1, "accepted:\n{text}");
    run.stderr
}

const QUESTION: &str = "(id: \"q\", prompt: \"What?\", kind: TrueFalse(answer: true), explanation: \"E.\", citations: [(source: \"a\", quote: \"x\")])";

#[test]
fn a_missing_field_is_named_where_its_struct_ends() {
    let text = format!(
        "(format: 2, id: \"p\", description: \"D.\",\n\
         sources: [(id: \"a\", headline: \"A\", file: \"a.txt\")],\n\
         questions: [{QUESTION}],\n\
         )\n"
    );
    let err = refused(&text);
    assert!(
        err.starts_with("p.ron:4:1: error: missing field `title` in `Quiz`\n"),
        "{err}"
    );
    assert!(err.contains("help: add `title: ...` here"), "{err}");
}

#[test]
fn a_field_given_twice_is_shown_at_its_second_name() {
    let text = format!(
        "(format: 2, id: \"p\", title: \"T\", description: \"D.\",\n\
         title: \"Again\",\n\
         sources: [(id: \"a\", headline: \"A\", file: \"a.txt\")],\n\
         questions: [{QUESTION}])\n"
    );
    let err = refused(&text);
    assert!(
        err.starts_with("p.ron:2:1: error: field `title` is given twice in `Quiz`\n"),
        "{err}"
    );
}

#[test]
fn a_file_that_ends_early_says_what_was_left_open() {
    let text = "(format: 2, id: \"p\", title: \"T\", description: \"D.\",\n\
                sources: [(id: \"a\", headline: \"A\", file: \"a.txt\")],\n\
                questions: [\n\
                (id: \"q\", prompt: \"What?\",\n";
    let err = refused(text);
    assert!(
        err.starts_with(
            "p.ron:4:27: error: file ends before the closing `)` of question `q` that opened at line 4\n"
        ),
        "{err}"
    );
}

#[test]
fn values_nested_past_the_recursion_limit_are_refused() {
    // No field of a quiz nests this deeply, so the limit is reached by
    // reading a value whose shape is not known in advance.
    let depth = lateral::load::RECURSION_LIMIT + 10;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let Err(err) = lateral::load::parse::<serde::de::IgnoredAny>(&text) else {
        panic!("{depth} levels read");
    };
    let shown = lateral::diagnostic::render("deep.ron", &text, &[err]);
    // ron counts two levels for each list read without a known shape, so
    // the 65th bracket is the one past the limit.
    assert!(
        shown.starts_with("deep.ron:1:65: error: values are nested more than 128 levels deep\n"),
        "{shown}"
    );
    // Within the limit reads.
    let depth = 63;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let within = lateral::load::parse::<serde::de::IgnoredAny>(&text);
    assert!(within.is_ok(), "{:?}", within.err());
}
