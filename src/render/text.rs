//! Plain-text headline statements, one per line, for pasting.

use super::headline_line;
use crate::tables::Results;

pub fn headlines(r: &Results, scope: Option<&str>) -> String {
    let mut out = String::new();
    for h in &r.headlines {
        out.push_str(&headline_line(h, r));
        out.push('\n');
    }
    out.push_str(&source_line(r, scope));
    out.push('\n');
    out
}

/// "Source: <title>, <wave> (353 libraries in 32 countries analysed; 95% intervals: Wilson
/// score)."
pub fn source_line(r: &Results, scope: Option<&str>) -> String {
    let scope = scope.map(|s| format!(", {s}")).unwrap_or_default();
    let countries = match r.countries {
        Some(1) => " in 1 country".to_string(),
        Some(n) => format!(" in {n} countries"),
        None => String::new(),
    };
    format!(
        "Source: {}, {}{} ({} {}{countries} analysed{}; 95% intervals: {}).",
        r.survey.title,
        r.survey.wave,
        scope,
        r.respondents,
        r.survey.unit,
        if r.weighting.is_some() {
            ", weighted"
        } else {
            ""
        },
        r.interval.describe()
    )
}
