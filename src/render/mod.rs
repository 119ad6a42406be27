//! Renderers: stat tables → bytes. They read [`crate::tables`] structs only, never frames, and
//! never write files (the command layer does).

pub mod coding_workbook;
pub mod compare_csv;
pub mod compare_grid;
pub mod compare_md;
pub mod compare_report;
pub mod compare_text;
pub mod csv;
pub mod grid;
pub mod heatmap_chart;
pub mod html;
pub mod json;
pub mod map;
pub mod markdown;
pub mod report;
mod report_breakdowns;
mod report_method;
pub mod text;
pub mod trend_chart;
pub mod verify_text;
pub mod xlsx;

pub use crate::kinds::choice::chart;
pub use crate::markup::{
    cells, change_cell, ci_phrase, ci_range, document, inline, md_cell, pct, signed,
};
use crate::tables::{HeadlineStat, Results};

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
