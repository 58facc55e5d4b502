//! The item analysis against numbers worked out by hand.

use super::*;
use crate::quiz::{Choice, Question};
use crate::screen;

fn options(ids: &[&str]) -> Vec<Choice> {
    ids.iter()
        .map(|id| Choice {
            id: id.to_string(),
            text: format!("Option {id}"),
            feedback: None,
        })
        .collect()
}

fn question(id: &str, points: f64, tag: &str, kind: Kind) -> Question {
    Question {
        id: id.into(),
        prompt: format!("Prompt {id}"),
        points,
        tags: vec![tag.into()],
        kind,
        explanation: "e".into(),
        citations: vec![],
    }
}

/// Five questions: `easy` everyone gets right, `hard` nobody does, `key` is
/// got right by the weaker students (its key looks wrong), `multi` (2 points,
/// partial credit) and `tf` separate the class as they should.
fn class_quiz() -> Quiz {
    Quiz {
        format: 1,
        id: "class".into(),
        title: "Class".into(),
        description: "d".into(),
        pass_mark: None,
        sources: vec![],
        questions: vec![
            question(
                "easy",
                1.0,
                "facts",
                Kind::Single {
                    options: options(&["a", "b", "c"]),
                    answer: "a".into(),
                },
            ),
            question("hard", 1.0, "facts", Kind::TrueFalse { answer: true }),
            question(
                "key",
                1.0,
                "attribution",
                Kind::Single {
                    options: options(&["a", "b", "c"]),
                    answer: "a".into(),
                },
            ),
            question(
                "multi",
                2.0,
                "cross-check",
                Kind::Multiple {
                    options: options(&["a", "b", "c"]),
                    answers: vec!["a".into(), "b".into()],
                },
            ),
            question("tf", 1.0, "facts", Kind::TrueFalse { answer: true }),
        ],
        tests: vec![],
    }
}

fn choice(id: &str) -> Response {
    Response::Choice(id.into())
}

fn choices(ids: &[&str]) -> Response {
    Response::Choices(ids.iter().map(|s| s.to_string()).collect())
}

/// The class's five sheets. Marks (easy, hard, key, multi, tf) and totals:
///
/// | sheet | easy | hard | key | multi | tf | T |
/// |-------|------|------|-----|-------|----|---|
/// | 1     | 1    | 0    | 0 b | 2 ab  | 1  | 4 |
/// | 2     | 1    | 0    | 0 c | 2 ba  | 1  | 4 |
/// | 3     | 1    | 0    | 1 a | 1 a   | 1  | 4 |
/// | 4     | 1    | 0    | 1 a | 0 ac  | 0  | 2 |
/// | 5     | 1    | 0    | 0 b | 0 —   | 0  | 1 |
///
/// Sheet 5 leaves `multi` unanswered.
fn class_sheets() -> Vec<BTreeMap<String, Response>> {
    let rows: [(&str, Option<Response>, bool); 5] = [
        ("b", Some(choices(&["a", "b"])), true),
        ("c", Some(choices(&["b", "a"])), true),
        ("a", Some(choices(&["a"])), true),
        ("a", Some(choices(&["a", "c"])), false),
        ("b", None, false),
    ];
    rows.into_iter()
        .map(|(key, multi, tf)| {
            let mut r = BTreeMap::new();
            r.insert("easy".to_owned(), choice("a"));
            r.insert("hard".to_owned(), Response::Bool(false));
            r.insert("key".to_owned(), choice(key));
            if let Some(m) = multi {
                r.insert("multi".to_owned(), m);
            }
            r.insert("tf".to_owned(), Response::Bool(tf));
            r
        })
        .collect()
}

fn opened(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(q, ids)| (q.to_string(), ids.iter().map(|s| s.to_string()).collect()))
        .collect()
}

fn close(found: Option<f64>, expected: f64) {
    let found = found.expect("a defined value");
    assert!(
        (found - expected).abs() < 1e-9,
        "found {found}, expected {expected}"
    );
}

fn analyse(quiz: &Quiz, sheets: &[BTreeMap<String, Response>]) -> ItemAnalysis {
    let mut stats = Stats::new(quiz);
    for r in sheets {
        stats.add(&Submission {
            responses: r,
            opened: None,
        });
    }
    stats.finish()
}

#[test]
fn a_class_of_five_matches_the_statistics_worked_by_hand() {
    let quiz = class_quiz();
    let a = analyse(&quiz, &class_sheets());
    assert_eq!(a.sheets, 5);
    let [easy, hard, key, multi, tf] = &a.questions[..] else {
        panic!("five questions")
    };

    // easy: every mark 1. Facility 5/5 = 1, SD 0; R = T − 1 varies but x
    // does not, so correlation and efficiency are undefined.
    close(easy.facility, 1.0);
    close(easy.sd, 0.0);
    assert_eq!((easy.discrimination, easy.efficiency), (None, None));
    close(easy.random_guess, 1.0 / 3.0); // one right option of three
    assert_eq!(easy.flags, [Flag::VeryEasy]);

    // hard: every mark 0.
    close(hard.facility, 0.0);
    close(hard.sd, 0.0);
    assert_eq!((hard.discrimination, hard.efficiency), (None, None));
    close(hard.random_guess, 0.5);
    assert_eq!(hard.flags, [Flag::VeryHard]);

    // key: x = [0,0,1,1,0], mean 0.4; R = T − x = [4,4,3,1,1], mean 2.6.
    // x − 0.4 = [−.4,−.4,.6,.6,−.4]; R − 2.6 = [1.4,1.4,.4,−1.6,−1.6].
    // Σ products = −.56 −.56 +.24 −.96 +.64 = −1.2, cov = −1.2/4 = −0.3.
    // var x = (3·.16 + 2·.36)/4 = 0.3; var R = (2·1.96 + .16 + 2·2.56)/4 = 2.3.
    // corr = −0.3/√(0.3·2.3) = −0.3/√0.69 = −0.361158…
    // Sorted: x [0,0,0,1,1], R [1,1,3,4,4]; deviations [−.4,−.4,−.4,.6,.6] and
    // [−1.6,−1.6,.4,1.4,1.4]; Σ products = .64+.64−.16+.84+.84 = 2.8, cov_max = 0.7.
    close(key.facility, 0.4);
    close(key.sd, 0.3f64.sqrt());
    close(key.discrimination, -100.0 * 0.3 / 0.69f64.sqrt());
    close(key.efficiency, -100.0 * 0.3 / 0.7);
    assert!((key.discrimination.unwrap() - -36.1158).abs() < 1e-4);
    assert_eq!(key.flags, [Flag::Doubtful, Flag::CheckTheKey]);

    // multi (2 points): x = [2,2,1,0,0], mean 1, facility 1/2;
    // R = [2,2,3,2,1], mean 2. Deviations [1,1,0,−1,−1] and [0,0,1,0,−1]:
    // Σ products = 1, cov = 0.25; var x = 4/4 = 1; var R = 2/4 = 0.5.
    // corr = 0.25/√0.5 = 0.353553…
    // Sorted R [1,2,2,2,3] − 2 = [−1,0,0,0,1] against sorted x − 1 =
    // [−1,−1,0,1,1]: Σ = 2, cov_max = 0.5, efficiency = 0.25/0.5 = 50%.
    close(multi.facility, 0.5);
    close(multi.sd, 1.0);
    close(multi.discrimination, 100.0 * 0.25 / 0.5f64.sqrt());
    close(multi.efficiency, 50.0);
    assert_eq!(multi.random_guess, None);
    assert!(multi.flags.is_empty());

    // tf: x = [1,1,1,0,0], mean 0.6; R = [3,3,3,2,1], mean 2.4.
    // Deviations [.4,.4,.4,−.6,−.6] and [.6,.6,.6,−.4,−1.4]:
    // Σ = 3·.24 + .24 + .84 = 1.8, cov = 0.45; var x = 0.3;
    // var R = (3·.36 + .16 + 1.96)/4 = 0.8; corr = 0.45/√0.24 = 0.918559…
    // Sorted R [1,2,3,3,3] − 2.4 = [−1.4,−.4,.6,.6,.6] against sorted x − .6 =
    // [−.6,−.6,.4,.4,.4]: Σ = .84+.24+3·.24 = 1.8 = cov, efficiency 100%.
    close(tf.facility, 0.6);
    close(tf.discrimination, 100.0 * 0.45 / 0.24f64.sqrt());
    close(tf.efficiency, 100.0);

    // Totals T = [4,4,4,2,1]: mean 15/5 = 3, median 4;
    // deviations [1,1,1,−1,−2], Σ squares = 8, var T = 2, SD √2.
    // Σ var(x) = 0 + 0 + 0.3 + 1 + 0.3 = 1.6;
    // CIC = 100 · 5/4 · (1 − 1.6/2) = 125 · 0.2 = 25;
    // ER = 100 · √(1 − 0.25) = 86.6025…; SE = ER · √2 / 100 = √1.5 = 1.2247…
    let t = &a.test;
    assert_eq!(t.sheets, 5);
    close(t.mean, 3.0);
    close(t.median, 4.0);
    close(t.sd, 2f64.sqrt());
    close(t.cic, 25.0);
    close(t.error_ratio, 100.0 * 0.75f64.sqrt());
    close(t.standard_error, 1.5f64.sqrt());
    assert_eq!(t.max_mark, 6.0);
}

#[test]
fn option_tables_count_picks_and_the_pickers_mean_total() {
    let quiz = class_quiz();
    let a = analyse(&quiz, &class_sheets());
    let table = |i: usize| -> Vec<(bool, usize, Option<f64>, Option<f64>)> {
        a.questions[i]
            .options
            .iter()
            .map(|o| (o.correct, o.picks, o.pick_rate, o.mean_total))
            .collect()
    };
    // easy: all five picked a, mean total (4+4+4+2+1)/5 = 3; b and c never.
    assert_eq!(
        table(0),
        [
            (true, 5, Some(1.0), Some(3.0)),
            (false, 0, Some(0.0), None),
            (false, 0, Some(0.0), None),
        ]
    );
    // key: a by sheets 3, 4 → 2/5, (4+2)/2 = 3; b by 1, 5 → (4+1)/2 = 2.5; c by 2 → 4.
    assert_eq!(
        table(2),
        [
            (true, 2, Some(0.4), Some(3.0)),
            (false, 2, Some(0.4), Some(2.5)),
            (false, 1, Some(0.2), Some(4.0)),
        ]
    );
    // multi: a by 1–4 → 4/5, (4+4+4+2)/4 = 3.5; b by 1, 2 → 4; c by 4 → 2.
    assert_eq!(
        table(3),
        [
            (true, 4, Some(0.8), Some(3.5)),
            (true, 2, Some(0.4), Some(4.0)),
            (false, 1, Some(0.2), Some(2.0)),
        ]
    );
    // True/false questions have no option table.
    assert!(a.questions[1].options.is_empty());
}

#[test]
fn tags_average_the_class_and_the_trace_splits_answers_by_sources_opened() {
    let quiz = class_quiz();
    let sheets = class_sheets();
    let first = opened(&[("key", &["a"]), ("multi", &["a", "b"]), ("tf", &[])]);
    let second = opened(&[("easy", &["a"])]);
    let mut stats = Stats::new(&quiz);
    for (i, r) in sheets.iter().enumerate() {
        stats.add(&Submission {
            responses: r,
            opened: match i {
                0 => Some(&first),
                1 => Some(&second),
                _ => None,
            },
        });
    }
    let a = stats.finish();
    // facts: easy 5 of 5, hard 0 of 5, tf 3 of 5 → 8/15; attribution: key
    // 2 of 5; cross-check: multi 2+2+1 = 5 of 10.
    let tags: Vec<(&str, usize, f64)> = a
        .tags
        .iter()
        .map(|t| (t.tag.as_str(), t.questions, t.average.unwrap()))
        .collect();
    assert_eq!(tags[0], ("attribution", 1, 40.0));
    assert_eq!(tags[1], ("cross-check", 1, 50.0));
    assert_eq!(tags[2].0, "facts");
    assert_eq!(tags[2].1, 3);
    close(Some(tags[2].2), 800.0 / 15.0);
    // Sheet 1 opened sources for key (wrong) and multi (right); answered easy
    // (right), hard (wrong) and tf (right, an empty list opens nothing) without.
    // Sheet 2 opened one for easy (right); hard, key wrong, multi, tf right without.
    // After opening: 2 of 3 right; without: 2 + 2 = 4 of 7.
    let trace = a.lateral_reading.expect("two sheets were traced");
    assert_eq!(
        (trace.after_opening.answers, trace.after_opening.right),
        (3, 2)
    );
    close(trace.after_opening.rate, 2.0 / 3.0);
    assert_eq!(
        (trace.without_opening.answers, trace.without_opening.right),
        (7, 4)
    );
    close(trace.without_opening.rate, 4.0 / 7.0);
    // Without any traced sheet there is no trace at all.
    assert_eq!(analyse(&quiz, &sheets).lateral_reading, None);
}

#[test]
fn one_sheet_leaves_the_spread_undefined_on_screen_in_json_and_csv() {
    let quiz = class_quiz();
    let a = analyse(&quiz, &class_sheets()[..1]);
    let key = &a.questions[2];
    close(key.facility, 0.0);
    assert_eq!(
        (key.sd, key.discrimination, key.efficiency),
        (None, None, None)
    );
    let t = &a.test;
    close(t.mean, 4.0);
    close(t.median, 4.0);
    assert_eq!(
        (t.sd, t.cic, t.error_ratio, t.standard_error),
        (None, None, None, None)
    );

    let json: serde_json::Value = serde_json::to_value(&a).unwrap();
    assert_eq!(json["test"]["sd"], serde_json::Value::Null);
    assert_eq!(json["test"]["cic"], serde_json::Value::Null);
    assert_eq!(
        json["questions"][2]["discrimination"],
        serde_json::Value::Null
    );
    assert_eq!(json["questions"][2]["efficiency"], serde_json::Value::Null);
    assert_eq!(json["questions"][2]["facility"], 0.0);
    assert_eq!(json["questions"][2]["options"][1]["mean_total"], 4.0);
    assert_eq!(
        json["questions"][2]["options"][0]["mean_total"],
        serde_json::Value::Null
    );
    assert_eq!(json["lateral_reading"], serde_json::Value::Null);

    let shown = screen::render(|s| screen::stats(s, &quiz, &a, 80));
    let key_row = shown.lines().find(|l| l.contains(" key ")).unwrap();
    let cells: Vec<&str> = key_row.split_whitespace().collect();
    // number, id, bar, then facility, SD, guess, discr., effic. and the flag.
    assert_eq!(
        cells[3..],
        ["0%", "–", "33%", "–", "–", "very", "hard"],
        "{key_row:?}"
    );
    assert!(
        shown.contains("  standard deviation            –\n"),
        "{shown}"
    );
    assert!(
        shown.contains("  internal consistency (CIC)    –\n"),
        "{shown}"
    );

    let rows = a.csv_rows();
    assert_eq!(rows[0][6], "sd");
    assert_eq!(rows[3][1], "key");
    assert_eq!(rows[3][6], "");
    assert_eq!(rows[3][5], "0");
}

#[test]
fn no_sheets_leave_everything_undefined() {
    let quiz = class_quiz();
    let a = analyse(&quiz, &[]);
    assert_eq!(a.test.mean, None);
    assert_eq!(a.test.median, None);
    assert_eq!(a.questions[0].facility, None);
    assert_eq!(a.questions[0].options[0].pick_rate, None);
    assert_eq!(a.tags[0].average, None);
}

#[test]
fn nearly_equal_totals_count_as_constant() {
    // 0.1 + 0.2 and 0.3 differ in the last bit; the spread is rounding, not data.
    assert!(constant(&[0.1 + 0.2, 0.3, 0.3]));
    assert_eq!(variance(&[0.1 + 0.2, 0.3, 0.3]), Some(0.0));
    assert!(!constant(&[0.0, 1e-6]));
}

#[test]
fn csv_has_a_header_and_a_row_per_question() {
    let quiz = class_quiz();
    let a = analyse(&quiz, &class_sheets());
    let rows = a.csv_rows();
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    assert_eq!(
        rows[0],
        [
            "number",
            "id",
            "kind",
            "max_mark",
            "mean",
            "facility_percent",
            "sd",
            "random_guess_percent",
            "discrimination_index",
            "discriminative_efficiency",
            "flags"
        ]
    );
    assert_eq!(rows[1][..6], ["1", "easy", "Single", "1", "1", "100"]);
    assert_eq!(rows[1][8], "");
    assert_eq!(rows[1][10], "very easy");
    assert_eq!(rows[3][10], "doubtful; check the key");
    assert_eq!(rows[4][9], "50");
    assert_eq!(rows[4][7], "");
}

/// A quiz of `n` true/false questions `q1`, `q2`…, each worth one point with
/// `true` as the key.
fn true_false_quiz(n: usize) -> Quiz {
    Quiz {
        questions: (1..=n)
            .map(|i| {
                question(
                    &format!("q{i}"),
                    1.0,
                    "facts",
                    Kind::TrueFalse { answer: true },
                )
            })
            .collect(),
        ..class_quiz()
    }
}

/// One sheet answering `q1`, `q2`… with `answers` in order.
fn true_false_sheet(answers: &[bool]) -> BTreeMap<String, Response> {
    answers
        .iter()
        .enumerate()
        .map(|(i, &b)| (format!("q{}", i + 1), Response::Bool(b)))
        .collect()
}

#[test]
fn sheets_counts_each_sheet_added() {
    let quiz = true_false_quiz(1);
    let mut stats = Stats::new(&quiz);
    assert_eq!(stats.sheets(), 0);
    for (added, right) in [true, false, false].into_iter().enumerate() {
        stats.add(&Submission {
            responses: &true_false_sheet(&[right]),
            opened: None,
        });
        assert_eq!(stats.sheets(), added + 1);
    }
    assert_eq!(stats.finish().sheets, 3);
}

#[test]
fn facility_of_exactly_a_tenth_or_nine_tenths_is_not_flagged() {
    // One question, ten sheets. With k right the marks sum to k, the mean is
    // k/10 and the facility k/10 ÷ 1 point: 0.1 and 0.9 exactly (as f64, k/10
    // rounds to the same double as the literal). "Below 10%" and "above 90%"
    // are strict, so neither is flagged; 0 and 10 right are.
    let quiz = true_false_quiz(1);
    let class = |right: usize| -> Vec<BTreeMap<String, Response>> {
        (0..10).map(|i| true_false_sheet(&[i < right])).collect()
    };
    for (right, flags) in [
        (0, vec![Flag::VeryHard]),
        (1, vec![]),
        (9, vec![]),
        (10, vec![Flag::VeryEasy]),
    ] {
        let a = analyse(&quiz, &class(right));
        let q = &a.questions[0];
        close(q.facility, right as f64 / 10.0);
        // With one question the rest of the test is always 0: no discrimination.
        assert_eq!(q.discrimination, None);
        assert_eq!(q.flags, flags, "{right} of 10 right");
    }
}

#[test]
fn flags_are_strict_at_each_threshold() {
    assert_eq!(flags(Some(0.1), None), []);
    assert_eq!(flags(Some(0.099), None), [Flag::VeryHard]);
    assert_eq!(flags(Some(0.9), None), []);
    assert_eq!(flags(Some(0.901), None), [Flag::VeryEasy]);
    // A discrimination of 15 is not "below 15"; 0 is doubtful but not negative.
    assert_eq!(flags(None, Some(15.0)), []);
    assert_eq!(flags(None, Some(14.9)), [Flag::Doubtful]);
    assert_eq!(flags(None, Some(0.0)), [Flag::Doubtful]);
    assert_eq!(flags(None, Some(-0.1)), [Flag::Doubtful, Flag::CheckTheKey]);
    assert_eq!(flags(None, None), []);
}

#[test]
fn one_question_has_no_internal_consistency() {
    // CIC = 100 · p/(p − 1) · … is undefined for p = 1 even though the totals
    // vary: marks [1,0,0] = totals, var T = (4/9 + 1/9 + 1/9)/2 = 1/3.
    let quiz = true_false_quiz(1);
    let sheets: Vec<_> = [true, false, false]
        .iter()
        .map(|&b| true_false_sheet(&[b]))
        .collect();
    let t = analyse(&quiz, &sheets).test;
    close(t.sd, (1.0f64 / 3.0).sqrt());
    assert_eq!((t.cic, t.error_ratio, t.standard_error), (None, None, None));
}

#[test]
fn equal_totals_leave_the_internal_consistency_undefined() {
    // Two questions, two sheets: (1, 0) and (0, 1). Totals [1, 1]: var T = 0,
    // so Σ var(x) / var(T) has no value although each question varies.
    // x = [1, 0]: mean 0.5, deviations [.5, −.5], var = 0.5/1 = 0.5.
    // q1: R = T − x = [0, 1]; cov(x, R) = (.5·−.5 + −.5·.5)/1 = −0.5,
    // corr = −0.5/√(0.5·0.5) = −1. Sorted x [0, 1] against sorted R [0, 1]:
    // cov_max = 0.5, efficiency −0.5/0.5 = −100%. q2 is the mirror image.
    let quiz = true_false_quiz(2);
    let a = analyse(
        &quiz,
        &[
            true_false_sheet(&[true, false]),
            true_false_sheet(&[false, true]),
        ],
    );
    for q in &a.questions {
        close(q.facility, 0.5);
        close(q.sd, 0.5f64.sqrt());
        close(q.discrimination, -100.0);
        close(q.efficiency, -100.0);
        assert_eq!(q.flags, [Flag::Doubtful, Flag::CheckTheKey]);
    }
    let t = &a.test;
    close(t.mean, 1.0);
    close(t.median, 1.0);
    close(t.sd, 0.0);
    assert_eq!((t.cic, t.error_ratio, t.standard_error), (None, None, None));

    // Every mark the same: Σ var(x) = 0 and var T = 0, still no CIC.
    let t = analyse(&quiz, &vec![true_false_sheet(&[true, true]); 3]).test;
    close(t.sd, 0.0);
    assert_eq!(t.cic, None);
}

#[test]
fn median_of_an_even_count_averages_the_two_middle_totals() {
    // Sorted [1, 2, 4, 8]: (2 + 4)/2 = 3; sorted [1, 5]: (1 + 5)/2 = 3.
    assert_eq!(median(&[8.0, 1.0, 4.0, 2.0]), Some(3.0));
    assert_eq!(median(&[5.0, 1.0]), Some(3.0));
    assert_eq!(median(&[5.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[]), None);
    // Sheets 2–5 of the class: totals [4, 4, 2, 1], sorted [1, 2, 4, 4],
    // median (2 + 4)/2 = 3.
    let a = analyse(&class_quiz(), &class_sheets()[1..]);
    assert_eq!(a.test.median, Some(3.0));
}

#[test]
fn quotients_that_are_not_finite_are_undefined() {
    assert_eq!(ratio(3.0, 2.0), Some(1.5));
    assert_eq!(ratio(1.0, 0.0), None);
    assert_eq!(ratio(0.0, 0.0), None);
    // A non-zero divisor is not enough: 1e308 / 0.1 overflows to infinity.
    assert_eq!(ratio(1e308, 0.1), None);
    assert_eq!(ratio(f64::NAN, 2.0), None);
}

#[test]
fn constant_allows_rounding_relative_to_the_magnitude() {
    // The tolerance is 1e-9 of the largest magnitude (at least 1): at a
    // million it is 1e-3, so a spread of 1e-4 is rounding and 1e-2 is data.
    assert!(constant(&[1e6, 1e6 + 1e-4]));
    assert!(!constant(&[1e6, 1e6 + 1e-2]));
    // Below 1 it stays 1e-9.
    assert!(constant(&[0.5, 0.5 + 1e-10]));
    assert!(!constant(&[0.5, 0.5 + 1e-8]));
}

#[test]
fn covariance_of_two_points_and_of_a_near_constant() {
    // x = [1, 3], y = [2, 6]: deviations [−1, 1] and [−2, 2], Σ = 4, /(2 − 1) = 4.
    assert_eq!(covariance(&[1.0, 3.0], &[2.0, 6.0]), Some(4.0));
    assert_eq!(covariance(&[1.0], &[2.0]), None);
    assert_eq!(covariance(&[1.0, 3.0], &[2.0]), None);
    // 0.1 + 0.2 differs from 0.3 in the last bit only: x is constant, so the
    // covariance is 0 whatever y does, and the efficiency (0 / cov_max 0)
    // undefined, as for any mark that never varies.
    let x = [0.1 + 0.2, 0.3, 0.3];
    let y = [1.0, 2.0, 3.0];
    assert_eq!(covariance(&x, &y), Some(0.0));
    assert_eq!(covariance(&y, &x), Some(0.0));
    assert_eq!(efficiency(&x, &y), None);
    assert_eq!(efficiency(&y, &x), None);
}

#[test]
fn covariance_ignores_a_common_offset() {
    // Deviations from the mean do not grow with the values, so shifting by
    // 10⁹ changes nothing beyond rounding: var([0, 1, 3]) has mean 4/3,
    // deviations [−4/3, −1/3, 5/3], Σ squares = 42/9, /2 = 7/3.
    let big = [1e9, 1e9 + 1.0, 1e9 + 3.0];
    let small = [0.0, 1.0, 3.0];
    close(variance(&big), 7.0 / 3.0);
    close(covariance(&big, &small), 7.0 / 3.0);
    close(covariance(&small, &big), 7.0 / 3.0);
    close(correlation(&big, &small), 1.0);
}
