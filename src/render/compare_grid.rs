//! The wave comparison's tables as grids (the one place their columns are named): every
//! change between two waves, every wave's figure, and the changes by region. Proportions and
//! differences are fractions; a missing figure is an empty cell.

use super::grid::{Grid, Value};
use crate::tables::{Change, Comparison, Estimate};

/// The columns of [`change_values`], written once for both change tables.
const CHANGE_COLUMNS: [&str; 8] = [
    "p_from", "p_to", "n_from", "n_to", "diff", "ci_low", "ci_high", "p_value",
];

fn share(v: Option<f64>) -> Value {
    v.map_or(Value::Empty, Value::Share)
}

fn count(v: Option<u64>) -> Value {
    v.map_or(Value::Empty, Value::Count)
}

fn number(v: Option<f64>) -> Value {
    v.map_or(Value::Empty, Value::Number)
}

fn flag(v: Option<bool>) -> Value {
    v.map_or(Value::Empty, |b| Value::Code(b.to_string()))
}

/// `p_from, p_to, n_from, n_to, diff, ci_low, ci_high, p_value`.
fn change_values(a: Option<Estimate>, b: Option<Estimate>, ch: Option<Change>) -> [Value; 8] {
    [
        share(a.map(|e| e.proportion)),
        share(b.map(|e| e.proportion)),
        count(a.map(|e| e.base)),
        count(b.map(|e| e.base)),
        share(ch.map(|c| c.diff)),
        share(ch.map(|c| c.ci_low)),
        share(ch.map(|c| c.ci_high)),
        number(ch.and_then(|c| c.p_value)),
    ]
}

/// One row per question, option and pair of waves.
pub fn changes(c: &Comparison) -> Grid {
    let mut columns = vec!["question", "option", "wave_from", "wave_to"];
    columns.extend(CHANGE_COLUMNS);
    columns.extend(["p_holm", "clear", "not_comparable"]);
    let mut rows = Vec::new();
    for q in &c.questions {
        for o in &q.options {
            for pc in &o.changes {
                let fig = |wave: &str| {
                    o.figures
                        .iter()
                        .find(|f| f.wave == wave)
                        .and_then(|f| f.estimate)
                };
                let ch = pc.change;
                let mut r = vec![
                    Value::Code(q.question.clone()),
                    Value::Code(o.option.clone()),
                    Value::Code(pc.from.clone()),
                    Value::Code(pc.to.clone()),
                ];
                r.extend(change_values(fig(&pc.from), fig(&pc.to), ch));
                r.extend([
                    number(ch.and_then(|c| c.p_holm)),
                    flag(ch.map(|c| c.clear)),
                    Value::Text(o.not_comparable.clone().unwrap_or_default()),
                ]);
                rows.push(r);
            }
        }
    }
    Grid { columns, rows }
}

/// Every wave's figures, one row per question, option and wave.
pub fn figures(c: &Comparison) -> Grid {
    let columns = vec![
        "question",
        "option",
        "wave",
        "label",
        "count",
        "base",
        "proportion",
        "ci_low",
        "ci_high",
    ];
    let mut rows = Vec::new();
    for q in &c.questions {
        for o in &q.options {
            for f in &o.figures {
                let e = f.estimate;
                rows.push(vec![
                    Value::Code(q.question.clone()),
                    Value::Code(o.option.clone()),
                    Value::Code(f.wave.clone()),
                    Value::Text(f.label.clone().unwrap_or_default()),
                    count(e.map(|e| e.count)),
                    count(e.map(|e| e.base)),
                    share(e.map(|e| e.proportion)),
                    share(e.map(|e| e.ci_low)),
                    share(e.map(|e| e.ci_high)),
                ]);
            }
        }
    }
    Grid { columns, rows }
}

/// The columns of the changes after `option`, a `region`, and why a wave's figure is withheld.
pub fn changes_by_region(c: &Comparison) -> Grid {
    let mut columns = vec!["question", "option", "region", "wave_from", "wave_to"];
    columns.extend(CHANGE_COLUMNS);
    columns.extend(["clear", "withheld_from", "withheld_to"]);
    let mut rows = Vec::new();
    for r in &c.by_region {
        for pc in &r.changes {
            let at = |wave: &str| r.figures.iter().position(|f| f.wave == wave);
            let (ka, kb) = (at(&pc.from), at(&pc.to));
            let est = |k: Option<usize>| k.and_then(|k| r.figures[k].estimate);
            let why = |k: Option<usize>| {
                Value::Code(
                    k.and_then(|k| r.withheld[k])
                        .unwrap_or_default()
                        .to_string(),
                )
            };
            let mut row = vec![
                Value::Code(r.question.clone()),
                Value::Code(r.option.clone()),
                Value::Text(r.region.clone()),
                Value::Code(pc.from.clone()),
                Value::Code(pc.to.clone()),
            ];
            row.extend(change_values(est(ka), est(kb), pc.change));
            row.extend([flag(pc.change.map(|c| c.clear)), why(ka), why(kb)]);
            rows.push(row);
        }
    }
    Grid { columns, rows }
}
