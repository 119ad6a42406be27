//! A rating grid as typed cells: per item, each scale point's share, the boxes, net and mean.

use super::GridTable;
use crate::figures::{Estimate, MeanEstimate};
use crate::markup::cells::{estimate_cells, num, Grid, Value};

/// A long table: per item, one row per scale point (its share of the item's base), then the
/// top-2 box, the bottom-2 box, the net score and the mean score.
pub(crate) fn cells(t: &GridTable) -> Grid {
    let columns = vec![
        "question",
        "item",
        "item_label",
        "figure",
        "point",
        "label",
        "count",
        "base",
        "value",
        "ci_low",
        "ci_high",
    ];
    let mut rows = Vec::new();
    for it in &t.items {
        let row = |figure: &str, point: &str, label: &str| {
            vec![
                Value::Code(t.question.clone()),
                Value::Code(it.code.clone()),
                Value::Text(it.label.clone()),
                Value::Code(figure.into()),
                Value::Code(point.into()),
                Value::Text(label.into()),
            ]
        };
        let share = |mut r: Vec<Value>, e: Option<&Estimate>| {
            r.extend(estimate_cells(e));
            r
        };
        for ((p, n), e) in t.scale.iter().zip(&it.counts).zip(&it.shares) {
            let mut r = row("share", &p.code, &p.label);
            match e {
                Some(_) => r = share(r, e.as_ref()),
                // A not-applicable point: counted, outside the base.
                None => r.extend([
                    Value::Count(*n),
                    Value::Empty,
                    Value::Empty,
                    Value::Empty,
                    Value::Empty,
                ]),
            }
            rows.push(r);
        }
        if let (Some(top), Some(bottom)) = (&t.top2_label, &t.bottom2_label) {
            rows.push(share(row("top2", "", top), it.top2.as_ref()));
            rows.push(share(row("bottom2", "", bottom), it.bottom2.as_ref()));
        }
        // An unconfirmed order publishes no figure that depends on it.
        if t.order_unconfirmed {
            continue;
        }
        let mut r = row("net", "", "share above the midpoint minus share below");
        r.extend([
            Value::Empty,
            Value::Count(it.base),
            num(it.net),
            Value::Empty,
            Value::Empty,
        ]);
        rows.push(r);
        let mut r = row("mean", "", "mean score");
        r.extend(mean_cells(it.mean.as_ref()));
        rows.push(r);
    }
    Grid { columns, rows }
}

/// count (empty), base n, mean, interval.
fn mean_cells(m: Option<&MeanEstimate>) -> [Value; 5] {
    match m {
        Some(m) => [
            Value::Empty,
            Value::Count(m.n),
            Value::Number(m.mean),
            num(m.ci_low),
            num(m.ci_high),
        ],
        None => [
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::Empty,
        ],
    }
}
