//! The quizzes shipped with lateral, built into the binary, so that
//! `lateral take viral-photo` works from anywhere after `cargo install`.
//! A file given by path always wins over a built-in quiz of the same name.

/// Each built-in quiz: the name it is taken by (its file's stem, which is
/// also its id) and its text.
pub const QUIZZES: &[(&str, &str)] = &[
    ("viral-photo", include_str!("../quizzes/viral-photo.ron")),
    ("the-facts", include_str!("../quizzes/the-facts.ron")),
    ("cross-check", include_str!("../quizzes/cross-check.ron")),
    ("who-said-it", include_str!("../quizzes/who-said-it.ron")),
    (
        "judging-sources",
        include_str!("../quizzes/judging-sources.ron"),
    ),
    (
        "leaving-the-page",
        include_str!("../quizzes/leaving-the-page.ron"),
    ),
];

/// The text of the built-in quiz called `name`, if there is one.
pub fn find(name: &str) -> Option<&'static str> {
    QUIZZES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;
    use crate::quiz::Quiz;

    #[test]
    fn every_built_in_quiz_parses_and_is_named_by_its_id() {
        for (name, text) in QUIZZES {
            let quiz = parse::<Quiz>(text).unwrap().value;
            assert_eq!(quiz.id, *name);
        }
        assert!(find("viral-photo").is_some());
        assert_eq!(find("quizzes/viral-photo.ron"), None);
    }
}
