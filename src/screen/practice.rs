//! The screens of `lateral practice`: the welcome, the line that says which
//! quiz and box a question comes from, the end (asked, right, and what is
//! due next and when), and `--status` (each box's count). A question and
//! its feedback are `take`'s own screens.

use std::fmt::{self, Write};

use jiff::civil::Date;

use crate::escape::one_line;
use crate::points::Count;
use crate::practice::BoxCount;

use super::wrapped;

/// What to do with an empty schedule.
pub const GET_STARTED: &str =
    "Every question you answer in `lateral take` joins your practice schedule. Start with `lateral take viral-photo`.";

/// The keys, as `take` shows them.
fn keys(lists_options: bool) -> &'static str {
    if lists_options {
        "Keys: ↑/↓ move · Space ticks an option in \"select all that apply\" · Enter confirms · Ctrl-C stops (every answer is already saved)"
    } else {
        "Answer with the letters shown (a,c for several; - for none), t or f, or the number or name; one answer per line"
    }
}

/// A day as the student reads it, from `today`: "today", "tomorrow",
/// "on 3 December", or "on 3 January 2027" in another year.
pub fn day_name(day: Date, today: Date) -> String {
    if day <= today {
        "today".to_owned()
    } else if today.tomorrow().is_ok_and(|t| t == day) {
        "tomorrow".to_owned()
    } else if day.year() == today.year() {
        format!("on {}", day.strftime("%-d %B"))
    } else {
        format!("on {}", day.strftime("%-d %B %Y"))
    }
}

/// What falls due next: "3 due tomorrow, 5 on 3 December" (the first two
/// days, then how many later); `None` when nothing is scheduled.
pub fn next_due(upcoming: &[(Date, usize)], today: Date) -> Option<String> {
    let (first, rest) = upcoming.split_first()?;
    let mut line = format!("{} due {}", first.1, day_name(first.0, today));
    if let Some(second) = rest.first() {
        line.push_str(&format!(", {} {}", second.1, day_name(second.0, today)));
    }
    let later: usize = rest.iter().skip(1).map(|(_, n)| n).sum();
    if later > 0 {
        line.push_str(&format!(", {later} later"));
    }
    Some(line)
}

/// The welcome: how many questions are due, from how many quizzes, and the keys.
pub fn practice_welcome(
    out: &mut impl Write,
    due: usize,
    quizzes: usize,
    today: Date,
    seed: u64,
    lists_options: bool,
    width: usize,
) -> fmt::Result {
    let title = format!("Practice · {}", today.strftime("%-d %B %Y"));
    writeln!(out, "{}", console::style(&title).bold())?;
    writeln!(
        out,
        "{}",
        "=".repeat(unicode_width::UnicodeWidthStr::width(title.as_str()).min(width))
    )?;
    wrapped(
        out,
        &format!(
            "{} due today from {}, in mixed order. Seed {seed} (repeat this order with --seed {seed}).",
            Count(due, "question"),
            match quizzes {
                1 => "1 quiz".to_owned(),
                n => format!("{n} quizzes"),
            },
        ),
        width,
        "",
    )?;
    writeln!(out)?;
    wrapped(out, keys(lists_options), width, "")
}

/// Under a question's header: the quiz it comes from and its box.
pub fn practice_origin(
    out: &mut impl Write,
    quiz_title: &str,
    level: u8,
    width: usize,
) -> fmt::Result {
    let line = format!("From {} · box {level}", one_line(quiz_title));
    writeln!(
        out,
        "{}",
        console::style(textwrap::fill(&line, width.max(20))).dim()
    )
}

/// The end of a round: asked and right, then what is due next and when.
pub fn practice_end(
    out: &mut impl Write,
    asked: usize,
    right: usize,
    upcoming: &[(Date, usize)],
    today: Date,
    width: usize,
) -> fmt::Result {
    writeln!(out)?;
    let missed = asked - right;
    let mut line = format!("Practised {}: {right} right", Count(asked, "question"));
    if missed > 0 {
        line.push_str(&format!(", {missed} to see again tomorrow"));
    }
    line.push('.');
    writeln!(out, "{}", console::style(line).bold())?;
    match next_due(upcoming, today) {
        Some(next) => wrapped(out, &format!("Next: {next}."), width, ""),
        None => Ok(()),
    }
}

/// Nothing due today: when the next card is, or, with no card from these
/// quizzes, how to get started (`elsewhere` is how many cards the schedule
/// holds for quizzes not given).
pub fn nothing_due(
    out: &mut impl Write,
    upcoming: &[(Date, usize)],
    elsewhere: usize,
    today: Date,
    width: usize,
) -> fmt::Result {
    let text = match next_due(upcoming, today) {
        Some(next) => format!("Nothing is due today. Next: {next}."),
        None if elsewhere > 0 => format!(
            "Nothing to practise from these quizzes. Your {} from other quizzes: name them, as in `lateral practice quizzes/my-quiz.ron` (`lateral practice --status` shows them all).",
            match elsewhere {
                1 => "1 card is".to_owned(),
                n => format!("{n} cards are"),
            }
        ),
        None => format!("Nothing to practise yet. {GET_STARTED}"),
    };
    wrapped(out, &text, width, "")
}

/// `--status`: each box with its interval, cards and those due today, then
/// what falls due next.
pub fn practice_status(
    out: &mut impl Write,
    boxes: &[BoxCount],
    upcoming: &[(Date, usize)],
    today: Date,
    width: usize,
) -> fmt::Result {
    let cards: usize = boxes.iter().map(|b| b.cards).sum();
    let due: usize = boxes.iter().map(|b| b.due).sum();
    writeln!(
        out,
        "Practice schedule on {}: {}, {due} due today",
        today.strftime("%-d %B %Y"),
        Count(cards, "card")
    )?;
    writeln!(out, "box  reviewed         cards  due")?;
    for b in boxes {
        let every = match b.every_days {
            1 => "every day".to_owned(),
            n => format!("every {n} days"),
        };
        writeln!(
            out,
            "{:>3}  {every:<15} {:>6} {:>4}",
            b.level, b.cards, b.due
        )?;
    }
    match next_due(upcoming, today) {
        Some(next) => wrapped(out, &format!("Next: {next}."), width, ""),
        None => wrapped(out, &format!("No cards yet. {GET_STARTED}"), width, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn days_read_as_today_tomorrow_or_a_date() {
        let today = day("2026-12-01");
        assert_eq!(day_name(day("2026-11-20"), today), "today");
        assert_eq!(day_name(today, today), "today");
        assert_eq!(day_name(day("2026-12-02"), today), "tomorrow");
        assert_eq!(day_name(day("2026-12-03"), today), "on 3 December");
        assert_eq!(day_name(day("2027-01-16"), today), "on 16 January 2027");
        assert_eq!(day_name(day("2027-01-01"), day("2026-12-31")), "tomorrow");
    }

    #[test]
    fn next_names_two_days_then_counts_the_rest() {
        let today = day("2026-12-01");
        assert_eq!(next_due(&[], today), None);
        assert_eq!(
            next_due(&[(day("2026-12-02"), 3), (day("2026-12-03"), 5)], today).unwrap(),
            "3 due tomorrow, 5 on 3 December"
        );
        assert_eq!(
            next_due(
                &[
                    (day("2026-12-05"), 1),
                    (day("2026-12-09"), 2),
                    (day("2026-12-17"), 4),
                    (day("2027-01-02"), 1)
                ],
                today
            )
            .unwrap(),
            "1 due on 5 December, 2 on 9 December, 5 later"
        );
    }
}
