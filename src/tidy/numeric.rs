//! Numeric → `q` (f64); a cell that is not a finite number is an error naming it.

use super::resolve::Resolved;
use super::Build;
use crate::error::Result;
use polars::prelude::*;

pub(super) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let col = r.columns[0];
    let cells = b.raw.cells(col)?;
    let mut values = Vec::with_capacity(b.rows.len());
    for &i in b.rows {
        let v =
            match cells.get(i).map(str::trim).filter(|v| !v.is_empty()) {
                None => None,
                Some(s) => Some(s.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(
                    || {
                        b.raw
                            .cell_error(i, col, format!("expected a number, found {s:?}"))
                    },
                )?),
            };
        values.push(v);
    }
    b.columns.push(Column::new(r.question.id().into(), values));
    Ok(())
}
