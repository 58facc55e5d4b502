//! `lateral check`, `lateral test` and `lateral pin`: what a teacher runs to
//! prove a quiz file, its answer key and its citations.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::input::{load_quiz, prove_sources, read_quiz, show_warnings, Loaded};
use super::{report, write_atomically, Outcome};
use crate::cite::unreadable_source;
use crate::diagnostic::{counts, Diagnostic};
use crate::digest::sha256_hex;
use crate::escape::Untrusted;
use crate::keytest;
use crate::pin::pin as pin_text;
use crate::points::{Count, Points};
use crate::sources;
use crate::Error;

/// Checks each quiz file (and, with `sources`, every citation against the
/// texts), reporting every problem of every file before failing. A file's
/// warnings are shown and counted on its `ok` line; with `deny_warnings` a
/// file with warnings fails like a file with errors.
pub fn check(
    paths: &[PathBuf],
    sources: Option<&Path>,
    deny_warnings: bool,
    out: &mut dyn Write,
) -> Outcome {
    // Started before any quiz is read, so that it is running by the time
    // a long source text is split between it and this thread.
    let helper = sources.map(|_| crate::cite::Helper::new());
    let mut failed = 0;
    for path in paths {
        let loaded = read_quiz(path).and_then(|loaded| match (sources, &helper) {
            (Some(dir), Some(helper)) => match prove_sources(path, &loaded.doc, dir, helper) {
                Ok(()) => Ok(loaded),
                Err(e) => Err(with_warnings(e, loaded.warnings)),
            },
            _ => Ok(loaded),
        });
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                failed += 1;
                out.flush()?;
                report(&e);
                continue;
            }
        };
        let (_, warnings) = counts(&loaded.warnings);
        if warnings > 0 && deny_warnings {
            failed += 1;
            out.flush()?;
            report(&Error::WarningsDenied {
                path: path.display().to_string(),
                text: loaded.doc.text,
                diagnostics: loaded.warnings,
            });
            continue;
        }
        if warnings > 0 {
            out.flush()?;
            show_warnings(path, &loaded);
        }
        let Loaded { doc, .. } = loaded;
        let quiz = &doc.value;
        let citations = match sources {
            Some(_) => format!(
                ", {} found in their sources",
                Count(
                    quiz.questions.iter().map(|q| q.citations.len()).sum(),
                    "citation"
                )
            ),
            None => String::new(),
        };
        let warned = match warnings {
            0 => String::new(),
            n => format!(", {}", Count(n, "warning")),
        };
        writeln!(
            out,
            "{}: ok ({}, {}, {}{citations}){warned}",
            Untrusted::path(path),
            Count(quiz.questions.len(), "question"),
            Points(quiz.max_points()).counted(),
            Count(quiz.tests.len(), "answer-key test"),
        )?;
    }
    if failed > 0 {
        return Err(Error::QuizzesFailed {
            failed,
            total: paths.len(),
        }
        .into());
    }
    Ok(())
}

/// A file's citation problems with its warnings among them, in file order,
/// so its count says how many of each it has.
fn with_warnings(e: Error, warnings: Vec<Diagnostic>) -> Error {
    match e {
        Error::Invalid {
            path,
            text,
            mut diagnostics,
        } => {
            diagnostics.extend(warnings);
            diagnostics.sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |s| s.start));
            Error::Invalid {
                path,
                text,
                diagnostics,
            }
        }
        other => other,
    }
}

/// Runs the answer-key tests of each quiz; ends with `N passed, N failed`.
pub fn test(paths: &[PathBuf], out: &mut dyn Write) -> Outcome {
    let (mut passed, mut failed) = (0, 0);
    for path in paths {
        let doc = match load_quiz(path) {
            Ok(doc) => doc,
            Err(e) => {
                failed += 1;
                out.flush()?;
                report(&e);
                writeln!(
                    out,
                    "{}: FAILED (the quiz does not load)",
                    Untrusted::path(path)
                )?;
                continue;
            }
        };
        let results = keytest::run(&doc.value);
        let bad = results.iter().filter(|r| !r.passed).count();
        writeln!(
            out,
            "{}: {} answer-key tests, {} failed",
            Untrusted::path(path),
            results.len(),
            bad
        )?;
        for r in results.iter().filter(|r| !r.passed) {
            writeln!(
                out,
                "  FAILED {}: {}",
                Untrusted::new(&r.name),
                Untrusted::new(&r.detail)
            )?;
        }
        passed += results.len() - bad;
        failed += bad;
    }
    writeln!(out, "{passed} passed, {failed} failed")?;
    if failed > 0 {
        return Err(Error::TestsFailed { failed }.into());
    }
    Ok(())
}

/// Records each source text's sha256 in the quiz file, atomically.
pub fn pin(path: &Path, dir: &Path, out: &mut dyn Write) -> Outcome {
    let doc = load_quiz(path)?;
    let shown = path.display().to_string();
    let mut hashes = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, source) in doc.value.sources.iter().enumerate() {
        match sources::read(dir, &source.file) {
            Ok(bytes) => {
                hashes.insert(source.id.clone(), sha256_hex(&bytes));
            }
            Err(reason) => problems.push(unreadable_source(&doc, i, &reason)),
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid(&shown, &doc.text, problems).into());
    }
    let pinned = pin_text(&doc, &hashes).map_err(|_| Error::PinWouldBreak {
        path: shown.clone(),
    })?;
    if pinned.changed > 0 {
        write_atomically(path, &pinned.text)?;
    }
    let total = doc.value.sources.len();
    writeln!(
        out,
        "{}: {} of {} pinned{}",
        Untrusted::new(&shown),
        pinned.changed,
        Count(total, "source"),
        if pinned.changed == 0 {
            " (all already up to date)"
        } else {
            ""
        }
    )?;
    Ok(())
}
