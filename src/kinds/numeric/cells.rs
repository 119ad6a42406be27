//! A numeric question's summary as typed cells, one row.

use super::NumericSummary;
use crate::markup::cells::{num, Grid, Value};

/// A numeric question's summary, one row.
pub(crate) fn cells(t: &NumericSummary) -> Grid {
    Grid {
        columns: vec![
            "question",
            "n",
            "not_answered",
            "mean",
            "sd",
            "min",
            "median",
            "max",
        ],
        rows: vec![vec![
            Value::Code(t.question.clone()),
            Value::Count(t.n),
            Value::Count(t.not_answered),
            num(t.mean),
            num(t.sd),
            num(t.min),
            num(t.median),
            num(t.max),
        ]],
    }
}
