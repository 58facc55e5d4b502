//! Scoring: a pure function of a quiz and a student's responses.
//!
//! Multiple-choice partial credit: each correct option chosen earns
//! `points / number of correct options`, each wrong option chosen costs the
//! same amount, and the question never scores below zero. Choosing nothing
//! scores zero; choosing everything scores what the right ones earn minus
//! what the wrong ones cost, floored at zero.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::normalize::{exact, fold, parse_number, within_one_typo};
use crate::quiz::{Kind, Question, Quiz, Response};

/// How a response fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Full marks.
    Correct,
    /// Some but not all of the points (multiple choice).
    Partial,
    /// No points.
    Wrong,
    /// No response was given.
    Unanswered,
    /// An open answer (a reflection): kept, not scored.
    Open,
}

/// The result for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The question's id.
    pub id: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Points earned.
    pub points: f64,
    /// Points available.
    pub max: f64,
}

impl Outcome {
    /// Whether the response earned full marks.
    pub fn is_correct(&self) -> bool {
        self.verdict == Verdict::Correct
    }
}

/// Points per tag (skill).
#[derive(Debug, Clone, PartialEq)]
pub struct TagScore {
    /// The tag.
    pub tag: String,
    /// Points earned on questions with this tag.
    pub points: f64,
    /// Points available on questions with this tag.
    pub max: f64,
    /// How many questions carry the tag.
    pub questions: usize,
}

/// The scored result of a whole quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// One outcome per question, in the quiz's authoring order.
    pub outcomes: Vec<Outcome>,
    /// Points earned.
    pub score: f64,
    /// Points available.
    pub max: f64,
    /// `score / max` as a percentage (0 when the quiz has no points).
    pub percent: f64,
    /// Pass/fail against the quiz's pass mark, if it has one.
    pub passed: Option<bool>,
    /// Breakdown by tag, alphabetical.
    pub tags: Vec<TagScore>,
}

/// Grades every question of `quiz` against `responses` (keyed by question id).
///
/// To grade many sheets of one quiz, prepare its [`Key`] once and call
/// [`Key::grade`] for each: the result is the same.
pub fn grade(quiz: &Quiz, responses: &BTreeMap<String, Response>) -> Report {
    Key::new(quiz).grade(responses)
}

/// What grading every sheet of one quiz reuses, worked out once: each
/// question's points, its accepted answers already folded, the questions
/// by id, and the quiz's fingerprint.
#[derive(Debug, Clone)]
pub struct Key<'q> {
    quiz: &'q Quiz,
    questions: Vec<Prepared<'q>>,
    /// Question indexes by id (the first question of each id).
    by_id: FxHashMap<&'q str, usize>,
    /// Question indexes in the order of their ids, as a sheet's
    /// responses are kept.
    sorted: Vec<usize>,
    /// Every tag of the quiz once, in alphabetical order.
    tags: Vec<&'q str>,
    /// The quiz's fingerprint, worked out the first time an attempt asks.
    fingerprint: OnceCell<String>,
}

/// One question, ready to grade.
#[derive(Debug, Clone)]
struct Prepared<'q> {
    question: &'q Question,
    max: f64,
    /// A text question's accepted answers as compared: folded (or spelled
    /// exactly, for an exact-spelling question), each with whether a typo
    /// may be forgiven in it.
    accept: Vec<(String, bool)>,
    /// Where each of its tags stands in [`Key::tags`].
    tag_slots: Vec<usize>,
}

impl<'q> Key<'q> {
    /// Prepares `quiz` for grading.
    pub fn new(quiz: &'q Quiz) -> Key<'q> {
        let mut tags: Vec<&str> = quiz
            .questions
            .iter()
            .flat_map(|q| q.tags.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        let questions = quiz
            .questions
            .iter()
            .map(|q| Prepared {
                question: q,
                max: q.max_points(),
                tag_slots: q
                    .tags
                    .iter()
                    .filter_map(|t| tags.binary_search(&t.as_str()).ok())
                    .collect(),
                accept: match &q.kind {
                    Kind::Text {
                        accept,
                        typo,
                        exact: exact_spelling,
                        ..
                    } => accept
                        .iter()
                        .map(|a| {
                            if *exact_spelling {
                                (exact(a), false)
                            } else {
                                let a = fold(a);
                                let forgiving = *typo && a.chars().count() >= 4;
                                (a, forgiving)
                            }
                        })
                        .collect(),
                    _ => Vec::new(),
                },
            })
            .collect();
        let mut by_id = FxHashMap::default();
        by_id.reserve(quiz.questions.len());
        for (i, q) in quiz.questions.iter().enumerate() {
            by_id.entry(q.id.as_str()).or_insert(i);
        }
        let mut sorted: Vec<usize> = (0..quiz.questions.len()).collect();
        sorted.sort_by(|&a, &b| quiz.questions[a].id.cmp(&quiz.questions[b].id));
        Key {
            quiz,
            questions,
            by_id,
            sorted,
            tags,
            fingerprint: OnceCell::new(),
        }
    }

    /// The quiz this key grades.
    pub fn quiz(&self) -> &'q Quiz {
        self.quiz
    }

    /// The quiz's [fingerprint](crate::attempt::fingerprint), worked out
    /// once however many attempts are checked against it.
    pub fn fingerprint(&self) -> &str {
        self.fingerprint
            .get_or_init(|| crate::attempt::fingerprint(self.quiz))
    }

    /// The question with this id, as [`Quiz::question`] finds it, without
    /// going through the list.
    pub fn question(&self, id: &str) -> Option<&'q Question> {
        self.by_id.get(id).map(|&i| &self.quiz.questions[i])
    }

    /// Grades every question against `responses` (keyed by question id),
    /// as [`grade`] does.
    pub fn grade(&self, responses: &BTreeMap<String, Response>) -> Report {
        let found = self.responses_by_question(responses);
        self.report(0..self.questions.len(), |i| found[i])
    }

    /// Each question's response, by the question's index: found walking
    /// the questions and the responses side by side, both in id order,
    /// rather than looking each question up in the responses.
    fn responses_by_question<'r>(
        &self,
        responses: &'r BTreeMap<String, Response>,
    ) -> Vec<Option<&'r Response>> {
        let mut found = vec![None; self.questions.len()];
        let mut given = responses.iter().peekable();
        for &i in &self.sorted {
            let id = self.questions[i].question.id.as_str();
            while given.next_if(|(k, _)| k.as_str() < id).is_some() {}
            // Not taken: a second question of the same id has it too.
            if let Some((k, response)) = given.peek() {
                if k.as_str() == id {
                    found[i] = Some(*response);
                }
            }
        }
        found
    }

    /// Grades only the questions `asked` (by id), in that order: the
    /// report [`grade`] gives over the quiz cut down to them, as an
    /// attempt's report is (see [`crate::attempt::Attempt::asked_part`]).
    pub fn grade_asked(&self, asked: &[String], responses: &BTreeMap<String, Response>) -> Report {
        let order: Vec<usize> = asked
            .iter()
            .filter_map(|id| self.by_id.get(id.as_str()).copied())
            .collect();
        self.report(order.into_iter(), |i| {
            responses.get(&self.questions[i].question.id)
        })
    }

    /// The report over the questions at `order` (indexes into the quiz).
    fn report<'r>(
        &self,
        order: impl Iterator<Item = usize> + Clone,
        response: impl Fn(usize) -> Option<&'r Response>,
    ) -> Report {
        let outcomes: Vec<Outcome> = order
            .clone()
            .map(|i| self.questions[i].grade(response(i)))
            .collect();
        let score: f64 = outcomes.iter().map(|o| o.points).sum();
        let max: f64 = outcomes.iter().map(|o| o.max).sum();
        let percent = if max > 0.0 { score / max * 100.0 } else { 0.0 };
        // Compare with a little slack so 69.99999 does not fail a 70% mark.
        let passed = self.quiz.pass_mark.map(|mark| percent + 1e-9 >= mark);
        // Each tag has its slot, in alphabetical order, worked out once.
        let mut tags: Vec<Option<TagScore>> = vec![None; self.tags.len()];
        for (i, o) in order.zip(&outcomes) {
            for &slot in &self.questions[i].tag_slots {
                let t = tags[slot].get_or_insert_with(|| TagScore {
                    tag: self.tags[slot].to_owned(),
                    points: 0.0,
                    max: 0.0,
                    questions: 0,
                });
                t.points += o.points;
                t.max += o.max;
                t.questions += 1;
            }
        }
        Report {
            outcomes,
            score,
            max,
            percent,
            passed,
            tags: tags.into_iter().flatten().collect(),
        }
    }
}

impl Prepared<'_> {
    /// [`grade_question`], with the accepted answers already folded.
    fn grade(&self, response: Option<&Response>) -> Outcome {
        let q = self.question;
        let fraction = match (&q.kind, response) {
            (
                Kind::Text {
                    exact: exact_spelling,
                    ..
                },
                Some(Response::Text(typed)),
            ) => bool_credit(matches_prepared(typed, &self.accept, *exact_spelling)),
            _ => return grade_question_with(q, self.max, response),
        };
        Outcome {
            id: q.id.clone(),
            verdict: verdict_of(fraction),
            points: self.max * fraction,
            max: self.max,
        }
    }
}

/// Grades one question. A response of the wrong shape for the question
/// (a typed text for a choice question, say) earns nothing.
pub fn grade_question(q: &Question, response: Option<&Response>) -> Outcome {
    grade_question_with(q, q.max_points(), response)
}

fn grade_question_with(q: &Question, max: f64, response: Option<&Response>) -> Outcome {
    let Some(response) = response else {
        return Outcome {
            id: q.id.clone(),
            verdict: Verdict::Unanswered,
            points: 0.0,
            max,
        };
    };
    if let Kind::Reflection { .. } = q.kind {
        return Outcome {
            id: q.id.clone(),
            verdict: Verdict::Open,
            points: 0.0,
            max,
        };
    }
    let fraction = credit(&q.kind, response);
    Outcome {
        id: q.id.clone(),
        verdict: verdict_of(fraction),
        points: max * fraction,
        max,
    }
}

fn verdict_of(fraction: f64) -> Verdict {
    if fraction >= 1.0 {
        Verdict::Correct
    } else if fraction > 0.0 {
        Verdict::Partial
    } else {
        Verdict::Wrong
    }
}

/// Fraction of the points a response earns, from 0 to 1.
pub fn credit(kind: &Kind, response: &Response) -> f64 {
    match (kind, response) {
        (Kind::Single { answer, .. }, Response::Choice(chosen)) => bool_credit(chosen == answer),
        (Kind::Multiple { options, answers }, Response::Choices(chosen)) => {
            let mut chosen: Vec<&String> = chosen
                .iter()
                .filter(|c| options.iter().any(|o| &o.id == *c))
                .collect();
            chosen.sort();
            chosen.dedup();
            let right = chosen.iter().filter(|c| answers.contains(c)).count() as f64;
            let wrong = chosen.len() as f64 - right;
            let per = 1.0 / answers.len().max(1) as f64;
            ((right - wrong) * per).clamp(0.0, 1.0)
        }
        (Kind::TrueFalse { answer }, Response::Bool(b)) => bool_credit(answer == b),
        (
            Kind::Number {
                answer, tolerance, ..
            },
            Response::Text(typed),
        ) => match kind.number_rules().map(|rules| parse_number(typed, rules)) {
            // A hair of slack so 0.1 + 0.2 style rounding never flips an edge case.
            Some(Ok(v)) => bool_credit((v - answer).abs() <= tolerance + 1e-9),
            _ => 0.0,
        },
        (
            Kind::Text {
                accept,
                typo,
                exact: exact_spelling,
            },
            Response::Text(typed),
        ) => bool_credit(text_matches(typed, accept, *typo, *exact_spelling)),
        (Kind::Matching { items, .. }, Response::Pairs(given)) => {
            let right = items
                .iter()
                .filter(|i| given.get(&i.id) == Some(&i.answer))
                .count();
            right as f64 / items.len().max(1) as f64
        }
        (Kind::Ordering { items }, Response::Order(given)) => {
            // Where each item given sits in the right order; unknown and
            // repeated ids are left out.
            let mut seen = Vec::new();
            let positions: Vec<usize> = given
                .iter()
                .filter_map(|id| items.iter().position(|i| &i.id == id))
                .filter(|p| {
                    let new = !seen.contains(p);
                    seen.push(*p);
                    new
                })
                .collect();
            let longest = longest_increasing(&positions);
            if longest < 2 {
                0.0
            } else {
                longest as f64 / items.len().max(1) as f64
            }
        }
        _ => 0.0,
    }
}

/// The length of the longest strictly increasing subsequence: how many
/// items stand in the right relative order (patience sorting, n log n).
fn longest_increasing(values: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for &v in values {
        let at = tails.partition_point(|&t| t < v);
        if at == tails.len() {
            tails.push(v);
        } else {
            tails[at] = v;
        }
    }
    tails.len()
}

fn bool_credit(right: bool) -> f64 {
    if right {
        1.0
    } else {
        0.0
    }
}

/// Whether `typed` matches one of `accept`, under the question's spelling rules.
pub fn text_matches(typed: &str, accept: &[String], typo: bool, exact_spelling: bool) -> bool {
    let prepared: Vec<(String, bool)> = accept
        .iter()
        .map(|a| {
            if exact_spelling {
                (exact(a), false)
            } else {
                let a = fold(a);
                let forgiving = typo && a.chars().count() >= 4;
                (a, forgiving)
            }
        })
        .collect();
    matches_prepared(typed, &prepared, exact_spelling)
}

/// [`text_matches`] against accepted answers already folded (or spelled
/// exactly), each with whether a typo may be forgiven in it.
fn matches_prepared(typed: &str, accept: &[(String, bool)], exact_spelling: bool) -> bool {
    if exact_spelling {
        let typed = exact(typed);
        return !typed.is_empty() && accept.iter().any(|(a, _)| *a == typed);
    }
    let typed = fold(typed);
    if typed.is_empty() {
        return false;
    }
    // One typo is only forgiven in answers long enough that one edit
    // cannot turn one real answer into another.
    accept
        .iter()
        .any(|(a, forgiving)| *a == typed || (*forgiving && within_one_typo(a, &typed)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::Choice;

    fn q(kind: Kind, points: f64, tags: &[&str]) -> Question {
        Question {
            id: "q".into(),
            prompt: "p".into(),
            points,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            kind,
            explanation: "e".into(),
            citations: vec![],
        }
    }

    fn options(ids: &[&str]) -> Vec<Choice> {
        ids.iter()
            .map(|id| Choice {
                id: id.to_string(),
                text: id.to_string(),
                feedback: None,
            })
            .collect()
    }

    fn multiple() -> Kind {
        Kind::Multiple {
            options: options(&["a", "b", "c", "d"]),
            answers: vec!["a".into(), "b".into()],
        }
    }

    fn choices(ids: &[&str]) -> Response {
        Response::Choices(ids.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn single_choice_scores_only_the_answer() {
        let k = Kind::Single {
            options: options(&["a", "b"]),
            answer: "b".into(),
        };
        assert_eq!(credit(&k, &Response::Choice("b".into())), 1.0);
        assert_eq!(credit(&k, &Response::Choice("a".into())), 0.0);
        assert_eq!(credit(&k, &Response::Text("b".into())), 0.0);
    }

    #[test]
    fn multiple_choice_partial_credit_never_below_zero() {
        let k = multiple();
        assert_eq!(credit(&k, &choices(&["a", "b"])), 1.0);
        assert_eq!(credit(&k, &choices(&["b", "a"])), 1.0);
        assert_eq!(credit(&k, &choices(&["a"])), 0.5);
        assert_eq!(credit(&k, &choices(&["a", "c"])), 0.0);
        assert_eq!(credit(&k, &choices(&["a", "b", "c"])), 0.5);
        assert_eq!(credit(&k, &choices(&[])), 0.0);
        assert_eq!(credit(&k, &choices(&["a", "b", "c", "d"])), 0.0);
        assert_eq!(credit(&k, &choices(&["c", "d"])), 0.0);
        // Repeating an option or naming one that does not exist gains nothing.
        assert_eq!(credit(&k, &choices(&["a", "a", "zz"])), 0.5);
    }

    fn items(ids: &[&str]) -> Vec<Choice> {
        options(ids)
    }

    #[test]
    fn matching_earns_a_share_per_right_pair() {
        let k = Kind::Matching {
            items: ["q1", "q2", "q3", "q4"]
                .iter()
                .zip(["lety", "calderon", "lety", "sarukhan"])
                .map(|(id, answer)| crate::quiz::Pair {
                    id: id.to_string(),
                    text: id.to_string(),
                    answer: answer.to_string(),
                })
                .collect(),
            choices: options(&["lety", "calderon", "sarukhan"]),
        };
        let pairs = |p: &[(&str, &str)]| {
            Response::Pairs(
                p.iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect(),
            )
        };
        let all = [
            ("q1", "lety"),
            ("q2", "calderon"),
            ("q3", "lety"),
            ("q4", "sarukhan"),
        ];
        assert_eq!(credit(&k, &pairs(&all)), 1.0);
        assert_eq!(credit(&k, &pairs(&all[..2])), 0.5);
        assert_eq!(
            credit(&k, &pairs(&[("q1", "calderon"), ("q2", "lety")])),
            0.0
        );
        assert_eq!(
            credit(&k, &pairs(&[("zz", "lety"), ("q4", "sarukhan")])),
            0.25
        );
        assert_eq!(credit(&k, &Response::Choice("lety".into())), 0.0);
    }

    #[test]
    fn ordering_earns_the_longest_ordered_run_over_the_items() {
        let k = Kind::Ordering {
            items: items(&["photo", "tweet", "video", "crossing"]),
        };
        let order = |ids: &[&str]| Response::Order(ids.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            credit(&k, &order(&["photo", "tweet", "video", "crossing"])),
            1.0
        );
        // photo, video, crossing are in order: 3 of 4.
        assert_eq!(
            credit(&k, &order(&["tweet", "photo", "video", "crossing"])),
            0.75
        );
        // Reversed: no two items in order, nothing.
        assert_eq!(
            credit(&k, &order(&["crossing", "video", "tweet", "photo"])),
            0.0
        );
        // Two in order (crossing last after photo): 2 of 4.
        assert_eq!(
            credit(&k, &order(&["video", "tweet", "photo", "crossing"])),
            0.5
        );
        // Repeats and unknown ids gain nothing.
        assert_eq!(credit(&k, &order(&["photo", "photo", "zz", "tweet"])), 0.5);
        assert_eq!(longest_increasing(&[3, 1, 2, 0, 4]), 3);
    }

    #[test]
    fn a_reflection_is_kept_but_not_scored() {
        let mut r = q(Kind::Reflection { model: "m".into() }, 1.0, &[]);
        r.id = "r".into();
        let o = grade_question(&r, Some(&Response::Text("I would search".into())));
        assert_eq!((o.verdict, o.points, o.max), (Verdict::Open, 0.0, 0.0));
        assert_eq!(grade_question(&r, None).verdict, Verdict::Unanswered);
    }

    #[test]
    fn true_false() {
        let k = Kind::TrueFalse { answer: false };
        assert_eq!(credit(&k, &Response::Bool(false)), 1.0);
        assert_eq!(credit(&k, &Response::Bool(true)), 0.0);
    }

    #[test]
    fn number_tolerance_edge_unit_and_words() {
        let k = Kind::Number {
            answer: 1500.0,
            tolerance: 100.0,
            unit: Some("miles".into()),
            unit_aliases: vec!["mi".into()],
            words: true,
        };
        let t = |s: &str| credit(&k, &Response::Text(s.into()));
        assert_eq!(t("1500"), 1.0);
        assert_eq!(t("1,400 miles"), 1.0);
        assert_eq!(t("1600 mi"), 1.0);
        assert_eq!(t("1601"), 0.0);
        assert_eq!(t("fifteen hundred miles"), 1.0);
        assert_eq!(t("1500 km"), 0.0);
        assert_eq!(t("lots"), 0.0);
        let exact_tenths = Kind::Number {
            answer: 0.3,
            tolerance: 0.1,
            unit: None,
            unit_aliases: vec![],
            words: false,
        };
        assert_eq!(credit(&exact_tenths, &Response::Text("0.4".into())), 1.0);
        assert_eq!(credit(&exact_tenths, &Response::Text("0.41".into())), 0.0);
    }

    #[test]
    fn text_folding_typos_and_exact_spelling() {
        let accept = vec!["Felipe Calderón".to_string(), "Calderón".to_string()];
        assert!(text_matches("felipe calderon", &accept, false, false));
        assert!(text_matches("  CALDERÓN. ", &accept, false, false));
        assert!(!text_matches("Caldreon", &accept, false, false));
        assert!(text_matches("Caldreon", &accept, true, false));
        assert!(!text_matches("Sarukhan", &accept, true, false));
        assert!(!text_matches("", &accept, true, false));
        assert!(text_matches("calderón", &accept, false, true));
        assert!(!text_matches("Calderon", &accept, false, true));
        let short = vec!["Ann".to_string()];
        assert!(!text_matches("Amn", &short, true, false));
    }

    #[test]
    fn a_quiz_graded_by_its_key_keeps_exact_spelling() {
        // The same answers as `text_folding_typos_and_exact_spelling`, through
        // the key's accepted answers prepared once.
        let quiz = quiz_of(
            vec![q(
                Kind::Text {
                    accept: vec!["Calderón".into()],
                    typo: false,
                    exact: true,
                },
                1.0,
                &[],
            )],
            None,
        );
        let score = |typed: &str| {
            let r = BTreeMap::from([("q".to_string(), Response::Text(typed.into()))]);
            grade(&quiz, &r).score
        };
        assert_eq!(score("calderón"), 1.0);
        assert_eq!(score("  CALDERÓN. "), 1.0);
        assert_eq!(score("Calderon"), 0.0);
    }

    #[test]
    fn a_page_long_answer_is_checked_for_typos() {
        let accepted = vec!["word ".repeat(8_000)];
        let typed = "x".repeat(100_000);
        assert!(!text_matches(&typed, &accepted, true, false));
        let mut one_typo = accepted[0].clone();
        one_typo.replace_range(20_000..20_001, "v");
        assert!(text_matches(&one_typo, &accepted, true, false));
        let near = format!("{}y", "x".repeat(99_999));
        assert!(text_matches(&near, &[typed], true, false));
    }

    /// Responses to every question of the shipped quizzes: the key's, and
    /// wrong, misspelt, folded and missing ones.
    fn varied_responses(quiz: &Quiz, turn: usize) -> BTreeMap<String, Response> {
        let mut r = BTreeMap::new();
        for (i, q) in quiz.questions.iter().enumerate() {
            let right = crate::sheet::correct_response(q);
            let response = match ((i + turn) % 4, right) {
                (0, _) => continue,
                (1, Response::Text(t)) => Response::Text(format!("  {}! ", t.to_uppercase())),
                (2, Response::Text(t)) => Response::Text(t.chars().rev().collect()),
                (3, Response::Text(t)) => {
                    let mut t = t;
                    t.pop();
                    Response::Text(t)
                }
                (2, Response::Bool(b)) => Response::Bool(!b),
                (_, right) => right,
            };
            r.insert(q.id.clone(), response);
        }
        r
    }

    #[test]
    fn a_prepared_key_grades_as_each_question_graded_alone() {
        for text in crate::builtin::QUIZZES.iter().map(|(_, text)| *text) {
            let quiz = crate::load::parse::<Quiz>(text).unwrap().value;
            let key = Key::new(&quiz);
            for turn in 0..4 {
                let responses = varied_responses(&quiz, turn);
                let report = key.grade(&responses);
                // The plain way: each question on its own, its accepted
                // answers folded again.
                let alone: Vec<Outcome> = quiz
                    .questions
                    .iter()
                    .map(|q| grade_question(q, responses.get(&q.id)))
                    .collect();
                assert_eq!(report.outcomes, alone, "{}", quiz.id);
                let total: f64 = alone.iter().map(|o| o.points).sum();
                assert_eq!(report.score, total);
                // Only some asked, in another order: as the quiz cut down.
                let asked: Vec<String> = quiz
                    .questions
                    .iter()
                    .rev()
                    .step_by(2)
                    .map(|q| q.id.clone())
                    .collect();
                let mut part = quiz.clone();
                part.questions = asked
                    .iter()
                    .filter_map(|id| quiz.question(id).cloned())
                    .collect();
                let expected: Vec<Outcome> = part
                    .questions
                    .iter()
                    .map(|q| grade_question(q, responses.get(&q.id)))
                    .collect();
                assert_eq!(key.grade_asked(&asked, &responses).outcomes, expected);
            }
        }
    }

    #[test]
    fn responses_are_found_by_question_in_one_walk() {
        let mut quiz = Quiz {
            format: 1,
            id: "t".into(),
            title: "t".into(),
            description: "d".into(),
            pass_mark: None,
            sources: vec![],
            questions: vec![
                q(Kind::TrueFalse { answer: true }, 1.0, &[]),
                q(Kind::TrueFalse { answer: true }, 1.0, &[]),
                q(Kind::TrueFalse { answer: true }, 1.0, &[]),
                q(Kind::TrueFalse { answer: true }, 1.0, &[]),
            ],
            tests: vec![],
        };
        for (question, id) in quiz.questions.iter_mut().zip(["m", "b", "z", "b"]) {
            question.id = id.into();
        }
        let mut r = BTreeMap::new();
        r.insert("a".to_string(), Response::Bool(true));
        r.insert("b".to_string(), Response::Bool(false));
        r.insert("c".to_string(), Response::Bool(true));
        r.insert("z".to_string(), Response::Bool(true));
        let key = Key::new(&quiz);
        let found = key.responses_by_question(&r);
        assert_eq!(
            found,
            vec![
                None,
                Some(&Response::Bool(false)),
                Some(&Response::Bool(true)),
                Some(&Response::Bool(false)),
            ]
        );
        let verdicts: Vec<Verdict> = key.grade(&r).outcomes.iter().map(|o| o.verdict).collect();
        assert_eq!(
            verdicts,
            [
                Verdict::Unanswered,
                Verdict::Wrong,
                Verdict::Correct,
                Verdict::Wrong
            ]
        );
    }

    #[test]
    fn report_totals_percent_pass_and_tags() {
        let mut quiz = Quiz {
            format: 1,
            id: "t".into(),
            title: "t".into(),
            description: "d".into(),
            pass_mark: Some(50.0),
            sources: vec![],
            questions: vec![
                q(multiple(), 2.0, &["facts", "cross-check"]),
                q(Kind::TrueFalse { answer: true }, 1.0, &["facts"]),
            ],
            tests: vec![],
        };
        quiz.questions[1].id = "tf".into();
        let mut r = BTreeMap::new();
        r.insert("q".to_string(), choices(&["a"]));
        let report = grade(&quiz, &r);
        assert_eq!(report.score, 1.0);
        assert_eq!(report.max, 3.0);
        assert!((report.percent - 33.333).abs() < 0.01);
        assert_eq!(report.passed, Some(false));
        assert_eq!(report.outcomes[0].verdict, Verdict::Partial);
        assert_eq!(report.outcomes[1].verdict, Verdict::Unanswered);
        let names: Vec<&str> = report.tags.iter().map(|t| t.tag.as_str()).collect();
        assert_eq!(names, ["cross-check", "facts"]);
        let facts = report.tags.iter().find(|t| t.tag == "facts").unwrap();
        assert_eq!((facts.points, facts.max, facts.questions), (1.0, 3.0, 2));
        r.insert("tf".to_string(), Response::Bool(true));
        let report = grade(&quiz, &r);
        assert_eq!(report.passed, Some(true));
        assert_eq!(report.score, 2.0);
    }

    fn quiz_of(questions: Vec<Question>, pass_mark: Option<f64>) -> Quiz {
        Quiz {
            format: 1,
            id: "t".into(),
            title: "t".into(),
            description: "d".into(),
            pass_mark,
            sources: vec![],
            questions,
            tests: vec![],
        }
    }

    #[test]
    fn a_quiz_with_no_points_reads_zero_percent() {
        // Only a reflection: nothing to score, so 0%, never 0/0.
        let quiz = quiz_of(
            vec![q(Kind::Reflection { model: "m".into() }, 1.0, &[])],
            Some(50.0),
        );
        let mut r = BTreeMap::new();
        r.insert("q".to_string(), Response::Text("I would search".into()));
        let report = grade(&quiz, &r);
        assert_eq!((report.score, report.max), (0.0, 0.0));
        assert_eq!(report.percent, 0.0);
        assert_eq!(report.passed, Some(false));
    }

    #[test]
    fn a_score_on_the_pass_mark_passes() {
        let questions: Vec<Question> = (0..100)
            .map(|i| {
                let mut tf = q(Kind::TrueFalse { answer: true }, 1.0, &[]);
                tf.id = format!("q{i:03}");
                tf
            })
            .collect();
        let right = |n: usize| -> BTreeMap<String, Response> {
            (0..n)
                .map(|i| (format!("q{i:03}"), Response::Bool(true)))
                .collect()
        };
        // 50 of 100 is exactly 50%.
        let half = grade(&quiz_of(questions.clone(), Some(50.0)), &right(50));
        assert_eq!(half.percent, 50.0);
        assert_eq!(half.passed, Some(true));
        let below = grade(&quiz_of(questions.clone(), Some(50.0)), &right(49));
        assert_eq!(below.passed, Some(false));
        // 29 of 100 computes as 28.999999999999996%: still on a 29% mark.
        let rounded = grade(&quiz_of(questions, Some(29.0)), &right(29));
        assert!(rounded.percent < 29.0);
        assert_eq!(rounded.passed, Some(true));
    }

    #[test]
    fn a_key_finds_questions_by_id_and_keeps_the_quiz_fingerprint() {
        let mut questions = vec![
            q(Kind::TrueFalse { answer: true }, 1.0, &[]),
            q(Kind::TrueFalse { answer: false }, 2.0, &[]),
            q(Kind::TrueFalse { answer: true }, 3.0, &[]),
        ];
        for (question, id) in questions.iter_mut().zip(["m", "b", "b"]) {
            question.id = id.into();
        }
        let quiz = quiz_of(questions, None);
        let key = Key::new(&quiz);
        assert_eq!(key.question("m").map(|q| q.points), Some(1.0));
        // The first question of an id, as `Quiz::question` finds it.
        assert_eq!(key.question("b").map(|q| q.points), Some(2.0));
        assert_eq!(key.question("zz"), None);
        // The attempt's fingerprint of the quiz: 64 hex digits, the same
        // when asked twice, another for other questions.
        let fingerprint = key.fingerprint().to_owned();
        assert_eq!(fingerprint, crate::attempt::fingerprint(&quiz));
        assert_eq!(fingerprint.len(), 64);
        assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(key.fingerprint(), fingerprint);
        let mut other = quiz.clone();
        other.questions[0].points = 5.0;
        assert_ne!(Key::new(&other).fingerprint(), fingerprint);
    }

    #[test]
    fn longest_increasing_counts_a_repeated_value_once() {
        assert_eq!(longest_increasing(&[]), 0);
        assert_eq!(longest_increasing(&[2, 2, 2]), 1);
        assert_eq!(longest_increasing(&[0, 1, 1, 2]), 3);
        assert_eq!(longest_increasing(&[5, 0, 6, 1, 2, 2, 3]), 4);
    }
}
