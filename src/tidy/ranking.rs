//! Ranking → `q__<item>` per item: the rank given (1 = first; null when the item was not
//! ranked). A rank must be a whole number from 1 to the number of items.

use super::resolve::Resolved;
use super::Build;
use crate::error::Result;
use crate::names;
use polars::prelude::*;

pub(super) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let most = q.items.len() as u32;
    for (item, &col) in q.items.iter().zip(&r.columns) {
        let cells = b.raw.cells(col)?;
        let d = cells.distinct(b.rows);
        let per_key = d
            .eval(|i, v| -> Result<Option<u32>> {
                let Some(v) = v.map(str::trim).filter(|v| !v.is_empty() && *v != "-99") else {
                    return Ok(None);
                };
                match v.parse::<u32>() {
                    Ok(k) if (1..=most).contains(&k) => Ok(Some(k)),
                    _ => Err(b.raw.cell_error(
                        i,
                        col,
                        format!(
                            "expected a rank from 1 to {most} for item {:?} of question {:?}, found {v:?}",
                            item.label(),
                            q.id()
                        ),
                    )),
                }
            })
            .map_err(|(_, e)| e)?;
        let values = d.gather(&per_key);
        b.columns.push(Column::new(
            names::option(q.id(), item.code()).into(),
            values,
        ));
    }
    Ok(())
}
