//! `check --sources`, `pin` and `sources`: citations proved against the texts they quote.
//! These tests use small texts written for them (tests/fixtures/sources), never the articles.

use crate::util::{repo, Lateral};

fn mini_text() -> String {
    std::fs::read_to_string(repo("tests/fixtures/mini.ron")).unwrap()
}

fn with_sources(quiz: &str) -> Lateral {
    Lateral::new()
        .file("quiz.ron", quiz)
        .file(
            "src/a.txt",
            std::fs::read(repo("tests/fixtures/sources/a.txt")).unwrap(),
        )
        .file(
            "src/b.txt",
            std::fs::read(repo("tests/fixtures/sources/b.txt")).unwrap(),
        )
}

#[test]
fn every_quote_is_found_in_its_source() {
    let run = with_sources(&mini_text())
        .args(["check", "--sources", "src", "quiz.ron"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "quiz.ron: ok (5 questions, 6 points, 3 answer-key tests, 7 citations found in their sources)\n"
    );
}

#[test]
fn a_changed_word_is_reported_with_the_closest_passage() {
    let quiz = mini_text().replace("quote: \"nine minutes\"", "quote: \"lasted ten minutes\"");
    let run = with_sources(&quiz)
        .args(["check", "--sources", "src", "quiz.ron"])
        .run();
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("changed_word", run.stderr);
}

#[test]
fn the_wrong_source_is_reported() {
    // "Daily B" is in b.txt, not a.txt.
    let quiz = mini_text().replace(
        "(source: \"b\", quote: \"Daily B\")",
        "(source: \"a\", quote: \"Daily B\")",
    );
    let run = with_sources(&quiz)
        .args(["check", "--sources", "src", "quiz.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: citation quote not found in a.txt"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: no passage of a.txt shares a word with this quote; is it cited to the right source?"), "{}", run.stderr);
}

#[test]
fn quote_marks_dashes_and_line_breaks_do_not_count() {
    let quiz = mini_text()
        .replace(
            "quote: \"Calderón said\"",
            "quote: \"\\\"We will be back,\\\" Calderón said\"",
        )
        .replace(
            "quote: \"a red door\"",
            "quote: \"Elm St. before noon - a short\\n meeting\"",
        );
    let run = with_sources(&quiz)
        .args(["check", "--sources", "src", "quiz.ron"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn source_files_must_stay_inside_the_folder() {
    let cases = [
        (
            "\"../secret.txt\"",
            "the path leaves the sources folder (`..`)",
        ),
        (
            "\"/etc/passwd\"",
            "an absolute path; name a file inside the sources folder",
        ),
        ("\"missing.txt\"", "no such file in src"),
        ("\"sub\"", "a directory, not a text file"),
        (
            "\"latin1.txt\"",
            "is not UTF-8 text (invalid byte at line 1, column 4)",
        ),
    ];
    for (file, message) in cases {
        let quiz = mini_text().replace("file: \"b.txt\"", &format!("file: {file}"));
        let lateral = with_sources(&quiz)
            .file("secret.txt", "Daily B")
            .file("src/sub/x.txt", "")
            .file("src/latin1.txt", b"caf\xe9 Daily B");
        let run = lateral
            .args(["check", "--sources", "src", "quiz.ron"])
            .run();
        assert_eq!(run.code, 1, "{file}");
        assert!(run.stderr.contains(message), "{file}: {}", run.stderr);
        assert!(
            run.stderr.contains("quiz.ron:10:"),
            "{file}: {}",
            run.stderr
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_folder_is_refused() {
    let quiz = mini_text().replace("file: \"b.txt\"", "file: \"link.txt\"");
    let lateral = with_sources(&quiz).file("secret.txt", "Daily B");
    std::os::unix::fs::symlink(
        lateral_path(&lateral, "secret.txt"),
        lateral_path(&lateral, "src/link.txt"),
    )
    .unwrap();
    let run = lateral
        .args(["check", "--sources", "src", "quiz.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("a link that points outside the sources folder"),
        "{}",
        run.stderr
    );
}

fn lateral_path(l: &Lateral, name: &str) -> std::path::PathBuf {
    l.path(name)
}

/// Removes every inline `, sha256: "…"` that `pin` adds to one-line sources.
fn regex_free_unpin(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(", sha256: \"") {
        out.push_str(&rest[..at]);
        let after = &rest[at + ", sha256: \"".len()..];
        rest = &after[after.find('"').unwrap() + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn pin_records_hashes_and_keeps_comments_and_layout() {
    let quiz = mini_text();
    let lateral = with_sources(&quiz);
    let run = lateral.again(&["pin", "quiz.ron", "--sources", "src"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "quiz.ron: 2 of 2 sources pinned\n");
    let pinned = std::fs::read_to_string(lateral.path("quiz.ron")).unwrap();
    // Only the sha256 fields were added: removing them gives back the original.
    let unpinned = regex_free_unpin(&pinned);
    assert_eq!(unpinned, quiz);
    assert!(pinned.contains("// A small quiz with one question of each kind"));
    assert_eq!(pinned.matches("sha256: \"").count(), 2, "{pinned}");
    assert!(
        pinned.contains("(id: \"a\", headline: \"Report A\", file: \"a.txt\", sha256: \""),
        "{pinned}"
    );
    // Pinning again changes nothing; checking passes.
    let again = lateral.again(&["pin", "quiz.ron", "--sources", "src"]);
    assert_eq!(
        again.stdout,
        "quiz.ron: 0 of 2 sources pinned (all already up to date)\n"
    );
    assert_eq!(
        std::fs::read_to_string(lateral.path("quiz.ron")).unwrap(),
        pinned
    );
    let check = lateral.again(&["check", "--sources", "src", "quiz.ron"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn pin_follows_one_field_per_line_layouts() {
    let quiz = mini_text().replace(
        "(id: \"b\", headline: \"Report B\", publisher: \"Daily B\", file: \"b.txt\"),",
        "(\n            id: \"b\",\n            headline: \"Report B\",\n            file: \"b.txt\",\n        ),",
    );
    let lateral = with_sources(&quiz);
    let run = lateral.again(&["pin", "quiz.ron", "--sources", "src"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pinned = std::fs::read_to_string(lateral.path("quiz.ron")).unwrap();
    assert!(
        pinned.contains("            file: \"b.txt\",\n            sha256: \""),
        "{pinned}"
    );
}

#[test]
fn an_edited_source_no_longer_matches_its_pin() {
    let lateral = with_sources(&mini_text());
    lateral.again(&["pin", "quiz.ron", "--sources", "src"]);
    std::fs::write(
        lateral.path("src/b.txt"),
        "Daily B\n\nThe group gathered at a red door in Elm St. after lunch.\n",
    )
    .unwrap();
    let run = lateral.again(&["check", "--sources", "src", "quiz.ron"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error: source `b` (b.txt) has changed since it was pinned: its sha256 is now "
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("run `lateral pin` to record it"));
}

#[test]
fn sources_lists_coverage() {
    let run = Lateral::new()
        .args(["sources", &repo("tests/fixtures/mini.ron")])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("mini_sources", run.stdout);
    let run = Lateral::new()
        .args(["sources", &repo("tests/fixtures/mini.ron"), "--json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["sources"][0]["id"], "a");
    assert_eq!(v["sources"][0]["questions"], 4);
    assert_eq!(v["sources"][1]["publisher"], "Daily B");
    assert_eq!(v["sources"][1]["questions"], 3);
    assert_eq!(v["questions"][2]["sources"], serde_json::json!(["b"]));
}

#[test]
fn take_with_sources_shows_each_quote_in_its_sentence() {
    let run = Lateral::new()
        .args([
            "take",
            &repo("tests/fixtures/mini.ron"),
            "--seed",
            "1",
            "--sources",
            &repo("tests/fixtures/sources"),
        ])
        .stdin("a,c\nc\nnine minutes\nt\ncalderon\n")
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("  Reported by 2 of 2 sources.\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "      in context: Neighbours met behind the red door on Elm Street on Tuesday.\n"
        ),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("      in context: The meeting lasted nine minutes, organisers said.\n"));
}

#[cfg(unix)]
#[test]
fn a_fifo_named_as_a_source_is_refused_without_blocking() {
    let quiz = mini_text().replace("file: \"b.txt\"", "file: \"pipe.txt\"");
    let lateral = with_sources(&quiz);
    let made = std::process::Command::new("mkfifo")
        .arg(lateral_path(&lateral, "src/pipe.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    let run = lateral
        .args(["check", "--sources", "src", "quiz.ron"])
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cannot read source `b` (pipe.txt): a FIFO (named pipe), not a text file"),
        "{}",
        run.stderr
    );
}

#[test]
fn pin_with_an_unreadable_source_names_it_and_leaves_the_file_alone() {
    let quiz = mini_text();
    let lateral = with_sources(&quiz);
    std::fs::remove_file(lateral.path("src/b.txt")).unwrap();
    let run = lateral.again(&["pin", "quiz.ron", "--sources", "src"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("error: cannot read source `b` (b.txt): no such file in src"),
        "{}",
        run.stderr
    );
    // Not even the readable source is pinned: the file is as it was.
    assert_eq!(
        std::fs::read_to_string(lateral.path("quiz.ron")).unwrap(),
        quiz
    );
}

#[test]
fn past_fifty_missing_quotes_the_rest_are_counted_on_one_line() {
    // 60 quotes that are not in a.txt: the first 50 are shown, each with
    // its closest passage, and the other 10 are counted.
    let missing: Vec<String> = (0..60)
        .map(|i| format!("(source: \"a\", quote: \"nine minutes {i} zebras\")"))
        .collect();
    let quiz = mini_text().replace(
        "(source: \"a\", quote: \"nine minutes\")",
        &missing.join(", "),
    );
    assert_ne!(quiz, mini_text());
    let run = with_sources(&quiz)
        .args(["check", "--sources", "src", "quiz.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr
            .matches("error: citation quote not found in a.txt")
            .count(),
        50,
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("closest passage in a.txt").count(), 50);
    assert!(
        run.stderr
            .contains("quiz.ron: error: … and 10 more problems in this file\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("quiz.ron: 60 errors"), "{}", run.stderr);
}

/// A quiz citing `quotes` from `big.txt`.
fn big_quiz(quotes: &[&str]) -> String {
    let citations: Vec<String> = quotes
        .iter()
        .map(|q| format!("(source: \"big\", quote: {q:?})"))
        .collect();
    format!(
        "(format: 1, id: \"big\", title: \"Big\", description: \"D.\",
 sources: [(id: \"big\", headline: \"A long article\", file: \"big.txt\")],
 questions: [(id: \"q\", prompt: \"Does it say so?\", kind: TrueFalse(answer: true), explanation: \"It does.\",
   citations: [{}])])",
        citations.join(", ")
    )
}

#[test]
fn quotes_of_a_text_read_in_pieces_are_found_wherever_they_lie() {
    // 3 MB, read a megabyte at a time: curly quotes, dashes and doubled
    // spaces on every line, and quotes on both sides of each megabyte.
    let mut text = String::new();
    for i in 0..60_000 {
        text.push_str(&format!(
            "Paragraph {i}: the \u{201c}report\u{201d} \u{2014} caf\u{e9}  owners\n said so.\n"
        ));
    }
    assert!(text.len() > 3 << 20);
    let quotes = [
        "Paragraph 0: the \"report\"",
        "owners said so. Paragraph 19999: the",
        "Paragraph 20000: the \"report\" - caf\u{e9} owners said so. Paragraph 20001",
        "Paragraph 40000:",
        "said so. Paragraph 59999: the \"report\" - caf\u{e9} owners said so.",
    ];
    let run = Lateral::new()
        .file("quiz.ron", big_quiz(&quotes))
        .file("src/big.txt", text.clone())
        .args(["check", "--sources", "src", "quiz.ron"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "quiz.ron: ok (1 question, 1 point, 0 answer-key tests, 5 citations found in their sources)\n"
    );
    // A quote that is not there is reported from the whole text.
    let run = Lateral::new()
        .file("quiz.ron", big_quiz(&["Paragraph 60000:"]))
        .file("src/big.txt", text)
        .args(["check", "--sources", "src", "quiz.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: citation quote not found in big.txt"),
        "{}",
        run.stderr
    );
}
