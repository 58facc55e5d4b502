//! How typed answers are compared and read: text folding and number reading.
//!
//! Text answers are compared after folding away what a student should not be
//! marked down for (case, accents, punctuation, extra spaces). Exact-spelling
//! questions keep accents and inner punctuation, because a spelling that
//! differs between reports is itself the lesson. Numbers are read from digits
//! or English number words, with an optional unit.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds text for lenient comparison: accents removed, lower case,
/// punctuation turned into spaces, runs of spaces collapsed, ends trimmed.
///
/// `"  Felipe Calderón! "` and `"felipe calderon"` fold to the same string.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return fold_ascii(text);
    }
    fold_unicode(text)
}

/// [`fold`] for any text: decomposed, combining marks dropped.
///
/// Only the stretches of non-ASCII characters go through decomposition:
/// an ASCII character decomposes to itself and is a starter, which
/// canonical reordering never moves anything across, so decomposing
/// stretch by stretch gives what decomposing the whole text gives.
fn fold_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            push_folded_case(&mut out, c);
        } else {
            space = true;
        }
    };
    let mut rest = text;
    while !rest.is_empty() {
        // UTF-8 writes ASCII characters, and only them, as bytes below
        // 0x80: every split here falls between characters.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        rest[..ascii].chars().for_each(&mut push);
        rest = &rest[ascii..];
        let other = rest
            .bytes()
            .position(|b| b.is_ascii())
            .unwrap_or(rest.len());
        rest[..other]
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .for_each(&mut push);
        rest = &rest[other..];
    }
    out
}

/// [`fold`] for ASCII text, which holds no accents to take apart: the
/// same string, without decomposing each character.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

/// Folds text for exact-spelling comparison: Unicode NFC, lower case,
/// surrounding spaces and punctuation trimmed, inner spaces collapsed.
/// Accents and inner punctuation are kept.
pub fn exact(text: &str) -> String {
    let composed: String = text.nfc().collect();
    let trimmed = composed.trim_matches(|c: char| !c.is_alphanumeric());
    let mut out = String::with_capacity(trimmed.len());
    for (i, word) in trimmed.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        word.chars().for_each(|c| push_folded_case(&mut out, c));
    }
    out
}

/// Lower case, with the one common letter whose upper case is two letters
/// folded the same way (`ß` and `SS` both become `ss`).
fn push_folded_case(out: &mut String, c: char) {
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        c => out.extend(c.to_lowercase()),
    }
}

/// Why a typed number could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    /// Nothing was typed.
    #[error("type a number")]
    Empty,
    /// The text is not a number.
    #[error("`{0}` is not a number; type digits such as 12{1}")]
    NotANumber(String, String),
    /// A unit other than the question's was given.
    #[error("this question asks in {expected}; `{found}` is not that unit")]
    WrongUnit {
        /// The unit the question uses.
        expected: String,
        /// What was typed after the number.
        found: String,
    },
}

/// How a number question reads answers.
#[derive(Debug, Clone, Copy)]
pub struct NumberRules<'a> {
    /// The question's unit, if it has one.
    pub unit: Option<&'a str>,
    /// Other accepted spellings of the unit.
    pub unit_aliases: &'a [String],
    /// Whether English number words are read.
    pub words: bool,
}

/// Reads a typed number: `9`, `9.5`, `1,500`, `-3`, `9 minutes`, `nine`,
/// `fifteen hundred`, `a thousand five hundred miles`.
///
/// A unit, if typed, must be the question's unit, one of its aliases, or the
/// singular or plural of either; without a unit on the question, any trailing
/// word is refused, so "9 hours" is never read as 9 minutes.
pub fn parse_number(input: &str, rules: NumberRules<'_>) -> Result<f64, NumberError> {
    if let Some(value) = plain_digits(input) {
        return Ok(value);
    }
    let folded = fold_number_text(input);
    if folded.is_empty() {
        return Err(NumberError::Empty);
    }
    let words: Vec<&str> = folded.split(' ').collect();
    let hint = if rules.words {
        " or words such as twelve"
    } else {
        ""
    };
    let not_a_number = || NumberError::NotANumber(input.trim().to_owned(), hint.to_owned());
    // Try the longest prefix that reads as a number; the rest must be a unit.
    for split in (1..=words.len()).rev() {
        let (num, rest) = words.split_at(split);
        let value = match read_number(num, rules.words) {
            Some(v) => v,
            None => continue,
        };
        if rest.is_empty() {
            return Ok(value);
        }
        // "20 5": a second number is no unit.
        if rest[0].starts_with(|c: char| c.is_ascii_digit()) {
            return Err(not_a_number());
        }
        let rest = rest.join(" ");
        return match rules.unit {
            Some(unit) if unit_matches(&rest, unit, rules.unit_aliases) => Ok(value),
            Some(unit) => Err(NumberError::WrongUnit {
                expected: unit.to_owned(),
                found: rest,
            }),
            None => Err(not_a_number()),
        };
    }
    Err(not_a_number())
}

/// The value of `input` when it is only ASCII digits (spaces around them
/// aside), as most typed numbers are: what [`parse_number`] reads from
/// it, without folding it first. `None` for anything else.
fn plain_digits(input: &str) -> Option<f64> {
    let digits = input.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Lower-cases, drops thousands separators (`1,500`, and `1 500` as SI
/// writes it: groups of three digits after a group of one to three) and
/// splits `9-minute`/`9min`.
fn fold_number_text(input: &str) -> String {
    let lower = fold_keep_number_marks(input);
    let mut out = String::new();
    let chars: Vec<char> = lower.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            // 1,500 → 1500 (a comma between digits groups thousands).
            ',' if prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()) => {}
            '-' | '.'
                if next.is_some_and(|n| n.is_ascii_digit())
                    && !prev.is_some_and(|p| p.is_alphanumeric()) =>
            {
                out.push(c)
            }
            '.' if prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()) =>
            {
                out.push(c)
            }
            c if c.is_alphanumeric() => {
                // 9min → 9 min
                if prev.is_some_and(|p| p.is_ascii_digit()) && c.is_alphabetic() {
                    out.push(' ');
                }
                out.push(c);
            }
            _ => out.push(' '),
        }
    }
    let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let mut words: Vec<String> = Vec::new();
    // Whether the last word is a number whose digits may still be grouped:
    // one to three digits not starting with 0, or groups already joined.
    let mut grouping = false;
    for word in out.split_whitespace() {
        match words.last_mut() {
            Some(last) if grouping && word.len() == 3 && digits(word) => last.push_str(word),
            _ => {
                let body = word.strip_prefix('-').unwrap_or(word);
                grouping = digits(body) && body.len() <= 3 && !body.starts_with('0');
                words.push(word.to_owned());
            }
        }
    }
    words.join(" ")
}

fn fold_keep_number_marks(input: &str) -> String {
    if input.is_ascii() {
        return input.to_ascii_lowercase();
    }
    input
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn unit_matches(typed: &str, unit: &str, aliases: &[String]) -> bool {
    let typed = fold(typed);
    std::iter::once(unit)
        .chain(aliases.iter().map(String::as_str))
        .any(|u| {
            let u = fold(u);
            typed == u
                || typed == singular(&u)
                || singular(&typed) == u
                || singular(&typed) == singular(&u)
        })
}

fn singular(word: &str) -> String {
    word.strip_suffix('s').unwrap_or(word).to_owned()
}

fn read_number(words: &[&str], allow_words: bool) -> Option<f64> {
    if let [one] = words {
        if let Ok(v) = one.parse::<f64>() {
            return v.is_finite().then_some(v);
        }
    }
    if allow_words {
        read_number_words(words)
    } else {
        None
    }
}

fn small_word(w: &str) -> Option<u64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u64);
    }
    TENS.iter()
        .position(|t| *t == w)
        .map(|i| (i as u64 + 2) * 10)
}

/// English number words up to the billions: "twenty one", "fifteen hundred",
/// "one thousand five hundred", "a hundred and six", "minus three".
fn read_number_words(words: &[&str]) -> Option<f64> {
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut seen = false;
    let mut negative = false;
    for (i, w) in words.iter().enumerate() {
        match *w {
            "minus" | "negative" if i == 0 => negative = true,
            "and" if seen => {}
            "a" | "an" if i == usize::from(negative) => current = 1,
            "hundred" => {
                current = current.max(1).checked_mul(100)?;
                seen = true;
            }
            "thousand" | "million" | "billion" => {
                let scale = match *w {
                    "thousand" => 1_000,
                    "million" => 1_000_000,
                    _ => 1_000_000_000,
                };
                total = total.checked_add(current.max(1).checked_mul(scale)?)?;
                current = 0;
                seen = true;
            }
            other => {
                let v = small_word(other).or_else(|| {
                    // Digits mixed with scale words: "1.5 million" is out of scope,
                    // but "15 hundred" is read. Two numbers in a row ("20 5",
                    // "1 50") are not one number.
                    let after_digits = i > 0 && words[i - 1].parse::<u64>().is_ok();
                    other.parse::<u64>().ok().filter(|_| !after_digits)
                })?;
                current = current.checked_add(v)?;
                seen = true;
            }
        }
    }
    if !seen {
        return None;
    }
    let v = total.checked_add(current)? as f64;
    Some(if negative { -v } else { v })
}

/// Whether `a` and `b` differ by at most one typo: one character changed,
/// added or left out, or two neighbouring characters swapped (an optimal
/// string alignment distance of at most 1).
///
/// It compares the two once from each end, so its time grows with their
/// length, never with its square: a student's answer is untrusted and may
/// be a page long.
pub fn within_one_typo(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // One byte is one character: compared in place.
        return one_typo_apart(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    one_typo_apart(&a, &b)
}

/// [`within_one_typo`] over characters (or bytes, for ASCII text).
fn one_typo_apart<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let same = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if same == long.len() {
        return true;
    }
    if long.len() > short.len() {
        // One character added: everything after it lines up.
        return short[same..] == long[same + 1..];
    }
    // One character changed, or two neighbours swapped.
    short[same + 1..] == long[same + 1..]
        || (same + 1 < short.len()
            && short[same] == long[same + 1]
            && short[same + 1] == long[same]
            && short[same + 2..] == long[same + 2..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes() -> NumberRules<'static> {
        NumberRules {
            unit: Some("minutes"),
            unit_aliases: &[],
            words: true,
        }
    }

    #[test]
    fn fold_of_ascii_skips_decomposing_with_the_same_result() {
        let cases = [
            ("  Mexico City! ", "mexico city"),
            ("9-minute,clip", "9 minute clip"),
            ("A\tB\n", "a b"),
            ("?!", ""),
            ("", ""),
            ("x", "x"),
        ];
        for (typed, folded) in cases {
            assert_eq!(fold_ascii(typed), folded, "{typed:?}");
            assert_eq!(fold_unicode(typed), folded, "{typed:?}");
            assert_eq!(fold(typed), folded, "{typed:?}");
        }
    }

    /// `fold` as first written: the whole text decomposed at once.
    fn fold_whole(text: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
            if c.is_alphanumeric() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                push_folded_case(&mut out, c);
            } else {
                space = true;
            }
        }
        out
    }

    #[test]
    fn fold_decomposes_stretch_by_stretch_as_the_whole_text() {
        let cases = [
            ("Ciudad Juárez", "ciudad juarez"),
            ("Felipe Calderón", "felipe calderon"),
            ("e\u{301}\u{327}x", "ex"),
            ("\u{327}\u{301}a", "a"),
            ("Ångström—Straße", "angstrom strasse"),
            ("naïve café", "naive cafe"),
            // Hangul syllables come apart into their letters.
            (
                "한국어 text",
                "\u{1112}\u{1161}\u{11ab}\u{1100}\u{116e}\u{11a8}\u{110b}\u{1165} text",
            ),
            ("ÉCOLE", "ecole"),
            ("\u{2003}x\u{a0}y", "x y"),
        ];
        for (typed, folded) in cases {
            assert_eq!(fold_unicode(typed), folded, "{typed:?}");
            assert_eq!(fold_whole(typed), folded, "{typed:?}");
        }
    }

    #[test]
    fn fold_ignores_case_accents_punctuation_and_spaces() {
        assert_eq!(fold("  Felipe Calderón! "), "felipe calderon");
        assert_eq!(fold("CALDERON"), "calderon");
        assert_eq!(fold("Ciudad  Juárez,"), "ciudad juarez");
        assert_eq!(fold("?!"), "");
    }

    #[test]
    fn exact_keeps_accents_but_not_case_or_surrounding_marks() {
        assert_eq!(exact(" Calderón. "), "calderón");
        assert_ne!(exact("Calderon"), exact("Calderón"));
        // Composed and decomposed é are the same letter.
        assert_eq!(exact("Caldero\u{301}n"), exact("Calder\u{f3}n"));
    }

    #[test]
    fn numbers_read_digits_words_and_units() {
        for typed in [
            "9",
            "9 minutes",
            "nine",
            "Nine minutes",
            "9min",
            "9-minute",
            "9.0",
            "9 minute",
        ] {
            let rules = NumberRules {
                unit_aliases: &["min".to_owned()],
                ..minutes()
            };
            assert_eq!(parse_number(typed, rules), Ok(9.0), "{typed}");
        }
        let plain = NumberRules {
            unit: None,
            unit_aliases: &[],
            words: true,
        };
        assert_eq!(parse_number("1,500", plain), Ok(1500.0));
        assert_eq!(parse_number("fifteen hundred", plain), Ok(1500.0));
        assert_eq!(parse_number("one thousand five hundred", plain), Ok(1500.0));
        assert_eq!(parse_number("a hundred and six", plain), Ok(106.0));
        assert_eq!(parse_number("twenty-one", plain), Ok(21.0));
        assert_eq!(parse_number("-3", plain), Ok(-3.0));
        assert_eq!(parse_number("0.5", plain), Ok(0.5));
    }

    #[test]
    fn plain_digits_are_read_without_folding() {
        assert_eq!(plain_digits("1500"), Some(1500.0));
        assert_eq!(plain_digits("  007 "), Some(7.0));
        assert_eq!(plain_digits("12345"), Some(12345.0));
        for other in [
            "",
            "  ",
            "1,500",
            "-3",
            "0.5",
            "9 minutes",
            "nine",
            "1\u{0660}",
        ] {
            assert_eq!(plain_digits(other), None, "{other:?}");
        }
        // Too many digits for a finite number: left to the full reading,
        // which refuses them too.
        let huge = "9".repeat(400);
        assert_eq!(plain_digits(&huge), None);
        let plain = NumberRules {
            unit: None,
            unit_aliases: &[],
            words: false,
        };
        assert!(parse_number(&huge, plain).is_err());
        assert_eq!(parse_number(" 42 ", plain), Ok(42.0));
    }

    #[test]
    fn number_words_read_signs_and_every_scale() {
        let plain = NumberRules {
            unit: None,
            unit_aliases: &[],
            words: true,
        };
        for (typed, value) in [
            ("minus three", -3.0),
            ("negative twelve", -12.0),
            ("two million", 2_000_000.0),
            ("three billion", 3_000_000_000.0),
            ("one million two hundred thousand", 1_200_000.0),
            ("a billion and five", 1_000_000_005.0),
            ("seven thousand and one", 7_001.0),
            ("zero", 0.0),
        ] {
            assert_eq!(parse_number(typed, plain), Ok(value), "{typed}");
        }
        // A sign word only counts first.
        assert!(parse_number("three minus", plain).is_err());
    }

    #[test]
    fn a_number_question_without_a_unit_refuses_one() {
        let plain = NumberRules {
            unit: None,
            unit_aliases: &[],
            words: true,
        };
        assert!(parse_number("9 hours", plain).is_err());
        assert_eq!(parse_number("9", plain), Ok(9.0));
    }

    #[test]
    fn digits_grouped_by_spaces_read_as_one_number_and_two_numbers_as_none() {
        for (typed, value) in [
            ("1 500", 1500.0),
            ("1 500 minutes", 1500.0),
            ("12 345 678", 12_345_678.0),
            ("-1 500", -1500.0),
            ("999 000", 999_000.0),
        ] {
            assert_eq!(parse_number(typed, minutes()), Ok(value), "{typed}");
        }
        // Not groups of thousands: a lead of four digits or a leading 0,
        // a group of two or four, two numbers side by side.
        for typed in ["2019 500", "0 500", "1 50", "1 5000", "20 5", "1 500 5"] {
            assert_eq!(
                parse_number(typed, minutes()),
                Err(NumberError::NotANumber(
                    typed.into(),
                    " or words such as twelve".into()
                )),
                "{typed}"
            );
        }
        // Words are still summed: twenty-five, fifteen hundred.
        assert_eq!(parse_number("twenty 5", minutes()), Ok(25.0));
        assert_eq!(parse_number("15 hundred", minutes()), Ok(1500.0));
    }

    #[test]
    fn numbers_refuse_what_cannot_be_read() {
        assert_eq!(
            parse_number("abc", minutes()),
            Err(NumberError::NotANumber(
                "abc".into(),
                " or words such as twelve".into()
            ))
        );
        assert_eq!(parse_number("  ", minutes()), Err(NumberError::Empty));
        assert_eq!(
            parse_number("9 hours", minutes()),
            Err(NumberError::WrongUnit {
                expected: "minutes".into(),
                found: "hours".into()
            })
        );
        let digits_only = NumberRules {
            words: false,
            ..minutes()
        };
        assert!(parse_number("nine", digits_only).is_err());
        assert!(parse_number("1e999", digits_only).is_err());
    }

    #[test]
    fn one_typo_is_a_change_an_addition_a_loss_or_a_swap() {
        assert!(within_one_typo("calderon", "calderon"));
        assert!(within_one_typo("calderon", "caldreon"));
        assert!(within_one_typo("calderon", "calderin"));
        assert!(within_one_typo("calderon", "caldeeron"));
        assert!(within_one_typo("calderon", "alderon"));
        assert!(within_one_typo("calderón", "calderó"));
        assert!(!within_one_typo("calderon", "sarukhan"));
        assert!(!within_one_typo("calderon", "cladreon"));
        assert!(!within_one_typo("calderon", "calderonxx"));
        assert!(!within_one_typo("abcd", "bacd x"));
        // Accented letters count as one character each, not as their bytes.
        assert!(within_one_typo("juárez", "juarez"));
        assert!(within_one_typo("juárez", "juáerz"));
        assert!(!within_one_typo("juárez", "juaerz"));
        assert!(within_one_typo("é", ""));
        // It agrees with the optimal string alignment distance.
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "bac", "abd", "abcd", "xbcd", "abdc",
        ];
        for x in words {
            for y in words {
                assert_eq!(
                    within_one_typo(x, y),
                    strsim::osa_distance(x, y) <= 1,
                    "{x:?} {y:?}"
                );
            }
        }
    }

    #[test]
    fn exact_keeps_one_space_between_words() {
        assert_eq!(exact("Ciudad  Juárez"), "ciudad juárez");
        assert_eq!(exact(" El\tPaso, Texas. "), "el paso, texas");
    }

    #[test]
    fn number_text_keeps_only_the_marks_of_a_number() {
        for (typed, folded) in [
            // A comma groups thousands only between digits.
            ("1,500", "1500"),
            ("9,min", "9 min"),
            ("twenty,one", "twenty one"),
            // A sign or a leading point only before a digit, and not
            // inside a word.
            ("-3", "-3"),
            (".5", ".5"),
            ("twenty - one", "twenty one"),
            ("x-5", "x 5"),
            // A decimal point only between digits.
            ("9.5", "9.5"),
            ("9.", "9"),
            ("9 min.", "9 min"),
            ("min.5", "min 5"),
            // Accents and spaces from beyond ASCII folded as any other.
            ("Nine mínutes", "nine minutes"),
            ("9\u{a0}minutes", "9 minutes"),
        ] {
            assert_eq!(fold_number_text(typed), folded, "{typed:?}");
        }
    }

    #[test]
    fn a_unit_is_read_with_one_s_more_or_fewer() {
        // Singular and plural are told apart by a trailing `s` alone, the
        // question's own spelling of the unit taken either way.
        let none: &[String] = &[];
        for (typed, unit, read) in [
            ("minutes", "minutes", true),
            ("Minute", "minutes", true),
            ("minutess", "minutes", true),
            ("minut", "minutes", false),
            ("hours", "minutes", false),
            ("minutes", "minute", true),
            ("gauss", "gauss", true),
            ("gaus", "gauss", true),
            ("gausss", "gauss", true),
            ("gau", "gauss", false),
        ] {
            assert_eq!(unit_matches(typed, unit, none), read, "{typed} {unit}");
        }
        let min = ["min".to_owned()];
        assert!(unit_matches("mins", "minutes", &min));
        assert!(!unit_matches("mi", "minutes", &min));
    }

    #[test]
    fn number_words_take_and_and_a_only_where_english_does() {
        let plain = NumberRules {
            unit: None,
            unit_aliases: &[],
            words: true,
        };
        assert_eq!(parse_number("minus a hundred", plain), Ok(-100.0));
        assert!(parse_number("and five", plain).is_err());
        assert!(parse_number("twenty a", plain).is_err());
    }

    #[test]
    fn number_words_past_u64_are_not_read() {
        // u64::MAX = 18_446_744_073_709_551_615; each sum or product past it is None.
        let read = |words: &str| read_number_words(&words.split(' ').collect::<Vec<_>>());
        // 184_467_440_737_095_517 × 100 = 18_446_744_073_709_551_700 > MAX.
        assert_eq!(read("184467440737095517 hundred"), None);
        // 18_446_744_073_709_552 × 1_000 = 18_446_744_073_709_552_000 > MAX.
        assert_eq!(read("18446744073709552 thousand"), None);
        // Two of 18_446_744_073_709_551_000 make more than MAX.
        assert_eq!(
            read("18446744073709551 thousand 18446744073709551 thousand"),
            None
        );
        // MAX + 1.
        assert_eq!(read("18446744073709551615 one"), None);
        // 18_446_744_073_709_551_000 + 615 is MAX itself; + 616 is past it.
        assert_eq!(
            read("18446744073709551 thousand 615"),
            Some(18_446_744_073_709_551_615_u64 as f64)
        );
        assert_eq!(read("18446744073709551 thousand 616"), None);
    }
}
