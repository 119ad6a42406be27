//! A 0–10 score → `q` (f64): "7", or a labelled point such as "10 - Extremely likely" or
//! "0 (Not at all likely)"; anything else is an error naming the cell.

use crate::error::Result;
use crate::frame::Build;
use crate::frame::Resolved;

/// The score a cell holds: a whole number from 0 to 10, alone or before a label.
pub fn score(cell: &str) -> Option<u8> {
    let s = cell.trim();
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, rest) = s.split_at(digits);
    let rest = rest.strip_prefix(".0").unwrap_or(rest);
    let labelled = rest.is_empty() || rest.starts_with([' ', '-', '=', '(', ':', '–']);
    match (number.parse::<u8>(), labelled) {
        (Ok(v), true) if v <= 10 && digits <= 2 => Some(v),
        _ => None,
    }
}

pub(crate) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    b.number_column(r, |s| {
        score(s)
            .map(f64::from)
            .ok_or_else(|| format!("expected a score from 0 to 10, found {s:?}"))
    })
}

#[cfg(test)]
mod tests {
    use super::score;

    #[test]
    fn scores_alone_or_labelled() {
        assert_eq!(score("7"), Some(7));
        assert_eq!(score(" 10 "), Some(10));
        assert_eq!(score("10 - Extremely likely"), Some(10));
        assert_eq!(score("0 (Not at all likely)"), Some(0));
        assert_eq!(score("9.0"), Some(9));
        assert_eq!(score("11"), None);
        assert_eq!(score("7.5"), None);
        assert_eq!(score("-1"), None);
        assert_eq!(score("010"), None);
        assert_eq!(score("Extremely likely"), None);
        assert_eq!(score("1e1"), None);
    }
}
