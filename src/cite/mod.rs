//! Citations proved against the articles they quote.
//!
//! A quote must occur in its source's text. Matching is exact except for what
//! publishing changes without changing the words: curly and straight quotes
//! and apostrophes are alike, dashes (– — -) are alike, runs of whitespace and
//! line breaks count as one space, and both sides are compared in Unicode NFC.
//! One changed word or letter is a failure: spelling differences between
//! reports are evidence, and the check must keep them.
//!
//! Speed (see `benches/cite.rs` and docs/performance.md): a source's text is
//! normalized once, in one pass ([`text`]), then all quotes are looked for in
//! one more pass ([`search`]); breakpoints map a match back to the original
//! text by binary search, for context and highlighting.
//!
//! The parts:
//! - [`text`]: the normalized copy of a source text and its offset map;
//! - [`search`]: the anchored one-pass search for every quote;
//! - [`stream`]: proving a source's quotes while it is read a piece at a
//!   time, for a check that passes without holding the text;
//! - [`closest`]: the passage nearest to a quote that is missing, word by word;
//! - [`check`]: the check of a quiz's citations, the only part that knows
//!   about quiz files.

mod check;
mod closest;
mod search;
mod stream;
mod text;

pub use check::{
    check_citations, check_sources, prove_sources_streaming, unreadable_source, SourceRead,
};
pub use closest::{Closest, Difference};
pub use stream::Helper;
pub use text::{normalize_quote, SourceText};

/// A text with curly quotes, dashes, a doubled space and a line break.
#[cfg(test)]
const TEXT: &str = "He said: \u{201c}Let me pass,  I beg of you.\u{201d}\nThe trip \u{2014} 1,500 miles \u{2014} was long. It\u{2019}s over.";
