//! Running a class: `lateral paper` (the student edition of a quiz) and
//! `lateral stats` (the item analysis of a class's sheets).

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::input::{load_quiz, load_quiz_or_paper, sheet_files, Taken};
use super::{
    for_each_sheet, write_atomically, write_bytes_atomically, write_json, write_screen, Failure,
    Outcome,
};
use crate::escape::Untrusted;
use crate::file::check_writable_target;
use crate::gradebook::cell;
use crate::normalize::fold;
use crate::paper::Paper;
use crate::stats::{Stats, Submission};
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

/// The item analysis of the sheets in `paths`: each student's first sheet
/// (by name; a sheet without a name is a student of its own), streamed
/// into the statistics one at a time.
pub fn stats(
    quiz: &Path,
    paths: &[PathBuf],
    json: bool,
    csv_to: Option<&Path>,
    out: &mut dyn Write,
) -> Outcome {
    let doc = load_quiz(quiz)?;
    let quiz = &doc.value;
    let files = sheet_files(paths)?;
    let mut stats = Stats::new(quiz);
    let mut seen = HashSet::new();
    let each = for_each_sheet(&files, quiz, out, |path, handed, _| {
        if let Some(name) = &handed.name {
            if !seen.insert(fold(name)) {
                eprintln!(
                    "lateral: {} has more than one sheet; only the first is counted (not {})",
                    Untrusted::new(name),
                    Untrusted::path(path)
                );
                return Ok(());
            }
        }
        stats.add(&Submission {
            responses: &handed.sheet.responses,
            opened: handed.opened.as_ref(),
        });
        Ok(())
    });
    if let Err(Failure::Lateral(Error::NoSheets)) = each {
        return each;
    }
    let analysis = stats.finish();
    match (json, csv_to) {
        (true, _) => write_json(out, &analysis)?,
        (false, Some(path)) => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            for row in analysis.csv_rows() {
                let row: Vec<String> = row.iter().map(|c| cell(c)).collect();
                writer
                    .write_record(&row)
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
            }
            let bytes = writer
                .into_inner()
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            if path == Path::new("-") {
                out.write_all(&bytes)?;
            } else {
                check_writable_target(path).map_err(|e| Error::Write {
                    path: path.display().to_string(),
                    source: e.into(),
                })?;
                write_bytes_atomically(path, &bytes)?;
                writeln!(
                    out,
                    "{}: item analysis of {} ({} sheets)",
                    Untrusted::path(path),
                    Untrusted::new(&quiz.id),
                    analysis.sheets
                )?;
            }
        }
        (false, None) => write_screen(out, |s| crate::screen::stats(s, quiz, &analysis, 100))?,
    }
    each
}
