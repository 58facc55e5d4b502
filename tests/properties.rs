//! Properties of the pure domain that must hold for every input.

use lateral::grade::{credit, text_matches};
use lateral::load::Spans;
use lateral::normalize::{fold, parse_number, NumberRules};
use lateral::quiz::{Choice, Kind, Response};
use proptest::prelude::*;

fn multiple(n: usize, correct: &[usize]) -> Kind {
    Kind::Multiple {
        options: (0..n)
            .map(|i| Choice {
                id: format!("o{i}"),
                text: format!("Option {i}"),
                feedback: None,
            })
            .collect(),
        answers: correct.iter().map(|i| format!("o{i}")).collect(),
    }
}

proptest! {
    #[test]
    fn multiple_choice_credit_is_right_minus_wrong_over_the_answers(
        n in 2usize..8,
        correct in proptest::collection::btree_set(0usize..8, 1..4),
        chosen in proptest::collection::vec(0usize..10, 0..12),
    ) {
        let correct: Vec<usize> = correct.into_iter().filter(|&c| c < n).collect();
        prop_assume!(!correct.is_empty());
        let kind = multiple(n, &correct);
        let response = Response::Choices(chosen.iter().map(|i| format!("o{i}")).collect());
        // The rule in docs/quiz-format.md, counted over sets: each right option
        // chosen earns 1/answers, each wrong one costs as much, ids that are no
        // option and repeats count nothing, and the total is never below 0.
        let picked: std::collections::BTreeSet<usize> =
            chosen.iter().copied().filter(|&i| i < n).collect();
        let right = picked.iter().filter(|i| correct.contains(i)).count() as i64;
        let wrong = picked.len() as i64 - right;
        let expected = ((right - wrong).max(0)) as f64 / correct.len() as f64;
        let c = credit(&kind, &response);
        prop_assert!((c - expected).abs() < 1e-12, "credit {} expected {}", c, expected);
        // Choosing exactly the correct options, in any order, earns full marks.
        let exact: Vec<String> = correct.iter().rev().map(|i| format!("o{i}")).collect();
        prop_assert_eq!(credit(&kind, &Response::Choices(exact)), 1.0);
    }

    #[test]
    fn folding_agrees_with_a_table_of_letters(s in "[aAbBzZ09éÉèçÇñÑüÜöß .,!?'\"-]{0,40}") {
        // A second, plain implementation over this alphabet: letters to their
        // lower-case base letter (a table written here), digits kept, anything
        // else a word break.
        let base = |c: char| -> Option<&'static str> {
            Some(match c {
                'a' | 'A' => "a",
                'b' | 'B' => "b",
                'z' | 'Z' => "z",
                '0' => "0",
                '9' => "9",
                'é' | 'É' | 'è' => "e",
                'ç' | 'Ç' => "c",
                'ñ' | 'Ñ' => "n",
                'ü' | 'Ü' => "u",
                'ö' => "o",
                'ß' => "ss",
                _ => return None,
            })
        };
        let mut words: Vec<String> = vec![String::new()];
        for c in s.chars() {
            match base(c) {
                Some(b) => words.last_mut().unwrap().push_str(b),
                None => words.push(String::new()),
            }
        }
        let expected = words.into_iter().filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        prop_assert_eq!(fold(&s), expected);
    }

    #[test]
    fn folding_is_idempotent(s in "\\PC{0,40}") {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once);
    }

    #[test]
    fn an_accepted_answer_matches_in_any_case_and_spacing(
        answer in "[A-Za-zÀ-ÖØ-öø-ÿ]{1,10}( [A-Za-zÀ-ÖØ-öø-ÿ]{1,10}){0,2}",
        pad in " {0,3}",
    ) {
        let typed = format!("{pad}{}{pad}", answer.to_uppercase());
        prop_assert!(text_matches(&typed, std::slice::from_ref(&answer), false, false));
        prop_assert!(text_matches(&answer, std::slice::from_ref(&answer), false, true));
    }

    #[test]
    fn reading_numbers_never_panics(s in "\\PC{0,30}") {
        let rules = NumberRules { unit: Some("minutes"), unit_aliases: &[], words: true };
        let _ = parse_number(&s, rules);
    }

    #[test]
    fn digits_read_back_as_themselves(n in -1_000_000i64..1_000_000) {
        let rules = NumberRules { unit: None, unit_aliases: &[], words: true };
        prop_assert_eq!(parse_number(&n.to_string(), rules), Ok(n as f64));
    }

    #[test]
    fn the_position_scanner_never_panics(s in "[\\[\\](){}:,\"'a-z0-9 r#/*\n]{0,200}") {
        let _ = Spans::scan(&s);
    }

    #[test]
    fn every_seed_gives_a_permutation(seed in any::<u64>(), n in 0usize..40) {
        let mut rng = <rand_chacha::ChaCha8Rng as rand_chacha::rand_core::SeedableRng>::seed_from_u64(seed);
        let mut p = lateral::shuffle::permutation(n, &mut rng);
        p.sort();
        prop_assert_eq!(p, (0..n).collect::<Vec<_>>());
    }
}

/// A second, plain implementation of quote normalization (see
/// `cite/text.rs`): NFC, curly quotes straightened, dashes to `-`, runs of
/// whitespace to one space, ends trimmed.
fn plain_normalize(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mapped: String = text
        .nfc()
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
            | '\u{bb}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{2039}'
            | '\u{203a}' => '\'',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    mapped
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Texts with the whitespace, quote marks and dashes that normalization folds.
fn messy_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("ab".to_owned()),
            Just("abc".to_owned()),
            Just("bca".to_owned()),
            Just("é".to_owned()),
            Just("\u{201c}ab\u{201d}".to_owned()),
            Just("it\u{2019}s".to_owned()),
            Just("\u{2014}".to_owned()),
            Just("longerword".to_owned()),
        ],
        1..60,
    )
    .prop_flat_map(|words| {
        let n = words.len();
        (
            Just(words),
            proptest::collection::vec(
                prop_oneof![Just(" "), Just("  "), Just("\n"), Just(" \n ")],
                n,
            ),
        )
    })
    .prop_map(|(words, gaps)| {
        words
            .iter()
            .zip(gaps)
            .map(|(w, g)| format!("{w}{g}"))
            .collect()
    })
}

proptest! {
    #[test]
    fn find_all_agrees_with_a_plain_search_of_the_normalized_text(
        text in messy_text(),
        cuts in proptest::collection::vec((0usize..400, 1usize..60), 1..20),
        extra in proptest::collection::vec("[abc é\u{201c}\u{201d}-]{1,20}", 0..5),
    ) {
        use lateral::cite::{normalize_quote, SourceText};
        let mut quotes: Vec<String> = cuts
            .iter()
            .filter_map(|&(start, len)| {
                let start = (0..=start.min(text.len())).rev().find(|&i| text.is_char_boundary(i))?;
                let end = (start + len).min(text.len());
                let end = (end..=text.len()).find(|&i| text.is_char_boundary(i))?;
                Some(text[start..end].to_owned())
            })
            .collect();
        quotes.extend(extra);
        let refs: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let source = SourceText::new(text.clone());
        let found = source.find_all(&refs);
        let whole = format!(" {} ", plain_normalize(&text));
        for (q, hit) in quotes.iter().zip(&found) {
            let nq = plain_normalize(q);
            let expected = !nq.is_empty() && whole.contains(&nq);
            prop_assert_eq!(hit.is_some(), expected, "quote {:?} in {:?}", q, text);
            if let Some(r) = hit {
                // What was found normalizes to the quote.
                prop_assert_eq!(plain_normalize(&source.text[r.clone()]), nq.clone());
            }
            // The quote is normalized as the text is.
            prop_assert_eq!(normalize_quote(q), nq);
        }
    }
}

/// A quiz of `kinds.len()` questions: 0 single choice (three options),
/// 1 multiple choice (two of four right), 2 true/false, 3 a typed number;
/// with the given points.
fn class_quiz(kinds: &[(u8, f64)]) -> lateral::quiz::Quiz {
    use lateral::quiz::{Question, Quiz};
    let options = |n: usize| -> Vec<Choice> {
        (0..n)
            .map(|i| Choice {
                id: format!("o{i}"),
                text: format!("Option {i}"),
                feedback: None,
            })
            .collect()
    };
    let questions = kinds
        .iter()
        .enumerate()
        .map(|(i, &(kind, points))| Question {
            id: format!("q{i}"),
            prompt: "p".into(),
            points,
            tags: vec![format!("t{}", i % 2)],
            kind: match kind {
                0 => Kind::Single {
                    options: options(3),
                    answer: "o0".into(),
                },
                1 => multiple(4, &[0, 1]),
                2 => Kind::TrueFalse { answer: true },
                _ => Kind::Number {
                    answer: 9.0,
                    tolerance: 0.0,
                    unit: None,
                    unit_aliases: vec![],
                    words: false,
                },
            },
            explanation: "e".into(),
            citations: vec![],
        })
        .collect();
    Quiz {
        format: 1,
        id: "p".into(),
        title: "P".into(),
        description: "d".into(),
        pass_mark: None,
        sources: vec![],
        questions,
        tests: vec![],
    }
}

/// A response from a number: none, or one of a few per kind.
fn class_response(kind: u8, pick: u8) -> Option<Response> {
    let id = |i: u8| format!("o{}", i % 4);
    match (kind, pick % 5) {
        (_, 0) => None,
        (0, p) => Some(Response::Choice(id(p - 1))),
        (1, p) => Some(Response::Choices(
            (0..p).map(|i| id(i + pick / 5)).collect(),
        )),
        (2, p) => Some(Response::Bool(p % 2 == 0)),
        (_, p) => Some(Response::Text(if p % 2 == 0 {
            "9".into()
        } else {
            "8".into()
        })),
    }
}

proptest! {
    #[test]
    fn item_statistics_are_never_nan_or_infinite(
        kinds in proptest::collection::vec((0u8..4, prop_oneof![Just(1.0), Just(0.5), Just(2.0), Just(1.0 / 3.0)]), 1..6),
        picks in proptest::collection::vec(proptest::collection::vec(0u8..40, 6), 0..9),
        traced in proptest::collection::vec(any::<bool>(), 9),
    ) {
        use lateral::stats::{Stats, Submission};
        let quiz = class_quiz(&kinds);
        let sheets: Vec<std::collections::BTreeMap<String, Response>> = picks
            .iter()
            .map(|row| {
                kinds
                    .iter()
                    .zip(row)
                    .enumerate()
                    .filter_map(|(i, (&(kind, _), &pick))| {
                        class_response(kind, pick).map(|r| (format!("q{i}"), r))
                    })
                    .collect()
            })
            .collect();
        let opened: std::collections::BTreeMap<String, Vec<String>> =
            [("q0".to_owned(), vec!["a".to_owned()])].into();
        let mut stats = Stats::new(&quiz);
        for (r, &t) in sheets.iter().zip(&traced) {
            stats.add(&Submission { responses: r, opened: t.then_some(&opened) });
        }
        let a = stats.finish();
        let mut numbers = vec![
            a.test.mean, a.test.median, a.test.sd, a.test.cic, a.test.error_ratio,
            a.test.standard_error,
        ];
        for q in &a.questions {
            numbers.extend([q.mean, q.facility, q.sd, q.random_guess, q.discrimination, q.efficiency]);
            prop_assert!(q.facility.is_none_or(|f| (0.0..=1.0 + 1e-12).contains(&f)));
            prop_assert!(q.discrimination.is_none_or(|d| (-100.0..=100.0).contains(&d)));
            prop_assert!(q.efficiency.is_none_or(|e| (-100.0..=100.0).contains(&e)));
            for o in &q.options {
                numbers.extend([o.pick_rate, o.mean_total]);
            }
        }
        numbers.extend(a.tags.iter().map(|t| t.average));
        if let Some(t) = &a.lateral_reading {
            numbers.extend([t.after_opening.rate, t.without_opening.rate]);
        }
        for n in numbers.into_iter().flatten() {
            prop_assert!(n.is_finite(), "{n} in {a:?}");
        }
        prop_assert!(a.test.cic.is_none_or(|c| c <= 100.0 + 1e-9));
        prop_assert_eq!(a.csv_rows().len(), quiz.questions.len() + 1);
        let shown = lateral::screen::render(|s| lateral::screen::stats(s, &quiz, &a, 60));
        prop_assert!(!shown.contains("NaN") && !shown.contains("inf"));
    }
}

/// Moodle's GIFT importer on one text, step by step as
/// `question/format/gift/format.php` does it: `escapedchar_pre` on the
/// text (a doubled backslash to a placeholder, each escaped character to
/// its placeholder, the backslash placeholder back to `\`), then
/// `escapedchar_post` (each placeholder to its character). PHP's
/// `str_replace` with arrays replaces each pair over the whole text in turn.
fn moodle_unescape(gift: &str) -> String {
    let pre = [
        ("\\:", "&&058;"),
        ("\\#", "&&035;"),
        ("\\=", "&&061;"),
        ("\\{", "&&123;"),
        ("\\}", "&&125;"),
        ("\\~", "&&126;"),
        ("\\n", "&&010"),
    ];
    let mut text = gift.replace("\\\\", "&&092;");
    for (from, to) in pre {
        text = text.replace(from, to);
    }
    text = text.replace("&&092;", "\\");
    let post = [
        ("&&058;", ":"),
        ("&&035;", "#"),
        ("&&061;", "="),
        ("&&123;", "{"),
        ("&&125;", "}"),
        ("&&126;", "~"),
        ("&&010", "\n"),
    ];
    for (from, to) in post {
        text = text.replace(from, to);
    }
    text
}

/// Text dense in what GIFT and Moodle's placeholders are made of.
fn gift_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(vec![
                "\\", "~", "=", "#", "{", "}", ":", "\n", "&", "&&", ";", "0", "1", "5", "8", "9",
                "n", "->", "[moodle]", "%50%", "é", "“", "”", "\"", "'", " ", "a", "Z",
            ])
            .prop_map(str::to_owned),
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn gift_escaping_then_moodle_unescaping_gives_the_text_back(text in gift_text()) {
        use lateral::export::gift::{escape, unexpressible};
        let escaped = escape(&text);
        match unexpressible(&text) {
            None => prop_assert_eq!(moodle_unescape(&escaped), text),
            // Refused text is text Moodle would not give back.
            Some(_) => prop_assert!(text.contains('\r') || lateral::export::gift::PLACEHOLDERS.iter().any(|p| text.contains(p))),
        }
        // An escaped text never holds a line break or an unescaped special character.
        prop_assert!(!escaped.contains('\n'));
    }

    #[test]
    fn gift_escaping_round_trips_any_string(text in any::<String>()) {
        use lateral::export::gift::{escape, unexpressible};
        prop_assume!(unexpressible(&text).is_none());
        prop_assert_eq!(moodle_unescape(&escape(&text)), text);
    }
}
