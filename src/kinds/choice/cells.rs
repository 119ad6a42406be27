//! A choice question as typed cells (`tables/<id>.csv`, its workbook sheet): one row per option.

use super::ChoiceTable;
use crate::markup::cells::{estimate_cells, with_estimate, Grid, Value};

/// A choice question: one row per option.
pub(crate) fn cells(t: &ChoiceTable) -> Grid {
    Grid {
        columns: with_estimate(&["question", "option", "label"]),
        rows: t
            .rows
            .iter()
            .map(|row| {
                let mut r = vec![
                    Value::Code(t.question.clone()),
                    Value::Code(row.code.clone()),
                    Value::Text(row.label.clone()),
                ];
                r.extend(estimate_cells(row.estimate.as_ref()));
                r
            })
            .collect(),
    }
}
