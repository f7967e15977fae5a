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
    // (v3) A usage error quotes the arguments it could not take, which may be anything:
    // printed without clap's styling and with control characters escaped, so a hostile
    // argument or file name cannot drive the terminal. Help and version are clap's own.
    let cli = match coachplan::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            // clap strips escape sequences from its plain text, the user's too; parsed
            // again with every argument escaped, the message shows what was typed.
            let shown: Vec<String> = std::env::args_os()
                .map(|a| coachplan::text::escape_controls(&a.to_string_lossy()).into_owned())
                .collect();
            let e = coachplan::cli::Cli::try_parse_from(shown)
                .err()
                .unwrap_or(e);
            let text = e.render().to_string();
            eprint!("{}", coachplan::text::escape_in_cell(&text));
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    match coachplan::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.report());
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
