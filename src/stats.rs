//! Item analysis of a class's sheets: how each question worked, and how
//! reliable the test was as a whole, with the definitions of Moodle's quiz
//! statistics.
//!
//! With `x` a question's mark, `T` the sheet's total and `R = T − x` the rest
//! of the test, over `s` sheets (variances and covariances divide by `s − 1`):
//!
//! - facility index: `mean(x) / max mark`, a fraction from 0 to 1;
//! - random guess score: the facility a student would reach choosing one
//!   option at random (single choice, true/false), none for the other kinds;
//! - discrimination index: `100 · corr(x, R)`;
//! - discriminative efficiency: `100 · cov(x, R) / cov_max(x, R)`, where
//!   `cov_max` pairs the sorted values of `x` with the sorted values of `R`;
//! - coefficient of internal consistency:
//!   `CIC = 100 · p/(p − 1) · (1 − Σ var(x) / var(T))` over `p` questions,
//!   error ratio `ER = 100 · √(1 − CIC/100)`, standard error `ER · SD(T) / 100`.
//!
//! Sheets are added one at a time ([`Stats::add`]) so a caller can stream
//! them from files. Memory holds one row of marks per sheet (correlations
//! and the median need them); option tables, tags and the lateral-reading
//! trace are kept as running counts and sums, never as responses.
//!
//! Invariant: a statistic that is undefined for the data (one sheet, a mark
//! that never varies, a single question, the error ratio of a negative CIC)
//! is `None`, never NaN or infinity.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::grade::{credit, grade};
use crate::quiz::{Kind, Quiz, Response};

/// One student's sheet, as the item analysis reads it.
#[derive(Debug, Clone, Copy)]
pub struct Submission<'a> {
    /// Responses keyed by question id.
    pub responses: &'a BTreeMap<String, Response>,
    /// For an attempt taken with sources at hand, the source ids opened
    /// before answering each question (keyed by question id); `None` for a
    /// plain sheet.
    pub opened: Option<&'a BTreeMap<String, Vec<String>>>,
}

/// The item analysis being built: add every sheet, then [`Stats::finish`].
#[derive(Debug, Clone)]
pub struct Stats<'q> {
    quiz: &'q Quiz,
    /// Marks, one row of `quiz.questions.len()` numbers per sheet.
    marks: Vec<f64>,
    /// Each sheet's total mark, in the order added.
    totals: Vec<f64>,
    /// Per question, per option: how many sheets picked it, and the sum of
    /// their totals. Empty for questions without options.
    options: Vec<Vec<OptionTally>>,
    /// Per tag (alphabetical): points earned and available, summed over sheets.
    tags: BTreeMap<String, TagTally>,
    /// Whether any sheet said which sources were opened.
    traced: bool,
    after_opening: Tally,
    without_opening: Tally,
}

#[derive(Debug, Clone, Copy, Default)]
struct OptionTally {
    picks: usize,
    total_sum: f64,
}

#[derive(Debug, Clone, Copy, Default)]
struct TagTally {
    points: f64,
    max: f64,
    questions: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    answers: usize,
    right: usize,
}

impl<'q> Stats<'q> {
    /// An empty analysis of `quiz`.
    pub fn new(quiz: &'q Quiz) -> Self {
        Stats {
            quiz,
            marks: Vec::new(),
            totals: Vec::new(),
            options: quiz
                .questions
                .iter()
                .map(|q| vec![OptionTally::default(); q.kind.options().len()])
                .collect(),
            tags: quiz.questions.iter().flat_map(|q| &q.tags).fold(
                BTreeMap::new(),
                |mut tags, tag| {
                    tags.entry(tag.clone())
                        .or_insert_with(TagTally::default)
                        .questions += 1;
                    tags
                },
            ),
            traced: false,
            after_opening: Tally::default(),
            without_opening: Tally::default(),
        }
    }

    /// How many sheets have been added.
    pub fn sheets(&self) -> usize {
        self.totals.len()
    }

    /// Grades one sheet and counts it in.
    pub fn add(&mut self, sheet: &Submission<'_>) {
        let report = grade(self.quiz, sheet.responses);
        self.marks.extend(report.outcomes.iter().map(|o| o.points));
        self.totals.push(report.score);
        for t in &report.tags {
            if let Some(tally) = self.tags.get_mut(&t.tag) {
                tally.points += t.points;
                tally.max += t.max;
            }
        }
        for ((q, tallies), outcome) in self
            .quiz
            .questions
            .iter()
            .zip(&mut self.options)
            .zip(&report.outcomes)
        {
            let response = sheet.responses.get(&q.id);
            for (option, tally) in q.kind.options().iter().zip(tallies.iter_mut()) {
                if picked(&q.kind, response, &option.id) {
                    tally.picks += 1;
                    tally.total_sum += report.score;
                }
            }
            if let (Some(opened), Some(_)) = (sheet.opened, response) {
                let tally = if opened.get(&q.id).is_some_and(|ids| !ids.is_empty()) {
                    &mut self.after_opening
                } else {
                    &mut self.without_opening
                };
                tally.answers += 1;
                tally.right += usize::from(outcome.is_correct());
            }
        }
        self.traced |= sheet.opened.is_some();
    }

    /// The analysis of every sheet added.
    pub fn finish(self) -> ItemAnalysis {
        let s = self.totals.len();
        let p = self.quiz.questions.len();
        let column =
            |i: usize| -> Vec<f64> { self.marks.iter().skip(i).step_by(p).copied().collect() };
        let total_variance = variance(&self.totals);
        let mut variance_sum = Some(0.0);
        let mut questions = Vec::with_capacity(p);
        for (i, q) in self.quiz.questions.iter().enumerate() {
            let x = column(i);
            let rest: Vec<f64> = self.totals.iter().zip(&x).map(|(t, x)| t - x).collect();
            let var_x = variance(&x);
            variance_sum = variance_sum.zip(var_x).map(|(a, b)| a + b);
            let facility = mean(&x).and_then(|m| ratio(m, q.max_points()));
            let discrimination = correlation(&x, &rest).map(|r| 100.0 * r);
            let efficiency = efficiency(&x, &rest).map(|e| 100.0 * e);
            let options = q
                .kind
                .options()
                .iter()
                .zip(&self.options[i])
                .map(|(o, t)| OptionStats {
                    id: o.id.clone(),
                    correct: in_key(&q.kind, &o.id),
                    picks: t.picks,
                    pick_rate: ratio(t.picks as f64, s as f64),
                    mean_total: ratio(t.total_sum, t.picks as f64),
                })
                .collect();
            questions.push(ItemStats {
                number: i + 1,
                id: q.id.clone(),
                kind: q.kind.name(),
                max_mark: q.max_points(),
                mean: mean(&x),
                facility,
                sd: var_x.map(f64::sqrt),
                random_guess: random_guess(&q.kind),
                discrimination,
                efficiency,
                flags: flags(facility, discrimination),
                options,
            });
        }
        let cic = match (variance_sum, total_variance) {
            (Some(sum), Some(var_t)) if p >= 2 && var_t > 0.0 => {
                Some(100.0 * p as f64 / (p as f64 - 1.0) * (1.0 - sum / var_t))
            }
            _ => None,
        };
        let error_ratio = cic
            .filter(|c| *c >= 0.0)
            .map(|c| 100.0 * (1.0 - c / 100.0).max(0.0).sqrt());
        let sd = total_variance.map(f64::sqrt);
        let test = TestStats {
            sheets: s,
            max_mark: self.quiz.max_points(),
            mean: mean(&self.totals),
            median: median(&self.totals),
            sd,
            cic,
            error_ratio,
            standard_error: error_ratio.zip(sd).map(|(er, sd)| er * sd / 100.0),
        };
        let tags = self
            .tags
            .into_iter()
            .map(|(tag, t)| TagAverage {
                tag,
                questions: t.questions,
                average: ratio(t.points, t.max).map(|r| 100.0 * r),
            })
            .collect();
        let lateral_reading = self.traced.then(|| LateralTrace {
            after_opening: self.after_opening.into(),
            without_opening: self.without_opening.into(),
        });
        ItemAnalysis {
            sheets: s,
            questions,
            test,
            tags,
            lateral_reading,
        }
    }
}

/// Whether `response` picks the option `id` of a choice question.
fn picked(kind: &Kind, response: Option<&Response>, id: &str) -> bool {
    match (kind, response) {
        (Kind::Single { .. }, Some(Response::Choice(c))) => c == id,
        (Kind::Multiple { .. }, Some(Response::Choices(cs))) => cs.iter().any(|c| c == id),
        _ => false,
    }
}

/// Whether the option `id` is a right answer of a choice question.
fn in_key(kind: &Kind, id: &str) -> bool {
    match kind {
        Kind::Single { answer, .. } => answer == id,
        Kind::Multiple { answers, .. } => answers.iter().any(|a| a == id),
        _ => false,
    }
}

/// The facility of answering at random: the mean, over the options, of the
/// credit each earns chosen alone. Single choice and true/false only.
fn random_guess(kind: &Kind) -> Option<f64> {
    let credits: Vec<f64> = match kind {
        Kind::Single { options, .. } => options
            .iter()
            .map(|o| credit(kind, &Response::Choice(o.id.clone())))
            .collect(),
        Kind::TrueFalse { .. } => [true, false]
            .into_iter()
            .map(|b| credit(kind, &Response::Bool(b)))
            .collect(),
        _ => return None,
    };
    mean(&credits)
}

fn flags(facility: Option<f64>, discrimination: Option<f64>) -> Vec<Flag> {
    let mut flags = Vec::new();
    match facility {
        Some(f) if f < 0.1 => flags.push(Flag::VeryHard),
        Some(f) if f > 0.9 => flags.push(Flag::VeryEasy),
        _ => {}
    }
    if let Some(d) = discrimination {
        if d < 15.0 {
            flags.push(Flag::Doubtful);
        }
        if d < 0.0 {
            flags.push(Flag::CheckTheKey);
        }
    }
    flags
}

/// `a / b`, or `None` when `b` is zero (or the quotient is not finite).
fn ratio(a: f64, b: f64) -> Option<f64> {
    let r = a / b;
    (b != 0.0 && r.is_finite()).then_some(r)
}

fn mean(v: &[f64]) -> Option<f64> {
    ratio(v.iter().sum(), v.len() as f64)
}

fn median(v: &[f64]) -> Option<f64> {
    let mut sorted = v.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Whether the values are all the same, up to rounding: sums of fractional
/// points that should be equal can differ in the last bits.
fn constant(v: &[f64]) -> bool {
    let (lo, hi) = v
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        });
    hi - lo <= 1e-9 * hi.abs().max(lo.abs()).max(1.0)
}

/// Sample covariance (over `s − 1`); zero when either side is constant.
fn covariance(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() < 2 || x.len() != y.len() {
        return None;
    }
    if constant(x) || constant(y) {
        return Some(0.0);
    }
    let (mx, my) = (mean(x)?, mean(y)?);
    let sum: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    ratio(sum, x.len() as f64 - 1.0)
}

fn variance(x: &[f64]) -> Option<f64> {
    covariance(x, x).map(|v| v.max(0.0))
}

fn correlation(x: &[f64], y: &[f64]) -> Option<f64> {
    let cov = covariance(x, y)?;
    let spread = (variance(x)? * variance(y)?).sqrt();
    ratio(cov, spread).map(|r| r.clamp(-1.0, 1.0))
}

/// `cov(x, y) / cov_max(x, y)`, `cov_max` pairing both sides sorted.
fn efficiency(x: &[f64], y: &[f64]) -> Option<f64> {
    let cov = covariance(x, y)?;
    let (mut xs, mut ys) = (x.to_vec(), y.to_vec());
    xs.sort_by(f64::total_cmp);
    ys.sort_by(f64::total_cmp);
    let max = covariance(&xs, &ys)?;
    (max > 0.0)
        .then(|| ratio(cov, max))
        .flatten()
        .map(|e| e.clamp(-1.0, 1.0))
}

/// The whole analysis: the `--json` output of `lateral stats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemAnalysis {
    /// How many sheets were analysed.
    pub sheets: usize,
    /// One entry per question, in the quiz's order.
    pub questions: Vec<ItemStats>,
    /// Statistics of the total marks.
    pub test: TestStats,
    /// The class average per tag, alphabetical.
    pub tags: Vec<TagAverage>,
    /// What the sources opened before answering tell, when any sheet says.
    pub lateral_reading: Option<LateralTrace>,
}

/// How one question worked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStats {
    /// Position in the quiz, from 1.
    pub number: usize,
    /// The question's id.
    pub id: String,
    /// The kind as written in the quiz file (`Single`, `TrueFalse`…).
    pub kind: &'static str,
    /// Points a fully right answer earns.
    pub max_mark: f64,
    /// Mean mark, in points.
    pub mean: Option<f64>,
    /// Facility index: mean mark / max mark, from 0 to 1.
    pub facility: Option<f64>,
    /// Standard deviation of the mark, in points.
    pub sd: Option<f64>,
    /// Facility expected from answering at random, from 0 to 1
    /// (single choice and true/false only).
    pub random_guess: Option<f64>,
    /// Discrimination index: 100 × the correlation of the mark with the
    /// rest of the test, from −100 to 100.
    pub discrimination: Option<f64>,
    /// Discriminative efficiency: the discrimination as a percentage of the
    /// most the marks allow, from −100 to 100.
    pub efficiency: Option<f64>,
    /// What a teacher should look at.
    pub flags: Vec<Flag>,
    /// Choice questions: one entry per option, in authoring order.
    pub options: Vec<OptionStats>,
}

/// How often one option was picked, and by whom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionStats {
    /// The option's id.
    pub id: String,
    /// Whether picking the option earns credit (it is in the key).
    pub correct: bool,
    /// How many sheets picked it.
    pub picks: usize,
    /// Share of the sheets that picked it, from 0 to 1.
    pub pick_rate: Option<f64>,
    /// Mean total mark of the sheets that picked it, in points.
    pub mean_total: Option<f64>,
}

/// Something to look at in a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Facility below 10%.
    VeryHard,
    /// Facility above 90%.
    VeryEasy,
    /// Discrimination index below 15.
    Doubtful,
    /// Negative discrimination: stronger students did worse; the key may be wrong.
    CheckTheKey,
}

impl Flag {
    /// How the flag reads on screen and in CSV.
    pub fn label(self) -> &'static str {
        match self {
            Flag::VeryHard => "very hard",
            Flag::VeryEasy => "very easy",
            Flag::Doubtful => "doubtful",
            Flag::CheckTheKey => "check the key",
        }
    }
}

/// Statistics of the sheets' total marks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestStats {
    /// How many sheets.
    pub sheets: usize,
    /// The quiz's total points.
    pub max_mark: f64,
    /// Mean total, in points.
    pub mean: Option<f64>,
    /// Median total, in points.
    pub median: Option<f64>,
    /// Standard deviation of the totals, in points.
    pub sd: Option<f64>,
    /// Coefficient of internal consistency, a percentage (may be negative).
    pub cic: Option<f64>,
    /// Error ratio, a percentage: none when the CIC is negative.
    pub error_ratio: Option<f64>,
    /// Standard error of a total, in points.
    pub standard_error: Option<f64>,
}

/// The class average on the questions with one tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagAverage {
    /// The tag.
    pub tag: String,
    /// How many questions carry it.
    pub questions: usize,
    /// Points earned on them over points available, as a percentage.
    pub average: Option<f64>,
}

/// Answers given after opening a source, against answers given without.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LateralTrace {
    /// Answers given after opening at least one source.
    pub after_opening: Share,
    /// Answers given without opening any source.
    pub without_opening: Share,
}

/// How many answers, how many fully right, and the share.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    /// Answers counted.
    pub answers: usize,
    /// Of those, fully right.
    pub right: usize,
    /// `right / answers`, from 0 to 1.
    pub rate: Option<f64>,
}

impl From<Tally> for Share {
    fn from(t: Tally) -> Self {
        Share {
            answers: t.answers,
            right: t.right,
            rate: ratio(t.right as f64, t.answers as f64),
        }
    }
}

impl ItemAnalysis {
    /// The per-question statistics as CSV records: a header, then one row
    /// per question. Percentages are written as percentages; an undefined
    /// value is an empty cell.
    pub fn csv_rows(&self) -> Vec<Vec<String>> {
        let header = [
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
            "flags",
        ];
        let cell = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
        let percent = |v: Option<f64>| cell(v.map(|v| 100.0 * v));
        let mut rows = vec![header.iter().map(|h| h.to_string()).collect()];
        for q in &self.questions {
            rows.push(vec![
                q.number.to_string(),
                q.id.clone(),
                q.kind.to_owned(),
                q.max_mark.to_string(),
                cell(q.mean),
                percent(q.facility),
                cell(q.sd),
                percent(q.random_guess),
                cell(q.discrimination),
                cell(q.efficiency),
                q.flags
                    .iter()
                    .map(|f| f.label())
                    .collect::<Vec<_>>()
                    .join("; "),
            ]);
        }
        rows
    }
}

#[cfg(test)]
mod tests;
