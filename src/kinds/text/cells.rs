//! A text question's counts as typed cells, one row (its answers are never tabled).

use super::TextSummary;
use crate::markup::cells::{Grid, Value};

/// A text question's counts, one row (its answers are never tabled).
pub(crate) fn cells(t: &TextSummary) -> Grid {
    Grid {
        columns: vec!["question", "answered", "not_answered", "published"],
        rows: vec![vec![
            Value::Code(t.question.clone()),
            Value::Count(t.answered),
            Value::Count(t.not_answered),
            Value::Code(t.published.to_string()),
        ]],
    }
}
