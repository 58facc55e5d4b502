//! A small builder for running `lateral` in a temporary directory with a clean environment.

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;

/// The repository root, where `quizzes/` and `tests/fixtures/` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The quiz files shipped in `quizzes/`, in name order.
pub fn shipped_quizzes() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("quizzes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no quizzes found");
    files
}

/// A path under the repository root.
pub fn repo(path: &str) -> String {
    root().join(path).display().to_string()
}

/// The variables a coverage run (`cargo llvm-cov`) sets for the binaries it
/// measures. A test that clears the environment passes these through, or the
/// runs it makes go uncounted and coverage reads far lower than it is.
pub fn coverage_env() -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
    std::env::vars_os()
        .filter(|(k, _)| {
            let k = k.to_string_lossy();
            k.starts_with("LLVM_PROFILE_FILE") || k.starts_with("CARGO_LLVM_COV")
        })
        .collect()
}

/// One run of the binary.
pub struct Lateral {
    dir: tempfile::TempDir,
    args: Vec<String>,
    stdin: Vec<u8>,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Lateral {
    pub fn new() -> Self {
        Lateral {
            dir: tempfile::tempdir().expect("temp dir"),
            args: Vec::new(),
            stdin: Vec::new(),
        }
    }

    /// Writes a file into the run's directory.
    pub fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = input.into();
        self
    }

    pub fn run(&self) -> Run {
        self.run_with(&self.args, &self.stdin)
    }

    /// A path inside the run's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs again in the same directory with other arguments and no input.
    pub fn again(&self, args: &[&str]) -> Run {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        self.run_with(&args, &[])
    }

    /// Runs again in the same directory with other arguments and input.
    pub fn run_with_input(&self, args: &[&str], input: &str) -> Run {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        self.run_with(&args, input.as_bytes())
    }

    fn run_with(&self, args: &[String], stdin: &[u8]) -> Run {
        let out: Output = Command::cargo_bin("lateral")
            .unwrap()
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("LATERAL_DATA_DIR", self.dir.path().join("data"))
            .envs(coverage_env())
            .args(args)
            .write_stdin(stdin.to_vec())
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "lateral panicked:\n{}",
            run.stderr
        );
        run
    }
}

/// The plain lines that answer every question of `quiz` right under `seed`,
/// whatever its kinds, from its key.
pub fn right_lines(quiz: &lateral::quiz::Quiz, seed: u64) -> String {
    use lateral::points::Number;
    use lateral::quiz::Kind;
    use lateral::screen::letter;
    let order = lateral::shuffle::order(quiz, seed);
    let mut lines = String::new();
    for &qi in &order.questions {
        let q = &quiz.questions[qi];
        let shown = &order.options[qi];
        let pos = |id: &str| {
            shown
                .iter()
                .position(|&i| q.kind.shuffled()[i].id == id)
                .unwrap()
        };
        let line = match &q.kind {
            Kind::Single { answer, .. } => letter(pos(answer)).to_string(),
            Kind::Multiple { answers, .. } => answers
                .iter()
                .map(|a| letter(pos(a)).to_string())
                .collect::<Vec<_>>()
                .join(","),
            Kind::TrueFalse { answer } => if *answer { "t" } else { "f" }.to_owned(),
            Kind::Number { answer, .. } => Number(*answer).to_string(),
            Kind::Text { accept, .. } => accept[0].clone(),
            Kind::Matching { items, .. } => items
                .iter()
                .enumerate()
                .map(|(n, i)| format!("{}{}", letter(n), pos(&i.answer) + 1))
                .collect::<Vec<_>>()
                .join(" "),
            Kind::Ordering { items } => items
                .iter()
                .map(|i| letter(pos(&i.id)).to_string())
                .collect::<Vec<_>>()
                .join(","),
            Kind::Reflection { .. } => "my own answer".to_owned(),
        };
        lines.push_str(&line);
        lines.push('\n');
    }
    lines
}

/// The attempt files (not hidden) of a quiz's folder in a data folder:
/// the finished ones in it and those in its `unfinished/` folder, sorted.
pub fn attempt_files_in(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = [dir.to_path_buf(), dir.join("unfinished")]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
        .map(|e| e.path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
}
