//! Attempts: a student's run through a quiz, saved after every answer.
//!
//! An attempt records everything needed to resume without regenerating
//! anything: the quiz's fingerprint (so a changed quiz is noticed), the seed,
//! the exact order of questions and options shown, and each answer with its
//! points and the sources the student opened before answering. It is a
//! versioned RON file; reading one from a newer format is refused.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::grade::{grade, Report};
use crate::quiz::{Choice, Question, Quiz, Response};
use crate::shuffle::Order;

/// The newest attempt format this build reads and writes. Version 2 holds
/// the answers to matching and ordering questions (`Pairs`, `Order`);
/// version 3 the active time taken (`active_seconds`). Older attempts are
/// read as they are and keep their version when resumed, so a file never
/// claims a field it lacks.
pub const ATTEMPT_FORMAT: u32 = 3;

/// One run through a quiz (or through part of it, for `--missed`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    /// Attempt format version; at most [`ATTEMPT_FORMAT`].
    pub format: u32,
    /// The quiz's id.
    pub quiz: String,
    /// The quiz's title, for listings.
    pub title: String,
    /// Where the quiz file was, for `lateral review`.
    pub quiz_path: String,
    /// sha256 of the quiz's questions: a changed quiz cannot be resumed.
    pub fingerprint: String,
    /// The seed the order came from (shown to the student).
    pub seed: u64,
    /// When the attempt started, as `YYYY-MM-DDTHH:MM:SSZ`.
    pub started: String,
    /// When it was last saved.
    pub updated: String,
    /// Exam mode: feedback only at the end.
    #[serde(default)]
    pub exam: bool,
    /// Taken from an exam paper: answers are not graded until the teacher
    /// grades the sheet against the quiz.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub paper: bool,
    /// Taken with the source texts at hand (`--sources`): which sources
    /// were opened before each answer is recorded in `answers`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sources: bool,
    /// The student's name, as given when taking a paper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether every question was answered.
    #[serde(default)]
    pub finished: bool,
    /// Seconds spent answering, over every sitting (the time between
    /// sittings is not counted). `None` for an attempt begun before lateral
    /// recorded it: its time is unknown, never guessed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "bare_number"
    )]
    pub active_seconds: Option<u64>,
    /// Question ids in the order asked.
    pub asked: Vec<String>,
    /// Option ids in the order shown, by question id.
    pub options: BTreeMap<String, Vec<String>>,
    /// The answers so far, in the order given.
    pub answers: Vec<Answer>,
}

/// One answered question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The question's id.
    pub question: String,
    /// What the student answered.
    pub response: Response,
    /// Points earned.
    pub points: f64,
    /// Points available.
    pub max: f64,
    /// Source ids the student opened before answering.
    #[serde(default)]
    pub opened: Vec<String>,
}

/// Writes `Some(n)` as the bare number `n` (read back as `Some`, since
/// attempts are read with ron's `implicit_some`).
fn bare_number<S: serde::Serializer>(value: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(n) => s.serialize_u64(*n),
        None => s.serialize_none(),
    }
}

/// sha256 of a quiz's questions as lateral understands them: edits to
/// comments or layout do not change it, edits to any question do.
pub fn fingerprint(quiz: &Quiz) -> String {
    let canonical = ron::to_string(&quiz.questions).unwrap_or_default();
    crate::digest::sha256_hex(canonical.as_bytes())
}

/// Why an attempt cannot be used with a quiz.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unusable {
    /// Its format is newer than this build reads.
    #[error("it was written by a newer lateral (attempt format {0})")]
    Newer(u32),
    /// It is an attempt at another quiz (whose id it holds).
    #[error("it is an attempt at quiz `{0}`")]
    OtherQuiz(String),
    /// The quiz's questions changed after it was started (or it was
    /// taken from a paper of another version of the quiz).
    #[error("the quiz's questions have changed since it was started")]
    Changed {
        /// The fingerprint the attempt carries.
        attempt: String,
        /// The quiz's fingerprint now.
        quiz: String,
    },
}

impl Attempt {
    /// A new attempt at `quiz` in the order `order` gives (from `seed`),
    /// asking only the questions in `only` when it is given (`--missed`).
    pub fn new(
        quiz: &Quiz,
        quiz_path: &str,
        seed: u64,
        order: &Order,
        only: Option<&[String]>,
        now: &str,
    ) -> Attempt {
        let asked = order
            .questions
            .iter()
            .map(|&i| quiz.questions[i].id.clone())
            .filter(|id| only.is_none_or(|only| only.contains(id)))
            .collect();
        let options = quiz
            .questions
            .iter()
            .zip(&order.options)
            .filter(|(q, _)| !q.kind.shuffled().is_empty())
            .map(|(q, shown)| {
                let ids = shown
                    .iter()
                    .map(|&i| q.kind.shuffled()[i].id.clone())
                    .collect();
                (q.id.clone(), ids)
            })
            .collect();
        Attempt {
            format: ATTEMPT_FORMAT,
            quiz: quiz.id.clone(),
            title: quiz.title.clone(),
            quiz_path: quiz_path.to_owned(),
            fingerprint: fingerprint(quiz),
            seed,
            started: now.to_owned(),
            updated: now.to_owned(),
            exam: false,
            paper: false,
            sources: false,
            name: None,
            finished: false,
            active_seconds: Some(0),
            asked,
            options,
            answers: Vec::new(),
        }
    }

    /// The options of `q` in the order this attempt shows them (authoring
    /// order for a question it recorded no order for).
    pub fn shown_options<'q>(&self, q: &'q Question) -> Vec<&'q Choice> {
        let options = q.kind.shuffled();
        match self.options.get(&q.id) {
            Some(ids) => ids
                .iter()
                .filter_map(|id| options.iter().find(|o| &o.id == id))
                .collect(),
            None => options.iter().collect(),
        }
    }

    /// The answer to a question, if given.
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.question == id)
    }

    /// Responses by question id, as a sheet holds them.
    pub fn responses(&self) -> BTreeMap<String, Response> {
        self.answers
            .iter()
            .map(|a| (a.question.clone(), a.response.clone()))
            .collect()
    }

    /// Points earned so far.
    pub fn score(&self) -> f64 {
        self.answers.iter().map(|a| a.points).sum()
    }

    /// The report over the questions this attempt asked.
    pub fn report(&self, quiz: &Quiz) -> Report {
        grade(&self.asked_part(quiz), &self.responses())
    }

    /// `quiz` with only the questions this attempt asked (all of them but
    /// for a `--missed` attempt), in the order asked: what its report is over.
    pub fn asked_part(&self, quiz: &Quiz) -> Quiz {
        let mut part = quiz.clone();
        // In the order asked, so a report numbers them as the student saw them.
        part.questions = self
            .asked
            .iter()
            .filter_map(|id| quiz.question(id).cloned())
            .collect();
        part
    }

    /// Ids of the questions asked and not fully right, in the order asked.
    pub fn missed(&self) -> Vec<String> {
        self.asked
            .iter()
            .filter(|id| self.answer(id).is_none_or(|a| a.points < a.max))
            .cloned()
            .collect()
    }

    /// The attempt as pretty RON.
    pub fn to_ron(&self) -> String {
        let comment = match &self.name {
            Some(name) => format!(
                "lateral answer sheet of {name} for quiz `{}`; graded with `lateral grade QUIZ SHEET`",
                self.quiz
            ),
            None => format!("lateral attempt at quiz `{}`", self.quiz),
        };
        crate::load::to_pretty_ron(self, &comment)
    }

    /// Why this attempt cannot be used with `quiz`, if it cannot.
    pub fn unusable_with(&self, quiz: &Quiz) -> Option<Unusable> {
        self.unusable_for(&quiz.id, &fingerprint(quiz))
    }

    /// Why this attempt cannot be used with the quiz of this id and
    /// fingerprint (a paper carries its quiz's fingerprint), if it cannot.
    pub fn unusable_for(&self, quiz_id: &str, fingerprint: &str) -> Option<Unusable> {
        if self.format > ATTEMPT_FORMAT {
            return Some(Unusable::Newer(self.format));
        }
        if self.quiz != quiz_id {
            return Some(Unusable::OtherQuiz(self.quiz.clone()));
        }
        if self.fingerprint != fingerprint {
            return Some(Unusable::Changed {
                attempt: self.fingerprint.clone(),
                quiz: fingerprint.to_owned(),
            });
        }
        None
    }
}

/// A timestamp `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch (UTC).
pub fn timestamp(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// The current time as a [`timestamp`].
pub fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    timestamp(secs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;
    use crate::quiz::Response;
    use crate::shuffle::order;

    const MINI: &str = include_str!("../tests/fixtures/mini.ron");

    fn mini() -> Quiz {
        parse::<Quiz>(MINI).expect("the fixture parses").value
    }

    fn attempt_at(quiz: &Quiz) -> Attempt {
        Attempt::new(
            quiz,
            "mini.ron",
            7,
            &order(quiz, 7),
            None,
            "2026-01-01T00:00:00Z",
        )
    }

    fn answer(question: &str, points: f64, max: f64) -> Answer {
        Answer {
            question: question.to_owned(),
            response: Response::Bool(true),
            points,
            max,
            opened: Vec::new(),
        }
    }

    #[test]
    fn the_fingerprint_is_a_sha256_that_changes_with_the_questions_only() {
        let quiz = mini();
        let print = fingerprint(&quiz);
        assert_eq!(print.len(), 64);
        assert!(print
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        assert_eq!(fingerprint(&mini()), print);

        let mut retitled = mini();
        retitled.title = "Another title".to_owned();
        assert_eq!(fingerprint(&retitled), print);

        let mut edited = mini();
        edited.questions[0].prompt.push('?');
        assert_ne!(fingerprint(&edited), print);
        let mut fewer = mini();
        fewer.questions.pop();
        assert_ne!(fingerprint(&fewer), print);
        assert_ne!(fingerprint(&fewer), fingerprint(&edited));
    }

    #[test]
    fn the_score_adds_the_points_of_every_answer() {
        let mut attempt = attempt_at(&mini());
        assert_eq!(attempt.score(), 0.0);
        attempt.answers.push(answer("pick", 1.0, 1.0));
        attempt.answers.push(answer("all", 0.5, 2.0));
        attempt.answers.push(answer("tf", 0.0, 1.0));
        assert_eq!(attempt.score(), 1.5);
    }

    #[test]
    fn an_attempt_is_unusable_with_a_newer_format_another_quiz_or_changed_questions() {
        let quiz = mini();
        let attempt = attempt_at(&quiz);
        assert_eq!(attempt.unusable_with(&quiz), None);
        assert_eq!(attempt.unusable_for("mini", &attempt.fingerprint), None);

        let mut edited = mini();
        edited.questions[0].prompt.push('?');
        let now = fingerprint(&edited);
        assert_eq!(
            attempt.unusable_with(&edited),
            Some(Unusable::Changed {
                attempt: attempt.fingerprint.clone(),
                quiz: now.clone(),
            })
        );
        assert_eq!(
            attempt.unusable_for("mini", "0123"),
            Some(Unusable::Changed {
                attempt: attempt.fingerprint.clone(),
                quiz: "0123".to_owned(),
            })
        );

        let mut other = mini();
        other.id = "other".to_owned();
        assert_eq!(
            attempt.unusable_with(&other),
            Some(Unusable::OtherQuiz("mini".to_owned()))
        );

        let mut newer = attempt.clone();
        newer.format = ATTEMPT_FORMAT + 1;
        assert_eq!(
            newer.unusable_with(&quiz),
            Some(Unusable::Newer(ATTEMPT_FORMAT + 1))
        );
    }

    /// Walks the calendar one day at a time with the Gregorian leap-year
    /// rule: a second, simpler way to the date of every day.
    #[test]
    fn every_day_to_the_year_2401_has_its_calendar_date() {
        let leap =
            |y: u64| (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
        let (mut year, mut month, mut day) = (1970_u64, 1_u64, 1_u64);
        let mut days = 0_u64;
        while year < 2401 {
            let secs = days * 86_400 + 3_723;
            let expected = format!("{year:04}-{month:02}-{day:02}T01:02:03Z");
            assert_eq!(timestamp(secs), expected, "day {days}");
            days += 1;
            let length = match month {
                2 if leap(year) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            day += 1;
            if day > length {
                day = 1;
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
    }

    #[test]
    fn now_is_the_current_time() {
        let secs = || {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs()
        };
        let before = timestamp(secs());
        let now = now();
        let after = timestamp(secs());
        // Timestamps of one width sort as text in time order.
        assert_eq!(now.len(), "2026-01-01T00:00:00Z".len());
        assert!(
            before <= now && now <= after,
            "{before} <= {now} <= {after}"
        );
    }

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(timestamp(1_563_840_000 + 3_661), "2019-07-23T01:01:01Z");
    }
}
