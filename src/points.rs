//! How quantities read: points, plain numbers and counted nouns.
//!
//! Grading works in `f64` points, and every screen, report and diagnostic
//! prints them. They are written in one place so that a score reads the same
//! everywhere: at most two decimals with trailing zeros trimmed (`1`, `0.5`,
//! `0.33`), never `-0`, and `1 point` but `2 points`. A number from a quiz
//! file (an answer, a tolerance) is a different thing: it is written exactly
//! as given (`1500`, `0.25`), never rounded, so it stays a valid response.

use std::fmt;

/// Points as people read them: `1`, `0.5`, `0.33`; `-0` reads `0`.
///
/// Rounded to two decimals with trailing zeros trimmed, so two thirds of a
/// point reads `0.67`, not `0.6666666666666666`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Points(pub f64);

impl Points {
    /// The points with their noun: `1 point`, `2 points`, `0.5 points`.
    pub fn counted(self) -> CountedPoints {
        CountedPoints(self)
    }
}

impl Points {
    /// Writes the points as [`Display`](fmt::Display) does without a
    /// width, straight to `out` (no formatter between): for the thousands
    /// of lines of a class's grades.
    pub fn write_to(self, out: &mut impl fmt::Write) -> fmt::Result {
        if let Some(n) = whole_hundredths(self.0) {
            // A few ASCII bytes, written one by one rather than checked
            // to be UTF-8 first.
            let mut buf = [0u8; 24];
            return hundredths_digits(n, &mut buf)
                .iter()
                .try_for_each(|&b| out.write_char(char::from(b)));
        }
        write!(out, "{self}")
    }
}

/// Writes `x` rounded to a whole number exactly as `{:.0}` writes it,
/// without formatting a float when the nearest whole number is plain
/// (not a tie, which `{:.0}` rounds to even, nor a negative or huge value).
pub fn write_rounded(out: &mut impl fmt::Write, x: f64) -> fmt::Result {
    if x.is_sign_positive() && x < 1e15 && x - x.floor() != 0.5 {
        let mut buf = [0u8; 24];
        return out.write_str(exact_hundredths(x.round() as i64 * 100, &mut buf));
    }
    write!(out, "{x:.0}")
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Points are nearly always whole or simple fractions (1, 0.5,
        // 0.25): those are written from integer hundredths without
        // formatting a float, which grading thousands of sheets notices.
        if let Some(n) = whole_hundredths(self.0) {
            let mut buf = [0u8; 24];
            return f.pad(exact_hundredths(n, &mut buf));
        }
        let rounded = format!("{:.2}", self.0);
        let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
        f.pad(if trimmed == "-0" { "0" } else { trimmed })
    }
}

/// `x` in hundredths, when that is a whole number of them (and well
/// within what an `f64` holds exactly): compared through an integer,
/// which needs no call to round the float.
fn whole_hundredths(x: f64) -> Option<i64> {
    let hundredths = x * 100.0;
    if hundredths.abs() < 1e15 {
        let n = hundredths as i64;
        if n as f64 == hundredths {
            return Some(n);
        }
    }
    None
}

/// `n` hundredths written as [`Points`] writes them (`150` → `1.5`,
/// `-25` → `-0.25`, `0` → `0`), into `buf`.
fn exact_hundredths(n: i64, buf: &mut [u8; 24]) -> &str {
    std::str::from_utf8(hundredths_digits(n, buf)).unwrap_or("0")
}

/// The ASCII bytes of [`exact_hundredths`].
fn hundredths_digits(n: i64, buf: &mut [u8; 24]) -> &[u8] {
    let mut at = buf.len();
    let mut push = |b: u8| {
        at -= 1;
        buf[at] = b;
    };
    let magnitude = n.unsigned_abs();
    let (whole, cents) = (magnitude / 100, magnitude % 100);
    if cents != 0 {
        let (tens, ones) = (cents / 10, cents % 10);
        if ones != 0 {
            push(b'0' + ones as u8);
        }
        push(b'0' + tens as u8);
        push(b'.');
    }
    let mut w = whole;
    loop {
        push(b'0' + (w % 10) as u8);
        w /= 10;
        if w == 0 {
            break;
        }
    }
    if n < 0 {
        push(b'-');
    }
    &buf[at..]
}

/// [`Points`] followed by `point` or `points`: see [`Points::counted`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CountedPoints(Points);

impl CountedPoints {
    fn noun(&self) -> &'static str {
        let Points(n) = self.0;
        if (n - 1.0).abs() < 1e-9 {
            "point"
        } else {
            "points"
        }
    }

    /// Writes the points and their noun as [`Display`](fmt::Display)
    /// does without a width, straight to `out`.
    pub fn write_to(&self, out: &mut impl fmt::Write) -> fmt::Result {
        self.0.write_to(out)?;
        out.write_char(' ')?;
        out.write_str(self.noun())
    }
}

impl fmt::Display for CountedPoints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0, self.noun())
    }
}

/// A number as a person writes it, exactly, never rounded: `9`, `1500`, `0.25`.
///
/// Used for the numbers a quiz's key holds, so that what is shown (or typed
/// back as a response) is the key's own value.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Number(pub f64);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A whole count and its noun, plural when the count is not one:
/// `1 source`, `3 sources`, `0 questions`. The plural adds `s`, so the noun
/// must be a regular one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count<'a>(pub usize, pub &'a str);

impl fmt::Display for Count<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Count(n, noun) = *self;
        let s = if n == 1 { "" } else { "s" };
        write!(f, "{n} {noun}{s}")
    }
}

/// A length of time in whole seconds, as a person reads it: `42 s`,
/// `4 min 12 s`, `1 h 5 min` (seconds no longer matter past an hour),
/// and `under 1 s` for nothing at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seconds(pub u64);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Seconds(total) = *self;
        let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
        let text = match (hours, minutes, seconds) {
            (0, 0, 0) => "under 1 s".to_owned(),
            (0, 0, s) => format!("{s} s"),
            (0, m, 0) => format!("{m} min"),
            (0, m, s) => format!("{m} min {s} s"),
            (h, 0, _) => format!("{h} h"),
            (h, m, _) => format!("{h} h {m} min"),
        };
        f.pad(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_hundredths_are_found_without_rounding() {
        assert_eq!(whole_hundredths(1.0), Some(100));
        assert_eq!(whole_hundredths(0.25), Some(25));
        assert_eq!(whole_hundredths(-1.5), Some(-150));
        assert_eq!(whole_hundredths(-0.0), Some(0));
        assert_eq!(whole_hundredths(1.0 / 3.0), None);
        assert_eq!(whole_hundredths(0.125), None);
        assert_eq!(whole_hundredths(1e14), None);
        // The bound is 1e15 hundredths, itself left out.
        assert_eq!(
            whole_hundredths(9_999_999_999_999.99),
            Some(999_999_999_999_999)
        );
        assert_eq!(whole_hundredths(1e13), None);
        assert_eq!(whole_hundredths(-1e13), None);
        assert_eq!(whole_hundredths(f64::NAN), None);
        assert_eq!(whole_hundredths(f64::INFINITY), None);
    }

    #[test]
    fn rounded_numbers_are_written_as_formatting_would() {
        let cases = [
            (0.0, "0"),
            (-0.0, "-0"),
            (80.0, "80"),
            (73.33333333333333, "73"),
            (66.66666666666667, "67"),
            (2.5, "2"),
            (3.5, "4"),
            (99.5, "100"),
            (99.49999999999999, "99"),
            (100.0, "100"),
            (-3.7, "-4"),
            (1e20, "100000000000000000000"),
        ];
        for (x, shown) in cases {
            let mut out = String::new();
            write_rounded(&mut out, x).unwrap();
            assert_eq!(out, shown, "{x}");
            assert_eq!(format!("{x:.0}"), shown, "{x}");
        }
    }

    #[test]
    fn counted_points_written_straight_read_as_displayed() {
        for (n, shown) in [(1.0, "1 point"), (2.0, "2 points"), (0.5, "0.5 points")] {
            let mut out = String::new();
            Points(n).counted().write_to(&mut out).unwrap();
            assert_eq!(out, shown);
            assert_eq!(Points(n).counted().to_string(), shown);
        }
    }

    #[test]
    fn points_written_straight_read_as_displayed() {
        let cases = [
            (1.0, "1"),
            (0.5, "0.5"),
            (0.25, "0.25"),
            (-0.25, "-0.25"),
            (0.0, "0"),
            (12.0, "12"),
            (1.0 / 3.0, "0.33"),
            (2.0 / 3.0, "0.67"),
            (-1234.05, "-1234.05"),
            (10.1, "10.1"),
        ];
        for (n, shown) in cases {
            let mut out = String::new();
            Points(n).write_to(&mut out).unwrap();
            assert_eq!(out, shown, "{n}");
            assert_eq!(Points(n).to_string(), shown, "{n}");
        }
    }

    #[test]
    fn times_read_in_the_units_that_matter() {
        let read = |s| Seconds(s).to_string();
        assert_eq!(read(0), "under 1 s");
        assert_eq!(read(1), "1 s");
        assert_eq!(read(59), "59 s");
        assert_eq!(read(60), "1 min");
        assert_eq!(read(252), "4 min 12 s");
        assert_eq!(read(3599), "59 min 59 s");
        assert_eq!(read(3600), "1 h");
        assert_eq!(read(3600 + 5 * 60 + 59), "1 h 5 min");
        assert_eq!(read(26 * 3600 + 3 * 60), "26 h 3 min");
        // Padded as a whole, for columns.
        assert_eq!(
            format!("{:>6}|{:<7}|", Seconds(42), Seconds(60)),
            "  42 s|1 min  |"
        );
    }

    #[test]
    fn points_have_at_most_two_decimals_and_no_trailing_zeros() {
        let shown = |p: f64| Points(p).to_string();
        assert_eq!(shown(1.0), "1");
        assert_eq!(shown(10.0), "10");
        assert_eq!(shown(0.5), "0.5");
        assert_eq!(shown(1.0 / 3.0), "0.33");
        assert_eq!(shown(2.0 / 3.0), "0.67");
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(-0.0), "0");
        assert_eq!(shown(-0.001), "0");
        assert_eq!(shown(-1.5), "-1.5");
        assert_eq!(format!("{:>5}|", Points(0.5)), "  0.5|");
    }

    /// The plain way: format with two decimals, trim.
    fn by_formatting(p: f64) -> String {
        let rounded = format!("{p:.2}");
        let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
        if trimmed == "-0" { "0" } else { trimmed }.to_owned()
    }

    #[test]
    fn whole_and_simple_points_read_as_formatting_would() {
        let mut values = vec![0.0, -0.0, 0.01, 0.1, 0.07, 0.29, 0.57, 1e14, -1e14, 123.45];
        for n in -1_000..=1_000 {
            values.push(n as f64 / 100.0);
            values.push(n as f64 / 4.0);
            values.push(n as f64 / 3.0);
            values.push(n as f64 * 7.0 / 8.0);
        }
        for v in values {
            assert_eq!(Points(v).to_string(), by_formatting(v), "{v:?}");
        }
    }

    #[test]
    fn counted_points_are_singular_only_for_one() {
        let shown = |p: f64| Points(p).counted().to_string();
        assert_eq!(shown(1.0), "1 point");
        assert_eq!(shown(2.0), "2 points");
        assert_eq!(shown(0.5), "0.5 points");
        assert_eq!(shown(0.0), "0 points");
    }

    #[test]
    fn numbers_are_written_exactly() {
        assert_eq!(Number(9.0).to_string(), "9");
        assert_eq!(Number(1500.0).to_string(), "1500");
        assert_eq!(Number(0.25).to_string(), "0.25");
        assert_eq!(Number(0.125).to_string(), "0.125");
        assert_eq!(Number(-3.0).to_string(), "-3");
    }

    #[test]
    fn counts_are_plural_unless_one() {
        assert_eq!(Count(1, "source").to_string(), "1 source");
        assert_eq!(Count(3, "source").to_string(), "3 sources");
        assert_eq!(Count(0, "question").to_string(), "0 questions");
    }

    /// Takes `room` bytes, then refuses more.
    struct Room(usize);

    impl fmt::Write for Room {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 = self.0.checked_sub(s.len()).ok_or(fmt::Error)?;
            Ok(())
        }
    }

    #[test]
    fn a_writer_that_fails_stops_the_counted_points() {
        // "2 points" is 1 + 1 + 6 bytes: each write may be the one refused.
        let counted = Points(2.0).counted();
        assert_eq!(counted.write_to(&mut Room(0)), Err(fmt::Error));
        assert_eq!(counted.write_to(&mut Room(1)), Err(fmt::Error));
        assert_eq!(counted.write_to(&mut Room(7)), Err(fmt::Error));
        assert_eq!(counted.write_to(&mut Room(8)), Ok(()));
    }
}
