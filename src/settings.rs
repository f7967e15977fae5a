//! The one place that reads the clock, the environment, the terminal and the config dir.
//! Everything after this works on plain values, so it can be tested with fixed inputs.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::{ColorArg, FormatArg, GlobalArgs};
use crate::error::Error;
use crate::output::{Format, Style};

#[derive(Debug, Clone)]
pub struct Settings {
    pub roster_path: PathBuf,
    /// `--history`, else `$COACHPLAN_HISTORY`; `None` = the roster's own setting.
    pub history_path: Option<PathBuf>,
    /// `-o/--output`: write the output to this file, atomically.
    pub output: Option<PathBuf>,
    /// The planning day: `--date`, else the local date.
    pub today: NaiveDate,
    /// The real local date, whatever `--date` says (a log entry may not be in the future).
    pub real_today: NaiveDate,
    pub format: Format,
    pub style: Style,
    /// Whether stdout is a terminal (cron runs are not).
    pub is_terminal: bool,
    /// (v3) Where parsed rosters are kept between runs (`store::cache`):
    /// `$XDG_CACHE_HOME/coachplan`, else `~/.cache/coachplan`; `None` with
    /// `COACHPLAN_CACHE=off` or no home.
    pub cache: Option<PathBuf>,
}

pub use crate::store::roster_path;

/// What the environment says about colour.
#[derive(Debug, Clone, Default)]
pub struct ColorEnv {
    pub no_color: Option<String>,
    pub clicolor_force: Option<String>,
    pub term: Option<String>,
}

/// `--color auto`: colour on a terminal, never with NO_COLOR set (to anything but "") or
/// TERM=dumb; CLICOLOR_FORCE (set, not "0") forces it even when piped.
pub fn use_color(choice: ColorArg, is_terminal: bool, env: &ColorEnv) -> bool {
    let set = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto if set(&env.no_color) => false,
        ColorArg::Auto
            if set(&env.clicolor_force) && env.clicolor_force.as_deref() != Some("0") =>
        {
            true
        }
        ColorArg::Auto => is_terminal && env.term.as_deref() != Some("dumb"),
    }
}

/// The width tables are laid out in: `COLUMNS` when set, else the terminal's (a 0×0
/// pseudo-terminal counts as 80), else 80: every mail reader shows 80 columns unwrapped.
pub fn table_width(columns: Option<String>, terminal: Option<u16>) -> u16 {
    columns
        .and_then(|c| c.trim().parse().ok())
        .filter(|&w: &u16| w >= 20)
        .or(terminal.filter(|&w| w > 0))
        .unwrap_or(80)
}

/// The cache folder: none when `COACHPLAN_CACHE` is `off` (or `0`, `no`, `false`).
pub fn cache_dir(setting: Option<String>, cache_home: Option<PathBuf>) -> Option<PathBuf> {
    let off = setting.is_some_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "off" | "0" | "no" | "false"
        )
    });
    cache_home.filter(|_| !off).map(|d| d.join("coachplan"))
}

pub fn resolve(args: &GlobalArgs) -> Result<Settings, Error> {
    let is_terminal = std::io::stdout().is_terminal();
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
    let terminal_width = if is_terminal {
        comfy_table::Table::new().width()
    } else {
        None
    };
    let width = table_width(std::env::var("COLUMNS").ok(), terminal_width);
    let color_env = ColorEnv {
        no_color: std::env::var("NO_COLOR").ok(),
        clicolor_force: std::env::var("CLICOLOR_FORCE").ok(),
        term: std::env::var("TERM").ok(),
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
        output: args.output.clone(),
        today: args.date.unwrap_or(real_today),
        real_today,
        format: match args.format {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Ics => Format::Ics,
        },
        style: Style {
            color: use_color(args.color, is_terminal, &color_env),
            width,
        },
        is_terminal,
        cache: cache_dir(std::env::var("COACHPLAN_CACHE").ok(), dirs::cache_dir()),
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
    fn colour_follows_the_terminal_no_color_term_and_clicolor_force() {
        let env = |no: Option<&str>, force: Option<&str>, term: Option<&str>| ColorEnv {
            no_color: no.map(String::from),
            clicolor_force: force.map(String::from),
            term: term.map(String::from),
        };
        assert!(use_color(
            ColorArg::Auto,
            true,
            &env(None, None, Some("xterm"))
        ));
        assert!(!use_color(ColorArg::Auto, false, &env(None, None, None)));
        assert!(!use_color(
            ColorArg::Auto,
            true,
            &env(Some("1"), None, None)
        ));
        assert!(use_color(ColorArg::Auto, true, &env(Some(""), None, None)));
        assert!(!use_color(
            ColorArg::Auto,
            true,
            &env(None, None, Some("dumb"))
        ));
        assert!(use_color(
            ColorArg::Auto,
            false,
            &env(None, Some("1"), None)
        ));
        assert!(!use_color(
            ColorArg::Auto,
            false,
            &env(None, Some("0"), None)
        ));
        assert!(!use_color(
            ColorArg::Auto,
            true,
            &env(Some("1"), Some("1"), None)
        ));
        assert!(use_color(
            ColorArg::Always,
            false,
            &env(Some("1"), None, None)
        ));
        assert!(!use_color(
            ColorArg::Never,
            true,
            &env(None, Some("1"), None)
        ));
    }

    #[test]
    fn width_is_columns_then_the_terminal_then_80() {
        assert_eq!(table_width(Some("60".into()), Some(200)), 60);
        assert_eq!(table_width(None, Some(132)), 132);
        assert_eq!(table_width(None, Some(0)), 80);
        assert_eq!(table_width(None, None), 80);
        assert_eq!(table_width(Some("wide".into()), None), 80);
    }
}
