//! Change sentences for the headline statements of a series, for pasting:
//! "Internet access: 93.2% of 237 libraries (2019) → 96.0% of 301 (2022), +2.8 pp (95% CI −1.1
//! to +7.0): no clear change."

use super::signed;
use crate::tables::{Comparison, HeadlineChange};

/// The sentence of one headline: every wave's figure, then the change from the first wave with
/// a figure to the last.
pub fn sentence(h: &HeadlineChange) -> String {
    let mut parts = Vec::new();
    for (k, f) in h
        .figures
        .iter()
        .filter(|f| f.estimate.is_some())
        .enumerate()
    {
        let e = f.estimate.expect("filtered");
        let unit = if k == 0 {
            format!(" {}", h.unit)
        } else {
            String::new()
        };
        parts.push(format!(
            "{:.1}% of {}{unit} ({})",
            e.percent(),
            e.base,
            f.wave
        ));
    }
    let mut s = format!("{}: {}", h.label, parts.join(" → "));
    if let Some(why) = &h.not_comparable {
        s.push_str(&format!("; not comparable across waves ({why})."));
        return s;
    }
    let (first, last) = (
        h.figures.iter().find(|f| f.estimate.is_some()),
        h.figures.iter().rev().find(|f| f.estimate.is_some()),
    );
    let change = match (first, last) {
        (Some(a), Some(b)) if a.wave != b.wave => h
            .changes
            .iter()
            .find(|c| c.from == a.wave && c.to == b.wave)
            .and_then(|c| c.change),
        _ => None,
    };
    match change {
        Some(c) => {
            let verdict = if c.clear {
                "a clear change"
            } else {
                "no clear change"
            };
            let span = if h.figures.len() > 2 {
                format!(
                    " from {} to {}",
                    first.expect("some").wave,
                    last.expect("some").wave
                )
            } else {
                String::new()
            };
            s.push_str(&format!(
                ",{span} {} pp (95% CI {} to {}): {verdict}.",
                signed(c.diff),
                signed(c.ci_low),
                signed(c.ci_high)
            ));
        }
        None => s.push_str("; no change can be computed (asked in one wave only)."),
    }
    s
}

/// Every headline's sentence, then the source line.
pub fn headlines(c: &Comparison) -> String {
    let mut out = String::new();
    for h in &c.headlines {
        out.push_str(&sentence(h));
        out.push('\n');
    }
    let waves: Vec<String> = c
        .waves
        .iter()
        .map(|w| format!("{} ({} respondents)", w.id, w.respondents))
        .collect();
    out.push_str(&format!(
        "Source: {}; waves {}. Changes: Newcombe 95% intervals; independent samples assumed.\n",
        c.title,
        waves.join(", ")
    ));
    out
}
