//! The `lateral` command: parse arguments, run, map the result to an exit code.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(lateral::cli::main())
}
