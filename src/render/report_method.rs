//! The report's method and provenance sections: how the figures were computed, from which
//! files, and what became of every row.

use super::document::Document;
use super::inline::{code, text as cell};
use crate::tables::{IntervalMethod, Results};

/// "library" for "libraries", "respondent" for "respondents" (for sentences).
fn singular(unit: &str) -> String {
    if let Some(stem) = unit.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        unit.strip_suffix('s').unwrap_or(unit).to_string()
    }
}

pub(super) fn method(d: &mut Document, r: &Results) {
    let unit = &cell(&r.survey.unit);
    d.heading(2, "Method");
    let mut items = vec![format!("**Percentages** are shares of {unit}, not of ticks. Unless a question says otherwise, the base *n* is the {unit} that answered it; for a \"tick all that apply\" question that means ticking at least one option, and an exclusive option such as \"none of these\" counts as an answer.")];
    items.push(format!("**Intervals** are 95% {}{}.", r.interval.describe(), match r.interval {
        IntervalMethod::Wilson => " intervals, which stay inside 0–100% and keep their coverage for small bases and extreme percentages",
        IntervalMethod::ClopperPearson => " (exact) intervals; with weights, R survey's svyciprop \"beta\" method on the design-based effective sample size",
        IntervalMethod::Logit => " intervals as R survey's svyciprop computes them by default (a t interval on the logit scale, exact Clopper–Pearson at 0% and 100%)",
    }));
    items.push(match &r.weighting {
        Some(w) => format!("**Weights**: {}. {} {unit}, weights {:.3}–{:.3} (sum {:.1}); Kish effective sample size {:.1}, design effect {:.3}{}. Percentages are weighted; counts and bases are unweighted; intervals use the effective sample size.",
            cell(&w.description), w.n, w.min, w.max, w.sum, w.n_eff, w.deff,
            match (w.iterations, w.max_gap) { (Some(it), Some(g)) => format!("; raking converged in {it} iterations (largest margin gap {g:.1e})"), _ => String::new() }),
        None => format!(
            "**Weights**: none; every {} counts once (the codebook has no `[weights]` section).",
            singular(unit)
        ),
    });
    items.push(format!("**Small groups**: in breakdowns, a group with fewer than {} {unit} in a question's base is withheld, and the next smallest groups are withheld too until the withheld groups together cannot be worked out from the totals (at least two, reaching the threshold together). Tests of association: {}.", r.survey.suppression_threshold,
        if r.weighting.is_some() { "Rao–Scott adjusted χ² (F form, as R survey's svychisq)" } else { "Pearson's χ²" }));
    items.push("**Personal data** (names, e-mail and IP addresses, free-text answers) is not read into the analysis unless the codebook opts in; only whether a question was answered is counted.".into());
    // The first question whose kind has a method line (the country question's matching).
    items.extend(r.questions.iter().filter_map(|q| q.table().method()));
    const LISTED: usize = 10;
    for u in r.unaccounted_columns.iter().take(LISTED) {
        items.push(format!("**Unaccounted column**: {}.", cell(&u.message())));
    }
    if r.unaccounted_columns.len() > LISTED {
        let rest = r.unaccounted_columns.len() - LISTED;
        items.push(format!(
            "**Unaccounted columns**: and {rest} more (all are listed in results.json)."
        ));
    }
    items.extend(
        r.warnings
            .iter()
            .map(|w| format!("**Data note**: {}.", cell(w))),
    );
    d.list(items);
}

pub(super) fn provenance(d: &mut Document, r: &Results) {
    let p = &r.provenance;
    d.heading(2, "Provenance");
    let pair = |a: &str, b: String| vec![a.to_string(), b];
    let files = vec![
        pair("Tool", p.tool.clone()),
        pair(
            "Input",
            format!(
                "{} ({}, {} bytes)",
                code(&p.input.path),
                p.format,
                p.input.bytes
            ),
        ),
        pair("Input SHA-256", format!("`{}`", p.input.sha256)),
        pair(
            "Codebook",
            format!("{} ({} bytes)", code(&p.codebook.path), p.codebook.bytes),
        ),
        pair("Codebook SHA-256", format!("`{}`", p.codebook.sha256)),
    ];
    d.table_captioned(
        Some("The files analysed"),
        vec![String::new(), String::new()],
        "ll",
        files,
    );
    let a = &r.accounting;
    let mut rows = vec![pair("Read from the export", a.rows_read.to_string())];
    for e in &a.excluded {
        rows.push(pair(
            &format!("Excluded: {}", cell(&e.reason)),
            e.rows.to_string(),
        ));
    }
    rows.push(pair("**Analysed**", format!("**{}**", a.analysed)));
    d.table_captioned(
        Some("Every row of the export"),
        vec!["Rows".into(), "Count".into()],
        "lr",
        rows,
    );
    if !r.excluded_rows.is_empty() {
        let rows: Vec<String> = r.excluded_rows.iter().map(|e| e.row.to_string()).collect();
        d.para(format!(
            "Excluded rows (spreadsheet numbering, listed in `tables/excluded_rows.csv`): {}.",
            rows.join(", ")
        ));
    }
}
