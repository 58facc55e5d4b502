//! Retrieval practice spaced across days: a Leitner schedule of the
//! questions a student has answered.
//!
//! Every question answered becomes a [`Card`], found by its quiz id and
//! question id. A card sits in one of five boxes; box `n` is reviewed every
//! `2^(n-1)` days (1, 2, 4, 8, 16). A right answer (full marks) to a card
//! that is due moves it up a box; anything less sends it back to box 1, due
//! the next day. A right answer to a card that is not yet due (the same
//! quiz taken twice in a day) changes nothing: only a spaced recall counts.
//! Reflections, which are not scored, never become cards.
//!
//! Pure: dates in, dates out. Where the schedule is kept is
//! [`crate::practice_file`]'s business, and what today is, [`crate::clock`]'s.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::ToSpan;
use serde::{Deserialize, Serialize};

use crate::grade::Verdict;

/// The newest schedule format this build reads and writes.
pub const SCHEDULE_FORMAT: u32 = 1;

/// How many boxes there are.
pub const BOXES: u8 = 5;

/// Days between reviews of a card in box `level` (1 to [`BOXES`]): 1, 2,
/// 4, 8, 16.
pub fn interval(level: u8) -> i32 {
    1 << (level.clamp(1, BOXES) - 1)
}

/// How an answer counts for the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Full marks.
    Right,
    /// Anything less: partly right, wrong, unanswered.
    Missed,
}

/// How a graded answer counts: full marks are right, anything less is a
/// miss, and an open answer (a reflection) does not count at all.
pub fn mark(verdict: Verdict) -> Option<Mark> {
    match verdict {
        Verdict::Correct => Some(Mark::Right),
        Verdict::Partial | Verdict::Wrong | Verdict::Unanswered => Some(Mark::Missed),
        Verdict::Open => None,
    }
}

/// One question in the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// The quiz's id.
    pub quiz: String,
    /// The question's id within that quiz.
    pub question: String,
    /// The box, 1 to [`BOXES`].
    #[serde(rename = "box")]
    pub level: u8,
    /// The day it is next due.
    pub due: Date,
    /// The day it was last answered.
    pub last: Date,
    /// How many answers were right.
    pub right: u32,
    /// How many were missed.
    pub missed: u32,
}

impl Card {
    /// Whether the card is due on `today` (or was due before).
    pub fn is_due(&self, today: Date) -> bool {
        self.due <= today
    }
}

/// Every card of one student, in quiz and question order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Schedule format version; at most [`SCHEDULE_FORMAT`].
    pub format: u32,
    /// The cards, sorted by quiz id, then question id.
    pub cards: Vec<Card>,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            format: SCHEDULE_FORMAT,
            cards: Vec::new(),
        }
    }
}

/// The cards in one box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BoxCount {
    /// The box, 1 to [`BOXES`].
    #[serde(rename = "box")]
    pub level: u8,
    /// Days between its reviews.
    pub every_days: i32,
    /// How many cards it holds.
    pub cards: usize,
    /// How many of them are due today.
    pub due: usize,
}

impl Schedule {
    /// An empty schedule.
    pub fn new() -> Schedule {
        Schedule::default()
    }

    /// The card of a question, if it has one.
    pub fn card(&self, quiz: &str, question: &str) -> Option<&Card> {
        self.find(quiz, question).ok().map(|i| &self.cards[i])
    }

    fn find(&self, quiz: &str, question: &str) -> Result<usize, usize> {
        self.cards
            .binary_search_by(|c| (c.quiz.as_str(), c.question.as_str()).cmp(&(quiz, question)))
    }

    /// Records an answer given on `today`. A question answered for the
    /// first time enters box 1 and is then moved as any due card is: right,
    /// to box 2; missed, it stays in box 1, due tomorrow.
    pub fn answer(&mut self, quiz: &str, question: &str, mark: Mark, today: Date) {
        let i = match self.find(quiz, question) {
            Ok(i) => i,
            Err(i) => {
                self.cards.insert(
                    i,
                    Card {
                        quiz: quiz.to_owned(),
                        question: question.to_owned(),
                        level: 1,
                        due: today,
                        last: today,
                        right: 0,
                        missed: 0,
                    },
                );
                i
            }
        };
        let card = &mut self.cards[i];
        card.last = today;
        match mark {
            Mark::Missed => {
                card.missed += 1;
                card.level = 1;
                card.due = after(today, 1);
            }
            Mark::Right => {
                card.right += 1;
                // Early: remembered within the interval, which proves nothing new.
                if card.is_due(today) {
                    card.level = (card.level + 1).min(BOXES);
                    card.due = after(today, interval(card.level));
                }
            }
        }
    }

    /// The cards `keep` selects that are due on `today`, in quiz and
    /// question order.
    pub fn due(&self, today: Date, keep: impl Fn(&Card) -> bool) -> Vec<&Card> {
        self.cards
            .iter()
            .filter(|c| c.is_due(today) && keep(c))
            .collect()
    }

    /// When the cards `keep` selects are due, soonest first: a day and how
    /// many cards fall due on it. Cards already due count on `today`.
    pub fn upcoming(&self, today: Date, keep: impl Fn(&Card) -> bool) -> Vec<(Date, usize)> {
        let mut days: BTreeMap<Date, usize> = BTreeMap::new();
        for c in self.cards.iter().filter(|c| keep(c)) {
            *days.entry(c.due.max(today)).or_default() += 1;
        }
        days.into_iter().collect()
    }

    /// How many of the cards `keep` selects are in each box, and how many
    /// of those are due on `today`; every box, empty or not.
    pub fn boxes(&self, today: Date, keep: impl Fn(&Card) -> bool) -> Vec<BoxCount> {
        let mut counts: Vec<BoxCount> = (1..=BOXES)
            .map(|level| BoxCount {
                level,
                every_days: interval(level),
                cards: 0,
                due: 0,
            })
            .collect();
        for c in self.cards.iter().filter(|c| keep(c)) {
            let b = &mut counts[usize::from(c.level.clamp(1, BOXES) - 1)];
            b.cards += 1;
            b.due += usize::from(c.is_due(today));
        }
        counts
    }

    /// The schedule as read from a file, made ready for use: cards sorted
    /// (a file edited by hand may list them in any order). A card listed
    /// twice, or a box out of range, is a problem the file must not hide.
    pub fn tidy(mut self) -> Result<Schedule, String> {
        self.cards
            .sort_by(|a, b| (&a.quiz, &a.question).cmp(&(&b.quiz, &b.question)));
        if let Some(pair) = self
            .cards
            .windows(2)
            .find(|p| (&p[0].quiz, &p[0].question) == (&p[1].quiz, &p[1].question))
        {
            return Err(format!(
                "question `{}` of quiz `{}` has two cards",
                pair[0].question, pair[0].quiz
            ));
        }
        if let Some(c) = self.cards.iter().find(|c| !(1..=BOXES).contains(&c.level)) {
            return Err(format!(
                "question `{}` of quiz `{}` is in box {}; boxes go from 1 to {BOXES}",
                c.question, c.quiz, c.level
            ));
        }
        Ok(self)
    }

    /// The schedule as pretty RON.
    pub fn to_ron(&self) -> String {
        crate::load::to_pretty_ron(
            self,
            "lateral practice schedule: a card per question answered; `lateral practice --status` shows it",
        )
    }
}

/// The day `days` after `day` (the last representable day, far beyond any
/// schedule, if that overflows).
fn after(day: Date, days: i32) -> Date {
    day.checked_add(days.days()).unwrap_or(Date::MAX)
}

#[cfg(test)]
mod tests;
