//! The starter built from the texts of a sources folder: one question of
//! every kind the texts allow, each key true of the texts by construction
//! (every passage quoted was found in its text, and every passage said to
//! be missing from a text was searched for in it).

use std::fmt::Write as _;

use crate::cite::normalize_quote;

use super::articles::{fresh, Articles};
use super::{bottom, options, ron_string, top, typed, Question, HEADER};
use super::{
    MATCHING_COMMENT, MULTIPLE_COMMENT, NUMBER_COMMENT, ORDERING_COMMENT, REFLECTION_COMMENT,
    SINGLE_COMMENT, TEXT_COMMENT, TRUE_FALSE_COMMENT,
};

/// `n` and its noun: `1 source`, `5 sources`.
fn count(n: usize, noun: &str) -> String {
    crate::points::Count(n, noun).to_string()
}

/// `passage` in curly quotes, for a prompt.
fn quoted(passage: &str) -> String {
    format!("\u{201c}{passage}\u{201d}")
}

/// The starter built from the texts of a sources folder.
pub(super) fn from_texts(id: &str, articles: &Articles) -> String {
    let all = &articles.all;
    let mut out = String::from(HEADER);
    out.push_str(
        "//
// Its questions are templates built from the source texts: every quote is
// copied from a text, and every key is true of the texts as they were read.
// Keep what helps, and write your own questions beside them.
",
    );
    top(
        &mut out,
        id,
        &format!("Reading {} side by side", count(all.len(), "source")),
        "A starter quiz made from the texts in the sources folder: find words in the articles, and tell the articles apart.",
    );
    out.push_str(
        "    // The articles the quiz is built from: one for every .txt file in the
    // sources folder. `id` is what citations name, made from the file name
    // (lower case; letters, digits and `-`). `headline` is the text's first
    // line of three words or more: check it against the article. `file` is
    // the text's name in the folder. Add `publisher` or `date` only when the
    // text itself gives them.
    sources: [
",
    );
    for a in all {
        let _ = write!(
            out,
            "        (\n            id: {},\n            headline: {},\n            file: {},\n        ),\n",
            ron_string(&a.id),
            ron_string(&a.headline),
            ron_string(&a.file)
        );
    }
    out.push_str("    ],\n");

    let mut tests: Vec<(&str, String, bool)> = Vec::new();
    let questions = [
        which_article(articles, &mut tests),
        which_passages(articles, &mut tests),
        true_or_false(articles, &mut tests),
        how_many(articles, &mut tests),
        which_id(articles, &mut tests),
    ];
    // Matching and ordering only when the texts allow a key that is right by
    // construction; a reflection always.
    let questions: Vec<Question> = questions
        .into_iter()
        .chain(match_passages(articles, &mut tests))
        .chain(passage_order(articles, &mut tests))
        .chain([what_next(articles)])
        .collect();
    bottom(&mut out, &questions, &tests);
    out
}

/// Single: which of these articles contains a passage. Only the subject's
/// text contains it among the options (the others were searched).
fn which_article(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Question {
    let all = &articles.all;
    let k = articles.subject(0);
    let p = articles.passage_of(k);
    let holders = articles.holders(p);
    let mut list = vec![(all[k].id.clone(), all[k].headline.clone(), None)];
    let mut headlines = vec![normalize_quote(&all[k].headline)];
    for (j, a) in all.iter().enumerate() {
        if list.len() == 4 {
            break;
        }
        let h = normalize_quote(&a.headline);
        if !holders.contains(&j) && !headlines.contains(&h) {
            headlines.push(h);
            list.push((
                a.id.clone(),
                a.headline.clone(),
                Some(format!("These words are not in the text of {}.", a.file)),
            ));
        }
    }
    if list.len() < 2 {
        let taken: Vec<String> = list.iter().map(|o| o.0.clone()).collect();
        list.push((
            fresh("none", &taken),
            "None of this quiz's sources".to_owned(),
            Some(format!("They are in the text of {}.", all[k].file)),
        ));
    }
    tests.push((
        "which-article",
        format!("Choice({})", ron_string(&all[k].id)),
        true,
    ));
    Question {
        comment: SINGLE_COMMENT,
        scored: true,
        id: "which-article",
        prompt: format!("Which of these articles contains the words {}?", quoted(p)),
        tags: "\"facts\"",
        kind: format!(
            "Single(\n                options: {},\n                answer: {},\n            )",
            options(&list),
            ron_string(&all[k].id)
        ),
        explanation: format!(
            "The words are in the text of {} (headline: {}); the texts of the other articles offered do not contain them.",
            all[k].file,
            quoted(&all[k].headline)
        ),
        citations: vec![(all[k].id.clone(), p.to_owned())],
    }
}

/// Multiple: which passages occur in one article; the others are from other
/// articles and were searched for in it.
fn which_passages(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Question {
    let all = &articles.all;
    let k = articles.subject(1);
    let own: Vec<&String> = all[k].all_passages().take(2).collect();
    let foreign = articles.foreign(k);
    let foreign = &foreign[..foreign.len().min(2)];
    let mut list = Vec::new();
    let mut answers = Vec::new();
    let mut citations = Vec::new();
    for (n, p) in own.iter().enumerate() {
        let id = format!("in-{}", n + 1);
        list.push((id.clone(), (*p).clone(), None));
        answers.push(id);
        citations.push((all[k].id.clone(), (*p).clone()));
    }
    for (n, (j, p)) in foreign.iter().enumerate() {
        list.push((
            format!("not-in-{}", n + 1),
            (*p).to_owned(),
            Some(format!(
                "Not in this article: these words are from {}.",
                all[*j].file
            )),
        ));
        citations.push((all[*j].id.clone(), (*p).to_owned()));
    }
    if list.len() < 2 {
        list.push((
            "none".to_owned(),
            "None of these".to_owned(),
            Some("The other passage is in the article's text.".to_owned()),
        ));
    }
    let ids: Vec<String> = answers.iter().map(|a| ron_string(a)).collect();
    tests.push((
        "which-passages",
        format!("Choices([{}])", ids.join(", ")),
        true,
    ));
    if let Some((id, _, _)) = list.iter().find(|o| !answers.contains(&o.0)) {
        let mut with_wrong = ids.clone();
        with_wrong.push(ron_string(id));
        tests.push((
            "which-passages",
            format!("Choices([{}])", with_wrong.join(", ")),
            false,
        ));
    }
    let rest = if foreign.is_empty() {
        String::new()
    } else {
        format!(
            "; {} from other articles of the quiz, and not in this one",
            match foreign.len() {
                1 => "the other is",
                _ => "the others are",
            }
        )
    };
    Question {
        comment: MULTIPLE_COMMENT,
        scored: true,
        id: "which-passages",
        prompt: format!(
            "Which of these passages are in the article headlined {}? Select all that apply.",
            quoted(&all[k].headline)
        ),
        tags: "\"cross-check\"",
        kind: format!(
            "Multiple(\n                options: {},\n                answers: [{}],\n            )",
            options(&list),
            ids.join(", ")
        ),
        explanation: format!(
            "{} in the text of {}{rest}.",
            match own.len() {
                1 => "One passage is",
                2 => "Two passages are",
                _ => "These passages are",
            },
            all[k].file
        ),
        citations,
    }
}

/// TrueFalse: whether an article contains a passage. False when a passage
/// of another article is missing from it (searched), true otherwise.
fn true_or_false(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Question {
    let all = &articles.all;
    let k = articles.subject(2);
    let foreign = articles.foreign(k);
    let (answer, p, explanation, citation) = match foreign.last() {
        Some(&(j, p)) => (
            false,
            p.to_owned(),
            format!(
                "False: these words are from {} (headline: {}); the text of {} does not contain them.",
                all[j].file,
                quoted(&all[j].headline),
                all[k].file
            ),
            (all[j].id.clone(), p.to_owned()),
        ),
        None => {
            let p = articles.passage_of(k).to_owned();
            (
                true,
                p.clone(),
                format!("True: the words are in the text of {}.", all[k].file),
                (all[k].id.clone(), p),
            )
        }
    };
    tests.push(("true-false", format!("Bool({answer})"), true));
    Question {
        comment: TRUE_FALSE_COMMENT,
        scored: true,
        id: "true-false",
        prompt: format!(
            "The article headlined {} contains the words {}.",
            quoted(&all[k].headline),
            quoted(&p)
        ),
        tags: "\"judging-sources\"",
        kind: format!("TrueFalse(answer: {answer})"),
        explanation,
        citations: vec![citation],
    }
}

/// Number: how many sources the quiz declares (one per text).
fn how_many(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Question {
    let all = &articles.all;
    let n = all.len();
    tests.push(("how-many", typed(&n.to_string()), true));
    tests.push(("how-many", typed(&count(n, "source")), true));
    tests.push(("how-many", typed(&(n + 1).to_string()), false));
    let citations = articles
        .quotable
        .iter()
        .take(5)
        .map(|&i| (all[i].id.clone(), articles.passage_of(i).to_owned()))
        .collect();
    Question {
        comment: NUMBER_COMMENT,
        scored: true,
        id: "how-many",
        prompt: "How many sources does this quiz draw on? The welcome screen lists them."
            .to_owned(),
        tags: "\"facts\"",
        kind: format!(
            "Number(answer: {n}, tolerance: 0, unit: \"sources\", unit_aliases: [\"articles\"])"
        ),
        explanation: format!(
            "The quiz declares {}, each listed with its headline on the welcome screen.",
            count(n, "source")
        ),
        citations,
    }
}

/// Text: the id of the source that contains a passage; every source whose
/// text contains it is accepted.
fn which_id(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Question {
    let all = &articles.all;
    let k = articles.subject(3);
    let p = articles.passage_of(k);
    let holders = articles.holders(p);
    let accept: Vec<&str> = holders.iter().map(|&i| all[i].id.as_str()).collect();
    tests.push(("which-id", typed(&all[k].id.to_uppercase()), true));
    let wrong = match (0..all.len()).find(|i| !holders.contains(i)) {
        Some(j) => all[j].id.clone(),
        None => format!("{}-x", all[k].id),
    };
    tests.push(("which-id", typed(&wrong), false));
    let files: Vec<&str> = holders.iter().map(|&i| all[i].file.as_str()).collect();
    Question {
        comment: TEXT_COMMENT,
        scored: true,
        id: "which-id",
        prompt: format!(
            "Which source contains the words {}? Type its id, shown in [brackets] beside it on the welcome screen.",
            quoted(p)
        ),
        tags: "\"attribution\"",
        kind: format!(
            "Text(accept: [{}], typo: false)",
            accept.iter().map(|a| ron_string(a)).collect::<Vec<_>>().join(", ")
        ),
        explanation: match holders.len() {
            1 => format!(
                "The words are in the text of {} (id `{}`), and in no other source of this quiz.",
                files[0], all[k].id
            ),
            _ => format!("The words are in the texts of {}.", files.join(", ")),
        },
        citations: vec![(all[k].id.clone(), p.to_owned())],
    }
}

/// Matching: passages each found in exactly one article, paired with it.
fn match_passages(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Option<Question> {
    let all = &articles.all;
    let mut items: Vec<(usize, &str)> = Vec::new();
    for &k in &articles.quotable {
        let p = articles.passage_of(k);
        if articles.holders(p) == [k] && items.len() < 3 {
            items.push((k, p));
        }
    }
    if items.len() < 2 {
        return None;
    }
    let item_id = |n: usize| format!("passage-{}", n + 1);
    let mut kind = String::from("Matching(\n                items: [\n");
    for (n, (k, p)) in items.iter().enumerate() {
        let _ = writeln!(
            kind,
            "                    (id: {}, text: {}, answer: {}),",
            ron_string(&item_id(n)),
            ron_string(&quoted(p)),
            ron_string(&all[*k].id)
        );
    }
    kind.push_str("                ],\n                choices: [\n");
    for a in all.iter().take(6) {
        let _ = writeln!(
            kind,
            "                    (id: {}, text: {}),",
            ron_string(&a.id),
            ron_string(&a.headline)
        );
    }
    // Every item's article is a choice, even past the sixth.
    for (k, _) in &items {
        if *k >= 6 {
            let _ = writeln!(
                kind,
                "                    (id: {}, text: {}),",
                ron_string(&all[*k].id),
                ron_string(&all[*k].headline)
            );
        }
    }
    kind.push_str("                ],\n            )");
    let pairs = |rotate: bool| {
        let entries: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(n, (k, _))| {
                let k = if rotate {
                    items[(n + 1) % items.len()].0
                } else {
                    *k
                };
                format!("{}: {}", ron_string(&item_id(n)), ron_string(&all[k].id))
            })
            .collect();
        format!("Pairs({{{}}})", entries.join(", "))
    };
    tests.push(("match-passages", pairs(false), true));
    tests.push(("match-passages", pairs(true), false));
    Some(Question {
        comment: MATCHING_COMMENT,
        id: "match-passages",
        scored: true,
        prompt: "Match each passage with the article whose text contains it.".to_owned(),
        tags: "\"cross-check\"",
        kind,
        explanation: "Each passage is in the text of one of these articles only: the others were searched and do not contain it.".to_owned(),
        citations: items
            .iter()
            .map(|(k, p)| (all[*k].id.clone(), (*p).to_owned()))
            .collect(),
    })
}

/// Ordering: three passages of one article, in the order its text gives them.
fn passage_order(articles: &Articles, tests: &mut Vec<(&str, String, bool)>) -> Option<Question> {
    let all = &articles.all;
    let (k, mut found) = articles.quotable.iter().find_map(|&k| {
        let a = &all[k];
        let quotes: Vec<&str> = a.passages.iter().map(String::as_str).collect();
        let places = a.text.find_all(&quotes);
        let found: Vec<(usize, &str)> = quotes
            .iter()
            .zip(places)
            .filter_map(|(p, r)| Some((r?.start, *p)))
            .collect();
        (found.len() >= 3).then_some((k, found))
    })?;
    found.sort_by_key(|(at, _)| *at);
    found.truncate(3);
    let ids = ["first", "second", "third"];
    let mut kind = String::from("Ordering(\n                items: [\n");
    for (id, (_, p)) in ids.iter().zip(&found) {
        let _ = writeln!(
            kind,
            "                    (id: {}, text: {}),",
            ron_string(id),
            ron_string(&quoted(p))
        );
    }
    kind.push_str("                ],\n            )");
    tests.push((
        "passage-order",
        "Order([\"first\", \"second\", \"third\"])".to_owned(),
        true,
    ));
    tests.push((
        "passage-order",
        "Order([\"third\", \"second\", \"first\"])".to_owned(),
        false,
    ));
    Some(Question {
        comment: ORDERING_COMMENT,
        id: "passage-order",
        scored: true,
        prompt: format!(
            "Put these passages of the article headlined {} in the order its text gives them.",
            quoted(&all[k].headline)
        ),
        tags: "\"facts\"",
        kind,
        explanation: format!(
            "This is the order in which the words first appear in {}.",
            all[k].file
        ),
        citations: found
            .iter()
            .map(|(_, p)| (all[k].id.clone(), (*p).to_owned()))
            .collect(),
    })
}

/// Reflection: what to search for to find out who is behind an article.
fn what_next(articles: &Articles) -> Question {
    let all = &articles.all;
    let k = articles.subject(0);
    let p = articles.passage_of(k);
    Question {
        comment: REFLECTION_COMMENT,
        id: "what-next",
        scored: false,
        prompt: format!(
            "The article headlined {} is one of this quiz's sources. What would you search for to find out who published it, and why?",
            quoted(&all[k].headline)
        ),
        tags: "\"judging-sources\"",
        kind: format!(
            "Reflection(\n                model: {},\n            )",
            ron_string("A distinctive phrase from it in quotation marks, to find where it first appeared and who runs that site; then what else the site publishes, and who funds it.")
        ),
        explanation: "The text alone does not say who is behind it: a fact-checker leaves the page to find out.".to_owned(),
        citations: vec![(all[k].id.clone(), p.to_owned())],
    }
}
