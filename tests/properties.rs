//! Properties of the pure domain that must hold for every input.

use lateral::grade::{credit, text_matches};
use lateral::load::Spans;
use lateral::normalize::{fold, parse_number, NumberRules};
use lateral::quiz::{Choice, Kind, Response};
use proptest::prelude::*;

fn multiple(n: usize, correct: &[usize]) -> Kind {
    Kind::Multiple {
        options: (0..n)
            .map(|i| Choice {
                id: format!("o{i}"),
                text: format!("Option {i}"),
                feedback: None,
            })
            .collect(),
        answers: correct.iter().map(|i| format!("o{i}")).collect(),
    }
}

proptest! {
    #[test]
    fn multiple_choice_credit_stays_between_0_and_1(
        n in 2usize..8,
        correct in proptest::collection::btree_set(0usize..8, 1..4),
        chosen in proptest::collection::vec(0usize..10, 0..12),
    ) {
        let correct: Vec<usize> = correct.into_iter().filter(|&c| c < n).collect();
        prop_assume!(!correct.is_empty());
        let kind = multiple(n, &correct);
        let response = Response::Choices(chosen.iter().map(|i| format!("o{i}")).collect());
        let c = credit(&kind, &response);
        prop_assert!((0.0..=1.0).contains(&c));
        // Choosing exactly the correct options, in any order, earns full marks.
        let mut exact: Vec<String> = correct.iter().rev().map(|i| format!("o{i}")).collect();
        exact.dedup();
        prop_assert_eq!(credit(&kind, &Response::Choices(exact)), 1.0);
    }

    #[test]
    fn folding_is_idempotent(s in "\\PC{0,40}") {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once);
    }

    #[test]
    fn an_accepted_answer_matches_in_any_case_and_spacing(
        answer in "[A-Za-zÀ-ÿ]{1,10}( [A-Za-zÀ-ÿ]{1,10}){0,2}",
        pad in " {0,3}",
    ) {
        let typed = format!("{pad}{}{pad}", answer.to_uppercase());
        prop_assert!(text_matches(&typed, std::slice::from_ref(&answer), false, false));
        prop_assert!(text_matches(&answer, std::slice::from_ref(&answer), false, true));
    }

    #[test]
    fn reading_numbers_never_panics(s in "\\PC{0,30}") {
        let rules = NumberRules { unit: Some("minutes"), unit_aliases: &[], words: true };
        let _ = parse_number(&s, rules);
    }

    #[test]
    fn digits_read_back_as_themselves(n in -1_000_000i64..1_000_000) {
        let rules = NumberRules { unit: None, unit_aliases: &[], words: true };
        prop_assert_eq!(parse_number(&n.to_string(), rules), Ok(n as f64));
    }

    #[test]
    fn the_position_scanner_never_panics(s in "[\\[\\](){}:,\"'a-z0-9 r#/*\n]{0,200}") {
        let _ = Spans::scan(&s);
    }

    #[test]
    fn every_seed_gives_a_permutation(seed in any::<u64>(), n in 0usize..40) {
        let mut rng = <rand_chacha::ChaCha8Rng as rand_chacha::rand_core::SeedableRng>::seed_from_u64(seed);
        let mut p = lateral::shuffle::permutation(n, &mut rng);
        p.sort();
        prop_assert_eq!(p, (0..n).collect::<Vec<_>>());
    }
}
