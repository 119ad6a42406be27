//! A rating grid's section of the report: per item the boxes, net and mean, then every point.

use super::GridTable;
use crate::figures::ScaleSide;
use crate::kinds::Context;
use crate::markup::document::Document;
use crate::markup::md_cell as cell;
use crate::markup::{mean_cell, share_cell};

/// What the grid is, who rated it, and how the mean is scored.
fn lead(t: &GridTable, unit: &str, na: &[&str]) -> String {
    let scores: Vec<String> = t
        .scale
        .iter()
        .filter_map(|p| p.score.map(|s| format!("{} = {s}", cell(&p.label))))
        .collect();
    let mut lead = format!(
        "A rating grid: {} {unit} rated at least one item ({} did not answer). Base per item: the {unit} that rated it on the scale",
        t.answered, t.not_answered
    );
    if !na.is_empty() {
        lead.push_str(&format!(
            "; \"{}\" answers are counted apart and left out of the base",
            cell(&na.join("\", \""))
        ));
    }
    if t.order_unconfirmed {
        lead.push_str(". The scale's order is not confirmed (see Needs review): only each point's share is shown, no boxes, net or mean scores.");
        return lead;
    }
    lead.push_str(&format!(
        ". Mean score on {} (95% t interval).",
        scores.join(", ")
    ));
    lead
}

/// The grid's section: who rated it, the boxes, net and mean per item, the distribution.
pub(crate) fn report(d: &mut Document, t: &GridTable, cx: &Context) {
    d.heading(3, t.text.clone());
    let na: Vec<&str> = t
        .scale
        .iter()
        .filter(|p| p.side == ScaleSide::NotApplicable)
        .map(|p| p.label.as_str())
        .collect();
    d.para(lead(t, &cell(cx.unit), &na));
    if let Some(note) = &t.note {
        d.prose(note);
    }
    let (top, bottom) = (t.top2_label.as_deref(), t.bottom2_label.as_deref());
    let mut head = vec!["Item".to_string(), "Base *n*".to_string()];
    if let (Some(top), Some(bottom)) = (top, bottom) {
        head.push(format!("{} % (95% CI)", cell(top)));
        head.push(format!("{} % (95% CI)", cell(bottom)));
    }
    if !t.order_unconfirmed {
        head.push("Mean score (95% CI)".into());
    }
    if !na.is_empty() {
        head.push("Not rated on the scale".into());
    }
    let rows = t
        .items
        .iter()
        .map(|it| {
            let mut line = vec![cell(&it.label), it.base.to_string()];
            if top.is_some() {
                line.push(share_cell(it.top2.as_ref()));
                line.push(share_cell(it.bottom2.as_ref()));
            }
            if !t.order_unconfirmed {
                line.push(mean_cell(it.mean.as_ref()));
            }
            if !na.is_empty() {
                line.push(it.not_applicable.to_string());
            }
            line
        })
        .collect();
    let align = format!("l{}", "r".repeat(head.len() - 1));
    d.table(head, &align, rows);
    distribution(d, t);
    if t.order_unconfirmed {
        return;
    }
    let mut net: Vec<(&str, f64, u64)> = t
        .items
        .iter()
        .filter_map(|it| it.net.map(|n| (it.short.as_str(), n, it.base)))
        .collect();
    net.sort_by(|a, b| b.1.total_cmp(&a.1));
    let ends = match (net.first(), net.last()) {
        (Some(hi), Some(lo)) if net.len() > 1 => format!(
            "; most positive {} (net {:+.0} points, n = {}), least {} (net {:+.0}, n = {})",
            hi.0,
            hi.1 * 100.0,
            hi.2,
            lo.0,
            lo.1 * 100.0,
            lo.2
        ),
        _ => String::new(),
    };
    d.figure(
        format!(
            "{}: answers per item, below the midpoint left of zero, above it right{ends}",
            t.short
        ),
        format!("charts/{}", t.question),
    );
}

/// Each item's answers as % of its base, point by point.
fn distribution(d: &mut Document, t: &GridTable) {
    d.para("Each item's answers, % of its base:");
    let rated: Vec<usize> = (0..t.scale.len())
        .filter(|&k| t.scale[k].score.is_some())
        .collect();
    let mut head = vec!["Item".to_string()];
    head.extend(rated.iter().map(|&k| cell(&t.scale[k].short)));
    head.push("Base *n*".into());
    let rows =
        t.items
            .iter()
            .map(|it| {
                let mut line = vec![cell(&it.label)];
                line.extend(rated.iter().map(|&k| {
                    it.shares[k].map_or("–".into(), |e| format!("{:.1}", e.percent()))
                }));
                line.push(it.base.to_string());
                line
            })
            .collect();
    let align = format!("l{}", "r".repeat(head.len() - 1));
    d.table_captioned(
        Some("Each item's answers, % of its base"),
        head,
        &align,
        rows,
    );
}
