//! The one place that reads the clock, the environment, the terminal and the config dir.
//! Everything after this works on plain values, so it can be tested with fixed inputs.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::{ColorArg, FormatArg, GlobalArgs};
use crate::error::Error;
use crate::render::Format;
use crate::render::table::Style;

#[derive(Debug, Clone)]
pub struct Settings {
    pub roster_path: PathBuf,
    /// `--history`, else `$COACHPLAN_HISTORY`; `None` = the roster's own setting.
    pub history_path: Option<PathBuf>,
    /// The planning day: `--date`, else the local date.
    pub today: NaiveDate,
    /// The real local date, whatever `--date` says (a log entry may not be in the future).
    pub real_today: NaiveDate,
    pub format: Format,
    pub style: Style,
    /// Whether stdout is a terminal (cron runs are not).
    pub is_terminal: bool,
}

/// Where the roster is: `--file`, else `$COACHPLAN_FILE`, else the config dir.
pub fn roster_path(
    file: Option<PathBuf>,
    env_file: Option<String>,
    config_dir: Option<PathBuf>,
) -> Result<PathBuf, Error> {
    if let Some(path) = file {
        return Ok(path);
    }
    if let Some(path) = env_file.filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    config_dir
        .map(|d| d.join("coachplan").join("clients.toml"))
        .ok_or_else(|| {
            Error::usage(
                "cannot find your config folder for the default roster",
                Some("pass --file PATH or set COACHPLAN_FILE".to_string()),
            )
        })
}

/// Colour only for a terminal, and never when NO_COLOR is set (to anything but "").
pub fn use_color(choice: ColorArg, is_terminal: bool, no_color: Option<String>) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => is_terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

pub fn resolve(args: &GlobalArgs) -> Result<Settings, Error> {
    let is_terminal = std::io::stdout().is_terminal();
    if let Some(secs) = std::env::var("COACHPLAN_LOCK_WAIT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        let _ = crate::store::LOCK_WAIT.set(std::time::Duration::from_secs(secs));
    }
    // COACHPLAN_NOW stands in for the clock: tests and scripts replaying a day set it.
    let real_today = match std::env::var("COACHPLAN_NOW") {
        Ok(text) if !text.is_empty() => crate::roster::parse_date(&text).map_err(|why| {
            Error::usage(
                format!("COACHPLAN_NOW: {why}"),
                Some("set it to a date as YYYY-MM-DD, or unset it".to_string()),
            )
        })?,
        _ => chrono::Local::now().date_naive(),
    };
    let width = if is_terminal {
        None
    } else {
        // Piped (cron mail, a file): 80 columns, which every mail reader shows without
        // wrapping, or what COLUMNS says.
        Some(
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .filter(|&w: &u16| w >= 40)
                .unwrap_or(80),
        )
    };
    Ok(Settings {
        roster_path: roster_path(
            args.file.clone(),
            std::env::var("COACHPLAN_FILE").ok(),
            dirs::config_dir(),
        )?,
        history_path: args.history.clone().or_else(|| {
            std::env::var_os("COACHPLAN_HISTORY")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
        }),
        today: args.date.unwrap_or(real_today),
        real_today,
        format: match args.format {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Ics => Format::Ics,
        },
        style: Style {
            color: use_color(args.color, is_terminal, std::env::var("NO_COLOR").ok()),
            width,
        },
        is_terminal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roster_lookup_order_is_flag_then_env_then_config_dir() {
        let cfg = Some(PathBuf::from("/home/sam/.config"));
        let flag = Some(PathBuf::from("a.toml"));
        let env = Some("b.toml".to_string());
        assert_eq!(
            roster_path(flag, env.clone(), cfg.clone()).unwrap(),
            PathBuf::from("a.toml")
        );
        assert_eq!(
            roster_path(None, env, cfg.clone()).unwrap(),
            PathBuf::from("b.toml")
        );
        assert_eq!(
            roster_path(None, Some(String::new()), cfg.clone()).unwrap(),
            PathBuf::from("/home/sam/.config/coachplan/clients.toml")
        );
        assert_eq!(roster_path(None, None, None).unwrap_err().exit_code(), 2);
    }

    #[test]
    fn colour_follows_the_terminal_and_no_color() {
        assert!(use_color(ColorArg::Auto, true, None));
        assert!(!use_color(ColorArg::Auto, false, None));
        assert!(!use_color(ColorArg::Auto, true, Some("1".into())));
        assert!(use_color(ColorArg::Auto, true, Some(String::new())));
        assert!(use_color(ColorArg::Always, false, Some("1".into())));
        assert!(!use_color(ColorArg::Never, true, None));
    }
}
