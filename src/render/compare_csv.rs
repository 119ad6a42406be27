//! The wave comparison as tidy CSV: `tables/changes.csv` (one row per option and pair of
//! waves) and `tables/figures.csv` (one row per option and wave). Proportions and differences
//! are fractions at full precision; a missing figure is an empty cell.

use super::csv::{csv_err, finish, writer};
use crate::cellsafe::cell;
use crate::error::Result;
use crate::tables::Change;
use crate::tables::Comparison;
use crate::tables::Estimate;

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The columns of [`change_fields`], written once for both change tables.
const CHANGE_COLUMNS: [&str; 8] = [
    "p_from", "p_to", "n_from", "n_to", "diff", "ci_low", "ci_high", "p_value",
];

/// `p_from, p_to, n_from, n_to, diff, ci_low, ci_high, p_value`.
fn change_fields(a: Option<Estimate>, b: Option<Estimate>, ch: Option<Change>) -> [String; 8] {
    [
        opt(a.map(|e| e.proportion)),
        opt(b.map(|e| e.proportion)),
        opt(a.map(|e| e.base)),
        opt(b.map(|e| e.base)),
        opt(ch.map(|c| c.diff)),
        opt(ch.map(|c| c.ci_low)),
        opt(ch.map(|c| c.ci_high)),
        opt(ch.and_then(|c| c.p_value)),
    ]
}

/// `question, option, wave_from, wave_to, p_from, p_to, n_from, n_to, diff, ci_low, ci_high,
/// p_value, p_holm, clear, not_comparable`.
pub fn changes(c: &Comparison) -> Result<Vec<u8>> {
    let mut w = writer();
    let mut head = vec!["question", "option", "wave_from", "wave_to"];
    head.extend(CHANGE_COLUMNS);
    head.extend(["p_holm", "clear", "not_comparable"]);
    w.write_record(&head).map_err(csv_err)?;
    for q in &c.questions {
        for o in &q.options {
            for pc in &o.changes {
                let fig = |wave: &str| {
                    o.figures
                        .iter()
                        .find(|f| f.wave == wave)
                        .and_then(|f| f.estimate)
                };
                let (a, b) = (fig(&pc.from), fig(&pc.to));
                let ch = pc.change;
                let mut rec = vec![
                    q.question.clone(),
                    o.option.clone(),
                    pc.from.clone(),
                    pc.to.clone(),
                ];
                rec.extend(change_fields(a, b, ch));
                rec.extend([
                    opt(ch.and_then(|c| c.p_holm)),
                    opt(ch.map(|c| c.clear)),
                    cell(o.not_comparable.as_deref().unwrap_or_default()).into_owned(),
                ]);
                w.write_record(&rec).map_err(csv_err)?;
            }
        }
    }
    finish(w)
}

/// `question, option, wave, label, count, base, proportion, ci_low, ci_high`: every wave's
/// figures, long.
pub fn figures(c: &Comparison) -> Result<Vec<u8>> {
    let mut w = writer();
    w.write_record([
        "question",
        "option",
        "wave",
        "label",
        "count",
        "base",
        "proportion",
        "ci_low",
        "ci_high",
    ])
    .map_err(csv_err)?;
    for q in &c.questions {
        for o in &q.options {
            for f in &o.figures {
                let e = f.estimate;
                w.write_record([
                    q.question.clone(),
                    o.option.clone(),
                    f.wave.clone(),
                    cell(f.label.as_deref().unwrap_or_default()).into_owned(),
                    opt(e.map(|e| e.count)),
                    opt(e.map(|e| e.base)),
                    opt(e.map(|e| e.proportion)),
                    opt(e.map(|e| e.ci_low)),
                    opt(e.map(|e| e.ci_high)),
                ])
                .map_err(csv_err)?;
            }
        }
    }
    finish(w)
}

/// `tables/changes_by_region.csv`: the columns of `changes.csv` after `option`, a `region`, and
/// why a wave's figure is withheld (`withheld_from`, `withheld_to`).
pub fn changes_by_region(c: &Comparison) -> Result<Vec<u8>> {
    let mut w = writer();
    let mut head = vec!["question", "option", "region", "wave_from", "wave_to"];
    head.extend(CHANGE_COLUMNS);
    head.extend(["clear", "withheld_from", "withheld_to"]);
    w.write_record(&head).map_err(csv_err)?;
    for r in &c.by_region {
        for pc in &r.changes {
            let at = |wave: &str| r.figures.iter().position(|f| f.wave == wave);
            let (ka, kb) = (at(&pc.from), at(&pc.to));
            let est = |k: Option<usize>| k.and_then(|k| r.figures[k].estimate);
            let why = |k: Option<usize>| {
                k.and_then(|k| r.withheld[k])
                    .unwrap_or_default()
                    .to_string()
            };
            let (a, b, ch) = (est(ka), est(kb), pc.change);
            let mut rec = vec![
                r.question.clone(),
                r.option.clone(),
                cell(&r.region).into_owned(),
                pc.from.clone(),
                pc.to.clone(),
            ];
            rec.extend(change_fields(a, b, ch));
            rec.extend([opt(ch.map(|c| c.clear)), why(ka), why(kb)]);
            w.write_record(&rec).map_err(csv_err)?;
        }
    }
    finish(w)
}
