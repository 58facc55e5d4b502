//! Screens: what a student or teacher reads, rendered to any writer at a given width.
//!
//! Nothing here touches a terminal, so every screen is a plain function of its
//! inputs and is tested as a whole (snapshots). All text that comes from a
//! quiz file passes through [`crate::escape::visible`] before it is written.

use std::collections::BTreeMap;
use std::fmt::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::cite::SourceText;

use crate::escape::{one_line, visible};
use crate::grade::{Outcome, Report, Verdict};
use crate::points::{Count, Number, Points};
use crate::quiz::{Choice, Kind, Question, Quiz, Response};

/// Letters that label options on screen and in plain-mode input.
pub const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";

/// The letter shown for the option at `index` on screen.
pub fn letter(index: usize) -> char {
    LETTERS.chars().nth(index).unwrap_or('?')
}

/// Wraps `text` to `width` with `indent` before every line.
pub fn wrapped(out: &mut impl Write, text: &str, width: usize, indent: &str) -> fmt::Result {
    let safe = visible(text);
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(indent)
        .subsequent_indent(indent);
    for line in textwrap::wrap(&safe, options) {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// A source's id in brackets, then its headline wrapped beside it.
fn source_line(out: &mut impl Write, id: &str, headline: &str, width: usize) -> fmt::Result {
    hanging(out, &format!("  [{}] ", one_line(id)), headline, width)
}

/// Wraps with a hanging indent: `first` before the first line, spaces after.
fn hanging(out: &mut impl Write, first: &str, text: &str, width: usize) -> fmt::Result {
    let rest = " ".repeat(unicode_width::UnicodeWidthStr::width(first));
    let safe = visible(text);
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(&rest);
    for line in textwrap::wrap(&safe, options) {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The welcome screen: what the quiz is, how long, from which sources.
pub fn welcome(out: &mut impl Write, quiz: &Quiz, seed: u64, width: usize) -> fmt::Result {
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
        "{} questions, {}{mark}. Seed {seed} (repeat this order with --seed {seed}).",
        quiz.questions.len(),
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

/// The header above each question: number, progress and the wrapped prompt.
pub fn question_header(
    out: &mut impl Write,
    number: usize,
    total: usize,
    points_so_far: f64,
    q: &Question,
    width: usize,
) -> fmt::Result {
    writeln!(out)?;
    let title = format!(
        "Question {number} of {total} · {} · score so far {}",
        Points(q.points).counted(),
        Points(points_so_far)
    );
    wrapped(out, &title, width, "")?;
    writeln!(
        out,
        "{}",
        "-".repeat(unicode_width::UnicodeWidthStr::width(title.as_str()).min(width))
    )?;
    wrapped(out, &q.prompt, width, "")
}

/// Options listed with letters, in the order shown (plain mode).
pub fn lettered_options(out: &mut impl Write, options: &[&Choice], width: usize) -> fmt::Result {
    for (i, o) in options.iter().enumerate() {
        hanging(out, &format!("  {}) ", letter(i)), &o.text, width)?;
    }
    Ok(())
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
        Kind::Number { unit: Some(u), .. } => format!("answer with a number, in {}", one_line(u)),
        Kind::Number { .. } => "answer with a number".to_owned(),
        Kind::Text { .. } => "type your answer".to_owned(),
    }
}

/// The correct answer as a person reads it: option text, `true`, `9 minutes`, a name.
pub fn answer_text(q: &Question) -> String {
    let option_text = |id: &str| one_line(q.option_text(id));
    match &q.kind {
        Kind::Single { answer, .. } => option_text(answer),
        Kind::Multiple { answers, .. } => answers
            .iter()
            .map(|a| option_text(a))
            .collect::<Vec<_>>()
            .join("; "),
        Kind::TrueFalse { answer } => if *answer { "true" } else { "false" }.to_owned(),
        Kind::Number {
            answer,
            tolerance,
            unit,
            ..
        } => {
            let mut s = group_thousands(*answer);
            if let Some(u) = unit {
                s = format!("{s} {}", one_line(u));
            }
            if *tolerance > 0.0 {
                s = format!("{s} (± {})", Number(*tolerance));
            }
            s
        }
        Kind::Text { accept, .. } => accept
            .iter()
            .map(|a| one_line(a))
            .collect::<Vec<_>>()
            .join(" / "),
    }
}

/// A number with thousands grouped for reading: `15,000`, `9`, `0.5`.
pub fn group_thousands(n: f64) -> String {
    let plain = Number(n).to_string();
    if n.fract() != 0.0 || n.abs() < 10_000.0 {
        return plain;
    }
    let (sign, digits) = plain.split_at(usize::from(n < 0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// A response as the student gave it, in words.
pub fn response_text(q: &Question, r: &Response) -> String {
    let option_text = |id: &str| one_line(q.option_text(id));
    match r {
        Response::Choice(id) => option_text(id),
        Response::Choices(ids) if ids.is_empty() => "(nothing selected)".to_owned(),
        Response::Choices(ids) => ids
            .iter()
            .map(|i| option_text(i))
            .collect::<Vec<_>>()
            .join("; "),
        Response::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        Response::Text(t) => one_line(t),
    }
}

/// The symbol and word for a verdict; the symbol reads without colour.
pub fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Correct => "✓ Right",
        Verdict::Partial => "◐ Partly right",
        Verdict::Wrong => "✗ Wrong",
        Verdict::Unanswered => "· Not answered",
    }
}

/// The verdict label in colour (when colour is on: `--color`, `NO_COLOR`).
pub fn styled_verdict(v: Verdict) -> String {
    let style = match v {
        Verdict::Correct => console::Style::new().green().bold(),
        Verdict::Partial => console::Style::new().yellow().bold(),
        Verdict::Wrong => console::Style::new().red().bold(),
        Verdict::Unanswered => console::Style::new().dim(),
    };
    style.apply_to(verdict_label(v)).to_string()
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
    writeln!(
        out,
        "{} · {} of {}",
        styled_verdict(outcome.verdict),
        Points(outcome.points),
        Points(outcome.max).counted()
    )?;
    hanging(out, "  You answered: ", &response_text(q, response), width)?;
    if !outcome.is_correct() {
        hanging(out, "  Answer: ", &answer_text(q), width)?;
    }
    // Feedback for each option the student chose.
    let chosen: Vec<&str> = match response {
        Response::Choice(id) => vec![id.as_str()],
        Response::Choices(ids) => ids.iter().map(String::as_str).collect(),
        _ => vec![],
    };
    for o in q
        .kind
        .options()
        .iter()
        .filter(|o| chosen.contains(&o.id.as_str()))
    {
        if let Some(fb) = &o.feedback {
            hanging(
                out,
                &format!("  You chose \"{}\": ", one_line(&o.text)),
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

/// The ids of the sources a question cites, each once, in citation order.
pub fn cited_sources(q: &Question) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for c in &q.citations {
        if !ids.contains(&c.source.as_str()) {
            ids.push(&c.source);
        }
    }
    ids
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
    for c in &q.citations {
        let headline = quiz
            .source(&c.source)
            .map_or_else(|| c.source.clone(), |s| s.headline.clone());
        source_line(out, &c.source, &headline, width)?;
        hanging(out, "      “", &format!("{}”", c.quote), width)?;
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
    Ok(())
}

/// The sources of a quiz and a coverage matrix: which sources each question cites.
pub fn coverage(out: &mut impl Write, quiz: &Quiz, width: usize) -> fmt::Result {
    writeln!(
        out,
        "Sources of {} ({}):",
        one_line(&quiz.id),
        quiz.sources.len()
    )?;
    for s in &quiz.sources {
        let count = quiz.questions.iter().filter(|q| q.cites(&s.id)).count();
        writeln!(out)?;
        source_line(out, &s.id, &s.headline, width)?;
        let mut facts = vec![format!("file {}", one_line(&s.file))];
        if let Some(p) = &s.publisher {
            facts.push(format!("publisher {}", one_line(p)));
        }
        if let Some(d) = &s.date {
            facts.push(format!("date {}", one_line(d)));
        }
        facts.push(format!(
            "cited by {count} of {} questions",
            quiz.questions.len()
        ));
        hanging(out, "      ", &facts.join(" · "), width)?;
    }
    writeln!(out)?;
    writeln!(out, "Coverage (● the question cites the source):")?;
    let ids: Vec<String> = quiz.sources.iter().map(|s| one_line(&s.id)).collect();
    let qwidth = quiz
        .questions
        .iter()
        .map(|q| one_line(&q.id).width())
        .max()
        .unwrap_or(0)
        .max("questions".len());
    write!(out, "  {:qwidth$}", "")?;
    for id in &ids {
        write!(out, "  {id}")?;
    }
    writeln!(out, "  sources")?;
    for q in &quiz.questions {
        write!(out, "  {:qwidth$}", one_line(&q.id))?;
        for (s, id) in quiz.sources.iter().zip(&ids) {
            let mark = if q.cites(&s.id) { "●" } else { "·" };
            write!(out, "  {mark:^w$}", w = id.width())?;
        }
        writeln!(out, "  {}", cited_sources(q).len())?;
    }
    write!(out, "  {:qwidth$}", "questions")?;
    for (s, id) in quiz.sources.iter().zip(&ids) {
        let count = quiz.questions.iter().filter(|q| q.cites(&s.id)).count();
        write!(out, "  {count:^w$}", w = id.width())?;
    }
    writeln!(out)
}

/// The final report: score, percentage, pass/fail, a bar per tag, missed questions.
pub fn report(out: &mut impl Write, quiz: &Quiz, report: &Report, width: usize) -> fmt::Result {
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
    writeln!(
        out,
        "Score: {} of {} ({:.0}%){verdict}",
        Points(report.score),
        Points(report.max).counted(),
        report.percent
    )?;
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
        for t in &report.tags {
            let share = if t.max > 0.0 { t.points / t.max } else { 0.0 };
            let filled = (share * bar_width as f64).round() as usize;
            writeln!(
                out,
                "  {:<name_width$}  {}{}  {}/{}",
                one_line(&t.tag),
                console::style("█".repeat(filled)).cyan(),
                "░".repeat(bar_width - filled.min(bar_width)),
                Points(t.points),
                Points(t.max),
            )?;
        }
    }
    let missed: Vec<(&Question, &Outcome)> = quiz
        .questions
        .iter()
        .zip(&report.outcomes)
        .filter(|(_, o)| !o.is_correct())
        .collect();
    if !missed.is_empty() {
        writeln!(out)?;
        writeln!(out, "To review:")?;
        for (q, o) in missed {
            hanging(
                out,
                &format!("  {}: ", verdict_label(o.verdict)),
                &q.prompt,
                width,
            )?;
            hanging(out, "      Answer: ", &answer_text(q), width)?;
        }
    }
    Ok(())
}

/// The answer key for a teacher: each question, its answer, points and citations.
pub fn answer_key(out: &mut impl Write, quiz: &Quiz, width: usize) -> fmt::Result {
    writeln!(
        out,
        "Answer key: {} ({})",
        one_line(&quiz.title),
        one_line(&quiz.id)
    )?;
    writeln!(
        out,
        "{} questions, {}",
        quiz.questions.len(),
        Points(quiz.max_points()).counted()
    )?;
    for (i, q) in quiz.questions.iter().enumerate() {
        writeln!(out)?;
        let tags = if q.tags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", one_line(&q.tags.join(", ")))
        };
        writeln!(
            out,
            "{}. {} · {} · {}{tags}",
            i + 1,
            one_line(&q.id),
            q.kind.name(),
            Points(q.points).counted()
        )?;
        wrapped(out, &q.prompt, width, "   ")?;
        hanging(out, "   Answer: ", &answer_text(q), width)?;
        if let Kind::Text { typo, exact, .. } = &q.kind {
            let rule = if *exact {
                "exact spelling (accents count)"
            } else if *typo {
                "one typo forgiven"
            } else {
                "case, accents and punctuation ignored"
            };
            writeln!(out, "   Matching: {rule}")?;
        }
        for c in &q.citations {
            hanging(
                out,
                &format!("   [{}] ", one_line(&c.source)),
                &format!("“{}”", c.quote),
                width,
            )?;
        }
    }
    Ok(())
}

/// One graded sheet: its score and a line per question.
pub fn graded_sheet(out: &mut impl Write, name: &str, quiz: &Quiz, report: &Report) -> fmt::Result {
    let verdict = match report.passed {
        Some(true) => ", passed",
        Some(false) => ", not passed",
        None => "",
    };
    writeln!(
        out,
        "{}: {} of {} ({:.0}%){verdict}",
        one_line(name),
        Points(report.score),
        Points(report.max).counted(),
        report.percent
    )?;
    for (q, o) in quiz.questions.iter().zip(&report.outcomes) {
        writeln!(
            out,
            "  {} {}  {}/{}",
            verdict_label(o.verdict).split(' ').next().unwrap_or(""),
            one_line(&q.id),
            Points(o.points),
            Points(o.max)
        )?;
    }
    Ok(())
}

/// What the student checked before answering: sources opened on the
/// questions they got right, and on those they missed.
pub fn reading_summary(out: &mut impl Write, attempt: &crate::attempt::Attempt) -> fmt::Result {
    let (mut right, mut right_opened, mut missed, mut missed_opened) = (0, 0, 0, 0);
    for a in &attempt.answers {
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
