//! What installing lateral adds beside the binary: shell completions and
//! the manual page, both generated from the clap model in [`super::Cli`],
//! so a new command or option appears in them without anyone writing it
//! twice.
//!
//! They are printed by the binary itself (`lateral completions SHELL`,
//! `lateral man`) rather than written at build time: `cargo install` then
//! gives everything, and what a shell completes always matches the binary
//! that answers. Both are rendered into memory first and written in one
//! piece, so a closed pipe is reported like any other output error (the
//! generators would panic on a failed write).

use std::io::Write;

use clap::CommandFactory;
use clap_mangen::roff::{bold, roman, Roff};
use clap_mangen::Man;

use super::{Cli, Outcome};

/// The shells `lateral completions` writes scripts for.
pub use clap_complete::Shell;

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> Outcome {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "lateral", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Writes the manual page, lateral(1), as roff.
pub fn man(out: &mut dyn Write) -> Outcome {
    out.write_all(&man_page()?)?;
    Ok(())
}

/// The page's DESCRIPTION: what the program is for (the help's one line
/// is its NAME).
const DESCRIPTION: &str = "lateral is a media-literacy quiz engine for the terminal. Teachers write quizzes as RON files, each question with an explanation and citations (a source and a short verbatim quote); lateral check proves the quotes against the articles, and lateral test proves each quiz's answer key. Students take a quiz and, after every answer, see whether they were right, why, and the quoted evidence from each source. The quizzes shipped with lateral are built in (lateral list); a quiz file path wins over a built-in name. Attempts are saved after every answer in the data directory: $LATERAL_DATA_DIR/attempts when it is set, otherwise the platform's data directory (~/.local/share/lateral/attempts on Linux).";

/// lateral(1): what clap_mangen writes for the program (name, synopsis,
/// description, global options), then one subsection per command with its
/// synopsis, description, options and examples, then the exit codes. One
/// page holds it all, so installing it is copying one file.
fn man_page() -> std::io::Result<Vec<u8>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // NAME reads "lateral - quizzes that ...", not "lateral - lateral: ...".
    if let Some(about) = cmd.get_about().map(ToString::to_string) {
        let about = about.strip_prefix("lateral: ").unwrap_or(&about).to_owned();
        cmd = cmd.about(about);
    }
    cmd.build();
    let man = Man::new(cmd.clone())
        .title("LATERAL")
        .date(page_date())
        .manual("User Commands");
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    let mut roff = Roff::default();
    roff.control("SH", ["DESCRIPTION"]);
    roff.text([roman(DESCRIPTION)]);
    roff.to_writer(&mut page)?;
    man.render_options_section(&mut page)?;

    let mut roff = Roff::default();
    roff.control("SH", ["COMMANDS"]);
    roff.to_writer(&mut page)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut roff = Roff::default();
        roff.control("SS", [format!("lateral {}", sub.get_name()).as_str()]);
        roff.to_writer(&mut page)?;
        let man = Man::new(sub.clone());
        // Each part without its own `.SH` heading: here they are one
        // subsection, which begins a paragraph of itself.
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        page.extend(without_headings(&part, None));
        part.clear();
        man.render_description_section(&mut part)?;
        page.extend(without_headings(&part, Some(".PP")));
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            part.clear();
            man.render_options_section(&mut part)?;
            page.extend(without_headings(&part, Some(".PP\nOptions:")));
        }
        if let Some(after) = sub.get_after_help() {
            page.extend(verbatim(&after.to_string())?);
        }
    }
    if let Some(after) = cmd.get_after_help() {
        let mut roff = Roff::default();
        roff.control("SH", ["EXAMPLES AND EXIT CODES"]);
        roff.to_writer(&mut page)?;
        page.extend(verbatim(&after.to_string())?);
    }
    let mut roff = Roff::default();
    roff.control("SH", ["SEE ALSO"]);
    roff.text([
        roman("The README and "),
        bold("docs/"),
        roman(" in lateral's source: the quiz format, every limit, and where attempts are kept."),
    ]);
    roff.to_writer(&mut page)?;
    man.render_version_section(&mut page)?;
    Ok(tidy(&String::from_utf8_lossy(&page)).into_bytes())
}

/// The page's date: SOURCE_DATE_EPOCH's day when it is set (reproducible
/// packaging), else today's (UTC), as `YYYY-MM-DD`.
fn page_date() -> String {
    let stamp = match std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        Some(seconds) => crate::attempt::timestamp(seconds),
        None => crate::attempt::now(),
    };
    stamp[..10].to_owned()
}

/// Roff text with each `.SH` line replaced by `instead`, or left out.
fn without_headings(roff: &[u8], instead: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let mut kept = String::with_capacity(text.len());
    for line in text.lines() {
        match (line.starts_with(".SH"), instead) {
            (true, None) => continue,
            (true, Some(instead)) => kept.push_str(instead),
            (false, _) => kept.push_str(line),
        }
        kept.push('\n');
    }
    kept.into_bytes()
}

/// `text` as lines kept as they are (no filling), such as examples.
fn verbatim(text: &str) -> std::io::Result<Vec<u8>> {
    let mut roff = Roff::default();
    roff.control("PP", []);
    roff.control("nf", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    let mut out = Vec::new();
    roff.to_writer(&mut out)?;
    Ok(out)
}

/// The page assembled from parts, made clean for `mandoc -T lint`: the
/// definition every rendered part repeats (`.ie \\n(.g .ds Aq ...` and its
/// `.el`) kept once, no paragraph break right after a heading, the blank
/// line clap_mangen puts between `.br`s as the `.sp` it means, and no
/// spaces at the ends of lines.
fn tidy(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut seen = Vec::new();
    let mut after_heading = false;
    let mut lines = page.lines().map(str::trim_end).peekable();
    while let Some(line) = lines.next() {
        if line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq") {
            if seen.contains(&line) {
                continue;
            }
            seen.push(line);
        }
        if line == ".PP" && after_heading {
            continue;
        }
        if line == ".br" && lines.peek() == Some(&"") {
            lines.next();
            if lines.peek() == Some(&".br") {
                lines.next();
            }
            out.push_str(".sp\n");
            continue;
        }
        after_heading = line.starts_with(".SH") || line.starts_with(".SS");
        out.push_str(line);
        out.push('\n');
    }
    out
}
