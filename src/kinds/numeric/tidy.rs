//! Numeric → `q` (f64); a cell that is not a finite number is an error naming it.

use crate::error::Result;
use crate::frame::Build;
use crate::frame::Resolved;
use polars::prelude::*;

pub(crate) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let col = r.columns[0];
    let cells = b.raw.cells(col)?;
    let d = cells.distinct(b.rows);
    let per_key = d
        .eval(|i, v| match v.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(s) => s
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(Some)
                .ok_or_else(|| {
                    b.raw
                        .cell_error(i, col, format!("expected a number, found {s:?}"))
                }),
        })
        .map_err(|(_, e)| e)?;
    let values: Vec<Option<f64>> = d.gather(&per_key);
    b.columns.push(Column::new(r.question.id().into(), values));
    Ok(())
}
