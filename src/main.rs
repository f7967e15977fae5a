use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = coachplan::cli::Cli::parse();
    match coachplan::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.report());
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
