//! The screens of taking a quiz, in the order a student meets them: the
//! welcome, each question, the feedback after an answer, the final report,
//! and the review of every answer (exam mode, `lateral review`).

use std::collections::BTreeMap;
use std::fmt::{self, Write};

use crate::attempt::Attempt;
use crate::cite::SourceText;
use crate::escape::{one_line, Untrusted};
use crate::grade::{grade_question, Outcome, Report, Verdict};
use crate::points::{Count, Points, Seconds};
use crate::quiz::{Choice, Kind, Question, Quiz, Response};

use super::{
    answer_text, cited_sources, hanging, letter, response_text, source_line, styled_verdict,
    verdict_label, wrapped,
};

/// The welcome screen: what the quiz is, how long, from which sources.
pub fn welcome(out: &mut impl Write, quiz: &Quiz, width: usize) -> fmt::Result {
    writeln!(out, "{}", console::style(one_line(&quiz.title)).bold())?;
    writeln!(
        out,
        "{}",
        "=".repeat(
            unicode_width::UnicodeWidthStr::width(one_line(&quiz.title).as_str()).min(width)
        )
    )?;
    wrapped(out, &quiz.description, width, "")?;
    writeln!(out)?;
    let mark = match quiz.pass_mark {
        Some(m) => format!(", pass mark {}%", Points(m)),
        None => String::new(),
    };
    writeln!(
        out,
        "{}, {}{mark}.",
        Count(quiz.questions.len(), "question"),
        Points(quiz.max_points()).counted(),
    )?;
    if !quiz.sources.is_empty() {
        writeln!(out)?;
        writeln!(out, "Sources:")?;
        for s in &quiz.sources {
            source_line(out, &s.id, &s.headline, width)?;
        }
    }
    Ok(())
}

/// How to get the same order again: the last line before the first
/// question, for whoever needs it (a teacher, a retake, a bug report).
pub fn seed_line(out: &mut impl Write, seed: u64, width: usize) -> fmt::Result {
    wrapped(
        out,
        &format!("To get this same order again: --seed {seed}"),
        width,
        "",
    )
}

/// The header above each question: "Question k of n" (k and n count the
/// questions this attempt asks), a progress bar under it, and the wrapped
/// prompt. `score_so_far` is `None` in exam mode, where nothing shown before
/// the end may depend on whether an answer was right.
pub fn question_header(
    out: &mut impl Write,
    number: usize,
    total: usize,
    score_so_far: Option<f64>,
    q: &Question,
    width: usize,
) -> fmt::Result {
    writeln!(out)?;
    let worth = match q.kind {
        Kind::Reflection { .. } => "not scored".to_owned(),
        _ => Points(q.max_points()).counted().to_string(),
    };
    let mut title = format!("Question {number} of {total} · {worth}");
    if let Some(score) = score_so_far {
        title.push_str(&format!(" · score so far {}", Points(score)));
    }
    wrapped(out, &title, width, "")?;
    writeln!(out, "{}", progress_bar(number, total, width))?;
    wrapped(out, &q.prompt, width, "")
}

/// How far through the attempt question `number` of `total` is: a bar half
/// as wide as the screen (10 to 40 columns, so it fits even where a
/// terminal narrower than the screen's width wraps the text), `█` for the
/// part done, this question included, and `░` for the rest, so it reads
/// without colour.
fn progress_bar(number: usize, total: usize, width: usize) -> String {
    let columns = (width / 2).clamp(10, 40);
    let done = match total {
        0 => 0,
        // Rounded to the nearest column; every question shows some progress.
        _ => ((number.min(total) * columns * 2 + total) / (2 * total)).max(1),
    };
    format!(
        "{}{}",
        console::style("█".repeat(done)).cyan(),
        "░".repeat(columns - done)
    )
}

/// Options listed with letters, in the order shown (plain mode).
pub fn lettered_options(out: &mut impl Write, options: &[&Choice], width: usize) -> fmt::Result {
    for (i, o) in options.iter().enumerate() {
        hanging(out, &format!("  {}) ", letter(i)), &o.text, width)?;
    }
    Ok(())
}

/// What to answer from, in plain mode: a choice question's options and an
/// ordering question's items with letters; a matching question's items
/// with letters and its choices (in the order shown) with numbers.
pub fn answer_lines(
    out: &mut impl Write,
    kind: &Kind,
    shown: &[&Choice],
    width: usize,
) -> fmt::Result {
    match kind {
        Kind::Matching { items, .. } => {
            for (i, item) in items.iter().enumerate() {
                hanging(out, &format!("  {}) ", letter(i)), &item.text, width)?;
            }
            writeln!(out, "  with:")?;
            for (n, choice) in shown.iter().enumerate() {
                hanging(out, &format!("  {}. ", n + 1), &choice.text, width)?;
            }
            Ok(())
        }
        _ => lettered_options(out, shown, width),
    }
}

/// How to type an answer to this kind of question in plain mode.
pub fn plain_hint(kind: &Kind, option_count: usize) -> String {
    let last = letter(option_count.saturating_sub(1));
    match kind {
        Kind::Single { .. } => format!("answer with one letter, a to {last}"),
        Kind::Multiple { .. } => format!(
            "answer with every letter that applies, a to {last}, separated by commas; - for none"
        ),
        Kind::TrueFalse { .. } => "answer t (true) or f (false)".to_owned(),
        Kind::Number { unit: Some(u), .. } => {
            format!("answer with a number, in {}", Untrusted::new(u))
        }
        Kind::Number { .. } => "answer with a number".to_owned(),
        Kind::Text { .. } => "type your answer".to_owned(),
        Kind::Matching { items, .. } => format!(
            "answer with each letter and the number it goes with, such as a{}, b1; a to {}",
            option_count.min(2),
            letter(items.len().saturating_sub(1))
        ),
        Kind::Ordering { .. } => {
            format!("answer with the letters a to {last} in order, first to last, such as c,a,b")
        }
        Kind::Reflection { .. } => {
            "write your answer on one line; it is kept, not scored".to_owned()
        }
    }
}

/// Feedback after an answer: verdict, points, option feedback, explanation, citations.
pub fn feedback(
    out: &mut impl Write,
    quiz: &Quiz,
    q: &Question,
    response: &Response,
    outcome: &Outcome,
    texts: &BTreeMap<String, SourceText>,
    width: usize,
) -> fmt::Result {
    writeln!(out)?;
    match outcome.verdict {
        Verdict::Open => writeln!(out, "{}", styled_verdict(outcome.verdict))?,
        _ => writeln!(
            out,
            "{} · {} of {}",
            styled_verdict(outcome.verdict),
            Points(outcome.points),
            Points(outcome.max).counted()
        )?,
    }
    hanging(out, "  You answered: ", &response_text(q, response), width)?;
    if let Kind::Reflection { model } = &q.kind {
        hanging(out, "  A model answer: ", model, width)?;
    } else if !outcome.is_correct() {
        hanging(out, "  Answer: ", &answer_text(q), width)?;
    }
    // Feedback for each option the student chose.
    let chosen: Vec<&str> = match response {
        Response::Choice(id) => vec![id.as_str()],
        Response::Choices(ids) => ids.iter().map(String::as_str).collect(),
        Response::Pairs(pairs) => pairs.values().map(String::as_str).collect(),
        _ => vec![],
    };
    for o in q
        .kind
        .shuffled()
        .iter()
        .filter(|o| chosen.contains(&o.id.as_str()))
    {
        if let Some(fb) = &o.feedback {
            hanging(
                out,
                &format!("  You chose \"{}\": ", Untrusted::new(&o.text)),
                fb,
                width,
            )?;
        }
    }
    writeln!(out)?;
    hanging(out, "  Why: ", &q.explanation, width)?;
    let cited = cited_sources(q);
    writeln!(
        out,
        "  Reported by {} of {} sources.",
        cited.len(),
        quiz.sources.len()
    )?;
    citations(out, quiz, q, texts, width)
}

/// The evidence: each citation's source headline and quote, and, when the
/// source's text is at hand, the sentence the quote sits in.
pub fn citations(
    out: &mut impl Write,
    quiz: &Quiz,
    q: &Question,
    texts: &BTreeMap<String, SourceText>,
    width: usize,
) -> fmt::Result {
    if q.citations.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "  Evidence:")?;
    // Grouped by source, in the order first cited: each headline once.
    for source in cited_sources(q) {
        let headline = quiz
            .source(source)
            .map_or_else(|| source.to_owned(), |s| s.headline.clone());
        source_line(out, source, &headline, width)?;
        for c in q.citations.iter().filter(|c| c.source == source) {
            hanging(out, "      ", &quoted(&c.quote), width)?;
            if let Some(text) = texts.get(&c.source) {
                if let Some(Some(found)) = text.find_all(&[c.quote.as_str()]).pop() {
                    let sentence = text.sentence_around(found);
                    let context = text.text[sentence]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    hanging(out, "      in context: ", &context, width)?;
                }
            }
        }
    }
    Ok(())
}

/// A quote in curly quotes, unless it is already quoted whole (a quote of
/// a quote), which is shown as it is rather than doubled (“"…"”).
fn quoted(quote: &str) -> String {
    let marks: &[char] = &['"', '\u{201c}', '\u{201d}', '\'', '\u{2018}', '\u{2019}'];
    let inner = quote.trim();
    let mut chars = inner.chars();
    let (first, last) = (chars.next(), chars.next_back());
    let whole = first.is_some_and(|c| marks.contains(&c))
        && last.is_some_and(|c| marks.contains(&c))
        && !chars.as_str().contains(marks);
    if whole {
        inner.to_owned()
    } else {
        format!("\u{201c}{quote}\u{201d}")
    }
}

/// The final report: score, percentage, pass/fail, the time taken (when it
/// is known: `seconds`), a bar per tag, missed questions.
pub fn report(
    out: &mut impl Write,
    quiz: &Quiz,
    report: &Report,
    seconds: Option<u64>,
    width: usize,
) -> fmt::Result {
    writeln!(out)?;
    writeln!(out, "Result")?;
    writeln!(out, "------")?;
    let verdict = match report.passed {
        Some(true) => " · passed".to_owned(),
        Some(false) => format!(
            " · not passed (pass mark {}%)",
            Points(quiz.pass_mark.unwrap_or(0.0))
        ),
        None => String::new(),
    };
    let score = format!(
        "Score: {} of {} ({:.0}%){verdict}",
        Points(report.score),
        Points(report.max).counted(),
        report.percent
    );
    wrapped(out, &score, width, "")?;
    if let Some(seconds) = seconds {
        writeln!(out, "Time taken: {}", Seconds(seconds))?;
    }
    if !report.tags.is_empty() {
        writeln!(out)?;
        writeln!(out, "By skill:")?;
        let name_width = report
            .tags
            .iter()
            .map(|t| unicode_width::UnicodeWidthStr::width(one_line(&t.tag).as_str()))
            .max()
            .unwrap_or(0)
            .min(24);
        let bar_width = width.saturating_sub(name_width + 22).clamp(5, 30);
        // A tag only on reflections has no points to show.
        for t in report.tags.iter().filter(|t| t.max > 0.0) {
            let share = t.points / t.max;
            let filled = (share * bar_width as f64).round() as usize;
            writeln!(
                out,
                "  {:<name_width$}  {}{}  {}/{}",
                Untrusted::new(&t.tag),
                console::style("█".repeat(filled)).cyan(),
                "░".repeat(bar_width - filled.min(bar_width)),
                Points(t.points),
                Points(t.max),
            )?;
        }
    }
    // Numbered as the questions were asked (the report's quiz is in that order).
    let missed: Vec<(usize, &Question, &Outcome)> = quiz
        .questions
        .iter()
        .zip(&report.outcomes)
        .enumerate()
        .filter(|(_, (_, o))| !o.is_correct() && o.verdict != Verdict::Open)
        .map(|(n, (q, o))| (n + 1, q, o))
        .collect();
    if !missed.is_empty() {
        writeln!(out)?;
        writeln!(out, "To review:")?;
        for (n, q, o) in missed {
            hanging(
                out,
                &format!("  {n}. {}: ", verdict_label(o.verdict)),
                &q.prompt,
                width,
            )?;
            hanging(out, "      Answer: ", &answer_text(q), width)?;
        }
    }
    Ok(())
}

/// What the student checked before answering: sources opened on the
/// questions they got right, and on those they missed.
pub fn reading_summary(out: &mut impl Write, attempt: &Attempt) -> fmt::Result {
    let (mut right, mut right_opened, mut missed, mut missed_opened) = (0, 0, 0, 0);
    // Reflections are worth no points: neither right nor missed.
    for a in attempt.answers.iter().filter(|a| a.max > 0.0) {
        if a.points >= a.max {
            right += 1;
            right_opened += a.opened.len();
        } else {
            missed += 1;
            missed_opened += a.opened.len();
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Lateral reading: you checked {} on the {} you got right, {} on the {missed} you missed.",
        Count(right_opened, "source"),
        Count(right, "question"),
        Count(missed_opened, "source"),
    )
}

/// Every answered question's feedback, in the order asked (exam mode, review).
pub fn review(
    out: &mut impl Write,
    quiz: &Quiz,
    attempt: &Attempt,
    texts: &BTreeMap<String, SourceText>,
    width: usize,
) -> fmt::Result {
    let total = attempt.asked.len();
    let by_id = quiz.questions_by_id();
    // The first answer to each question, as `Attempt::answer` finds it.
    let mut answers = std::collections::HashMap::with_capacity(attempt.answers.len());
    for a in &attempt.answers {
        answers.entry(a.question.as_str()).or_insert(a);
    }
    for (n, id) in attempt.asked.iter().enumerate() {
        let (Some(&q), Some(&a)) = (by_id.get(id.as_str()), answers.get(id.as_str())) else {
            continue;
        };
        writeln!(out)?;
        writeln!(out, "Question {} of {total}", n + 1)?;
        wrapped(out, &q.prompt, width, "")?;
        let outcome = grade_question(q, Some(&a.response));
        feedback(out, quiz, q, &a.response, &outcome, texts, width)?;
    }
    Ok(())
}

/// The end of a paper: how many questions were answered and where the
/// sheet is; nothing about right or wrong.
pub fn submitted(
    out: &mut impl Write,
    attempt: &Attempt,
    file: &std::path::Path,
    width: usize,
) -> fmt::Result {
    writeln!(out)?;
    writeln!(
        out,
        "Submitted: {} of {} answered.",
        attempt.answers.len(),
        attempt.asked.len()
    )?;
    if let Some(seconds) = attempt.active_seconds {
        writeln!(out, "Time taken: {}", Seconds(seconds))?;
    }
    // The file name on a line of its own, never broken.
    writeln!(out, "Your answer sheet is saved in")?;
    writeln!(out, "  {}", Untrusted::path(file))?;
    wrapped(
        out,
        "Hand it to your teacher if they asked you to.",
        width,
        "",
    )
}
