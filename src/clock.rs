//! What day it is for the practice schedule: `--today`, else
//! `LATERAL_TODAY`, else the local date. Tests and demonstrations drive the
//! clock with either instead of waiting for days to pass.

use jiff::civil::Date;

use crate::Error;

/// The variable that sets today's date (`YYYY-MM-DD`) for `take` and
/// `practice`.
pub const TODAY_VAR: &str = "LATERAL_TODAY";

/// Today: `given` (`--today`) if there is one, else `LATERAL_TODAY` when
/// set and not empty, else the local date.
pub fn today(given: Option<&str>) -> Result<Date, Error> {
    if let Some(text) = given {
        return parse(text, "--today");
    }
    match std::env::var(TODAY_VAR) {
        Ok(text) if !text.is_empty() => parse(&text, TODAY_VAR),
        _ => Ok(jiff::ZonedDateTime::now().date()),
    }
}

/// A date written `YYYY-MM-DD`.
fn parse(text: &str, from: &'static str) -> Result<Date, Error> {
    let trimmed = text.trim();
    let shaped = trimmed.len() == 10
        && trimmed.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    match trimmed.parse::<Date>() {
        Ok(date) if shaped => Ok(date),
        _ => Err(Error::BadDate {
            from,
            value: text.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_year_month_day_only() {
        assert_eq!(
            parse("2026-12-01", "--today").unwrap(),
            Date::new(2026, 12, 1).unwrap()
        );
        assert_eq!(
            parse(" 2028-02-29 ", "--today").unwrap(),
            Date::new(2028, 2, 29).unwrap()
        );
        for bad in [
            "2026-02-30",
            "2026-12-1",
            "20261201",
            "tomorrow",
            "2026-12-01T10:00",
        ] {
            assert!(
                matches!(parse(bad, "--today"), Err(Error::BadDate { .. })),
                "{bad}"
            );
        }
    }
}
