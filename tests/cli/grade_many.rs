//! `lateral grade` over a class: each sheet's totals against values worked
//! out by hand, the same in text, CSV and streamed JSON, with a bad sheet
//! among good ones.

use crate::util::{repo, Lateral};

fn mini() -> String {
    repo("tests/fixtures/mini.ron")
}

/// Sheets of `mini` (pick 1 point, all 2, tf 1, count 1, who 1; pass mark
/// 60%) and what each is worth, worked out by hand.
const SHEETS: &[(&str, &str, f64)] = &[
    // pick 1, all: one of two right 1, tf 0, count 1, who (folded) 1.
    (
        "s1.ron",
        r#"(format: 2, quiz: "mini", responses: {"pick": Choice("red"), "all": Choices(["a"]), "tf": Bool(false), "count": Text("nine min"), "who": Text("  CALDERÓN! ")})"#,
        4.0,
    ),
    // pick 0, all: two right one wrong 1, tf 1, count 0, who (one typo) 1.
    (
        "s2.ron",
        r#"(format: 2, quiz: "mini", responses: {"pick": Choice("green"), "all": Choices(["a", "b", "none"]), "tf": Bool(true), "count": Text("10"), "who": Text("Caldreon")})"#,
        3.0,
    ),
    // Nothing answered.
    ("s3.ron", r#"(format: 2, quiz: "mini", responses: {})"#, 0.0),
    // All right but who.
    (
        "s4.ron",
        r#"(format: 2, quiz: "mini", responses: {"pick": Choice("red"), "all": Choices(["b", "a"]), "tf": Bool(true), "count": Text("9"), "who": Text("Sarukhan")})"#,
        5.0,
    ),
    // count only; an answer too short to forgive a typo in.
    (
        "s5.ron",
        r#"(format: 2, quiz: "mini", responses: {"all": Choices([]), "count": Text("9 min"), "who": Text("Cal")})"#,
        1.0,
    ),
];

fn class() -> Lateral {
    SHEETS
        .iter()
        .fold(Lateral::new(), |l, (name, text, _)| {
            l.file(&format!("class/{name}"), text)
        })
        // Names an option the question does not have: refused, with its place.
        .file(
            "class/s6.ron",
            "(format: 2, quiz: \"mini\", responses: {\n  \"pick\": Choice(\"purple\"),\n})",
        )
}

#[test]
fn every_sheet_totals_what_was_worked_out_by_hand() {
    let l = class();
    let run = l.again(&["grade", &mini(), "class"]);
    assert_eq!(run.code, 1, "one sheet is bad:\n{}", run.stderr);
    assert!(
        run.stderr.contains("s6.ron:2:")
            && run
                .stderr
                .contains("response names unknown option `purple`"),
        "{}",
        run.stderr
    );
    let heads: Vec<&str> = run.stdout.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        heads,
        [
            "class/s1.ron: 4 of 6 points (67%), passed",
            "class/s2.ron: 3 of 6 points (50%), not passed",
            "class/s3.ron: 0 of 6 points (0%), not passed",
            "class/s4.ron: 5 of 6 points (83%), passed",
            "class/s5.ron: 1 of 6 points (17%), not passed",
        ]
    );
}

#[test]
fn the_streamed_json_is_one_array_with_the_documented_fields() {
    let l = class();
    let run = l.again(&["grade", &mini(), "class", "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let sheets = v.as_array().unwrap();
    assert_eq!(sheets.len(), SHEETS.len());
    for (sheet, (name, _, score)) in sheets.iter().zip(SHEETS) {
        let mut keys: Vec<&str> = sheet
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["max", "passed", "percent", "questions", "score", "sheet"]
        );
        assert_eq!(sheet["sheet"], format!("class/{name}"));
        assert_eq!(sheet["score"], *score);
        assert_eq!(sheet["max"], 6.0);
        assert_eq!(sheet["passed"], *score / 6.0 >= 0.6);
        let q = &sheet["questions"][1];
        let mut keys: Vec<&str> = q.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["correct", "id", "max", "points", "verdict"]);
        assert_eq!(q["id"], "all");
    }
    assert_eq!(sheets[1]["questions"][1]["verdict"], "partial");
    assert_eq!(sheets[2]["questions"][0]["verdict"], "unanswered");
    // Written as one pretty array, as before it was streamed.
    assert!(run
        .stdout
        .starts_with("[\n  {\n    \"sheet\": \"class/s1.ron\",\n"));
    assert!(run.stdout.ends_with("\n  }\n]\n"), "{}", run.stdout);
}

#[test]
fn no_sheet_graded_is_an_empty_array() {
    let l = Lateral::new().file("class/bad.ron", "(format: 2,");
    let run = l.again(&["grade", &mini(), "class", "--json"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "[]\n");
}

#[test]
fn the_gradebook_holds_the_same_totals() {
    let l = class();
    let run = l.again(&["grade", &mini(), "class", "--csv", "-"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        rows[0],
        "name,sheet,submitted,pick,all,tf,count,who,total,max,percent,passed"
    );
    assert_eq!(rows[1], ",class/s1.ron,,1,1,0,1,1,4,6,66.7,yes");
    assert_eq!(rows[2], ",class/s2.ron,,0,1,1,0,1,3,6,50.0,no");
    assert_eq!(rows[5], ",class/s5.ron,,0,0,0,1,0,1,6,16.7,no");
    assert_eq!(rows.len(), 6);
}

#[test]
fn a_sheet_named_with_a_bidi_override_is_escaped_in_the_json() {
    let (_, text, _) = SHEETS[0];
    let l = Lateral::new().file("class/s\u{202e}1.ron", text);
    let run = l.again(&["grade", &mini(), "class", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{202e}'), "{}", run.stdout);
    assert!(
        run.stdout.contains(r#""sheet": "class/s\u202e1.ron""#),
        "{}",
        run.stdout
    );
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v[0]["sheet"], "class/s\u{202e}1.ron");
}
