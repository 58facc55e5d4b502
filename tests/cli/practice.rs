//! `lateral practice` over simulated days: the clock is driven with
//! `--today` and `LATERAL_TODAY`, never by waiting. The fixture
//! `recall.ron` is all true/false (answered by typing `t` or `f`, whatever
//! the order) plus one reflection, which never enters the schedule.
//!
//! Every box and date expected below is worked out by hand from the rule:
//! box n is asked every 2^(n-1) days, a right answer to a due card moves it
//! up a box, anything less sends it back to box 1, due the next day.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use lateral::practice::Schedule;

use crate::util::repo;

fn recall() -> String {
    repo("tests/fixtures/recall.ron")
}

/// A data directory and a working folder, and runs of the binary in them.
struct Days {
    dir: tempfile::TempDir,
}

struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Days {
    fn new() -> Days {
        Days {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn schedule_file(&self) -> PathBuf {
        self.path("data/practice.ron")
    }

    fn schedule(&self) -> Schedule {
        lateral::practice_file::read(&self.schedule_file()).unwrap()
    }

    fn command(&self, today: Option<&str>, args: &[&str]) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("lateral"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("LATERAL_DATA_DIR", self.path("data"))
            .envs(crate::util::coverage_env());
        if let Some(day) = today {
            cmd.env("LATERAL_TODAY", day);
        }
        cmd
    }

    /// Runs with `LATERAL_TODAY` set to `today` (when given) and `input`.
    fn run(&self, today: Option<&str>, args: &[&str], input: &str) -> Ran {
        let mut child = self
            .command(today, args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let ran = Ran {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
        ran
    }

    /// Takes recall.ron on `day`, answering `t` to everything: `door` and
    /// `publisher` right (box 2, due two days later), `minutes` missed
    /// (box 1, due the next day), the reflection kept but no card.
    fn take_all_true(&self, quiz: &str, day: &str) {
        let ran = self.run(Some(day), &["take", quiz, "--seed", "1"], "t\nt\nt\nt\n");
        assert_eq!(ran.code, 0, "{}", ran.stderr);
        assert!(
            ran.stdout.contains("Score: 2 of 3 points"),
            "{}",
            ran.stdout
        );
    }

    /// Starts `lateral practice ARGS` with piped input.
    fn spawn(&self, today: &str, args: &[&str]) -> Child {
        let mut all = vec!["practice", "--today", today];
        all.extend_from_slice(args);
        self.command(None, &all)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// Waits (up to ten seconds) until the schedule on disk satisfies `ok`.
    fn wait_for(&self, what: &str, ok: impl Fn(&Schedule) -> bool) {
        for _ in 0..500 {
            if let Ok(s) = lateral::practice_file::read(&self.schedule_file()) {
                if ok(&s) {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the schedule never showed {what}");
    }
}

/// (box, due, last) of a card, as written in the file.
fn card(s: &Schedule, quiz: &str, question: &str) -> (u8, String, String) {
    let c = s.card(quiz, question).unwrap();
    (c.level, c.due.to_string(), c.last.to_string())
}

/// How many cards of `quiz` were last answered on `day`.
fn answered_on(s: &Schedule, quiz: &str, day: &str) -> usize {
    s.cards
        .iter()
        .filter(|c| c.quiz == quiz && c.last.to_string() == day)
        .count()
}

fn status_rows(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains("every"))
        .collect()
}

#[test]
fn a_quiz_taken_then_practised_over_five_days() {
    let d = Days::new();
    d.take_all_true(&recall(), "2026-12-01");

    // Day 1, after the take: the status, and nothing due yet.
    let status = d.run(None, &["practice", "--status", "--today", "2026-12-01"], "");
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status
            .stdout
            .starts_with("Practice schedule on 1 December 2026: 3 cards, 0 due today\n"),
        "{}",
        status.stdout
    );
    assert_eq!(
        status_rows(&status.stdout),
        [
            "  1  every day            1    0",
            "  2  every 2 days         2    0",
            "  3  every 4 days         0    0",
            "  4  every 8 days         0    0",
            "  5  every 16 days        0    0",
        ]
    );
    assert!(status
        .stdout
        .ends_with("Next: 1 due tomorrow, 2 on 3 December.\n"));
    let none = d.run(Some("2026-12-01"), &["practice", &recall()], "");
    assert_eq!(none.code, 0, "{}", none.stderr);
    assert_eq!(
        none.stdout,
        "Nothing is due today. Next: 1 due tomorrow, 2 on 3 December.\n"
    );

    // Day 2 (the clock from LATERAL_TODAY): only the missed question.
    let day2 = d.run(Some("2026-12-02"), &["practice", &recall()], "f\n");
    assert_eq!(day2.code, 0, "{}", day2.stderr);
    assert!(
        day2.stdout.contains("Practice · 2 December 2026"),
        "{}",
        day2.stdout
    );
    assert!(
        day2.stdout.contains("Question 1 of 1 · 1 point"),
        "{}",
        day2.stdout
    );
    assert!(day2
        .stdout
        .contains("Report A says the meeting lasted an hour.\nFrom Recall quiz · box 1\n"));
    assert!(day2.stdout.contains("✓ Right · 1 of 1 point"));
    assert!(!day2.stdout.contains("Question 2"), "{}", day2.stdout);
    assert!(
        day2.stdout
            .ends_with("Practised 1 question: 1 right.\nNext: 2 due tomorrow, 1 on 4 December.\n"),
        "{}",
        day2.stdout
    );
    let s = d.schedule();
    assert_eq!(
        card(&s, "recall", "minutes"),
        (2, "2026-12-04".into(), "2026-12-02".into())
    );

    // Day 3 (the clock from --today): the two right on day 1, both right again.
    let day3 = d.run(
        None,
        &["practice", &recall(), "--today", "2026-12-03"],
        "t\nt\n",
    );
    assert_eq!(day3.code, 0, "{}", day3.stderr);
    assert!(day3.stdout.contains("2 questions due today from 1 quiz"));
    for prompt in [
        "Report A says the door was red.",
        "Report B names its publisher.",
    ] {
        assert!(day3.stdout.contains(prompt), "{prompt}: {}", day3.stdout);
    }
    assert!(day3.stdout.contains("From Recall quiz · box 2"));
    assert!(day3
        .stdout
        .ends_with("Practised 2 questions: 2 right.\nNext: 1 due tomorrow, 2 on 7 December.\n"));

    // Day 4: the one from day 2, missed this time.
    let day4 = d.run(Some("2026-12-04"), &["practice", &recall()], "t\n");
    assert!(day4.stdout.contains("✗ Wrong"), "{}", day4.stdout);
    assert!(day4.stdout.ends_with(
        "Practised 1 question: 0 right, 1 to see again tomorrow.\nNext: 1 due tomorrow, 2 on 7 December.\n"
    ), "{}", day4.stdout);

    // Day 5: the status of every box, and the reflection was never asked.
    let status = d.run(Some("2026-12-05"), &["practice", "--status", &recall()], "");
    assert_eq!(
        status_rows(&status.stdout),
        [
            "  1  every day            1    1",
            "  2  every 2 days         0    0",
            "  3  every 4 days         2    0",
            "  4  every 8 days         0    0",
            "  5  every 16 days        0    0",
        ]
    );
    let json = d.run(Some("2026-12-05"), &["practice", "--status", "--json"], "");
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["today"], "2026-12-05");
    assert_eq!((v["cards"].as_u64(), v["due"].as_u64()), (Some(3), Some(1)));
    assert_eq!(v["boxes"][2]["box"], 3);
    assert_eq!(v["boxes"][2]["every_days"], 4);
    assert_eq!(v["boxes"][2]["cards"], 2);
    assert_eq!(v["next"][1]["date"], "2026-12-07");
    for run in [&day2, &day3, &day4] {
        assert!(!run.stdout.contains("What would you search for"));
    }
    let s = d.schedule();
    assert_eq!(s.cards.len(), 3, "no card for the reflection");
    assert_eq!(
        card(&s, "recall", "door"),
        (3, "2026-12-07".into(), "2026-12-03".into())
    );
    assert_eq!(
        card(&s, "recall", "minutes"),
        (1, "2026-12-05".into(), "2026-12-04".into())
    );
}

#[test]
fn cards_of_quizzes_not_given_are_left_alone_and_removed_questions_skipped() {
    let d = Days::new();
    d.take_all_true(&recall(), "2026-12-01");
    let before = std::fs::read(d.schedule_file()).unwrap();

    // No quiz named: the built-in quizzes, none of which has a card.
    let builtin = d.run(Some("2026-12-09"), &["practice"], "");
    assert_eq!(builtin.code, 0, "{}", builtin.stderr);
    assert!(
        builtin.stdout.starts_with(
            "Nothing to practise from these quizzes. Your 3 cards are from other quizzes"
        ),
        "{}",
        builtin.stdout
    );
    assert_eq!(std::fs::read(d.schedule_file()).unwrap(), before);

    // The quiz again, without the question that is due on day 2.
    let edited = std::fs::read_to_string(recall())
        .unwrap()
        .replace("id: \"minutes\"", "id: \"minutes-gone\"");
    std::fs::write(d.path("recall-edited.ron"), edited).unwrap();
    let day2 = d.run(Some("2026-12-02"), &["practice", "recall-edited.ron"], "");
    assert_eq!(day2.code, 0, "{}", day2.stderr);
    assert_eq!(day2.stdout, "Nothing is due today. Next: 2 due tomorrow.\n");
    // Its card is kept, should the question come back.
    assert_eq!(std::fs::read(d.schedule_file()).unwrap(), before);
}

#[test]
fn with_an_empty_schedule_practice_says_how_to_start() {
    let d = Days::new();
    let ran = d.run(None, &["practice"], "");
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        ran.stdout
            .contains("Start with `lateral take viral-photo`."),
        "{}",
        ran.stdout
    );
    let status = d.run(None, &["practice", "--status", "--today", "2026-12-01"], "");
    assert!(
        status.stdout.contains("0 cards, 0 due today"),
        "{}",
        status.stdout
    );
    assert!(!d.schedule_file().exists(), "nothing was written");
}

#[test]
fn a_bad_date_a_paper_or_one_quiz_twice_is_refused_clearly() {
    let d = Days::new();
    let bad = d.run(Some("next tuesday"), &["practice"], "");
    assert_eq!(bad.code, 1);
    assert_eq!(
        bad.stderr,
        "LATERAL_TODAY: `next tuesday` is not a date; write it as YYYY-MM-DD, such as 2026-12-01\n"
    );
    let bad = d.run(None, &["practice", "--today", "2026-02-30"], "");
    assert_eq!(bad.code, 1);
    assert!(bad
        .stderr
        .starts_with("--today: `2026-02-30` is not a date"));

    let paper = d.run(None, &["paper", &recall(), "-o", "recall.paper.ron"], "");
    assert_eq!(paper.code, 0, "{}", paper.stderr);
    let refused = d.run(None, &["practice", "recall.paper.ron"], "");
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains(
            "recall.paper.ron: this is an exam paper, which has no answers to practise with"
        ),
        "{}",
        refused.stderr
    );
    let twice = d.run(None, &["practice", &recall(), &recall()], "");
    assert_eq!(twice.code, 1);
    assert!(
        twice.stderr.contains("are both quiz `recall`"),
        "{}",
        twice.stderr
    );
    let json_alone = d.run(None, &["practice", "--json"], "");
    assert_eq!(json_alone.code, 2, "{}", json_alone.stderr);
}

#[test]
fn only_the_students_own_takes_in_the_data_directory_enter_the_schedule() {
    let d = Days::new();
    // Saved elsewhere, a named sheet, a paper: none is the personal schedule's.
    for args in [
        vec!["take", &recall(), "--save", "mine.ron"],
        vec!["take", &recall(), "--name", "Ana"],
        vec!["take", &recall(), "--save", "class/"],
    ] {
        let ran = d.run(Some("2026-12-01"), &args, "t\nt\nt\nt\n");
        assert_eq!(ran.code, 0, "{args:?}: {}", ran.stderr);
    }
    d.run(None, &["paper", &recall(), "-o", "p.ron"], "");
    let ran = d.run(
        Some("2026-12-01"),
        &["take", "p.ron", "--name", "Ana"],
        "t\nt\nt\nt\n",
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(!d.schedule_file().exists());
    // An exam taken for oneself does.
    let ran = d.run(
        Some("2026-12-01"),
        &["take", &recall(), "--exam"],
        "t\nt\nt\nt\n",
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_eq!(d.schedule().cards.len(), 3);
}

#[test]
fn a_broken_schedule_is_set_aside_and_a_newer_one_is_left_untouched() {
    let d = Days::new();
    std::fs::create_dir_all(d.path("data")).unwrap();
    std::fs::write(d.schedule_file(), "(format: 1, cards: [(quiz: ").unwrap();
    d.take_all_true(&recall(), "2026-12-01");
    assert_eq!(
        std::fs::read_to_string(d.path("data/practice.ron.set-aside")).unwrap(),
        "(format: 1, cards: [(quiz: "
    );
    assert_eq!(d.schedule().cards.len(), 3);

    let newer = "(format: 7, cards: [], streaks: [])\n";
    std::fs::write(d.schedule_file(), newer).unwrap();
    let ran = d.run(Some("2026-12-03"), &["practice", &recall()], "t\n");
    assert_eq!(ran.code, 1);
    assert!(
        ran.stderr.contains(
            "practice.ron: cannot use this practice schedule: it was written by a newer lateral (schedule format 7)"
        ),
        "{}",
        ran.stderr
    );
    // A take goes on, says so once, and leaves the file as it was.
    let take = d.run(Some("2026-12-03"), &["take", &recall()], "t\nt\nt\nt\n");
    assert_eq!(take.code, 0, "{}", take.stderr);
    assert_eq!(
        take.stderr
            .matches("your practice schedule was not updated")
            .count(),
        1,
        "{}",
        take.stderr
    );
    assert_eq!(std::fs::read_to_string(d.schedule_file()).unwrap(), newer);
}

#[test]
fn kill_9_in_the_middle_of_practice_keeps_the_answers_given() {
    let d = Days::new();
    d.take_all_true(&recall(), "2026-12-01");
    // Day 3: `door` and `publisher` are due (and `minutes`, from day 2).
    let mut p = d.spawn("2026-12-03", &[&recall()]);
    let mut input = p.stdin.take().unwrap();
    writeln!(input, "t").unwrap();
    input.flush().unwrap();
    d.wait_for("the first answer", |s| {
        answered_on(s, "recall", "2026-12-03") == 1
    });
    p.kill().unwrap(); // SIGKILL
    p.wait().unwrap();

    let s = d.schedule();
    assert_eq!(answered_on(&s, "recall", "2026-12-03"), 1);
    let due_left = s
        .cards
        .iter()
        .filter(|c| c.due.to_string().as_str() <= "2026-12-03")
        .count();
    assert_eq!(due_left, 2, "two still due: {s:?}");
    // The next run asks only those two.
    let again = d.run(
        None,
        &["practice", &recall(), "--today", "2026-12-03"],
        "t\nf\n",
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("2 questions due today"),
        "{}",
        again.stdout
    );
    assert!(!again.stdout.contains("Question 3"));
    assert_eq!(answered_on(&d.schedule(), "recall", "2026-12-03"), 3);
}

#[test]
fn two_practices_at_once_lose_no_answer() {
    let d = Days::new();
    let other = std::fs::read_to_string(recall())
        .unwrap()
        .replace("id: \"recall\"", "id: \"recall-two\"");
    std::fs::write(d.path("two.ron"), other).unwrap();
    d.take_all_true(&recall(), "2026-12-01");
    d.take_all_true("two.ron", "2026-12-01");
    // Day 3: three due in each quiz; the two runs answer in turns, each
    // answer reaching the file before the other run's next.
    let mut one = d.spawn("2026-12-03", &[&recall(), "--seed", "1"]);
    let mut two = d.spawn("2026-12-03", &["two.ron", "--seed", "2"]);
    let mut one_in = one.stdin.take().unwrap();
    let mut two_in = two.stdin.take().unwrap();
    for n in 1..=3 {
        writeln!(one_in, "t").unwrap();
        one_in.flush().unwrap();
        d.wait_for("the first run's answer", |s| {
            answered_on(s, "recall", "2026-12-03") == n
        });
        writeln!(two_in, "t").unwrap();
        two_in.flush().unwrap();
        d.wait_for("the second run's answer", |s| {
            answered_on(s, "recall-two", "2026-12-03") == n
        });
    }
    drop((one_in, two_in));
    for p in [one, two] {
        let out = p.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&out.stdout).contains("Practised 3 questions: 2 right"));
    }
    let s = d.schedule();
    assert_eq!(answered_on(&s, "recall", "2026-12-03"), 3);
    assert_eq!(answered_on(&s, "recall-two", "2026-12-03"), 3);
    for quiz in ["recall", "recall-two"] {
        assert_eq!(card(&s, quiz, "door").0, 3);
        assert_eq!(card(&s, quiz, "minutes").0, 1);
    }
}

#[test]
fn one_round_on_a_terminal() {
    use expectrl::Expect;
    let d = Days::new();
    d.take_all_true(&recall(), "2026-12-01");

    let mut cmd = d.command(None, &["practice", &recall(), "--today", "2026-12-02"]);
    cmd.env("TERM", "xterm-256color");
    let mut p = crate::pty::spawn_once_sized(&cmd);
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p.expect("Practice · 2 December 2026").unwrap();
    p.expect("Keys: ↑/↓ move").unwrap();
    p.expect("Question 1 of 1").unwrap();
    p.expect("From Recall quiz · box 1").unwrap();
    // The prompt's own text: keys typed before it is drawn are thrown away.
    p.expect("True or false? (↑/↓").unwrap();
    p.send(crate::pty::DOWN).unwrap();
    p.send("\r").unwrap();
    p.expect("✓ Right").unwrap();
    p.expect("Why:").unwrap();
    // The feedback stays until a key is pressed.
    p.expect("Press any key to see what is due next").unwrap();
    p.send(" ").unwrap();
    p.expect("Practised 1 question: 1 right.").unwrap();
    p.expect("Next: 2 due tomorrow, 1 on 4 December.").unwrap();
    p.expect(expectrl::Eof).unwrap();
    assert_eq!(crate::pty::exit_code(&p), 0);
    assert_eq!(
        card(&d.schedule(), "recall", "minutes"),
        (2, "2026-12-04".into(), "2026-12-02".into())
    );
}

#[test]
fn two_quizzes_are_asked_mixed_and_input_ending_early_says_what_is_kept() {
    let d = Days::new();
    let other = std::fs::read_to_string(recall())
        .unwrap()
        .replace("id: \"recall\"", "id: \"recall-two\"")
        .replace("title: \"Recall quiz\"", "title: \"Second quiz\"");
    std::fs::write(d.path("two.ron"), other).unwrap();
    d.take_all_true(&recall(), "2026-12-01");
    d.take_all_true("two.ron", "2026-12-01");

    // Day 3: three due in each; the first four answered, then input ends.
    let ran = d.run(
        Some("2026-12-03"),
        &["practice", &recall(), "two.ron", "--seed", "5"],
        "t\nt\nt\nt\n",
    );
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    assert!(ran
        .stdout
        .contains("6 questions due today from 2 quizzes, in mixed order. Seed 5"));
    let from: Vec<&str> = ran
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("From "))
        .map(|l| l.split(" · ").next().unwrap())
        .collect();
    assert_eq!(from.len(), 5, "four answered, the fifth waiting: {from:?}");
    // Mixed: the quizzes take turns rather than one after the other.
    let switches = from.windows(2).filter(|w| w[0] != w[1]).count();
    assert!(switches >= 2, "{from:?}");
    assert!(
        ran.stderr.ends_with(&format!(
            "input ended before question 5 of 6 was answered; the answers given so far are saved in {}\n",
            d.schedule_file().display()
        )),
        "{}",
        ran.stderr
    );
    let s = d.schedule();
    assert_eq!(
        answered_on(&s, "recall", "2026-12-03") + answered_on(&s, "recall-two", "2026-12-03"),
        4
    );
}
