//! The report's breakdowns: each question by each variable, withheld groups marked.

use super::document::Document;
use super::{ci_range, md_cell as cell};
use crate::tables::{Association, BreakdownTable, Results};

fn group_header(b: &BreakdownTable, k: usize) -> String {
    let g = &b.groups[k];
    match (g.suppressed, g.base) {
        (Some("small"), _) => format!("{} (*n* < {})", cell(&g.label), b.threshold),
        (Some(_), _) => format!("{} (complementary)", cell(&g.label)),
        (None, Some(n)) => format!("{} (*n* = {n})", cell(&g.label)),
        (None, None) => cell(&g.label),
    }
}

fn test_text(a: &Association) -> String {
    if !a.p_value.is_finite() {
        return "test not computable (the weights or counts overflow)".into();
    }
    match (a.f, a.ndf, a.ddf) {
        (Some(f), Some(ndf), Some(ddf)) => format!(
            "Rao–Scott F = {} on {ndf:.2} and {ddf:.1} df, p {}",
            statistic(f),
            p_value(a.p_value)
        ),
        _ => format!(
            "χ² = {} on {} df, p {}",
            statistic(a.chisq),
            a.df,
            p_value(a.p_value)
        ),
    }
}

/// A test statistic: two decimals, or scientific notation when it is huge.
fn statistic(x: f64) -> String {
    if x.abs() >= 1e6 {
        format!("{x:.3e}")
    } else {
        format!("{x:.2}")
    }
}

/// "< 0.001" or "= 0.042".
fn p_value(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("= {p:.3}")
    }
}

/// A heat map's text alternative: for its first answer, the highest and lowest published group.
fn heatmap_alt(b: &BreakdownTable) -> String {
    let head = format!("{} by {}", b.short, b.by_label);
    let Some(row) = b.rows.first() else {
        return head;
    };
    let mut cells: Vec<(&str, f64, u64)> = b
        .groups
        .iter()
        .zip(&row.cells)
        .filter_map(|(g, c)| c.map(|e| (g.label.as_str(), e.percent(), e.base)))
        .collect();
    cells.sort_by(|a, b| b.1.total_cmp(&a.1));
    let withheld = b.groups.iter().filter(|g| g.suppressed.is_some()).count();
    match (cells.first(), cells.last()) {
        (Some(hi), Some(lo)) if cells.len() > 1 => format!(
            "{head}: {} highest in {} {:.0}% (n = {}), lowest in {} {:.0}% (n = {}); {withheld} groups withheld",
            row.short, hi.0, hi.1, hi.2, lo.0, lo.1, lo.2
        ),
        _ => head,
    }
}

pub(super) fn breakdowns(d: &mut Document, r: &Results) {
    if r.breakdowns.is_empty() {
        return;
    }
    let unit = &cell(&r.survey.unit);
    d.heading(2, "Breakdowns");
    d.para(format!(
        "Cells show the % of the {unit} of each group in the question's base{}, with its 95% interval in brackets. \"suppressed\" marks groups not published: too few {unit} (n<{}), or withheld so that those cannot be worked out from the totals (complementary; see [Method](#method)).",
        if r.weighting.is_some() { " (weighted)" } else { "" },
        r.survey.suppression_threshold
    ));
    for b in &r.breakdowns {
        breakdown(d, b, unit);
    }
}

fn breakdown(d: &mut Document, b: &BreakdownTable, unit: &str) {
    d.heading(3, format!("{}, by {}", b.short, b.by_label));
    let shown = crate::kinds::kind(b.kind).rows();
    let multi = shown.tested_per_row;
    let first = shown.header;
    let mut head = vec![first.to_string()];
    let mut align = String::from("l");
    for k in 0..b.groups.len() {
        head.push(group_header(b, k));
        align.push('r');
    }
    if multi {
        head.push("Test of association".into());
        align.push('l');
    }
    let rows = b
        .rows
        .iter()
        .map(|row| {
            let mut line = vec![cell(&row.short)];
            for (k, c) in row.cells.iter().enumerate() {
                line.push(match (c, b.groups[k].suppressed) {
                    (_, Some("small")) => format!("suppressed (n<{})", b.threshold),
                    (_, Some(_)) => "suppressed (complementary)".to_string(),
                    (Some(e), None) => format!("{:.1} [{}]", e.percent(), ci_range(e)),
                    (None, None) => "–".to_string(),
                });
            }
            if multi {
                line.push(
                    row.test
                        .as_ref()
                        .map(test_text)
                        .unwrap_or_else(|| "–".into()),
                );
            }
            line
        })
        .collect();
    d.table(head, &align, rows);
    let empty = b.rows.iter().any(|row| {
        row.cells
            .iter()
            .zip(&b.groups)
            .any(|(c, g)| c.is_none() && g.suppressed.is_none())
    });
    if empty {
        d.para("“–”: no figure for this group: none of its respondents is in the question's base, or (with weights) all of them weigh 0.");
    }
    if let Some(t) = &b.test {
        d.para(format!("Test of association: {}.", test_text(t)));
    }
    if let Some(note) = shown.breakdown_note {
        d.para(note(unit, &b.question, &b.by));
    }
    d.figure(heatmap_alt(b), format!("charts/{}_by_{}", b.question, b.by));
}
