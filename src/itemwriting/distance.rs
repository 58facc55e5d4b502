//! The edit distance between two option texts, when it is at most a bound.
//!
//! Near duplicates are options within 10% of their length of each other,
//! so only small distances matter. The distance is found by diagonal
//! transition (Ukkonen; Landau and Vishkin): for each number of edits `e`
//! in turn, the furthest row reached on every diagonal within `e` of the
//! main one, sliding along runs of equal characters. That costs about
//! `n + bound²` steps instead of the `n × m` of the full table, and stops
//! as soon as the bound is passed: two 40,000-character options that are
//! far apart are told apart in milliseconds, not seconds.
//!
//! Invariant: when the Levenshtein distance (counted in characters, as
//! `strsim::levenshtein` counts it) is at most `bound`, that distance is
//! returned; otherwise `None`.

/// The Levenshtein distance between `a` and `b` in characters, or `None`
/// when it is more than `bound`.
pub fn levenshtein_within(a: &str, b: &str, bound: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    // Every edit changes the length difference by at most one.
    if n.abs_diff(m) > bound {
        return None;
    }
    let bound = bound.min(n.max(m));
    // Diagonals `d = j - i` are shifted by `bound + 1` to index a vector;
    // `furthest[d]` is the furthest row `i` reached on diagonal `d` with
    // the edits counted so far, or [`UNREACHED`].
    const UNREACHED: isize = isize::MIN / 2;
    let shift = bound as isize + 1;
    let (n, m) = (n as isize, m as isize);
    let slide = |mut i: isize, d: isize| {
        while i < n && i + d < m && a[i as usize] == b[(i + d) as usize] {
            i += 1;
        }
        i
    };
    let target = m - n;
    let mut furthest = vec![UNREACHED; 2 * bound + 3];
    furthest[shift as usize] = slide(0, 0);
    if target == 0 && furthest[shift as usize] == n {
        return Some(0);
    }
    let mut next = furthest.clone();
    for e in 1..=bound as isize {
        // Only diagonals from which the target diagonal is still within
        // the bound are worth following.
        let left = bound as isize - e;
        for d in (-e).max(target - left)..=e.min(target + left) {
            let k = (d + shift) as usize;
            // Substitution on the same diagonal, a deletion from the one
            // above (one more row), an insertion from the one below (the
            // same row, one more column).
            let i = (furthest[k] + 1)
                .max(furthest[k + 1] + 1)
                .max(furthest[k - 1]);
            next[k] = if i < 0 {
                UNREACHED
            } else {
                // Never past the end of either text.
                slide(i.min(n).min(m - d), d)
            };
        }
        std::mem::swap(&mut furthest, &mut next);
        if furthest[(target + shift) as usize] == n {
            return Some(e as usize);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_distances_are_exact_and_large_ones_are_none() {
        assert_eq!(levenshtein_within("kitten", "sitting", 3), Some(3));
        assert_eq!(levenshtein_within("kitten", "sitting", 2), None);
        assert_eq!(levenshtein_within("", "", 0), Some(0));
        assert_eq!(levenshtein_within("", "abc", 3), Some(3));
        assert_eq!(levenshtein_within("abc", "", 2), None);
        assert_eq!(levenshtein_within("café", "cafe", 1), Some(1));
        assert_eq!(levenshtein_within("same", "same", 0), Some(0));
    }

    #[test]
    fn two_long_options_far_apart_are_told_apart() {
        // How long it takes is measured by the benchmarks, not here.
        let a = "the quick brown fox ".repeat(2000);
        let b = "jumps over a lazy dog ".repeat(1820);
        assert_eq!(levenshtein_within(&a, &b, 4000), None);
        let near = a.replacen("quick", "quack", 30);
        assert_eq!(levenshtein_within(&a, &near, 4000), Some(30));
    }

    proptest! {
        // strsim's full-table Levenshtein is the oracle.
        #[test]
        fn agrees_with_the_full_table(
            a in "[abc é]{0,30}",
            b in "[abc é]{0,30}",
            bound in 0usize..35,
        ) {
            let full = strsim::levenshtein(&a, &b);
            let expected = (full <= bound).then_some(full);
            prop_assert_eq!(levenshtein_within(&a, &b, bound), expected);
        }
    }
}
