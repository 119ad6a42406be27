//! Single choice → `q` = the chosen option's code (null when unanswered).

use super::resolve::Resolved;
use super::{ticks, Build};
use crate::error::Result;
use polars::prelude::*;

pub(super) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let id = q.id();
    let cells = b.cells(r)?;
    let mut values: Vec<Option<&str>> = Vec::with_capacity(b.rows.len());
    for &i in b.rows {
        let mut chosen: Option<(usize, &str)> = None;
        let row = ticks::row_ticks(b.raw, r, &cells, i)?;
        for (k, o) in q.all_options().enumerate() {
            if !row[k] {
                continue;
            }
            if let Some((prev, _)) = chosen {
                return Err(b.raw.cell_error(
                    i,
                    r.columns[k.min(r.columns.len() - 1)],
                    format!(
                        "single-choice question {id:?} has two answers ({:?} and {:?})",
                        q.all_options().nth(prev).map(|o| o.label()).unwrap_or(""),
                        o.label()
                    ),
                ));
            }
            chosen = Some((k, o.code()));
        }
        values.push(chosen.map(|(_, c)| c));
    }
    b.columns.push(Column::new(id.into(), values));
    Ok(())
}
