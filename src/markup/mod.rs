//! The pieces every rendered table is built from, below the question kinds: typed cells, the
//! report as a document, text from the data escaped for Markdown, chart canvases, and the way a
//! percentage, an interval and a change are written.

pub mod canvas;
pub mod cells;
pub mod document;
pub mod inline;
pub mod map;

use crate::figures::{Estimate, MeanEstimate};

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
pub fn change_cell(c: &crate::figures::Change) -> String {
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

/// Escapes text from the data for the report's Markdown, a table cell included
/// ([`inline::text`]).
pub fn md_cell(s: &str) -> String {
    inline::text(s)
}

/// "61.9 (55.0–68.4)": a share with its interval, or "–".
pub fn share_cell(e: Option<&Estimate>) -> String {
    e.map_or("–".into(), |e| {
        format!("{:.1} ({})", e.percent(), ci_range(e))
    })
}

/// "3.42 (3.30–3.55)": a mean with its interval, or "–".
pub fn mean_cell(m: Option<&MeanEstimate>) -> String {
    match m {
        Some(MeanEstimate {
            mean,
            ci_low: Some(lo),
            ci_high: Some(hi),
            ..
        }) => {
            format!("{mean:.2} ({lo:.2}–{hi:.2})")
        }
        Some(m) => format!("{:.2}", m.mean),
        None => "–".into(),
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
