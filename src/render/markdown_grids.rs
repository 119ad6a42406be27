//! The report's sections for rating grids and rankings.

use super::md_cell as cell;
use crate::tables::{Estimate, GridTable, MeanEstimate, RankingTable, Results, ScaleSide};
use std::fmt::Write;

fn share(e: Option<&Estimate>) -> String {
    e.map_or("–".into(), |e| {
        format!("{:.1} ({})", e.percent(), super::ci_range(e))
    })
}

fn mean(m: Option<&MeanEstimate>) -> String {
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

pub(super) fn rating(o: &mut String, t: &GridTable, r: &Results) {
    let unit = &r.survey.unit;
    let _ = writeln!(o, "### {}\n", t.text);
    let na: Vec<&str> = t
        .scale
        .iter()
        .filter(|p| p.side == ScaleSide::NotApplicable)
        .map(|p| p.label.as_str())
        .collect();
    let scores: Vec<String> = t
        .scale
        .iter()
        .filter_map(|p| p.score.map(|s| format!("{} = {s}", p.label)))
        .collect();
    let mut lead = format!(
        "A rating grid: {} {unit} rated at least one item ({} did not answer). Base per item: the {unit} that rated it on the scale",
        t.answered, t.not_answered
    );
    if !na.is_empty() {
        let _ = write!(
            lead,
            "; \"{}\" answers are counted apart and left out of the base",
            na.join("\", \"")
        );
    }
    let _ = write!(
        lead,
        ". Mean score on {} (95% t interval).",
        scores.join(", ")
    );
    let _ = writeln!(o, "{lead}\n");
    if let Some(note) = &t.note {
        let _ = writeln!(o, "{}\n", note.trim());
    }
    let (top, bottom) = (t.top2_label.as_deref(), t.bottom2_label.as_deref());
    let mut head = "| Item | Base *n* |".to_string();
    if let (Some(top), Some(bottom)) = (top, bottom) {
        let _ = write!(
            head,
            " {} % (95% CI) | {} % (95% CI) |",
            cell(top),
            cell(bottom)
        );
    }
    head.push_str(" Mean score (95% CI) |");
    if !na.is_empty() {
        head.push_str(" Not rated on the scale |");
    }
    let cols = head.matches('|').count() - 1;
    let _ = writeln!(o, "{head}\n|---|{}", "---:|".repeat(cols - 1));
    for it in &t.items {
        let mut line = format!("| {} | {} |", cell(&it.label), it.base);
        if top.is_some() {
            let _ = write!(
                line,
                " {} | {} |",
                share(it.top2.as_ref()),
                share(it.bottom2.as_ref())
            );
        }
        let _ = write!(line, " {} |", mean(it.mean.as_ref()));
        if !na.is_empty() {
            let _ = write!(line, " {} |", it.not_applicable);
        }
        let _ = writeln!(o, "{line}");
    }
    let _ = writeln!(o, "\nEach item's answers, % of its base:\n");
    let rated: Vec<usize> = (0..t.scale.len())
        .filter(|&k| t.scale[k].score.is_some())
        .collect();
    let mut head = "| Item |".to_string();
    for &k in &rated {
        let _ = write!(head, " {} |", cell(&t.scale[k].short));
    }
    let _ = writeln!(
        o,
        "{head} Base *n* |\n|---|{}---:|",
        "---:|".repeat(rated.len())
    );
    for it in &t.items {
        let mut line = format!("| {} |", cell(&it.label));
        for &k in &rated {
            let v = it.shares[k].map_or("–".into(), |e| format!("{:.1}", e.percent()));
            let _ = write!(line, " {v} |");
        }
        let _ = writeln!(o, "{line} {} |", it.base);
    }
    let _ = writeln!(
        o,
        "\n![{}: answers per item, below the midpoint left of zero, above it right](charts/{}.png)\n",
        cell(&t.short),
        t.question
    );
}

pub(super) fn ranking(o: &mut String, t: &RankingTable, r: &Results) {
    let unit = &r.survey.unit;
    let _ = writeln!(o, "### {}\n", t.text);
    let _ = writeln!(
        o,
        "A ranking (1 = first): {} {unit} ranked at least one item ({} did not answer); \"ranked first\" is a share of them. Mean rank among the {unit} that ranked the item (95% t interval); lower is better.\n",
        t.answered, t.not_answered
    );
    if let Some(note) = &t.note {
        let _ = writeln!(o, "{}\n", note.trim());
    }
    let _ = writeln!(
        o,
        "| Item | Ranked by *n* | Mean rank (95% CI) | Ranked first % (95% CI) | Base *n* |"
    );
    let _ = writeln!(o, "|---|---:|---:|---:|---:|");
    for it in &t.items {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            cell(&it.label),
            it.ranked,
            mean(it.mean_rank.as_ref()),
            share(it.first.as_ref()),
            it.first.map_or(t.answered, |e| e.base)
        );
    }
    let _ = writeln!(o);
}
