//! Running a class: `lateral paper` (the student edition of a quiz) and
//! `lateral stats` (the item analysis of a class's sheets).

use std::io::Write;
use std::path::Path;

use super::input::{load_quiz, load_quiz_or_paper, Taken};
use super::{write_atomically, Outcome};
use crate::escape::Untrusted;
use crate::file::check_writable_target;
use crate::paper::Paper;
use crate::Error;

/// Writes the paper of a quiz to `output` (`-`: standard output). An
/// existing file is replaced only when it is itself a paper, so a quiz or
/// a student's sheet is never overwritten by mistake.
pub fn paper(quiz: &Path, output: &Path, out: &mut dyn Write) -> Outcome {
    let doc = load_quiz(quiz)?;
    let paper = Paper::of(&doc.value);
    let text = paper.to_ron();
    if output == Path::new("-") {
        out.write_all(text.as_bytes())?;
        return Ok(());
    }
    let shown = output.display().to_string();
    check_writable_target(output).map_err(|e| Error::Write {
        path: shown.clone(),
        source: e.into(),
    })?;
    if output.exists() && !matches!(load_quiz_or_paper(output), Ok(Taken::Paper(_))) {
        return Err(Error::WouldOverwrite { path: shown }.into());
    }
    write_atomically(output, &text)?;
    writeln!(
        out,
        "{}: the paper of `{}` ({} questions, no answers); students take it with `lateral take {}`",
        Untrusted::path(output),
        Untrusted::new(&paper.quiz),
        paper.questions.len(),
        Untrusted::path(output),
    )?;
    Ok(())
}
