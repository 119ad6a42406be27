//! Renderers: stat tables → bytes. They read [`crate::tables`] structs only, never frames, and
//! never write files (the command layer does).

pub mod cells;
pub mod chart;
pub mod compare_csv;
pub mod compare_grid;
pub mod compare_md;
pub mod compare_report;
pub mod compare_text;
pub mod csv;
pub mod document;
pub mod grid;
pub mod grid_scales;
pub mod heatmap_chart;
pub mod html;
pub mod inline;
pub mod json;
pub mod likert_chart;
pub mod map;
pub mod markdown;
pub mod report;
mod report_breakdowns;
mod report_grids;
mod report_method;
pub mod text;
pub mod trend_chart;
pub mod verify_text;
pub mod xlsx;

use crate::tables::{Estimate, HeadlineStat, Results};

/// "93.2%".
pub fn pct(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

/// "89.3–95.8" (percent, no sign).
pub fn ci_range(e: &Estimate) -> String {
    format!("{:.1}–{:.1}", e.ci_low * 100.0, e.ci_high * 100.0)
}

/// "95% CI 89.3–95.8%".
pub fn ci_phrase(e: &Estimate) -> String {
    format!("95% CI {}%", ci_range(e))
}

/// "+2.8 pp (−0.9 to +6.6)".
pub fn change_cell(c: &crate::tables::Change) -> String {
    format!(
        "{} pp ({} to {})",
        signed(c.diff),
        signed(c.ci_low),
        signed(c.ci_high)
    )
}

/// Percentage points with a sign: "+2.8", "−0.9", "0.0".
pub fn signed(x: f64) -> String {
    let v = x * 100.0;
    let s = format!("{:.1}", v.abs());
    if s == "0.0" {
        s
    } else if v > 0.0 {
        format!("+{s}")
    } else {
        format!("−{s}")
    }
}

/// The headline sentence with its placeholders filled; None when the base is empty.
pub fn headline_sentence(h: &HeadlineStat, r: &Results) -> Option<String> {
    let e = h.estimate.as_ref()?;
    let mut out = String::new();
    let mut rest = h.template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').unwrap_or(after.len());
        let value = match &after[..close] {
            "pct" => pct(e.proportion),
            "count" => e.count.to_string(),
            "base" => e.base.to_string(),
            "ci" => ci_phrase(e),
            "unit" => r.survey.unit.clone(),
            other => format!("{{{other}}}"),
        };
        out.push_str(&value);
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    Some(out)
}

/// The sentence, or why there is none.
pub fn headline_line(h: &HeadlineStat, r: &Results) -> String {
    match headline_sentence(h, r) {
        Some(s) => s,
        None if h.suppressed => format!(
            "{}: suppressed (fewer than {} {} in the base)",
            h.id, r.survey.suppression_threshold, r.survey.unit
        ),
        None => format!("{}: no {} in the base", h.id, r.survey.unit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let e = Estimate::new(221, 237).unwrap();
        assert_eq!(pct(e.proportion), "93.2%");
        assert_eq!(ci_phrase(&e), "95% CI 89.3–95.8%");
        let zero = Estimate::new(0, 12).unwrap();
        assert_eq!(ci_range(&zero), "0.0–24.2");
    }

    #[test]
    fn signed_points() {
        assert_eq!(signed(0.028), "+2.8");
        assert_eq!(signed(-0.009), "−0.9");
        assert_eq!(signed(0.0), "0.0");
        assert_eq!(signed(-0.0001), "0.0");
    }
}

/// Escapes text from the data for the report's Markdown, a table cell included
/// ([`inline::text`]).
pub fn md_cell(s: &str) -> String {
    inline::text(s)
}
