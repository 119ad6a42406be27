//! Free text → `q__answered`, and `q` (the text) only when the codebook sets `publish_text`
//! on a question that is not `pii`.

use crate::error::Result;
use crate::frame::Build;
use crate::frame::Resolved;
use crate::names;
use polars::prelude::*;

pub(crate) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let cells = b.raw.cells(r.columns[0])?;
    let texts: Vec<Option<&str>> = b
        .rows
        .iter()
        .map(|&i| cells.get(i).map(str::trim).filter(|v| !v.is_empty()))
        .collect();
    let answered: Vec<bool> = texts.iter().map(Option::is_some).collect();
    b.columns.push(Column::new(
        names::flag(q.id(), names::ANSWERED).into(),
        answered,
    ));
    if q.publish_text && !q.pii {
        b.columns.push(Column::new(q.id().into(), texts));
    }
    Ok(())
}
