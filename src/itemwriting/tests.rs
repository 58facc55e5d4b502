//! The item-writing checks' unit tests: each rule's findings, with their
//! places and messages, on small quizzes written in RON; and the phrases
//! the count matcher reads as a count of reports, or leaves alone.

use super::*;

/// A quiz with two sources (three when `q` cites `c`) and these questions.
fn quiz(questions: &[&str]) -> Quiz {
    let text = format!(
        r#"(format: 1, id: "q", title: "T", description: "D",
 sources: [(id: "a", headline: "A", file: "a.txt"), (id: "b", headline: "B", file: "b.txt"), (id: "c", headline: "C", file: "c.txt")],
 questions: [{}])"#,
        questions.join(", ")
    );
    ron::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn single(id: &str, options: &[&str], answer: usize) -> String {
    let list: Vec<String> = options
        .iter()
        .enumerate()
        .map(|(k, t)| format!(r#"(id: "o{k}", text: "{t}")"#))
        .collect();
    format!(
        r#"(id: "{id}", prompt: "P", kind: Single(options: [{}], answer: "o{answer}"), explanation: "E", citations: [(source: "a", quote: "q")])"#,
        list.join(", ")
    )
}

fn true_false(prompt: &str) -> String {
    format!(
        r#"(id: "tf", prompt: "{prompt}", kind: TrueFalse(answer: false), explanation: "E", citations: [(source: "a", quote: "q")])"#
    )
}

fn explained(explanation: &str, sources: &[&str]) -> String {
    let cites: Vec<String> = sources
        .iter()
        .map(|s| format!(r#"(source: "{s}", quote: "q")"#))
        .collect();
    format!(
        r#"(id: "x", prompt: "P", kind: Number(answer: 9), explanation: "{explanation}", citations: [{}])"#,
        cites.join(", ")
    )
}

fn rules(quiz: &Quiz) -> Vec<(Rule, String)> {
    findings(quiz)
        .into_iter()
        .map(|f| (f.rule, f.at.to_string()))
        .collect()
}

#[test]
fn a_key_longest_in_most_questions_is_one_warning_for_the_quiz() {
    let q = quiz(&[
        &single("q1", &["Longer", "Short", "Brief"], 0),
        &single("q2", &["Tie", "Two", "One"], 0),
        &single("q3", &["Longest", "Shorter", "Brief"], 0),
        &single("q4", &["Key", "A longer one", "Other"], 0),
    ]);
    let found = findings(&q);
    assert_eq!(rules(&q), [(Rule::KeyOftenLongest, "questions".to_owned())]);
    assert_eq!(
        found[0].message,
        "the key is the longest option in 3 of 4 single-choice questions (`q1`, `q2`, `q3`): test-wise students learn to pick the longest option without reading the sources"
    );
}

#[test]
fn a_key_longest_in_half_the_questions_or_in_few_questions_is_no_pattern() {
    let half = quiz(&[
        &single("q1", &["Longer", "Short"], 0),
        &single("q2", &["Longer", "Short"], 0),
        &single("q3", &["Key", "A longer one"], 0),
        &single("q4", &["Key", "A longer one"], 0),
    ]);
    assert_eq!(rules(&half), []);
    let few = quiz(&[
        &single("q1", &["Longer", "Short"], 0),
        &single("q2", &["Longer", "Short"], 0),
        &single("q3", &["Longer", "Short"], 0),
    ]);
    assert_eq!(rules(&few), []);
}

#[test]
fn a_key_longest_in_three_of_five_is_a_pattern_and_eight_ids_are_named_at_most() {
    // 3 of 5 is more than half (3 + 2 would be no more than 5).
    let longest = || single("l", &["Longer", "Short"], 0);
    let shortest = || single("s", &["Key", "A longer one"], 0);
    let three_of_five: Vec<String> = (0..5)
        .map(|i| {
            let q = if i < 3 { longest() } else { shortest() };
            q.replacen("\"l\"", &format!("\"l{i}\""), 1)
                .replacen("\"s\"", &format!("\"s{i}\""), 1)
        })
        .collect();
    let refs: Vec<&str> = three_of_five.iter().map(String::as_str).collect();
    let found = findings(&quiz(&refs));
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.starts_with(
            "the key is the longest option in 3 of 5 single-choice questions (`l0`, `l1`, `l2`):"
        ),
        "{}",
        found[0].message
    );
    // Eight named, no "and 0 more"; nine named as eight and one more.
    for (n, listed) in [
        (8, "(`q0`, `q1`, `q2`, `q3`, `q4`, `q5`, `q6`, `q7`):"),
        (
            9,
            "(`q0`, `q1`, `q2`, `q3`, `q4`, `q5`, `q6`, `q7` and 1 more):",
        ),
    ] {
        let questions: Vec<String> = (0..n)
            .map(|i| longest().replacen("\"l\"", &format!("\"q{i}\""), 1))
            .collect();
        let refs: Vec<&str> = questions.iter().map(String::as_str).collect();
        let found = findings(&quiz(&refs));
        assert!(
            found[0]
                .message
                .contains(&format!("in {n} of {n} single-choice questions {listed}")),
            "{}",
            found[0].message
        );
    }
}

#[test]
fn duplicates_are_found_in_a_list_of_26_options_and_a_longer_one_is_not_compared() {
    // The last option repeats the first; 26 is the limit, 27 is over it
    // (an error of its own, so its options are not compared).
    const WORDS: [&str; 26] = [
        "Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
        "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo",
        "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "Xray", "Yankee", "Zulu",
    ];
    for (count, flagged) in [(26, true), (27, false)] {
        let options: Vec<String> = WORDS
            .iter()
            .take(count - 1)
            .map(|w| (*w).to_owned())
            .chain(["alfa".to_owned()])
            .collect();
        assert_eq!(options.len(), count);
        let refs: Vec<&str> = options.iter().map(String::as_str).collect();
        let q = quiz(&[&single("q1", &refs, 0)]);
        let duplicates: Vec<String> = rules(&q)
            .into_iter()
            .filter(|(rule, _)| *rule == Rule::DuplicateOption)
            .map(|(_, at)| at)
            .collect();
        let expected = format!("questions[0].kind.options[{}].text", count - 1);
        assert_eq!(
            duplicates,
            if flagged { vec![expected] } else { vec![] },
            "{count}"
        );
    }
}

#[test]
fn a_key_more_than_half_as_long_again_as_any_distractor_is_flagged() {
    // 16 characters against 10: more than 1.5 times.
    let q = quiz(&[&single("q1", &["Ten chars.", "Sixteen chars ok"], 1)]);
    assert_eq!(
        rules(&q),
        [(
            Rule::LongKey,
            "questions[0].kind.options[1].text".to_owned()
        )]
    );
    assert!(findings(&q)[0].message.starts_with(
        "the key is 16 characters long, more than 1.5 times the longest distractor (10)"
    ));
    // 15 against 10 is exactly 1.5 times: not flagged.
    let q = quiz(&[&single("q1", &["Ten chars.", "Fifteen chars!!"], 1)]);
    assert_eq!(rules(&q), []);
}

#[test]
fn absolute_words_in_a_true_false_statement_are_named() {
    let q = quiz(&[&true_false(
        "ALL reports agree, and none is wrong; only one... always?",
    )]);
    let found = findings(&q);
    assert_eq!(
        rules(&q),
        [(Rule::AbsoluteWord, "questions[0].prompt".to_owned())]
    );
    assert!(
        found[0]
            .message
            .starts_with("the statement uses the absolute words `all`, `none`, `only`, `always`:"),
        "{}",
        found[0].message
    );
}

#[test]
fn absolute_words_inside_other_words_or_in_other_kinds_are_not_flagged() {
    let q = quiz(&[
        &true_false("Overall, the allies say everyone was nevertheless alone."),
        &single("q", &["All", "Every", "Only"], 0),
    ]);
    assert_eq!(rules(&q), []);
}

#[test]
fn all_or_none_of_the_above_is_flagged_in_any_case_and_punctuation() {
    let q = quiz(&[
        &single("q1", &["Red", "Blue", "ALL of the above!"], 0),
        &single("q2", &["Red", "Blue", "None-of-the above."], 0),
    ]);
    assert_eq!(
        rules(&q),
        [
            (
                Rule::AboveOption,
                "questions[0].kind.options[2].text".to_owned()
            ),
            (
                Rule::AboveOption,
                "questions[1].kind.options[2].text".to_owned()
            ),
        ]
    );
    let q = quiz(&[&single(
        "q1",
        &["Red", "Blue", "All of the above are wrong"],
        0,
    )]);
    assert_eq!(rules(&q), []);
}

#[test]
fn duplicate_and_near_duplicate_options_point_at_the_second() {
    let q = quiz(&[
        &single(
            "q1",
            &[
                "José Luis González",
                "Arturo Sarukhan",
                "jose luis gonzalez!",
            ],
            0,
        ),
        &single(
            "q2",
            &[
                "The Reuters photographer",
                "The Reuters photographers",
                "Someone",
            ],
            0,
        ),
    ]);
    let found = findings(&q);
    assert_eq!(
        rules(&q),
        [
            (
                Rule::DuplicateOption,
                "questions[0].kind.options[2].text".to_owned()
            ),
            (
                Rule::DuplicateOption,
                "questions[1].kind.options[1].text".to_owned()
            ),
        ]
    );
    assert!(found[0]
        .message
        .starts_with("this option reads the same as option `o0`:"));
    assert!(
        found[1]
            .message
            .starts_with("this option is nearly the same as option `o0` (96% alike):"),
        "{}",
        found[1].message
    );
}

#[test]
fn options_that_differ_in_a_letter_of_a_short_name_are_not_duplicates() {
    // The spellings a question about spellings is made of.
    let q = quiz(&[&single("q1", &["Lety", "Ledy", "Letty", "Leti"], 0)]);
    assert_eq!(rules(&q), []);
}

#[test]
fn long_options_far_apart_differ_and_near_ones_are_found_alike() {
    // Two 40,000-character options far apart, and a third 1% off the first.
    let a = "the quick brown fox ".repeat(2000);
    let b = "a lazy dog jumps over ".repeat(1818);
    let c = a.replacen("quick", "quack", 40);
    let q = quiz(&[&single("q1", &[&a, &b], 0)]);
    assert_eq!(rules(&q), []);
    let q = quiz(&[&single("q1", &[&a, &c], 0)]);
    assert_eq!(
        rules(&q),
        [(
            Rule::DuplicateOption,
            "questions[0].kind.options[1].text".to_owned()
        )]
    );
    // 40 letters of 40,000 differ: 99.9% alike, shown rounded down.
    assert!(
        findings(&q)[0].message.contains("(99% alike)"),
        "{}",
        findings(&q)[0].message
    );
}

proptest::proptest! {
    // strsim's similarity over the full table is the oracle.
    #[test]
    fn the_bounded_similarity_agrees_with_strsim(
        a in "[ab cé]{0,24}",
        b in "[ab cé]{0,24}",
        least in 0.5f64..1.0,
    ) {
        let full = strsim::normalized_levenshtein(&a, &b);
        let expected = (full >= least).then_some(full);
        proptest::prop_assert_eq!(similarity_at_least(&a, &b, least), expected);
    }
}

#[test]
fn a_count_of_reports_that_differs_from_the_sources_cited_is_flagged() {
    let q = quiz(&[&explained("Three reports say so.", &["a", "b"])]);
    assert_eq!(
        rules(&q),
        [(Rule::CountMismatch, "questions[0].explanation".to_owned())]
    );
    assert!(findings(&q)[0]
        .message
        .starts_with("the explanation says \"Three reports\", but the question cites 2 sources:"));
    // Two citations of one source are one source.
    let q = quiz(&[&explained("Both reports say so.", &["a", "a"])]);
    assert_eq!(rules(&q).len(), 1);
}

#[test]
fn a_count_that_matches_or_no_count_at_all_is_not_flagged() {
    let q = quiz(&[
        &explained("Two reports say so.", &["a", "b"]),
        &explained("The reports disagree.", &["a", "b", "c"]),
        &explained("Check more than one source.", &["a", "b"]),
    ]);
    assert_eq!(rules(&q), []);
}

fn counted(text: &str) -> Vec<(String, Vec<usize>)> {
    counts_in(text, 5)
        .into_iter()
        .map(|c| (text[c.range].to_owned(), c.counts))
        .collect()
}

#[test]
fn counts_of_reports_are_read_from_words_and_digits() {
    let cases: &[(&str, &str, &[usize])] = &[
        ("One report says so.", "One report", &[1]),
        ("It is in a single report.", "a single report", &[1]),
        (
            "Only one report says so; the others do not.",
            "Only one report",
            &[1],
        ),
        ("Two reports say 6.", "Two reports", &[2]),
        ("Both reports say 6.", "Both reports", &[2]),
        ("Both the reports say 6.", "Both the reports", &[2]),
        ("Both of the reports say 6.", "Both of the reports", &[2]),
        ("Three reports say so.", "Three reports", &[3]),
        (
            "Three of the five reports say so.",
            "Three of the five reports",
            &[3, 5],
        ),
        ("Four of the five say so.", "Four of the five", &[4, 5]),
        ("Two of the reports say so.", "Two of the reports", &[2]),
        ("All five say so.", "All five", &[5]),
        ("Every report says so.", "Every report", &[5]),
        // Every report, not a single one.
        ("Every single report says so.", "Every single report", &[5]),
        ("All the reports say so.", "All the reports", &[5]),
        ("All of the reports say so.", "All of the reports", &[5]),
        ("Single report, single view.", "Single report", &[1]),
        ("3 sources say so.", "3 sources", &[3]),
        ("Two outlets say so.", "Two outlets", &[2]),
        (
            "Two reports say so; another says not.",
            "Two reports",
            &[2, 3],
        ),
        (
            "Four reports agree; the fifth does not.",
            "Four reports",
            &[4, 5],
        ),
        // An ordinal adds a report only after "a" or "the" in the same phrase.
        ("Two reports say so, and a third.", "Two reports", &[2, 3]),
        (
            "Two reports agree; its third paragraph differs.",
            "Two reports",
            &[2],
        ),
        // Punctuation before the count is not part of it.
        ("(Two reports agree.)", "Two reports", &[2]),
        // A closing mark with no opening one ends nothing.
        (
            "A stray \u{201d} then two reports agree.",
            "two reports",
            &[2],
        ),
        // At the very end, with nothing after.
        ("It was in every report", "every report", &[5]),
        ("All five reports say so.", "All five reports", &[5]),
        // Counted once, not again from "five".
        ("All five of the reports say so.", "All five", &[5]),
    ];
    for (text, phrase, counts) in cases {
        assert_eq!(
            counted(text),
            [(phrase.to_string(), counts.to_vec())],
            "{text}"
        );
    }
}

#[test]
fn words_that_name_no_count_of_the_question_s_reports_are_left_alone() {
    for text in [
        "Check more than one source.",
        "Look at least two sources.",
        "When two reports use different names, check.",
        "The date is in one report.",
        "One report says red; another says blue.",
        "One report says red; the others say blue.",
        "Every report that names him spells it the same.",
        "All the reports that give a time agree.",
        "Readers write \"all five reports say\" too quickly.",
        "The other three do not say; both say 6.",
        "Two soldiers and one officer.",
        "Two of the other reports say so.",
        "No single report says it all.",
        "Each single report was read twice.",
        "Every single report that names him spells it the same.",
        "It travelled 1,500 miles in 5 days.",
        "Two.\nReports differ.",
        // Punctuation opening the next word ends the phrase.
        "Sources were two (reports vary).",
        // Two opening marks: still quoted.
        "\u{201c}Two reports \u{201c}three reports",
        // A text that ends inside a phrase.
        "two of the",
        // "the" alone, or a noun alone, after the count is no phrase.
        "The two said the reports were wrong.",
        "Officials both named sources.",
        "We read both; of the reports, none was late.",
        "They both read the reports.",
        "They both cited many reports.",
        "They all cited reports.",
        "We read all; of the reports, none was late.",
        "They all read the reports.",
        "They all cited many reports.",
    ] {
        assert_eq!(counted(text), [], "{text}");
    }
}

#[test]
fn an_absolute_word_said_twice_is_listed_once() {
    let q = quiz(&[&true_false("It is always cold, always.")]);
    let found = findings(&q);
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .message
            .starts_with("the statement uses the absolute word `always`:"),
        "{}",
        found[0].message
    );
}

#[test]
fn options_of_punctuation_alone_are_not_compared() {
    // "?" and "!" both fold to nothing: neither is a duplicate of the other.
    let q = quiz(&[&single("q", &["?", "Red door", "!"], 1)]);
    assert!(
        rules(&q)
            .iter()
            .all(|(rule, _)| *rule != Rule::DuplicateOption),
        "{:?}",
        rules(&q)
    );
}

#[test]
fn a_count_repeated_in_an_explanation_is_quoted_once() {
    let q = quiz(&[&explained(
        "Three reports say so. Three reports agree.",
        &["a", "b"],
    )]);
    let found = findings(&q);
    assert_eq!(found.len(), 1);
    assert!(found[0]
        .message
        .starts_with("the explanation says \"Three reports\", but the question cites 2 sources:"));
}
