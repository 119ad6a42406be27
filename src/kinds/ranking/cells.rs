//! A ranking as typed cells: per item, how many ranked it, the mean rank and the share first.

use super::RankingTable;
use crate::markup::cells::{estimate_cells, num, Grid, Value};

/// Per item: how many ranked it, the mean rank and the share who ranked it first.
pub(crate) fn cells(t: &RankingTable) -> Grid {
    let mut columns = vec![
        "question",
        "item",
        "label",
        "ranked",
        "mean_rank",
        "mean_rank_ci_low",
        "mean_rank_ci_high",
    ];
    columns.extend([
        "first_count",
        "first_base",
        "first_proportion",
        "first_ci_low",
        "first_ci_high",
    ]);
    let rows = t
        .items
        .iter()
        .map(|it| {
            let m = it.mean_rank.as_ref();
            let mut r = vec![
                Value::Code(t.question.clone()),
                Value::Code(it.code.clone()),
                Value::Text(it.label.clone()),
                Value::Count(it.ranked),
                num(m.map(|m| m.mean)),
                num(m.and_then(|m| m.ci_low)),
                num(m.and_then(|m| m.ci_high)),
            ];
            r.extend(estimate_cells(it.first.as_ref()));
            r
        })
        .collect();
    Grid { columns, rows }
}
