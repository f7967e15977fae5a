//! "Did you mean …?": the closest known word to a typo.

/// The candidate most like `word`, if any is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `word`?" for the closest candidate, written between `open` and `close`
/// (backticks for keys and ids, quotes for values, braces for placeholders), else the
/// fallback hint.
pub fn hint<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    (open, close): (&str, &str),
    otherwise: impl FnOnce() -> String,
) -> String {
    match closest(word, candidates) {
        Some(s) => did_you_mean(s, (open, close)),
        None => otherwise(),
    }
}

/// "did you mean `alice`?": the one wording of a suggestion.
pub fn did_you_mean(suggestion: &str, (open, close): (&str, &str)) -> String {
    format!("did you mean {open}{suggestion}{close}?")
}

#[cfg(test)]
mod tests {
    use super::{closest, hint};

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["daily_limit", "drift_after", "give_up_after"];
        assert_eq!(closest("dailylimit", keys), Some("daily_limit"));
        assert_eq!(closest("drift_afer", keys), Some("drift_after"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(
            hint("dailylimit", keys, ("`", "`"), String::new),
            "did you mean `daily_limit`?"
        );
        assert_eq!(hint("colour", keys, ("`", "`"), || "no".into()), "no");
    }
}
