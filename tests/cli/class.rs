//! Running a class: papers that hold no key, answer sheets taken in plain
//! mode, and a gradebook a spreadsheet (here Python's csv module) reads.

use std::path::Path;

use lateral::attempt::{fingerprint, Attempt};
use lateral::quiz::{Kind, Quiz, Response};
use lateral::shuffle::order;

use crate::take_plain::{correct_lines, mini};
use crate::util::{repo, shipped_quizzes, Lateral};

fn quiz() -> String {
    repo("tests/fixtures/mini.ron")
}

/// Every string in `quiz` that a student must not see before the end.
fn secrets(quiz: &Quiz) -> Vec<String> {
    let mut found = Vec::new();
    for q in &quiz.questions {
        found.push(q.explanation.clone());
        found.extend(q.citations.iter().map(|c| c.quote.clone()));
        found.extend(q.kind.options().iter().filter_map(|o| o.feedback.clone()));
        if let Kind::Text { accept, .. } = &q.kind {
            found.extend(accept.iter().cloned());
        }
        if let Kind::Reflection { model } = &q.kind {
            found.push(model.clone());
        }
        if let Kind::Matching { choices, .. } = &q.kind {
            found.extend(choices.iter().filter_map(|c| c.feedback.clone()));
        }
    }
    for t in &quiz.tests {
        match &t.response {
            Response::Text(text) => found.push(text.clone()),
            Response::Choice(_) | Response::Choices(_) | Response::Bool(_) => {}
            Response::Pairs(_) | Response::Order(_) => {}
        }
    }
    found.retain(|s| !s.trim().is_empty());
    found
}

/// What the quiz shows a student anyway: a secret found here is no leak.
fn shown_anyway(quiz: &Quiz) -> String {
    let mut text = vec![quiz.title.clone(), quiz.description.clone()];
    for s in &quiz.sources {
        text.extend([s.id.clone(), s.headline.clone(), s.file.clone()]);
    }
    for q in &quiz.questions {
        text.extend([q.id.clone(), q.prompt.clone()]);
        text.extend(q.kind.options().iter().map(|o| o.text.clone()));
        text.extend(q.kind.options().iter().map(|o| o.id.clone()));
    }
    text.join("\n")
}

#[test]
fn a_paper_of_every_shipped_quiz_holds_no_key() {
    let quizzes = shipped_quizzes();
    assert!(quizzes.len() >= 5);
    let mut checked = 0;
    for path in quizzes {
        let l = Lateral::new();
        let run = l.run_with_input(&["paper", &path.display().to_string(), "-o", "p.ron"], "");
        assert_eq!(run.code, 0, "{}", run.stderr);
        let paper = std::fs::read_to_string(l.path("p.ron")).unwrap();
        let quiz = lateral::cli::load_quiz(&path).unwrap().value;
        // No field that could hold a key.
        for field in [
            "answer:",
            "answers:",
            "accept:",
            "tolerance:",
            "feedback:",
            "explanation:",
            "citations:",
            "quote:",
            "tests:",
            "expect:",
            "typo:",
            "exact:",
        ] {
            assert!(!paper.contains(field), "{}: {field}", path.display());
        }
        // And no text from the key, unless the quiz shows it anyway.
        let visible = shown_anyway(&quiz);
        for secret in secrets(&quiz) {
            if visible.contains(&secret) {
                continue;
            }
            let escaped = secret.replace('\\', "\\\\").replace('"', "\\\"");
            assert!(
                !paper.contains(&secret) && !paper.contains(&escaped),
                "{}: the paper holds {secret:?}",
                path.display()
            );
            checked += 1;
        }
        assert!(paper.contains(&format!("fingerprint: \"{}\"", fingerprint(&quiz))));
    }
    assert!(checked > 200, "only {checked} secrets checked");
}

/// Lines answering the mini quiz's paper under `seed`: right, or every
/// choice wrong.
fn paper_lines(seed: u64, right: bool) -> String {
    let lines = correct_lines(&mini(), seed);
    if right {
        return lines.join("\n") + "\n";
    }
    let quiz = mini();
    let order = order(&quiz, seed);
    order
        .questions
        .iter()
        .map(|&qi| match &quiz.questions[qi].kind {
            Kind::TrueFalse { answer } => if *answer { "f" } else { "t" }.to_owned(),
            Kind::Number { .. } => "100".to_owned(),
            Kind::Text { .. } => "nobody".to_owned(),
            Kind::Single { .. } | Kind::Multiple { .. } => {
                let shown = &order.options[qi];
                let q = &quiz.questions[qi];
                let wrong = shown
                    .iter()
                    .position(|&i| {
                        let id = &q.kind.options()[i].id;
                        id == "green" || id == "none"
                    })
                    .unwrap();
                lateral::screen::letter(wrong).to_string()
            }
            other => unreachable!("the fixture has no {} question", other.name()),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A class of three takes the paper into `class/`; returns the run's dir.
fn class_of_three() -> Lateral {
    let l = Lateral::new();
    let made = l.run_with_input(&["paper", &quiz(), "-o", "mini.paper.ron"], "");
    assert_eq!(made.code, 0, "{}", made.stderr);
    for (name, seed, right) in [
        ("Ana García", 1, true),
        ("=cmd|' /C calc'!A0", 2, false),
        ("Chen Wei", 3, true),
    ] {
        let seed_text = seed.to_string();
        let run = l.run_with_input(
            &[
                "take",
                "mini.paper.ron",
                "--name",
                name,
                "--seed",
                &seed_text,
                "--save",
                "class/",
            ],
            &paper_lines(seed, right),
        );
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(run.stdout.contains("Submitted: 5 of 5 answered."));
        assert!(!run.stdout.contains("Why:"), "{}", run.stdout);
    }
    l
}

/// The rows of a CSV file, as Python's csv module reads them.
fn python_csv(path: &Path) -> Vec<Vec<String>> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import csv, json, sys\nwith open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n    print(json.dumps(list(csv.reader(f))))",
        ])
        .arg(path)
        .output()
        .expect("python3 reads the gradebook");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_class_takes_the_paper_and_the_gradebook_opens_in_a_spreadsheet() {
    let l = class_of_three();
    let run = l.again(&["grade", &quiz(), "class", "--csv", "book.csv", "--bom"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("3 of 3 sheets graded"),
        "{}",
        run.stdout
    );
    let bytes = std::fs::read(l.path("book.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let rows = python_csv(&l.path("book.csv"));
    assert_eq!(
        rows[0],
        [
            "name",
            "sheet",
            "submitted",
            "pick",
            "all",
            "tf",
            "count",
            "who",
            "total",
            "max",
            "percent",
            "passed"
        ]
    );
    assert_eq!(rows.len(), 4);
    let by_name = |name: &str| rows.iter().find(|r| r[0] == name).unwrap().clone();
    let ana = by_name("Ana García");
    assert_eq!(
        &ana[3..],
        ["1", "2", "1", "1", "1", "6", "6", "100.0", "yes"]
    );
    assert!(ana[1].starts_with("class/mini-ana-garcia-"), "{ana:?}");
    assert!(ana[2].starts_with("20"), "a submission time: {ana:?}");
    // A name that looks like a formula is kept as text.
    let evil = by_name("'=cmd|' /C calc'!A0");
    assert_eq!(&evil[3..], ["0", "0", "0", "0", "0", "0", "6", "0.0", "no"]);
    assert_eq!(by_name("Chen Wei")[7], "1");
}

#[test]
fn a_sheet_of_another_quiz_version_is_refused_naming_both_fingerprints() {
    let l = class_of_three();
    let changed = std::fs::read_to_string(quiz()).unwrap().replace(
        "Which colour was the door?",
        "Which colour was the front door?",
    );
    let l = l.file("changed.ron", &changed);
    let run = l.again(&["grade", "changed.ron", "class", "--csv", "-"]);
    assert_eq!(run.code, 1);
    let theirs = fingerprint(&mini());
    let ours = fingerprint(&lateral::load::parse::<Quiz>(&changed).unwrap().value);
    assert!(
        run.stderr.contains(&theirs) && run.stderr.contains(&ours),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("class/mini-ana-garcia-"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("3 of 3 sheets could not be graded\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_sheets_are_named_and_the_others_still_graded() {
    let l = class_of_three()
        .file(
            "class/extra/truncated.ron",
            "(format: 1, quiz: \"mini\", responses: {\"pick\": Choice(\"red\")",
        )
        .file(
            "class/extra/unknown.ron",
            "(format: 1, quiz: \"mini\", responses: {\"pik\": Choice(\"red\")})",
        )
        .file("empty/.keep", "");
    let run = l.again(&["grade", &quiz(), "class", "--csv", "-"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("truncated.ron:1:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("response to unknown question `pik`")
            && run.stderr.contains("did you mean `pick`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("2 of 5 sheets could not be graded\n"),
        "{}",
        run.stderr
    );
    // The three good sheets are still in the gradebook.
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);

    let empty = l.again(&["grade", &quiz(), "empty"]);
    assert_eq!(empty.code, 1);
    assert!(
        empty.stderr.contains("no sheets to grade"),
        "{}",
        empty.stderr
    );
}

#[test]
fn two_sheets_with_one_name_are_flagged_with_both_files() {
    let l = class_of_three();
    let again = l.run_with_input(
        &[
            "take",
            "mini.paper.ron",
            "--name",
            "Chen Wei",
            "--seed",
            "4",
            "--save",
            "class/",
        ],
        &paper_lines(4, false),
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    let run = l.again(&["grade", &quiz(), "class", "--csv", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let flagged = run
        .stderr
        .lines()
        .find(|l| l.contains("two sheets are named Chen Wei"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert_eq!(
        flagged.matches("class/mini-chen-wei-").count(),
        2,
        "{flagged}"
    );
}

#[test]
fn an_existing_file_that_is_not_a_paper_is_never_overwritten_by_one() {
    let l = Lateral::new().file("notes.ron", "my notes");
    let run = l.run_with_input(&["paper", &quiz(), "-o", "notes.ron"], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("notes.ron exists and is not an exam paper"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(l.path("notes.ron")).unwrap(),
        "my notes"
    );
    // A paper is replaced by a newer one.
    assert_eq!(
        l.run_with_input(&["paper", &quiz(), "-o", "p.ron"], "")
            .code,
        0
    );
    assert_eq!(
        l.run_with_input(&["paper", &quiz(), "-o", "p.ron"], "")
            .code,
        0
    );
}

#[test]
fn a_quiz_answer_sheet_is_graded_like_a_paper_sheet_with_an_empty_name() {
    let mut a = Attempt::new(
        &mini(),
        "mini.ron",
        1,
        &order(&mini(), 1),
        None,
        "2026-11-29T08:00:00Z",
    );
    a.finished = true;
    let l = Lateral::new().file("a.ron", a.to_ron());
    let run = l.again(&["grade", &quiz(), "a.ron", "--csv", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let row = run.stdout.lines().nth(1).unwrap();
    assert!(
        row.starts_with(",a.ron,2026-11-29T08:00:00Z,0,0,0,0,0,0,6,0.0,no"),
        "{row}"
    );
}

#[test]
fn a_paper_on_a_terminal_survives_kill_9_and_resumes_for_the_same_student() {
    use expectrl::Expect;
    let l = Lateral::new();
    assert_eq!(
        l.run_with_input(&["paper", &quiz(), "-o", "p.ron"], "")
            .code,
        0
    );
    let paper = l.path("p.ron").display().to_string();
    let class = format!("{}/", l.path("class").display());
    let pty = crate::pty::Pty::new();
    let mut p = pty.spawn(&["take", &paper, "--seed", "9", "--save", &class]);
    p.expect("Your name").unwrap();
    p.send("Ana\r").unwrap();
    p.expect("Exam paper").unwrap();
    // Answer the first question (whatever it is) with its first option or a typed line.
    p.expect("Question 1 of 5").unwrap();
    let quiz = mini();
    let first = &quiz.questions[order(&quiz, 9).questions[0]];
    match first.kind {
        Kind::Multiple { .. } => {
            p.expect("Select all that apply").unwrap();
            p.send(" ").unwrap();
            p.send("\r").unwrap();
        }
        Kind::Single { .. } | Kind::TrueFalse { .. } => {
            p.expect("(↑/↓, Enter)").unwrap();
            p.send("\r").unwrap();
        }
        Kind::Number { .. } | Kind::Text { .. } => {
            p.expect("›").unwrap();
            p.send("9\r").unwrap();
        }
        ref other => unreachable!("the fixture has no {} question", other.name()),
    }
    p.expect("Question 2 of 5").unwrap();
    let sheets = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(l.path("class"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect()
    };
    let pid = p.get_process().pid().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap()
        .success());
    let _ = p.expect(expectrl::Eof);
    let files = sheets();
    assert_eq!(files.len(), 1);
    let saved = lateral::store::read(&files[0]).unwrap();
    assert_eq!(
        (saved.answers.len(), saved.name.as_deref()),
        (1, Some("Ana"))
    );

    // Ana comes back: offered her sheet, with one answer kept.
    let mut p = pty.spawn(&["take", &paper, "--save", &class, "--name", "Ana"]);
    p.expect("Resume your unfinished attempt").unwrap();
    p.expect("(1 of 5 answered)").unwrap();
    p.send("\r").unwrap();
    p.expect("Question 2 of 5").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send("\x03").unwrap();
    let _ = p.expect(expectrl::Eof);
    assert_eq!(sheets().len(), 1, "the same sheet, resumed");
}

#[test]
fn history_json_lists_attempts_and_paper_sheets() {
    let l = Lateral::new();
    assert_eq!(
        l.run_with_input(&["paper", &quiz(), "-o", "p.ron"], "")
            .code,
        0
    );
    let took = l.run_with_input(&["take", &quiz(), "--seed", "2"], &paper_lines(2, true));
    assert_eq!(took.code, 0, "{}", took.stderr);
    let sat = l.run_with_input(
        &["take", "p.ron", "--seed", "2", "--name", "Ana"],
        &paper_lines(2, true),
    );
    assert_eq!(sat.code, 0, "{}", sat.stderr);
    let run = l.again(&["history", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(list.len(), 2, "{}", run.stdout);
    let attempt = list.iter().find(|e| e["paper"] == false).unwrap();
    assert_eq!(attempt["quiz"], "mini");
    assert_eq!(attempt["finished"], true);
    assert_eq!(
        (attempt["score"].as_f64(), attempt["max"].as_f64()),
        (Some(6.0), Some(6.0))
    );
    assert_eq!(attempt["passed"], true);
    assert!(attempt["name"].is_null());
    let sheet = list.iter().find(|e| e["paper"] == true).unwrap();
    assert_eq!(sheet["name"], "Ana");
    assert_eq!(
        (sheet["answered"].as_u64(), sheet["asked"].as_u64()),
        (Some(5), Some(5))
    );
    assert!(
        sheet["score"].is_null() && sheet["passed"].is_null(),
        "{sheet}"
    );
    let table = l.again(&["history"]);
    assert!(table.stdout.contains("submitted"), "{}", table.stdout);
}

/// Answer sheets of the mini quiz with fixed names, times and answers, as
/// `take` writes them: a golden class.
fn golden_class(l: Lateral) -> Lateral {
    let quiz = mini();
    let sheet = |name: &str, minute: u32, answers: &[(&str, Response)]| {
        let mut a = Attempt::new(
            &quiz,
            "mini.ron",
            1,
            &order(&quiz, 1),
            None,
            "2026-11-29T08:00:00Z",
        );
        a.name = Some(name.to_owned());
        a.paper = true;
        a.exam = true;
        a.finished = true;
        a.updated = format!("2026-11-29T08:{minute:02}:00Z");
        for (id, response) in answers {
            a.answers.push(lateral::attempt::Answer {
                question: (*id).to_owned(),
                response: response.clone(),
                points: 0.0,
                max: 1.0,
                opened: vec![],
            });
        }
        a.to_ron()
    };
    let text = |s: &str| Response::Text(s.to_owned());
    let choices = |ids: &[&str]| Response::Choices(ids.iter().map(|s| (*s).to_owned()).collect());
    l.file(
        "golden/ana.ron",
        sheet(
            "Ana",
            10,
            &[
                ("pick", Response::Choice("red".into())),
                ("all", choices(&["a", "b"])),
                ("tf", Response::Bool(true)),
                ("count", text("9")),
                ("who", text("Calderón")),
            ],
        ),
    )
    .file(
        "golden/ben.ron",
        sheet(
            "Ben",
            12,
            &[
                ("pick", Response::Choice("blue".into())),
                ("all", choices(&["a"])),
                ("tf", Response::Bool(true)),
                ("count", text("nine minutes")),
            ],
        ),
    )
    .file(
        "golden/cleo.ron",
        sheet(
            "@Cleo",
            15,
            &[
                ("pick", Response::Choice("red".into())),
                ("all", choices(&["a", "none"])),
                ("tf", Response::Bool(false)),
                ("count", text("10")),
                ("who", text("Sarukhan")),
            ],
        ),
    )
}

#[test]
fn the_gradebook_of_a_fixed_class() {
    let l = golden_class(Lateral::new());
    let run = l.again(&["grade", &quiz(), "golden", "--csv", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("gradebook_of_a_fixed_class", run.stdout);
}

#[test]
fn the_item_analysis_of_a_fixed_class() {
    let l = golden_class(Lateral::new());
    let run = l.again(&["stats", &quiz(), "golden"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("item_analysis_of_a_fixed_class", run.stdout);
    // By hand: `pick` right for Ana and Cleo (2 of 3); totals 6, 3 (Ben:
    // half of `all`'s 2 points, `tf`, `count`) and 1.
    let json = l.again(&["stats", &quiz(), "golden", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["sheets"], 3);
    let pick = &v["questions"][0];
    assert_eq!(pick["id"], "pick");
    assert!(
        (pick["facility"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9,
        "{pick}"
    );
    let mean = v["test"]["mean"].as_f64().unwrap();
    assert!(
        (mean - (6.0 + 3.0 + 1.0) / 3.0).abs() < 1e-9,
        "{}",
        v["test"]
    );
    assert_eq!(v["test"]["median"].as_f64(), Some(3.0));
    // Discrimination of `pick`: x = [1, 0, 1], rest R = [5, 3, 0];
    // cov = -1/6, var x = 1/3, var R = 57/9, so 100 * cov / sqrt(var x var R).
    let by_hand = 100.0 * (-1.0 / 6.0) / ((1.0 / 3.0) * (57.0 / 9.0_f64)).sqrt();
    let d = pick["discrimination"].as_f64().unwrap();
    assert!((d - by_hand).abs() < 1e-9, "{d} vs {by_hand}");
    // The CSV reads back in Python, one row per question.
    let csv = l.again(&["stats", &quiz(), "golden", "--csv", "items.csv"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let rows = python_csv(&l.path("items.csv"));
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[1][1], "pick");
}
