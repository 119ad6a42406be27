//! What the run's report says, as a [`Document`]: a summary, one section per codebook
//! section with a table (and chart) per question, breakdowns, maps, method, and provenance with
//! full row accounting. The back-ends write it as Markdown and HTML.

use super::document::Document;
use super::{headline_line, md_cell as cell};
use crate::kinds::Context;
use crate::tables::{QuestionStats, Results};

/// The report of one run.
pub fn document(r: &Results) -> Document {
    let mut d = Document::default();
    let unit = &cell(&r.survey.unit);
    d.heading(1, format!("{} ({})", r.survey.title, r.survey.wave));
    let countries = r
        .countries
        .map(|c| format!(" from {c} countries"))
        .unwrap_or_default();
    d.para(format!(
        "{} {unit}{countries} are analysed ({} rows read, {} excluded; see [Provenance](#provenance)).",
        r.respondents,
        r.accounting.rows_read,
        r.accounting.rows_read - r.accounting.analysed
    ));
    if !r.survey.description.is_empty() {
        d.prose(&r.survey.description);
    }
    needs_review(&mut d, r);
    if !r.headlines.is_empty() {
        d.heading(2, "Summary");
        d.list(
            r.headlines
                .iter()
                .map(|h| super::inline::prose(&headline_line(h, r)))
                .collect(),
        );
        d.para(format!(
            "Each percentage is a share of the {unit} in its base *n*{}, with a 95% {} interval.",
            if r.weighting.is_some() {
                " (weighted)"
            } else {
                ""
            },
            r.interval.describe()
        ));
    }
    for s in &r.sections {
        d.heading(2, s.title.clone());
        if let Some(intro) = &s.intro {
            d.prose(intro);
        }
        for qid in &s.questions {
            if let Some(q) = r.question(qid) {
                question(&mut d, q, r);
            }
        }
    }
    super::report_breakdowns::breakdowns(&mut d, r);
    maps(&mut d, r);
    super::report_method::method(&mut d, r);
    super::report_method::provenance(&mut d, r);
    d
}

/// The decisions the codebook leaves open, before any figure.
fn needs_review(d: &mut Document, r: &Results) {
    if r.needs_review.is_empty() {
        return;
    }
    d.heading(2, "Needs review");
    d.para("The codebook leaves these decisions open (its `check` lines, mostly written by `shelfstat init` where the export did not show the answer). What depends on them is not published in this report; correct the codebook where needed and delete each line to confirm it.");
    d.list(r.needs_review.iter().map(|v| cell(&v.message())).collect());
}

fn question(d: &mut Document, q: &QuestionStats, r: &Results) {
    let cx = Context {
        unit: &cell(&r.survey.unit),
        weighted: r.weighting.is_some(),
    };
    q.table().report(d, &cx);
}

/// The share maps, each with a text alternative naming the highest shares.
fn maps(d: &mut Document, r: &Results) {
    if r.maps.is_empty() {
        return;
    }
    d.heading(2, "Maps");
    for m in &r.maps {
        let t = &m.table;
        let row = t.rows.iter().find(|row| row.code == m.option);
        let mut shown: Vec<(&str, f64, u64)> = t
            .groups
            .iter()
            .zip(row.map(|row| row.cells.as_slice()).unwrap_or_default())
            .filter_map(|(g, c)| c.map(|e| (g.label.as_str(), e.percent(), e.base)))
            .collect();
        shown.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = shown
            .iter()
            .take(3)
            .map(|(name, p, n)| format!("{name} {p:.0}% (n = {n})"))
            .collect();
        let withheld = t.groups.iter().filter(|g| g.suppressed.is_some()).count();
        d.figure(
            format!(
                "{}, {}: % by country; highest {}; {withheld} countries withheld",
                t.short,
                m.label,
                top.join(", ")
            ),
            format!("charts/map_{}_{}", m.question, m.option),
        );
    }
}
