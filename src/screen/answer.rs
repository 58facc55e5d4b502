//! Answers and verdicts in words: the key's answer, the student's response,
//! and the label for how it fared. Option text and typed answers come from
//! files and students, so all of it is escaped onto one line.

use crate::escape::one_line;
use crate::grade::Verdict;
use crate::points::Number;
use crate::quiz::{Kind, Question, Response};

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
        Kind::Matching { items, .. } => items
            .iter()
            .map(|i| format!("{} → {}", one_line(&i.text), option_text(&i.answer)))
            .collect::<Vec<_>>()
            .join("; "),
        Kind::Ordering { items } => items
            .iter()
            .map(|i| one_line(&i.text))
            .collect::<Vec<_>>()
            .join(", then "),
        Kind::Reflection { model } => one_line(model),
    }
}

/// The text of item `id` of a matching question (the id when unknown).
fn item_text(q: &Question, id: &str) -> String {
    match &q.kind {
        Kind::Matching { items, .. } => items
            .iter()
            .find(|i| i.id == id)
            .map_or_else(|| one_line(id), |i| one_line(&i.text)),
        _ => one_line(id),
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
        Response::Pairs(pairs) if pairs.is_empty() => "(nothing paired)".to_owned(),
        Response::Pairs(pairs) => {
            // In the question's order of items, then any it does not know.
            let mut ids: Vec<&String> = Vec::new();
            if let Kind::Matching { items, .. } = &q.kind {
                ids.extend(
                    items
                        .iter()
                        .map(|i| &i.id)
                        .filter(|id| pairs.contains_key(*id)),
                );
            }
            ids.extend(
                pairs
                    .keys()
                    .filter(|k| !ids.contains(k))
                    .collect::<Vec<_>>(),
            );
            ids.iter()
                .map(|item| format!("{} → {}", item_text(q, item), option_text(&pairs[*item])))
                .collect::<Vec<_>>()
                .join("; ")
        }
        Response::Order(ids) => ids
            .iter()
            .map(|i| option_text(i))
            .collect::<Vec<_>>()
            .join(", then "),
    }
}

/// The symbol and word for a verdict; the symbol reads without colour.
pub fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Correct => "✓ Right",
        Verdict::Partial => "◐ Partly right",
        Verdict::Wrong => "✗ Wrong",
        Verdict::Unanswered => "· Not answered",
        Verdict::Open => "✎ Your answer is kept (not scored)",
    }
}

/// The verdict label in colour (when colour is on: `--color`, `NO_COLOR`).
pub fn styled_verdict(v: Verdict) -> String {
    let style = match v {
        Verdict::Correct => console::Style::new().green().bold(),
        Verdict::Partial => console::Style::new().yellow().bold(),
        Verdict::Wrong => console::Style::new().red().bold(),
        Verdict::Unanswered => console::Style::new().dim(),
        Verdict::Open => console::Style::new().cyan().bold(),
    };
    style.apply_to(verdict_label(v)).to_string()
}
