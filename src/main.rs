use std::process::ExitCode;

use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    // `COMPLETE=bash coachplan -- …`: answer the shell's completion request and exit.
    clap_complete::CompleteEnv::with_factory(coachplan::cli::Cli::command).complete();
    // Under a file-size limit (`ulimit -f`) the kernel kills a writer with SIGXFSZ before
    // `write` can fail; ignored, the write fails with EFBIG and the append rolls back.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN before any thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = coachplan::cli::Cli::parse();
    match coachplan::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.report());
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
