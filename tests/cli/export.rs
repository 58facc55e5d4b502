//! `lateral export`, proven with parsers lateral did not write: every
//! shipped quiz read back by the npm package gift-pegjs, every file of
//! every QTI package validated by xmllint against the official schemas.
//!
//! In CI the tools are required: `.ci/run` installs both and sets
//! LATERAL_REQUIRE_TOOLS=1, so a missing one fails the test with how to
//! install it. Elsewhere (a plain `cargo test` on a machine with only Rust)
//! the checks that need a missing tool say so on stderr and are skipped;
//! LATERAL_SKIP_NPM=1 and LATERAL_SKIP_XMLLINT=1 skip them on purpose.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use lateral::export::{feedback_lines, gift};
use lateral::quiz::{Choice, Citation, Kind, Question, Quiz, Source};
use proptest::prelude::*;
use serde_json::Value;

use crate::util::{repo, root, shipped_quizzes, Lateral};

/// The gift-pegjs version the tests read GIFT with.
const GIFT_PEGJS: &str = "gift-pegjs@1.0.2";

/// Whether the checks that need a tool are skipped: on purpose (`var`), or
/// because `available` says it is missing and CI does not require it.
fn skipped_unless(var: &str, tool: &str, available: impl Fn() -> bool) -> bool {
    if std::env::var(var).is_ok_and(|v| v == "1") {
        return true;
    }
    if available() {
        return false;
    }
    if std::env::var("LATERAL_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!(
            "{tool} is required here (LATERAL_REQUIRE_TOOLS=1) but missing; .ci/run installs it"
        );
    }
    eprintln!("skipped: {tool} is not installed (`.ci/run` installs it and requires it)");
    true
}

fn runs(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the xmllint checks are skipped (no xmllint, or no QTI schemas
/// beside the repository).
fn xmllint_skipped() -> bool {
    skipped_unless(
        "LATERAL_SKIP_XMLLINT",
        "xmllint (with ../shared/qti)",
        || runs("xmllint") && root().join("../shared/qti/schemes").is_dir(),
    )
}

fn npm_skipped() -> bool {
    skipped_unless("LATERAL_SKIP_NPM", "node and npm (for gift-pegjs)", || {
        runs("node") && (runs("npm") || root().join("target/npm/node_modules/gift-pegjs").is_dir())
    })
}

fn load(path: &Path) -> Quiz {
    lateral::cli::load_quiz(path).unwrap().value
}

/// The folder gift-pegjs is installed in (ignored by git), installing it
/// with npm when it is missing; `None` when LATERAL_SKIP_NPM=1.
fn gift_pegjs() -> Option<&'static Path> {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    if npm_skipped() {
        return None;
    }
    Some(DIR.get_or_init(|| {
        let prefix = root().join("target/npm");
        let module = prefix.join("node_modules/gift-pegjs");
        if !module.join("package.json").exists() {
            let installed = Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&prefix)
                .arg(GIFT_PEGJS)
                .output();
            match installed {
                Ok(out) if out.status.success() => {}
                Ok(out) => panic!(
                    "`npm install --prefix target/npm {GIFT_PEGJS}` failed:\n{}\nthe GIFT tests need it; set LATERAL_SKIP_NPM=1 to skip them",
                    String::from_utf8_lossy(&out.stderr)
                ),
                Err(e) => panic!(
                    "npm is needed to install {GIFT_PEGJS}, the independent GIFT parser ({e}); install Node.js and npm, or set LATERAL_SKIP_NPM=1 to skip these tests"
                ),
            }
        }
        module
    }))
}

/// GIFT text as gift-pegjs reads it: one JSON value per question.
fn parse_gift(module: &Path, text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("quiz.gift");
    std::fs::write(&file, text).unwrap();
    let script = "const p = require(process.argv[1]); \
         const text = require('fs').readFileSync(process.argv[2], 'utf8'); \
         process.stdout.write(JSON.stringify(p.parse(text)));";
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(module)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("node is needed to run gift-pegjs: {e}"));
    assert!(
        out.status.success(),
        "gift-pegjs refused the GIFT:\n{}\n--- GIFT ---\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn text_of(v: &Value) -> &str {
    v["text"]
        .as_str()
        .unwrap_or_else(|| panic!("no text in {v}"))
}

/// Checks what gift-pegjs read against the quiz: the category, then per
/// question its name, prompt, kind, answers, feedback and general feedback.
fn assert_parsed_as(quiz: &Quiz, parsed: &[Value]) {
    // GIFT has no ordering question: those are left out (with a warning).
    let written: Vec<&lateral::quiz::Question> = quiz
        .questions
        .iter()
        .filter(|q| !matches!(q.kind, Kind::Ordering { .. }))
        .collect();
    assert_eq!(parsed.len(), written.len() + 1, "{}", quiz.id);
    assert_eq!(parsed[0]["type"], "Category");
    for (q, p) in written.into_iter().zip(&parsed[1..]) {
        let at = format!("{} / {}", quiz.id, q.id);
        assert_eq!(p["title"], q.id.as_str(), "{at}");
        assert_eq!(p["stem"]["format"], "moodle", "{at}");
        let tags: Vec<&str> = q.tags.iter().map(|t| t.trim()).collect();
        let read: Vec<&str> = p["tags"].as_array().map_or(Vec::new(), |t| {
            t.iter().map(|t| t.as_str().unwrap()).collect()
        });
        assert_eq!(read, tags, "{at}");
        assert_eq!(text_of(&p["stem"]), q.prompt, "{at}");
        let mut feedback = feedback_lines(quiz, q);
        if let Kind::Reflection { model } = &q.kind {
            feedback.insert(0, format!("A model answer: {model}"));
        }
        assert_eq!(text_of(&p["globalFeedback"]), feedback.join("\n"), "{at}");
        match &q.kind {
            Kind::Single { options, answer } => {
                assert_eq!(p["type"], "MC", "{at}");
                // The right option may be written second (see gift.rs), so
                // the options are compared in any order.
                let mut want: Vec<(bool, &str, Option<&str>)> = options
                    .iter()
                    .map(|o| {
                        let feedback = o.feedback.as_deref().filter(|f| !f.trim().is_empty());
                        (o.id == *answer, o.text.as_str(), feedback)
                    })
                    .collect();
                let mut read: Vec<(bool, &str, Option<&str>)> = p["choices"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| {
                        let feedback = c["feedback"].get("text").and_then(Value::as_str);
                        (c["isCorrect"] == true, text_of(&c["text"]), feedback)
                    })
                    .collect();
                want.sort();
                read.sort();
                assert_eq!(read, want, "{at}");
            }
            Kind::Multiple { options, answers } => {
                assert_eq!(p["type"], "MC", "{at}");
                let share = 100.0 / answers.len() as f64;
                assert_choices(&at, options, &p["choices"], |o, c| {
                    let weight = c["weight"].as_f64().unwrap();
                    let want = if answers.contains(&o.id) {
                        share
                    } else {
                        -share
                    };
                    assert!(
                        (weight - want).abs() < 1e-4,
                        "{at}: {} weighs {weight}",
                        o.id
                    );
                });
            }
            Kind::TrueFalse { answer } => {
                assert_eq!(p["type"], "TF", "{at}");
                assert_eq!(p["isTrue"], *answer, "{at}");
            }
            Kind::Number {
                answer, tolerance, ..
            } => {
                assert_eq!(p["type"], "Numerical", "{at}");
                assert_eq!(p["choices"]["number"].as_f64(), Some(*answer), "{at}");
                assert_eq!(p["choices"]["range"].as_f64(), Some(*tolerance), "{at}");
            }
            Kind::Text { accept, .. } => {
                assert_eq!(p["type"], "Short", "{at}");
                let read: Vec<&str> = p["choices"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .inspect(|c| assert_eq!(c["isCorrect"], true, "{at}"))
                    .map(|c| text_of(&c["text"]))
                    .collect();
                assert_eq!(read, *accept, "{at}");
            }
            Kind::Matching { items, choices } => {
                assert_eq!(p["type"], "Matching", "{at}");
                let read: Vec<(&str, &str)> = p["matchPairs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| (text_of(&m["subquestion"]), m["subanswer"].as_str().unwrap()))
                    .collect();
                let want: Vec<(&str, &str)> = items
                    .iter()
                    .map(|i| {
                        let c = choices.iter().find(|c| c.id == i.answer).unwrap();
                        (i.text.as_str(), c.text.as_str())
                    })
                    .collect();
                assert_eq!(read, want, "{at}");
            }
            Kind::Reflection { .. } => assert_eq!(p["type"], "Essay", "{at}"),
            Kind::Ordering { .. } => unreachable!("left out of GIFT"),
        }
    }
}

fn assert_choices(at: &str, options: &[Choice], read: &Value, each: impl Fn(&Choice, &Value)) {
    let read = read.as_array().unwrap();
    assert_eq!(read.len(), options.len(), "{at}");
    for (o, c) in options.iter().zip(read) {
        assert_eq!(text_of(&c["text"]), o.text, "{at}: option {}", o.id);
        let feedback = o.feedback.as_deref().filter(|f| !f.trim().is_empty());
        assert_eq!(
            c["feedback"].get("text").and_then(Value::as_str),
            feedback,
            "{at}: {}",
            o.id
        );
        each(o, c);
    }
}

#[test]
fn every_shipped_quiz_exports_to_gift_that_gift_pegjs_reads_back_as_the_quiz() {
    let Some(module) = gift_pegjs() else { return };
    for path in shipped_quizzes() {
        let quiz = load(&path);
        let run = Lateral::new().args(["export", &path.display().to_string(), "--format", "gift"]);
        let out = run.run();
        assert_eq!(out.code, 0, "{}: {}", path.display(), out.stderr);
        let parsed = parse_gift(module, &out.stdout);
        assert_eq!(parsed[0]["title"], quiz.title.replace('/', "//"));
        assert_parsed_as(&quiz, &parsed);
    }
}

/// Validates a file with xmllint against a schema in `../shared/qti/schemes`.
fn xmllint(schema: &str, file: &Path) -> Result<(), String> {
    let schemes = root().join("../shared/qti/schemes");
    assert!(
        schemes.is_dir(),
        "the QTI schemas are missing: {} (shared/qti beside the repository)",
        schemes.display()
    );
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schemes.join(schema))
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("xmllint is needed to validate QTI ({e}): apt-get install libxml2-utils, or set LATERAL_SKIP_XMLLINT=1 to skip")
        });
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The files of a zip package, written out under `dir`.
fn unzip(zip: &Path, dir: &Path) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.enclosed_name().expect("a path inside the package");
        let target = dir.join(&name);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::io::copy(&mut entry, &mut std::fs::File::create(&target).unwrap()).unwrap();
        names.push(name.display().to_string());
    }
    names
}

#[test]
fn every_shipped_quiz_exports_to_a_qti_package_whose_every_file_validates() {
    if xmllint_skipped() {
        return;
    }
    for path in shipped_quizzes() {
        let quiz = load(&path);
        let run = Lateral::new();
        let out = run.again(&[
            "export",
            &path.display().to_string(),
            "--format",
            "qti",
            "-o",
            "quiz.zip",
        ]);
        assert_eq!(out.code, 0, "{}: {}", path.display(), out.stderr);
        let dir = run.path("package");
        let names = unzip(&run.path("quiz.zip"), &dir);
        assert_eq!(names[0], "imsmanifest.xml");
        assert_eq!(names[1], "assessment.xml");
        assert_eq!(names.len(), quiz.questions.len() + 2, "{}", path.display());
        let manifest = std::fs::read_to_string(dir.join("imsmanifest.xml")).unwrap();
        let mut failures = Vec::new();
        for name in &names {
            let schema = if name == "imsmanifest.xml" {
                "imscp_v1p1.xsd"
            } else {
                assert!(
                    manifest.contains(&format!("href=\"{name}\"")),
                    "{name} is not in the manifest"
                );
                "qtiv2p1/imsqti_v2p1.xsd"
            };
            if let Err(e) = xmllint(schema, &dir.join(name)) {
                failures.push(format!("{}: {name}:\n{e}", path.display()));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

#[test]
fn the_warnings_name_each_question_and_what_moodle_scores_differently() {
    let out = Lateral::new()
        .args([
            "export",
            &repo("tests/fixtures/mini.ron"),
            "--format",
            "gift",
        ])
        .run();
    assert_eq!(out.code, 0);
    let path = repo("tests/fixtures/mini.ron");
    let expected = [
        "quiz: the pass mark (60%) is not part of GIFT; set it as the Moodle quiz's grade to pass",
        "question `all`: worth 2 points in lateral; GIFT has no marks, so Moodle imports it as 1 (set its mark in the Moodle quiz)",
        "question `count`: a unit typed after the number (`minutes`, `min`) is accepted by lateral; Moodle reads digits only, so `9 minutes` is not a number there",
        "question `count`: number words (`nine`, `fifteen hundred`) are read by lateral, not by Moodle: only digits count",
        "question `who`: lateral ignores case, accents, punctuation and extra spaces (`felipe calderon` for `Felipe Calderón`); Moodle ignores case only and accepts just the listed spellings",
        "question `who`: lateral forgives one typo in a long enough answer; Moodle does not",
    ]
    .map(|w| format!("{path}: warning: {w}\n"))
    .concat();
    assert_eq!(out.stderr, expected);
}

#[test]
fn a_quiz_that_fails_check_is_not_exported() {
    let run = Lateral::new();
    let out = run.again(&[
        "export",
        &repo("tests/fixtures/broken.ron"),
        "--format",
        "gift",
        "-o",
        "out.gift",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("error: unsupported format version 9"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("broken.ron: "), "{}", out.stderr);
    assert!(!run.path("out.gift").exists());
}

const ARROW: &str = r#"(
    format: 1, id: "arrow", title: "Arrow", description: "d",
    sources: [(id: "a", headline: "A", file: "a.txt")],
    questions: [
        (id: "dir", prompt: "Which way -> here?", kind: Text(accept: ["left->right", "right"]),
         explanation: "e", citations: [(source: "a", quote: "q")]),
        (id: "star", prompt: "p", kind: Text(accept: ["a*b"]),
         explanation: "e", citations: [(source: "a", quote: "q")]),
    ],
)"#;

#[test]
fn text_gift_cannot_carry_is_refused_naming_the_question_and_the_old_file_is_kept() {
    let run = Lateral::new()
        .file("arrow.ron", ARROW)
        .file("out.gift", "old");
    let out = run.again(&["export", "arrow.ron", "--format", "gift", "-o", "out.gift"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "arrow.ron: cannot be written as GIFT without changing it:\n  \
         question `dir`, accepted answer 1: it holds `->`, which makes Moodle read the question as a matching one\n  \
         question `star`, accepted answer 1: it holds `*`, which Moodle's short answers read as a wildcard that matches anything\n\
         nothing was written; change these texts in the quiz\n"
    );
    assert_eq!(
        std::fs::read_to_string(run.path("out.gift")).unwrap(),
        "old"
    );
    // The same quiz is fine as QTI, where an accepted text is compared as it is.
    let out = run.again(&["export", "arrow.ron", "--format", "qti", "-o", "out.zip"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn an_existing_output_file_is_replaced_whole_and_nothing_else_is_left() {
    let run = Lateral::new().file("out.gift", "an older export\n".repeat(10_000));
    let quiz = repo("tests/fixtures/mini.ron");
    let out = run.again(&["export", &quiz, "--format", "gift", "-o", "out.gift"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "out.gift: 5 questions of `mini` as GIFT, 6 warnings\n"
    );
    let stdout = run.again(&["export", &quiz, "--format", "gift"]).stdout;
    assert_eq!(
        std::fs::read_to_string(run.path("out.gift")).unwrap(),
        stdout
    );
    let mut left: Vec<String> = std::fs::read_dir(run.path(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["out.gift"]);
}

#[test]
fn qti_needs_an_output_file_and_never_overwrites_the_quiz() {
    let run = Lateral::new().file("arrow.ron", ARROW);
    let out = run.again(&["export", "arrow.ron", "--format", "qti"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "QTI is a zip package, not text: give the file to write with `-o FILE.zip`\n"
    );
    let out = run.again(&["export", "arrow.ron", "--format", "qti", "-o", "arrow.ron"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "arrow.ron is the quiz being exported; nothing was written (choose another file)\n"
    );
    assert_eq!(
        std::fs::read_to_string(run.path("arrow.ron")).unwrap(),
        ARROW
    );
}

/// Words of GIFT's special characters, quotes and non-ASCII letters (no
/// whitespace inside), joined by one space or one line break: text whose
/// spacing gift-pegjs keeps as it is (it folds runs of spaces in
/// `[moodle]` text, and trims the ends, as Moodle does).
fn hostile_text() -> impl Strategy<Value = String> {
    let word = proptest::collection::vec(
        proptest::sample::select(vec![
            "\\", "~", "=", "#", "{", "}", ":", "::", "####", "[", "]", "[html]", "%50%", "->",
            "//", "&", ";", "\"", "'", "“", "”", "«", "»", "é", "ñ", "Ж", "中", "😀", "a", "Z",
            "7", "-", ">", "$", "*", "T",
        ]),
        1..6,
    )
    .prop_map(|parts| parts.concat());
    (
        proptest::collection::vec(word, 1..6),
        proptest::collection::vec(proptest::bool::ANY, 6),
    )
        .prop_map(|(words, breaks)| {
            let mut text = String::new();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    text.push(if breaks[i] { '\n' } else { ' ' });
                }
                text.push_str(w);
            }
            text
        })
}

fn hostile_quiz(t: Vec<String>, title: String) -> Quiz {
    let choice = |id: &str, text: &String, feedback: Option<&String>| Choice {
        id: id.into(),
        text: text.clone(),
        feedback: feedback.cloned(),
    };
    let question = |id: &String, kind: Kind| Question {
        id: id.clone(),
        prompt: t[1].clone(),
        points: 1.0,
        tags: vec![],
        kind,
        explanation: t[2].clone(),
        citations: vec![Citation {
            source: "s".into(),
            quote: t[3].clone(),
        }],
    };
    let accept: Vec<String> = [&t[4], &t[5]]
        .into_iter()
        .map(|a| a.replace(">", ")").replace("*", "+"))
        .collect();
    Quiz {
        format: 1,
        id: "hostile".into(),
        title,
        description: "d".into(),
        pass_mark: None,
        sources: vec![Source {
            id: "s".into(),
            headline: t[6].clone(),
            publisher: None,
            date: None,
            file: "s.txt".into(),
            sha256: None,
        }],
        questions: vec![
            question(
                &format!("{}1", t[0].replace(['\n', ' '], "_")),
                Kind::Single {
                    options: vec![choice("a", &t[4], Some(&t[5])), choice("b", &t[5], None)],
                    answer: "a".into(),
                },
            ),
            question(
                &format!("{}2", t[0].replace(['\n', ' '], "_")),
                Kind::Multiple {
                    options: vec![
                        choice("a", &t[2], Some(&t[3])),
                        choice("b", &t[6], None),
                        choice("c", &t[1], Some(&t[4])),
                    ],
                    answers: vec!["a".into(), "c".into()],
                },
            ),
            question(&"tf".to_owned(), Kind::TrueFalse { answer: false }),
            question(
                &"n".to_owned(),
                Kind::Number {
                    answer: -12.5,
                    tolerance: 0.25,
                    unit: None,
                    unit_aliases: vec![],
                    words: false,
                },
            ),
            question(
                &"text".to_owned(),
                Kind::Text {
                    accept,
                    typo: false,
                    exact: true,
                },
            ),
        ],
        tests: vec![],
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_quiz_full_of_gift_special_characters_reads_back_the_same_through_gift_pegjs(
        texts in proptest::collection::vec(hostile_text(), 7),
        title in hostile_text(),
    ) {
        let Some(module) = gift_pegjs() else { return Ok(()) };
        let title = title.replace('\n', " ");
        let quiz = hostile_quiz(texts, title.clone());
        let exported = gift::export(&quiz).expect("these texts are all expressible");
        let parsed = parse_gift(module, &exported.output);
        let category = if title.contains('\\') || title.starts_with('$') {
            quiz.id.clone()
        } else {
            title.replace('/', "//")
        };
        prop_assert_eq!(parsed[0]["title"].as_str(), Some(category.as_str()));
        assert_parsed_as(&quiz, &parsed);
    }
}

#[test]
fn a_quiz_full_of_markup_and_quotes_makes_qti_that_validates_and_keeps_the_text() {
    if xmllint_skipped() {
        return;
    }
    let texts = [
        "id<&>\"'",
        "<b>bold</b> & \"quoted\" 'single' ]]> <!-- not a comment -->",
        "line one\nline two\twith a tab\r\nand a carriage return",
        "“curly” — dash, é, 中文, 😀, &amp; as text",
        "<script>alert(1)</script>",
        "a < b > c",
        "CDATA: <![CDATA[x]]>",
    ]
    .map(str::to_owned)
    .to_vec();
    let quiz = hostile_quiz(texts.clone(), "Title <with> & \"markup\"".to_owned());
    let exported = lateral::export::qti::export(&quiz).expect("XML can hold all of it");
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in &exported.output.files {
        let file = dir.path().join(name);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        let schema = if name == "imsmanifest.xml" {
            "imscp_v1p1.xsd"
        } else {
            "qtiv2p1/imsqti_v2p1.xsd"
        };
        xmllint(schema, &file).unwrap_or_else(|e| panic!("{name}:\n{e}\n{text}"));
    }
    // The texts are in the files escaped, never as markup.
    let all: String = exported
        .output
        .files
        .iter()
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(!all.contains("<script>") && !all.contains("<b>"));
    assert!(all.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(all.contains("line one<br/>line two\twith a tab&#13;<br/>and a carriage return"));
}

#[test]
fn qti_refuses_text_xml_cannot_hold() {
    let mut texts: Vec<String> = (0..7).map(|i| format!("text {i}")).collect();
    texts[4] = "bell \u{7} here".to_owned();
    let quiz = hostile_quiz(texts, "T".to_owned());
    let refused = lateral::export::qti::export(&quiz).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "cannot be written as QTI without changing it:\n  \
         question `text_01`, option `a`: it holds the control character `\\u{7}`, which XML cannot carry\n  \
         question `text_02`, feedback of option `c`: it holds the control character `\\u{7}`, which XML cannot carry\n  \
         question `text`, accepted answer 1: it holds the control character `\\u{7}`, which XML cannot carry"
    );
}

#[test]
fn matching_ordering_and_reflection_export_to_both_formats() {
    let l = Lateral::new();
    let kinds = repo("tests/fixtures/kinds.ron");
    // QTI: a matchInteraction with partial credit, an orderInteraction and
    // an extendedTextInteraction, all valid against the official schemas.
    let qti = l.again(&["export", &kinds, "--format", "qti", "-o", "kinds.zip"]);
    assert_eq!(qti.code, 0, "{}", qti.stderr);
    assert!(
        qti.stderr.contains("question `sequence`: lateral gives partial credit for the longest run in the right order"),
        "{}",
        qti.stderr
    );
    let bytes = std::fs::read(l.path("kinds.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut items = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().unwrap().starts_with("items/") {
            std::io::Read::read_to_string(&mut f, &mut items).unwrap();
        }
    }
    assert!(items.contains("<matchInteraction"), "{items}");
    assert!(items.contains("baseType=\"directedPair\""), "{items}");
    assert!(items.contains("<orderInteraction"), "{items}");
    assert!(items.contains("cardinality=\"ordered\""), "{items}");
    assert!(items.contains("<extendedTextInteraction"), "{items}");
    // GIFT: matching and an essay; ordering is left out, with a warning.
    let gift = l.again(&["export", &kinds, "--format", "gift"]);
    assert_eq!(gift.code, 0, "{}", gift.stderr);
    assert!(
        gift.stderr
            .contains("question `sequence`: GIFT has no ordering question, so it is left out"),
        "{}",
        gift.stderr
    );
    assert!(
        gift.stdout
            .contains("=[moodle]The meeting was on Tuesday -> Report A"),
        "{}",
        gift.stdout
    );
    assert!(!gift.stdout.contains("::sequence::"), "{}", gift.stdout);
}
