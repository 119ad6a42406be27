//! Single choice → `q` = the chosen option's code (null when unanswered).

use crate::error::Result;
use crate::frame::Resolved;
use crate::frame::{ticks, Build};
use polars::prelude::*;

pub(crate) fn build_single(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let id = q.id();
    let cells = b.cells(r)?;
    let choices = ticks::question_choices(b.raw, r, &cells, b.rows)?;
    let codes: Vec<&str> = q.all_options().map(|o| o.code()).collect();
    let mut values: Vec<Option<&str>> = Vec::with_capacity(b.rows.len());
    for (&i, ticked) in b.rows.iter().zip(&choices) {
        let mut chosen: Option<usize> = None;
        for &k in ticked {
            let k = k as usize;
            if let Some(prev) = chosen {
                return Err(b.raw.cell_error(
                    i,
                    r.columns[k.min(r.columns.len() - 1)],
                    format!(
                        "single-choice question {id:?} has two answers ({:?} and {:?})",
                        q.all_options().nth(prev).map(|o| o.label()).unwrap_or(""),
                        q.all_options().nth(k).map(|o| o.label()).unwrap_or("")
                    ),
                ));
            }
            chosen = Some(k);
        }
        values.push(chosen.map(|k| codes[k]));
    }
    b.columns.push(Column::new(id.into(), values));
    Ok(())
}
