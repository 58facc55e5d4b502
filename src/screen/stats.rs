//! The item analysis of a class, as a teacher reads it: a row per question
//! with its options under it, then the test as a whole, the class average per
//! tag and what the sources opened before answering tell.
//!
//! Every row fits the width: the facility bar shrinks and then goes, long ids
//! and option texts are cut with `…`, and flags move to a line of their own.
//! An undefined statistic reads `–`.

use std::fmt::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::escape::one_line;
use crate::points::{Count, Points};
use crate::quiz::Quiz;
use crate::stats::{ItemAnalysis, ItemStats, Share};

use super::wrapped;

/// How an undefined statistic reads.
const UNDEFINED: &str = "–";
/// The widest facility bar.
const BAR: usize = 10;
/// A bar narrower than this is left out.
const MIN_BAR: usize = 4;

/// The item analysis of `a`, computed over sheets of `quiz`, at `width` columns.
pub fn stats(out: &mut impl Write, quiz: &Quiz, a: &ItemAnalysis, width: usize) -> fmt::Result {
    let width = width.max(40);
    wrapped(
        out,
        &format!("Item analysis: {} ({})", quiz.title, quiz.id),
        width,
        "",
    )?;
    writeln!(
        out,
        "{} · {} · {}",
        Count(a.sheets, "sheet"),
        Count(quiz.questions.len(), "question"),
        Points(quiz.max_points()).counted()
    )?;
    questions(out, quiz, a, width)?;
    test(out, a)?;
    tags(out, a, width)?;
    lateral_reading(out, a)?;
    writeln!(out)?;
    wrapped(
        out,
        "How to read: facility is the share of the marks earned; guess, the \
         facility of answering at random; discr., the correlation of the mark \
         with the rest of the test, times 100; effic., that discrimination as a \
         share of the most the marks allow. Under a choice question, each option (✓ in \
         the key) with the share of sheets that picked it and their mean total. \
         – means the sheets cannot tell.",
        width,
        "",
    )
}

/// The question table: a row per question, options under choice questions.
fn questions(out: &mut impl Write, quiz: &Quiz, a: &ItemAnalysis, width: usize) -> fmt::Result {
    let nw = a.questions.len().to_string().len();
    // Everything on a row but the id and the bar: "  n  " id "  " bar " 100%"
    // then SD, guess, discr. and effic. with two spaces before each.
    let fixed = 2 + nw + 2 + 2 + 1 + 4 + 7 + 7 + 8 + 8;
    let longest = a
        .questions
        .iter()
        .map(|q| one_line(&q.id).width())
        .max()
        .unwrap_or(0);
    let idw = longest
        .clamp("question".len(), 24)
        .min(width.saturating_sub(fixed + MIN_BAR))
        .max(8);
    let bar = match width.saturating_sub(fixed + idw).min(BAR) {
        b if b >= MIN_BAR => b,
        _ => 0,
    };
    let facility_width = if bar > 0 { bar + 5 } else { 4 };
    writeln!(out)?;
    writeln!(
        out,
        "  {:>nw$}  {}  {:<facility_width$}  {:>5}  {:>5}  {:>6}  {:>6}",
        "#",
        pad("question", idw),
        "facility",
        "SD",
        "guess",
        "discr.",
        "effic."
    )?;
    for (item, q) in a.questions.iter().zip(&quiz.questions) {
        let mut row = format!(
            "  {:>nw$}  {}  ",
            item.number,
            pad(&fit(&item.id, idw), idw)
        );
        if bar > 0 {
            row.push_str(&bar_of(item.facility, bar));
            row.push(' ');
        }
        let _ = write!(
            row,
            "{:>4}  {:>5}  {:>5}  {:>6}  {:>6}",
            percent(item.facility),
            item.sd
                .map_or_else(|| UNDEFINED.to_owned(), |v| format!("{v:.2}")),
            percent(item.random_guess),
            whole(item.discrimination),
            whole(item.efficiency),
        );
        let flags = flag_text(item);
        if flags.is_empty() {
            writeln!(out, "{row}")?;
        } else if row.width() + 2 + flags.width() <= width {
            writeln!(out, "{row}  {flags}")?;
        } else {
            writeln!(out, "{row}")?;
            let flags = format!("flags: {flags}");
            writeln!(out, "  {:nw$}  {}", "", fit(&flags, width - nw - 4))?;
        }
        let indent = 4 + nw + 2;
        // "✓ " text "  100%  mean total 10.25"
        let tw = q
            .kind
            .options()
            .iter()
            .map(|o| one_line(&o.text).width())
            .max()
            .unwrap_or(0)
            .min(width.saturating_sub(indent + 2 + 2 + 4 + 19))
            .max(8);
        for (o, choice) in item.options.iter().zip(q.kind.options()) {
            writeln!(
                out,
                "{:indent$}{} {}  {:>4}  mean total {}",
                "",
                if o.correct { "✓" } else { " " },
                pad(&fit(&choice.text, tw), tw),
                percent(o.pick_rate),
                o.mean_total
                    .map_or_else(|| UNDEFINED.to_owned(), |m| Points(m).to_string()),
            )?;
        }
    }
    Ok(())
}

/// The totals: their centre and spread, and how consistent the test was.
fn test(out: &mut impl Write, a: &ItemAnalysis) -> fmt::Result {
    let t = &a.test;
    let points = |v: Option<f64>| v.map_or_else(|| UNDEFINED.to_owned(), |v| Points(v).to_string());
    let share = |v: Option<f64>| v.map_or_else(|| UNDEFINED.to_owned(), |v| format!("{v:.2}%"));
    let mean = match t.mean {
        Some(m) => format!(
            "{} of {} ({})",
            Points(m),
            Points(t.max_mark).counted(),
            percent((t.max_mark > 0.0).then(|| m / t.max_mark))
        ),
        None => UNDEFINED.to_owned(),
    };
    writeln!(out)?;
    writeln!(out, "Test")?;
    writeln!(out, "  sheets                        {}", t.sheets)?;
    writeln!(out, "  mean                          {mean}")?;
    writeln!(out, "  median                        {}", points(t.median))?;
    writeln!(out, "  standard deviation            {}", points(t.sd))?;
    writeln!(out, "  internal consistency (CIC)    {}", share(t.cic))?;
    writeln!(
        out,
        "  error ratio                   {}",
        share(t.error_ratio)
    )?;
    writeln!(
        out,
        "  standard error                {}",
        points(t.standard_error)
    )
}

/// The class average per tag, with bars.
fn tags(out: &mut impl Write, a: &ItemAnalysis, width: usize) -> fmt::Result {
    if a.tags.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "By skill (class average):")?;
    let name_width = a
        .tags
        .iter()
        .map(|t| one_line(&t.tag).width())
        .max()
        .unwrap_or(0)
        .min(24);
    let bar = width.saturating_sub(name_width + 12).clamp(5, 30);
    for t in &a.tags {
        writeln!(
            out,
            "  {}  {} {:>4}",
            pad(&fit(&t.tag, name_width), name_width),
            bar_of(t.average.map(|v| v / 100.0), bar),
            percent(t.average.map(|v| v / 100.0)),
        )?;
    }
    Ok(())
}

/// Right answers after opening a source, against those given without.
fn lateral_reading(out: &mut impl Write, a: &ItemAnalysis) -> fmt::Result {
    let Some(trace) = &a.lateral_reading else {
        return Ok(());
    };
    let line = |s: &Share| {
        format!(
            "{} of {} fully right ({})",
            s.right,
            Count(s.answers, "answer"),
            percent(s.rate)
        )
    };
    writeln!(out)?;
    writeln!(out, "Lateral reading (sheets taken with the sources):")?;
    writeln!(
        out,
        "  after opening a source    {}",
        line(&trace.after_opening)
    )?;
    writeln!(
        out,
        "  without opening one       {}",
        line(&trace.without_opening)
    )
}

/// The flags of a question, in words.
fn flag_text(item: &ItemStats) -> String {
    item.flags
        .iter()
        .map(|f| f.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A fraction from 0 to 1 as a whole percentage, or `–`.
fn percent(v: Option<f64>) -> String {
    v.map_or_else(
        || UNDEFINED.to_owned(),
        |v| format!("{}%", no_minus_zero(100.0 * v)),
    )
}

/// A number rounded to a whole, or `–`.
fn whole(v: Option<f64>) -> String {
    v.map_or_else(|| UNDEFINED.to_owned(), no_minus_zero)
}

fn no_minus_zero(v: f64) -> String {
    let s = format!("{v:.0}");
    if s == "-0" {
        "0".to_owned()
    } else {
        s
    }
}

/// A bar `width` wide filled to `share` (0 to 1); empty when undefined.
fn bar_of(share: Option<f64>, width: usize) -> String {
    let filled =
        ((share.unwrap_or(0.0).clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!(
        "{}{}",
        console::style("█".repeat(filled)).cyan(),
        "░".repeat(width - filled)
    )
}

/// Text from the quiz on one line, cut with `…` to at most `width` columns.
fn fit(text: &str, width: usize) -> String {
    let text = one_line(text);
    if text.width() <= width {
        return text;
    }
    let mut cut = String::new();
    for c in text.chars() {
        if cut.width() + c.to_string().width() + 1 > width {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    cut
}

/// `text` (already safe) padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}
