//! Every limit lateral enforces on what it reads, and how a size over one
//! is said. `docs/limits.md` lists them all, with why each is what it is.
//!
//! The limits are here, or named here when another module owns the value:
//! the file-size limit and the nesting depth belong to [`crate::load`],
//! which applies them while parsing, and are re-exported below so this
//! module stays the one list.
//!
//! A limit is checked while the input is read (a file is read through
//! [`crate::file::read_within`], which stops one byte past the limit; a
//! line of plain input is read the same way), never after the whole input
//! is in memory. A refusal names the limit and, where it is known, the
//! size found: "quiz.ron: 12.3 MB is over the 4 MB limit for a quiz file".

pub use crate::load::{MAX_FILE_BYTES, RECURSION_LIMIT};

/// A limit on the bytes of one kind of input, and what that input is
/// called in a message ("a quiz file").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteLimit {
    /// The most bytes allowed.
    pub bytes: u64,
    /// What is limited, with its article ("a quiz file"); empty when the
    /// message names nothing.
    pub what: &'static str,
}

/// A quiz file, or an exam paper (read the same way): 4 MB. The shipped
/// quizzes are 20–40 kB.
pub const QUIZ_FILE: ByteLimit = ByteLimit {
    bytes: MAX_FILE_BYTES as u64,
    what: "a quiz file",
};

/// A response sheet, or an attempt file handed to `grade` or `stats`: 4 MB.
pub const SHEET_FILE: ByteLimit = ByteLimit {
    bytes: MAX_FILE_BYTES as u64,
    what: "a response sheet",
};

/// A source text (an article) in the folder given with `--sources`: 64 MB.
pub const SOURCE_TEXT: ByteLimit = ByteLimit {
    bytes: 64 * 1024 * 1024,
    what: "a source text",
};

/// One line of plain input (an answer typed or piped when standard input
/// is not a terminal): 64 kB. A longer line is refused and skipped without
/// being kept, and the question is asked again.
pub const ANSWER_LINE: ByteLimit = ByteLimit {
    bytes: 64 * 1024,
    what: "an answer line",
};

/// The longest quiz id, in characters: it names the folder the quiz's
/// attempts are saved in.
pub const QUIZ_ID_CHARS: usize = 64;

/// The most options a choice question has, and the most items or choices
/// a matching or ordering question has: 26, as each is shown and answered
/// by a letter a–z.
pub const LIST_ENTRIES: usize = 26;

const KB: u64 = 1024;
const MB: u64 = 1024 * 1024;

/// A number of bytes as people read it: "4 MB", "12.3 MB", "64 kB",
/// "517 bytes". MB and kB are binary (1,048,576 and 1,024 bytes), as the
/// limits are.
pub fn size(bytes: u64) -> String {
    // One decimal, none when it rounds to a whole number ("30 MB").
    let scaled = |unit: u64, name: &str| {
        let tenths = format!("{:.1}", bytes as f64 / unit as f64);
        format!("{} {name}", tenths.strip_suffix(".0").unwrap_or(&tenths))
    };
    if bytes >= MB {
        scaled(MB, "MB")
    } else if bytes >= KB {
        scaled(KB, "kB")
    } else {
        format!("{bytes} bytes")
    }
}

/// A number with thousands separators: 4,194,305.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

impl ByteLimit {
    /// What is said of an input over this limit: "12.3 MB is over the
    /// 4 MB limit for a quiz file". `found` is the size when it is known
    /// (from the file system), `None` when reading stopped at the limit
    /// (a file that grew while it was read, a pipe).
    pub fn over(&self, found: Option<u64>) -> String {
        let limit = size(self.bytes);
        let what = if self.what.is_empty() {
            String::new()
        } else {
            format!(" for {}", self.what)
        };
        match found {
            // Rounded, the size could read as the limit itself ("4.0 MB is
            // over the 4 MB limit"): both in bytes then.
            Some(found) if size(found) == limit => format!(
                "{} bytes is over the {limit} limit{what} ({} bytes)",
                grouped(found),
                grouped(self.bytes)
            ),
            Some(found) => format!("{} is over the {limit} limit{what}", size(found)),
            None => format!("more than the {limit} limit{what}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_the_unit_of_the_limits() {
        assert_eq!(size(517), "517 bytes");
        assert_eq!(size(64 * 1024), "64 kB");
        assert_eq!(size(1536), "1.5 kB");
        assert_eq!(size(4 * 1024 * 1024), "4 MB");
        assert_eq!(size(12_897_485), "12.3 MB");
        assert_eq!(size(31_457_299), "30 MB");
        assert_eq!(grouped(4_194_305), "4,194,305");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
    }

    #[test]
    fn a_size_over_a_limit_names_both() {
        assert_eq!(
            QUIZ_FILE.over(Some(12_897_485)),
            "12.3 MB is over the 4 MB limit for a quiz file"
        );
        assert_eq!(
            SOURCE_TEXT.over(Some(70 * 1024 * 1024)),
            "70 MB is over the 64 MB limit for a source text"
        );
        assert_eq!(
            QUIZ_FILE.over(Some(4 * 1024 * 1024 + 1)),
            "4,194,305 bytes is over the 4 MB limit for a quiz file (4,194,304 bytes)"
        );
        assert_eq!(
            SHEET_FILE.over(None),
            "more than the 4 MB limit for a response sheet"
        );
        let bare = ByteLimit { bytes: 4, what: "" };
        assert_eq!(bare.over(Some(5)), "5 bytes is over the 4 bytes limit");
    }

    #[test]
    fn the_limits_are_the_documented_numbers() {
        assert_eq!(QUIZ_FILE.bytes, 4_194_304);
        assert_eq!(SHEET_FILE.bytes, 4_194_304);
        assert_eq!(SOURCE_TEXT.bytes, 67_108_864);
        assert_eq!(ANSWER_LINE.bytes, 65_536);
        assert_eq!(QUIZ_ID_CHARS, 64);
        assert_eq!(LIST_ENTRIES, 26);
        assert_eq!(LIST_ENTRIES, crate::screen::LETTERS.len());
        assert_eq!(RECURSION_LIMIT, 128);
    }
}

#[cfg(test)]
mod nesting {
    use crate::load::parse;

    /// `depth` lists, one inside the other.
    fn nested(depth: usize) -> String {
        "[".repeat(depth) + &"]".repeat(depth)
    }

    #[test]
    fn values_nest_at_most_128_levels() {
        // No quiz, sheet or attempt nests more than a few levels, so a file
        // meets this limit only where a value of any shape is read. ron
        // counts such a list twice (the value, then the list in it), so 64
        // lists fit in its 128 levels and the 65th does not.
        assert!(parse::<ron::Value>(&nested(64)).is_ok());
        let deeper = parse::<ron::Value>(&nested(65)).unwrap_err();
        assert_eq!(
            deeper.message,
            "values are nested more than 128 levels deep"
        );
    }
}
