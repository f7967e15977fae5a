use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
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
