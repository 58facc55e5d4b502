//! Hostile files: every string a quiz, sheet, attempt or source folder can
//! hold, and the file names themselves, are full of escape sequences,
//! control characters, bidi controls and invisible characters. Whatever the
//! command and whichever way it ends, none of them reaches the terminal raw.

use std::path::{Path, PathBuf};

use crate::util::{Lateral, Run};

/// Everything that must not reach a terminal raw, in one string: a clear
/// screen, a window title (OSC … BEL), a colour through the one-byte CSI
/// (U+009B), a C1 next line, DEL, an RTL override, an isolate, a zero-width
/// space, a byte-order mark and a line separator.
const H: &str =
    "\x1b[2J\x1b]0;pwned\x07\u{9b}31m\u{85}\x7f\u{202e}\u{2066}\u{200b}\u{feff}\u{2028}";

/// A name with `H` inside, unique by `tag`.
fn h(tag: &str) -> String {
    format!("{tag}{H}{tag}")
}

/// The quiz file's name, and the sources folder's and a source file's.
fn quiz_name() -> String {
    format!("quiz{}.ron", "\x1b[31m\u{202e}\u{9b}1m\u{200b}")
}
fn sources_dir() -> String {
    "texts\x1b]0;dir\x07\u{85}".to_owned()
}
fn source_file() -> String {
    format!("a{}.txt", "\x1b[2J\u{2066}\u{feff}")
}

/// The text of the source: the quotes, and hostile text around them.
fn source_text() -> String {
    format!(
        "{H} Opening words {H}.\nNeighbours met behind the red door, {} said, for nine minutes.\nThe meeting {H} ended.\n",
        h("who")
    )
}

/// A quiz with `H` in every string field. `extra` is added to the first
/// question (to break it), `tests` replaces the answer-key tests.
fn quiz_text(extra: &str, tests: &str, quote: &str) -> String {
    let s = |tag: &str| lit(&h(tag));
    format!(
        r#"(
    format: 1,
    id: {id},
    title: {title},
    description: {description},
    pass_mark: 60,
    sources: [
        (id: {src}, headline: {headline}, publisher: {publisher}, date: {date}, file: {file}),
    ],
    questions: [
        (
            id: {q1},
            prompt: {prompt},
            tags: [{tag}],
            kind: Single(
                options: [
                    (id: {o1}, text: {t1}, feedback: {f1}),
                    (id: {o2}, text: {t2}, feedback: {f2}),
                ],
                answer: {o1},
            ),
            explanation: {why},
            citations: [(source: {src}, quote: {quote})],{extra}
        ),
        (
            id: {q2},
            prompt: {prompt},
            tags: [{tag}],
            kind: Multiple(
                options: [(id: {o1}, text: {t1}), (id: {o2}, text: {t2}), (id: "none", text: {t3})],
                answers: [{o1}, {o2}],
            ),
            explanation: {why},
            citations: [(source: {src}, quote: "the red door")],
        ),
        (
            id: {q3},
            prompt: {prompt},
            kind: TrueFalse(answer: true),
            explanation: {why},
            citations: [(source: {src}, quote: "nine minutes")],
        ),
        (
            id: {q4},
            prompt: {prompt},
            tags: [{tag}],
            kind: Number(answer: 9, unit: {unit}, unit_aliases: [{alias}]),
            explanation: {why},
            citations: [(source: {src}, quote: "nine minutes")],
        ),
        (
            id: {q5},
            prompt: {prompt},
            tags: [{tag}],
            kind: Text(accept: [{accept}, "Calderón"]),
            explanation: {why},
            citations: [(source: {src}, quote: {who})],
        ),
    ],
    tests: [{tests}],
)
"#,
        // Quiz ids are plain names (`check` refuses anything else, which
        // `invalid_hostile_quizzes_are_reported_safely` shows); every other
        // field is hostile.
        id = "\"hostile-quiz\"",
        title = s("title"),
        description = s("description"),
        src = s("src"),
        headline = s("headline"),
        publisher = s("publisher"),
        date = s("date"),
        file = lit(&source_file()),
        q1 = s("q1"),
        q2 = s("q2"),
        q3 = s("q3"),
        q4 = s("q4"),
        q5 = s("q5"),
        prompt = s("prompt"),
        tag = s("tag"),
        o1 = s("o1"),
        o2 = s("o2"),
        t1 = s("t1"),
        t2 = s("t2"),
        t3 = s("t3"),
        f1 = s("f1"),
        f2 = s("f2"),
        why = s("why"),
        unit = s("unit"),
        alias = s("alias"),
        accept = s("accept"),
        who = lit(&h("who")),
        quote = lit(quote),
    )
}

/// Answer-key tests that pass, quoting hostile responses.
fn passing_tests() -> String {
    format!(
        "(question: {q5}, response: Text({accept}), expect: Accept), (question: {q5}, response: Text({wrong}), expect: Reject)",
        q5 = lit(&h("q5")),
        accept = lit(&h("accept")),
        wrong = lit(&h("wrong")),
    )
}

fn valid_quiz() -> String {
    quiz_text("", &passing_tests(), "the red door")
}

/// A folder with the hostile quiz (valid), its source and a copy of the quiz.
fn corpus() -> Lateral {
    Lateral::new().file(&quiz_name(), valid_quiz()).file(
        &format!("{}/{}", sources_dir(), source_file()),
        source_text(),
    )
}

/// Characters a file may hold that must never reach a terminal as they are.
fn is_raw_control(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// No raw control, bidi or invisible character on either stream.
#[track_caller]
fn assert_safe(what: &str, run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if let Some(c) = text.chars().find(|&c| is_raw_control(c)) {
            panic!("{what}: {stream} holds {c:?} raw:\n{}", text.escape_debug());
        }
    }
}

/// Bytes of a file, checked the same way.
#[track_caller]
fn assert_safe_bytes(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|&c| is_raw_control(c)) {
        panic!("{what} holds {c:?} raw:\n{}", text.escape_debug());
    }
}

/// The one attempt file under the data directory's `attempts`.
fn attempt_files(l: &Lateral) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in std::fs::read_dir(l.path("data/attempts"))
        .unwrap()
        .flatten()
    {
        for f in crate::util::attempt_files_in(&dir.path()) {
            if f.extension().is_some_and(|e| e == "ron") {
                found.push(f);
            }
        }
    }
    found
}

/// Rewrites an attempt's `started` with hostile text and renames its file
/// to a hostile name; returns the new path.
fn poison_attempt(path: &Path) -> PathBuf {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("started: \"").unwrap() + "started: \"".len();
    let end = start + text[start..].find('"').unwrap();
    let poisoned = format!(
        "{}{}{}",
        &text[..start],
        ron_escaped(&h("2026")),
        &text[end..]
    );
    let to = path.with_file_name(format!("{}.ron", h("attempt")));
    std::fs::write(&to, poisoned).unwrap();
    std::fs::remove_file(path).unwrap();
    to
}

/// `s` as a RON string literal, its characters written raw.
fn lit(s: &str) -> String {
    format!("\"{}\"", ron_escaped(s))
}

/// `s` written raw inside a RON string (only `"` and `\` need escapes).
fn ron_escaped(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Plain-mode answers to the valid quiz in the order asked: whatever the
/// order, `a` is a valid answer to a choice, `a` for "select all", `t`,
/// `9` and a hostile typed answer.
fn answers() -> String {
    // Each line is tried against whichever question is asked; lines that
    // do not fit are refused with a hint (which is exercised too), so the
    // run ends when input does.
    let mut lines = Vec::new();
    for _ in 0..5 {
        lines.extend(["a".to_owned(), "t".to_owned(), "9".to_owned(), h("typed")]);
    }
    lines.join("\n") + "\n"
}

#[test]
fn hostile_quiz_through_every_teacher_command() {
    let l = corpus();
    let quiz = quiz_name();
    let dir = sources_dir();
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("check", vec!["check", &quiz]),
        ("check --sources", vec!["check", "--sources", &dir, &quiz]),
        ("test", vec!["test", &quiz]),
        ("key", vec!["key", &quiz]),
        ("key --json", vec!["key", &quiz, "--json"]),
        ("sources", vec!["sources", &quiz]),
        ("sources --json", vec!["sources", &quiz, "--json"]),
    ];
    for (what, args) in runs {
        let run = l.again(&args);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr.escape_debug());
        assert_safe(what, &run);
    }
    // What the files said is still all there, escaped.
    let key = l.again(&["key", &quiz]);
    assert!(
        key.stdout.contains(
            r"t1\x1b[2J\x1b]0;pwned\x07\u{9b}31m\u{85}\x7f\u{202e}\u{2066}\u{200b}\u{feff}\u{2028}t1"
        ),
        "{}",
        key.stdout
    );
    let check = l.again(&["check", &quiz]);
    assert!(
        check
            .stdout
            .starts_with(r"quiz\x1b[31m\u{202e}\u{9b}1m\u{200b}.ron: ok"),
        "{}",
        check.stdout
    );
}

#[test]
fn json_outputs_escape_and_read_back_the_same() {
    let l = corpus();
    let quiz = quiz_name();
    for args in [
        vec!["key", &quiz, "--json"],
        vec!["sources", &quiz, "--json"],
    ] {
        let run = l.again(&args);
        assert_safe(&args.join(" "), &run);
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert!(value.is_array() || value.is_object());
        assert!(run.stdout.contains(
            r"\u001b[2J\u001b]0;pwned\u0007\u009b31m\u0085\u007f\u202e\u2066\u200b\ufeff\u2028"
        ));
    }
    let key = l.again(&["key", &quiz, "--json"]);
    let value: serde_json::Value = serde_json::from_str(&key.stdout).unwrap();
    assert_eq!(value[0]["prompt"], h("prompt"));
    let sources = l.again(&["sources", &quiz, "--json"]);
    let value: serde_json::Value = serde_json::from_str(&sources.stdout).unwrap();
    assert_eq!(value["sources"][0]["file"], source_file());
}

#[test]
fn key_sheet_holds_no_raw_control_and_grades_in_full() {
    let l = corpus();
    let quiz = quiz_name();
    let key = l.again(&["key", &quiz, "--sheet"]);
    assert_eq!(key.code, 0, "{}", key.stderr.escape_debug());
    assert_safe("key --sheet", &key);
    std::fs::write(l.path("key.ron"), &key.stdout).unwrap();
    assert_safe_bytes("the key sheet", &std::fs::read(l.path("key.ron")).unwrap());
    let graded = l.again(&["grade", &quiz, "key.ron"]);
    assert_eq!(graded.code, 0, "{}", graded.stderr.escape_debug());
    assert!(
        graded.stdout.contains("(100%), passed"),
        "{}",
        graded.stdout
    );
    assert_safe("grade key.ron", &graded);
}

#[test]
fn hostile_sheets_are_graded_and_refused_safely() {
    let quiz_id = "\"hostile-quiz\"";
    let good = format!(
        "(format: 1, quiz: {quiz_id}, responses: {{ {q1}: Choice({o2}), {q5}: Text({typed}), {q4}: Text({typed}) }})",
        q1 = lit(&h("q1")),
        o2 = lit(&h("o2")),
        q5 = lit(&h("q5")),
        q4 = lit(&h("q4")),
        typed = lit(&h("typed")),
    );
    let unknown_keys = format!(
        "(format: 1, quiz: {quiz_id}, responses: {{ {k}: Choice({o}), {q1}: Choice({o}) }})",
        k = lit(&h("nokey")),
        q1 = lit(&h("q1")),
        o = lit(&h("nooption")),
    );
    let other_quiz = format!(
        "(format: 1, quiz: {}, responses: {{}})",
        lit(&h("otherquiz"))
    );
    let not_ron = format!("(format: 1, {H} quiz: \"x\")");
    let sheet_name = format!("sheet{}.ron", "\x1b[2J\u{202e}");
    let l = corpus()
        .file(&sheet_name, good)
        .file("unknown.ron", unknown_keys)
        .file(&format!("other{}.ron", "\u{9b}2J"), other_quiz)
        .file("broken.ron", not_ron);
    let quiz = quiz_name();
    let other = format!("other{}.ron", "\u{9b}2J");
    for json in [false, true] {
        let mut args = vec!["grade", quiz.as_str(), sheet_name.as_str()];
        if json {
            args.push("--json");
        }
        let run = l.again(&args);
        assert_eq!(run.code, 0, "{}", run.stderr.escape_debug());
        assert_safe(&args.join(" "), &run);
        let mut args = vec![
            "grade",
            quiz.as_str(),
            "unknown.ron",
            other.as_str(),
            "broken.ron",
            sheet_name.as_str(),
        ];
        if json {
            args.push("--json");
        }
        let run = l.again(&args);
        assert_eq!(run.code, 1, "{}", run.stderr.escape_debug());
        assert_safe("grade of bad sheets", &run);
        assert!(
            run.stderr.contains("3 of 4 sheets could not be graded"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn hostile_sources_are_checked_and_reported_safely() {
    let quiz = quiz_name();
    let dir = sources_dir();
    // A quote that is not in the text: the closest passage is shown, with
    // the source's hostile text around it.
    let misquoted = quiz_text("", &passing_tests(), &format!("the blue door {H}"));
    let l = corpus().file("misquoted.ron", misquoted);
    let run = l.again(&["check", "--sources", &dir, "misquoted.ron"]);
    assert_eq!(run.code, 1, "{}", run.stderr.escape_debug());
    assert_safe("check --sources, misquoted", &run);
    assert!(run.stderr.contains("closest passage in"), "{}", run.stderr);
    // The source file is missing from the folder.
    let run = l.again(&["check", "--sources", "elsewhere\x1b[2J", &quiz]);
    assert_eq!(run.code, 1);
    assert_safe("check --sources, no folder", &run);
    std::fs::remove_file(l.path(&format!("{dir}/{}", source_file()))).unwrap();
    for args in [
        vec!["check", "--sources", dir.as_str(), quiz.as_str()],
        vec!["pin", quiz.as_str(), "--sources", dir.as_str()],
        vec!["take", quiz.as_str(), "--sources", dir.as_str()],
    ] {
        let run = l.again(&args);
        assert_eq!(run.code, 1, "{}", run.stderr.escape_debug());
        assert_safe(&args.join(" "), &run);
    }
}

#[test]
fn pin_on_a_copy_writes_hashes_and_says_so_safely() {
    let l = corpus();
    let copy = format!("copy{}.ron", "\x1b]0;pin\x07");
    std::fs::copy(l.path(&quiz_name()), l.path(&copy)).unwrap();
    let run = l.again(&["pin", &copy, "--sources", &sources_dir()]);
    assert_eq!(run.code, 0, "{}", run.stderr.escape_debug());
    assert_safe("pin", &run);
    assert!(std::fs::read_to_string(l.path(&copy))
        .unwrap()
        .contains("sha256"));
    let run = l.again(&["pin", &copy, "--sources", &sources_dir()]);
    assert_safe("pin again", &run);
    assert!(
        run.stdout.contains("all already up to date"),
        "{}",
        run.stdout
    );
}

#[test]
fn invalid_hostile_quizzes_are_reported_safely() {
    // The unknown field follows hostile text on its line.
    let bad_field = quiz_text(" promt: 1,", &passing_tests(), &format!("{H}the red door"));
    let unknown_source = valid_quiz().replacen(
        "citations: [(source: ",
        &format!(
            "citations: [(source: {}, quote: \"x\"), (source: ",
            lit(&h("nosource"))
        ),
        1,
    );
    let bad_answer = valid_quiz().replacen(
        &format!("answer: {}", lit(&h("o1"))),
        &format!("answer: {}", lit(&h("noanswer"))),
        1,
    );
    let bad_tests = quiz_text(
        "",
        &format!(
            "(question: {q}, response: Text(\"x\"), expect: Accept), (question: {q1}, response: Choice({o}), expect: Reject), (question: {q1}, response: Text({t}), expect: Reject), (question: {q4}, response: Text({t}), expect: Reject)",
            q = lit(&h("noquestion")),
            q1 = lit(&h("q1")),
            q4 = lit(&h("q4")),
            o = lit(&h("nooption")),
            t = lit(&h("unreadable")),
        ),
        "the red door",
    );
    let failing_tests = quiz_text(
        "",
        &format!(
            "(question: {q5}, response: Text({t}), expect: Accept)",
            q5 = lit(&h("q5")),
            t = lit(&h("wrong")),
        ),
        "the red door",
    );
    let bad_id = valid_quiz().replacen("\"hostile-quiz\"", &lit(&h("quizid")), 1);
    let not_utf8 = {
        let mut bytes = valid_quiz().into_bytes();
        bytes.insert(40, 0xff);
        bytes
    };
    let l = Lateral::new()
        .file(&format!("field{H}.ron"), bad_field)
        .file("source.ron", unknown_source)
        .file("answer.ron", bad_answer)
        .file("tests.ron", bad_tests)
        .file("failing.ron", failing_tests)
        .file("bytes.ron", not_utf8)
        .file("id.ron", bad_id)
        .file(
            &format!("{}/{}", sources_dir(), source_file()),
            source_text(),
        );
    let files = [
        format!("field{H}.ron"),
        "source.ron".to_owned(),
        "answer.ron".to_owned(),
        "tests.ron".to_owned(),
        "failing.ron".to_owned(),
        "bytes.ron".to_owned(),
        "id.ron".to_owned(),
        format!("missing{H}.ron"),
    ];
    for file in &files {
        for args in [
            vec!["check", file.as_str()],
            vec!["check", "--sources", &sources_dir(), file.as_str()],
            vec!["test", file.as_str()],
            vec!["key", file.as_str()],
            vec!["key", file.as_str(), "--json"],
            vec!["key", file.as_str(), "--sheet"],
            vec!["sources", file.as_str()],
            vec!["sources", file.as_str(), "--json"],
            vec!["grade", file.as_str(), "nothing.ron"],
            vec!["take", file.as_str()],
            vec!["history", file.as_str()],
        ] {
            let run = l.again(&args);
            assert_safe(&args.join(" ").escape_debug().to_string(), &run);
        }
    }
    // The diagnostics were really shown: the line with its escapes and a caret.
    let run = l.again(&["check", &files[0]]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains(r#"\x7f\u{202e}\u{2066}\u{200b}\u{feff}\u{2028}the red door")], promt: 1,"#),
        "{}",
        run.stderr
    );
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("promt: 1,"))
        .unwrap();
    let caret = run
        .stderr
        .lines()
        .skip_while(|l| !l.contains("promt: 1,"))
        .nth(1)
        .unwrap();
    assert_eq!(
        caret.find('^'),
        line.find("promt"),
        "the caret is under the field:\n{line}\n{caret}"
    );
    let run = l.again(&["test", "failing.ron"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("FAILED"), "{}", run.stdout);
}

#[test]
fn taking_reviewing_and_listing_hostile_attempts() {
    let l = corpus();
    let quiz = quiz_name();
    let dir = sources_dir();
    // An unfinished attempt: input ends after the first answer.
    let run = l.run_with_input(&["take", &quiz, "--seed", "3"], "a\n");
    assert_eq!(run.code, 1, "{}", run.stderr.escape_debug());
    assert_safe("take, ended early", &run);
    let files = attempt_files(&l);
    assert_eq!(files.len(), 1);
    poison_attempt(&files[0]);
    // Resumed: the prompt names when it was started.
    let run = l.run_with_input(
        &["take", &quiz, "--sources", &dir],
        &format!("y\n{}", answers()),
    );
    assert_safe("take, resumed", &run);
    assert!(
        run.stdout
            .contains("Resume your unfinished attempt from 2026"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Result"), "{}", run.stdout);
    // A fresh attempt, in exam mode, saved to a hostile file name.
    let save = format!("saved{}.ron", "\x1b[2J\u{202e}");
    let run = l.run_with_input(
        &["take", &quiz, "--exam", "--seed", "5", "--save", &save],
        &answers(),
    );
    assert_safe("take --exam --save", &run);
    assert!(run.stdout.contains("Result"), "{}", run.stdout);
    let run = l.run_with_input(&["take", &quiz, "--save", &save, "--restart"], "a\n");
    assert_safe("take --save over an earlier file", &run);
    assert!(run.stderr.contains("kept the earlier"), "{}", run.stderr);
    let run = l.run_with_input(&["take", &quiz, "--missed"], &answers());
    assert_safe("take --missed", &run);
    for args in [vec!["history"], vec!["history", quiz.as_str()]] {
        let run = l.again(&args);
        assert_eq!(run.code, 0, "{}", run.stderr.escape_debug());
        assert_safe(&args.join(" "), &run);
        assert!(run.stdout.contains(r"2026\x1b[2J"), "{}", run.stdout);
    }
    for file in attempt_files(&l) {
        let name = file.display().to_string();
        let run = l.again(&["review", &name]);
        assert_safe("review", &run);
        let run = l.again(&["grade", &quiz, &name, "--json"]);
        assert_safe("grade an attempt", &run);
    }
    let run = l.again(&["review", &save]);
    assert_safe("review of the --save file", &run);
    let run = l.again(&["review", &format!("nothing{H}")]);
    assert_eq!(run.code, 1);
    assert_safe("review of nothing", &run);
    // An attempt that is not an attempt, among the others.
    let bad = l.path(&format!("data/attempts/x/{}.ron", h("junk")));
    std::fs::create_dir_all(bad.parent().unwrap()).unwrap();
    std::fs::write(&bad, format!("(format: 1, quiz: {}, {H})", lit(&h("q")))).unwrap();
    let run = l.again(&["history"]);
    assert_safe("history with an unreadable attempt", &run);
    assert!(run.stdout.contains("unreadable"), "{}", run.stdout);
    let run = l.again(&["review", &bad.display().to_string()]);
    assert_safe("review of an unreadable attempt", &run);
    let run = l.again(&["grade", &quiz, &bad.display().to_string()]);
    assert_safe("grade of an unreadable attempt", &run);
}

/// On a real terminal, lateral draws with escape sequences of its own
/// (colour, cursor moves), so the check is that none of the files' own
/// reaches it: no OSC, BEL, DEL, C1, bidi or invisible character at all,
/// and no clear-screen (the pager, which clears, is not opened here).
#[track_caller]
fn assert_pty_safe(out: &str) {
    for bad in ["\x1b]", "\x07", "\x7f", "\x1b[2J"] {
        assert!(!out.contains(bad), "{bad:?} reached the terminal:\n{out:?}");
    }
    if let Some(c) = out
        .chars()
        .find(|&c| is_raw_control(c) && !matches!(c, '\x1b' | '\r' | '\n' | '\x08'))
    {
        panic!("{c:?} reached the terminal:\n{out:?}");
    }
}

#[test]
fn a_hostile_quiz_taken_on_a_terminal_shows_escapes_not_effects() {
    use expectrl::Expect;
    use lateral::quiz::Kind;

    const DOWN: &str = "\x1b[B";
    let dir = tempfile::tempdir().unwrap();
    let quiz_path = dir.path().join(quiz_name());
    std::fs::write(&quiz_path, valid_quiz()).unwrap();
    let sources = dir.path().join(sources_dir());
    std::fs::create_dir_all(&sources).unwrap();
    std::fs::write(sources.join(source_file()), source_text()).unwrap();
    let quiz = lateral::cli::load_quiz(&quiz_path).unwrap().value;
    let order = lateral::shuffle::order(&quiz, 3);

    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("lateral"));
    cmd.arg("take")
        .arg(&quiz_path)
        .args(["--seed", "3", "--sources"])
        .arg(&sources)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env_remove("PAGER")
        .env("LATERAL_DATA_DIR", dir.path().join("data"));
    let mut p = crate::pty::spawn_once_sized(&cmd);
    p.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    // Everything read from the terminal, in order.
    let mut seen: Vec<u8> = Vec::new();
    let mut expect = |p: &mut expectrl::session::OsSession, needle: &str| {
        let found = match p.expect(needle) {
            Ok(found) => found,
            Err(e) => panic!(
                "{e} waiting for {needle:?} after:\n{:?}",
                String::from_utf8_lossy(&seen)
            ),
        };
        seen.extend_from_slice(found.before());
        for m in found.matches() {
            seen.extend_from_slice(m);
        }
    };
    for (n, &qi) in order.questions.iter().enumerate() {
        let q = &quiz.questions[qi];
        let shown = &order.options[qi];
        expect(&mut p, &format!("Question {} of 5", n + 1));
        // The options first, the sources under them; a typed answer has a
        // short list first.
        let prompt = match &q.kind {
            Kind::Single { .. } => "Choose one",
            Kind::Multiple { .. } => "Select all that apply",
            Kind::TrueFalse { .. } => "True or false?",
            _ => "Answer, or read a source first",
        };
        expect(&mut p, prompt);
        if n == 0 {
            // The hostile headline in the list and the pager's help line.
            p.send("1").unwrap();
            p.send("\r").unwrap();
            expect(&mut p, "q returns to the quiz");
            p.send("q").unwrap();
            expect(&mut p, prompt);
        }
        p.send("\x1b[H").unwrap();
        match &q.kind {
            Kind::Single { options, answer } => {
                let at = shown.iter().position(|&i| &options[i].id == answer);
                for _ in 0..at.unwrap() {
                    p.send(DOWN).unwrap();
                }
                p.send("\r").unwrap();
            }
            Kind::Multiple { options, answers } => {
                // Down between the options only: below the last are the sources.
                for (k, &i) in shown.iter().enumerate() {
                    if k > 0 {
                        p.send(DOWN).unwrap();
                    }
                    if answers.contains(&options[i].id) {
                        p.send(" ").unwrap();
                    }
                }
                p.send("\r").unwrap();
            }
            Kind::TrueFalse { .. } => {
                p.send("\r").unwrap();
            }
            Kind::Number { .. } => {
                p.send("\r").unwrap();
                expect(&mut p, "›");
                p.send("9\r").unwrap();
            }
            Kind::Text { .. } => {
                p.send("\r").unwrap();
                // The typed answer's own prompt ("answer ›"), not the list's
                // "Type your answer" before it.
                expect(&mut p, "›");
                p.send("Calderón\r").unwrap();
            }
            other => unreachable!("the hostile quiz has no {} question", other.name()),
        }
        expect(&mut p, "Why:");
        expect(&mut p, "Continue, or read a source in full");
        p.send("\r").unwrap();
    }
    expect(&mut p, "Score: 5 of 5 points");
    expect(&mut p, "Lateral reading");
    let rest = p.expect(expectrl::Eof).unwrap();
    seen.extend_from_slice(rest.before());
    let out = String::from_utf8_lossy(&seen).into_owned();
    assert_pty_safe(&out);
    // What the files held was shown, as escapes.
    assert!(out.contains(r"\x1b]0;pwned\x07"), "{out:?}");
    assert!(
        out.contains(r"\u{202e}\u{2066}\u{200b}\u{feff}\u{2028}"),
        "{out:?}"
    );
}
