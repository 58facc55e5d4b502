//! Shell completions and the manual page, checked by the shells' own
//! parsers and a roff linter we did not write. A tool that is not
//! installed skips its check, unless LATERAL_REQUIRE_TOOLS=1 (CI) says it
//! must be there.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::Lateral;

/// Every command of lateral, as `lateral --help` lists them (the help
/// subcommand aside), read from the help itself so a new command is
/// checked too; the test below pins the ones known today.
fn commands() -> Vec<String> {
    let help = Lateral::new().args(["--help"]).run().stdout;
    let listed = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands: section")
        .split("\n\n")
        .next()
        .unwrap();
    listed
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_commands_are_read_from_the_help() {
    let commands = commands();
    for known in [
        "take",
        "history",
        "review",
        "check",
        "pin",
        "sources",
        "key",
        "grade",
        "list",
        "paper",
        "new",
        "stats",
        "export",
        "test",
        "completions",
        "man",
    ] {
        assert!(commands.iter().any(|c| c == known), "{known}: {commands:?}");
    }
}

/// Whether `tool` can be run; when it cannot and CI requires the tools,
/// the test fails instead of skipping.
fn have(tool: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var("LATERAL_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "{tool} is required (LATERAL_REQUIRE_TOOLS=1) but not installed"
        );
        eprintln!("skipped: {tool} is not installed");
    }
    found
}

/// Runs `tool args` with `input` on standard input: exit code, stdout, stderr.
fn run_tool(tool: &str, args: &[&str], input: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `lateral completions SHELL`, which must succeed and print a script.
fn script(shell: &str) -> String {
    let run = Lateral::new().args(["completions", shell]).run();
    assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
    assert!(run.stderr.is_empty(), "{shell}: {}", run.stderr);
    assert!(run.stdout.len() > 500, "{shell}: {}", run.stdout);
    run.stdout
}

/// Writes `text` to a file of its own and returns its path (some shells
/// check syntax only of a file).
fn temp_file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn each_shell_gets_a_script_its_parser_accepts() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, tool, args) in [
        ("bash", "bash", &["-n"][..]),
        ("zsh", "zsh", &["-n"][..]),
        ("fish", "fish", &["--no-execute"][..]),
    ] {
        let text = script(shell);
        if !have(tool) {
            continue;
        }
        let file = temp_file(&dir, &format!("lateral.{shell}"), &text);
        let mut all = args.to_vec();
        all.push(&file);
        let (code, _, stderr) = run_tool(tool, &all, b"");
        assert_eq!(code, 0, "{tool} refused the {shell} script: {stderr}");
        assert!(stderr.is_empty(), "{tool}: {stderr}");
    }
    // PowerShell is rarely installed; its script is at least produced and
    // registers a completer for lateral.
    assert!(
        script("powershell").contains("Register-ArgumentCompleter -Native -CommandName 'lateral'")
    );
}

#[test]
fn the_bash_completion_completes_a_subcommand() {
    if !have("bash") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = temp_file(&dir, "lateral.bash", &script("bash"));
    // What bash does on `lateral ta<Tab>`: the words so far, the word
    // being completed, then the function the script registered.
    let probe = format!(
        r#"source '{file}'
COMP_WORDS=(lateral ta)
COMP_CWORD=1
COMP_LINE='lateral ta'
COMP_POINT=${{#COMP_LINE}}
function=$(complete -p lateral | sed -E 's/.*-F ([^ ]+).*/\1/')
"$function" lateral ta lateral
printf '%s\n' "${{COMPREPLY[@]}}"
COMP_WORDS=(lateral completions '')
COMP_CWORD=2
COMPREPLY=()
"$function" lateral '' completions
printf 'shell %s\n' "${{COMPREPLY[@]}}"
"#
    );
    let (code, stdout, stderr) = run_tool("bash", &["--norc", "--noprofile"], probe.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    let replies: Vec<&str> = stdout.lines().collect();
    assert!(replies.contains(&"take"), "{stdout}{stderr}");
    assert!(
        !replies.contains(&"check"),
        "`ta` completed to check: {stdout}"
    );
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(
            replies.contains(&format!("shell {shell}").as_str()),
            "{shell}: {stdout}{stderr}"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let run = Lateral::new().args(["completions", "tcsh"]).run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid value 'tcsh'"),
        "{}",
        run.stderr
    );
}

/// `lateral man`.
fn man_page() -> String {
    let run = Lateral::new().args(["man"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

#[test]
fn the_man_page_names_every_command() {
    let page = man_page();
    assert!(page.contains("\n.TH LATERAL 1 "), "{}", &page[..200]);
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH COMMANDS",
        ".SH \"EXAMPLES AND EXIT CODES\"",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    for command in commands() {
        assert!(
            page.contains(&format!(".SS \"lateral {command}\"")),
            "{command} has no subsection"
        );
    }
    // An option of a command, with its help, and an example.
    assert!(page.contains("deny\\-warnings"), "--deny-warnings missing");
    assert!(page.contains("lateral check \\-\\-sources ../shared/sources quizzes/*.ron"));
}

#[test]
fn the_man_page_passes_a_roff_linter() {
    let page = man_page();
    if have("mandoc") {
        let (code, stdout, stderr) =
            run_tool("mandoc", &["-T", "lint", "-W", "warning"], page.as_bytes());
        assert_eq!(code, 0, "mandoc: {stdout}{stderr}");
        assert!(
            stdout.is_empty() && stderr.is_empty(),
            "mandoc: {stdout}{stderr}"
        );
    }
    if have("groff") {
        let (code, stdout, stderr) = run_tool("groff", &["-man", "-ww", "-z"], page.as_bytes());
        assert_eq!(code, 0, "groff: {stderr}");
        assert!(
            stdout.is_empty() && stderr.is_empty(),
            "groff: {stdout}{stderr}"
        );
        // Rendered as text, every command is there under its name.
        let (code, text, stderr) = run_tool("groff", &["-man", "-Tutf8", "-P-c"], page.as_bytes());
        assert_eq!(code, 0, "groff: {stderr}");
        for command in commands() {
            assert!(
                text.contains(&format!("lateral {command}")),
                "{command}: {text}"
            );
        }
    }
}
