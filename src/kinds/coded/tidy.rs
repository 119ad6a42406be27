//! A coded text question → `q__answered` (wrote an answer) and `q__<code>` per code: whether
//! the answer takes it (null when there is no answer). The text itself is not kept.

use super::rules::{words, Rule};
use crate::error::Result;
use crate::frame::{Build, Resolved};
use crate::names;
use polars::prelude::*;

pub(super) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let rules: Vec<Rule> = (q.codes.iter())
        .map(|c| Rule::new(c).map_err(|(_, why)| crate::error::Error::Other(why)))
        .collect::<Result<_>>()?;
    let col = r.columns[0];
    let d = b.raw.cells(col)?.distinct(b.rows);
    // Each distinct answer matched once: its codes, or None when blank.
    let per_key = d
        .eval(|_, v| -> Result<Option<Vec<bool>>> {
            let Some(text) = v.map(str::trim).filter(|v| !v.is_empty()) else {
                return Ok(None);
            };
            let w = words(text);
            Ok(Some(rules.iter().map(|r| r.takes(text, &w)).collect()))
        })
        .map_err(|(_, e)| e)?;
    let rows: Vec<Option<Vec<bool>>> = d.gather(&per_key);
    let answered: Vec<bool> = rows.iter().map(Option::is_some).collect();
    b.columns.push(Column::new(
        names::flag(q.id(), names::ANSWERED).into(),
        answered,
    ));
    for (k, c) in q.codes.iter().enumerate() {
        let took: Vec<Option<bool>> = rows.iter().map(|r| r.as_ref().map(|t| t[k])).collect();
        b.columns
            .push(Column::new(names::option(q.id(), c.code()).into(), took));
    }
    Ok(())
}
