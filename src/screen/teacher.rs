//! A teacher's screens: the answer key, which sources each question cites,
//! and a graded response sheet.

use std::fmt::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::escape::{one_line, Untrusted};
use crate::grade::Report;
use crate::points::{write_rounded, Count, Points};
use crate::quiz::{Kind, Quiz};

use super::{answer_text, cited_sources, hanging, source_line, verdict_label, wrapped};

/// The answer key for a teacher: each question, its answer, points and citations.
pub fn answer_key(out: &mut impl Write, quiz: &Quiz, width: usize) -> fmt::Result {
    writeln!(
        out,
        "Answer key: {} ({})",
        Untrusted::new(&quiz.title),
        Untrusted::new(&quiz.id)
    )?;
    writeln!(
        out,
        "{}, {}",
        Count(quiz.questions.len(), "question"),
        Points(quiz.max_points()).counted()
    )?;
    for (i, q) in quiz.questions.iter().enumerate() {
        writeln!(out)?;
        let tags = if q.tags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", Untrusted::new(q.tags.join(", ")))
        };
        writeln!(
            out,
            "{}. {} · {} · {}{tags}",
            i + 1,
            Untrusted::new(&q.id),
            q.kind.name(),
            Points(q.max_points()).counted()
        )?;
        wrapped(out, &q.prompt, width, "   ")?;
        let label = match q.kind {
            Kind::Reflection { .. } => "   Model answer: ",
            _ => "   Answer: ",
        };
        hanging(out, label, &answer_text(q), width)?;
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
                &format!("   [{}] ", Untrusted::new(&c.source)),
                &format!("“{}”", c.quote),
                width,
            )?;
        }
    }
    Ok(())
}

/// The sources of a quiz and a coverage matrix: which sources each question cites.
pub fn coverage(out: &mut impl Write, quiz: &Quiz, width: usize) -> fmt::Result {
    writeln!(
        out,
        "Sources of {} ({}):",
        Untrusted::new(&quiz.id),
        quiz.sources.len()
    )?;
    for s in &quiz.sources {
        let count = quiz.questions.iter().filter(|q| q.cites(&s.id)).count();
        writeln!(out)?;
        source_line(out, &s.id, &s.headline, width)?;
        let mut facts = vec![format!("file {}", Untrusted::new(&s.file))];
        if let Some(p) = &s.publisher {
            facts.push(format!("publisher {}", Untrusted::new(p)));
        }
        if let Some(d) = &s.date {
            facts.push(format!("date {}", Untrusted::new(d)));
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
        write!(out, "  {:qwidth$}", Untrusted::new(&q.id))?;
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

/// One graded sheet: its score and a line per question.
pub fn graded_sheet(out: &mut impl Write, name: &str, quiz: &Quiz, report: &Report) -> fmt::Result {
    let verdict = match report.passed {
        Some(true) => ", passed",
        Some(false) => ", not passed",
        None => "",
    };
    Untrusted::new(name).write_to(out)?;
    out.write_str(": ")?;
    Points(report.score).write_to(out)?;
    out.write_str(" of ")?;
    Points(report.max).counted().write_to(out)?;
    out.write_str(" (")?;
    write_rounded(out, report.percent)?;
    out.write_str("%)")?;
    out.write_str(verdict)?;
    out.write_char('\n')?;
    // Written piece by piece rather than through `writeln!`: a class's
    // grades are thousands of these lines.
    for (q, o) in quiz.questions.iter().zip(&report.outcomes) {
        let label = verdict_label(o.verdict);
        let mark = label
            .bytes()
            .position(|b| b == b' ')
            .map_or(label, |end| &label[..end]);
        out.write_str("  ")?;
        out.write_str(mark)?;
        out.write_char(' ')?;
        Untrusted::new(q.id.as_str()).write_to(out)?;
        out.write_str("  ")?;
        Points(o.points).write_to(out)?;
        out.write_char('/')?;
        Points(o.max).write_to(out)?;
        out.write_char('\n')?;
    }
    Ok(())
}

/// The built-in quizzes: each one's name (which `lateral take` accepts),
/// title, how many questions, and the skills (tags) it practises.
pub fn quiz_list(out: &mut impl Write, quizzes: &[Quiz], width: usize) -> fmt::Result {
    let name_width = quizzes
        .iter()
        .map(|q| one_line(&q.id).chars().count())
        .max()
        .unwrap_or(0)
        .max("quiz".len());
    writeln!(out, "{:name_width$}  questions  title and skills", "quiz")?;
    for q in quizzes {
        let mut tags: Vec<&str> = q
            .questions
            .iter()
            .flat_map(|x| x.tags.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        let first = format!(
            "{:name_width$}  {:>9}  ",
            one_line(&q.id),
            q.questions.len()
        );
        let text = format!("{} ({})", q.title, tags.join(", "));
        hanging(out, &first, &text, width)?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Take one by name from anywhere: lateral take {}",
        quizzes.first().map_or(String::new(), |q| one_line(&q.id))
    )
}
