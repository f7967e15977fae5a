//! The commented starter roster that `init` writes: the built-in journey spelled out, so
//! the coach can see and change it, and one sample client starting on the day of `init`.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::roster::STANDARD;

pub fn starter_roster(today: NaiveDate, history_name: &str) -> String {
    let quote = crate::roster::edit::quote;
    let mut out = format!(
        r#"# coachplan roster: your clients, their goals in their own words, and the journey
# you map out with them. Edit it by hand; `coachplan check` points at any mistake.
# Every key is described in docs/roster-format.md.

[coach]
name = "Your name"
# daily_limit = 12        # at most this many clients in `today` (0 = no cap)
# drift_after = "21d"     # no session for longer than this: drifting
# renewal_notice = "30d"  # talk about the renewal this long before it
# give_up_after = 3       # unanswered tries before a client is set aside
# reconnect_after = "6w"  # one light touch this long after setting a client aside
# history = "{history_name}"   # the log `coachplan log` writes, beside this file
since = {today}         # the day you started with coachplan: nothing is overdue from before it

[defaults]
cadence = "2w"            # routine check-ins: "10d", "2w", "1m", "weekly", … or "none"
journey = "standard"      # the journey below, or "none"

# The built-in twelve-month journey, spelled out so that you can make it yours.
# Each step falls `after` a time counted from the client's start ("3m" = three months
# later, to the day), or on `day` (default 1) or `week` of their `month`. After the last
# step comes an anniversary step each year (anniversaries = false turns them off).
# A step without `message` gets a built-in draft fitted to the moment (docs/drafts.md);
# add message = "Hi {{first_name}}, …" to a step to use your own words instead.
[journeys.standard]
months = 12
"#
    );
    for step in STANDARD {
        let _ = write!(
            out,
            "\n[[journeys.standard.steps]]\nafter = {}\nkind = {}\ntitle = {}\nprompt = {}\n",
            quote(step.after),
            quote(step.kind),
            quote(step.title),
            quote(step.prompt),
        );
    }
    let _ = write!(
        out,
        r#"
# One [[client]] per person. Only name and start are required.
[[client]]
name = "Alice Moreno"
id = "alice"                                   # used by `coachplan log alice`
start = {today}                            # first day working together
goal = "Run a 10k without stopping"            # their goal, in their words
why = "Keep up with her kids on weekend runs"  # their reasons
# goal_by = 2027-05-01
# cadence = "1w"
# renewal = 2027-03-14
# birthday = "07-02"                           # or 1988-07-02
channel = "text"
contact = "+1 555 0100"
tags = ["online"]
notes = ["Daughter: Mia", "Loves hiking"]
"#
    );
    out
}
