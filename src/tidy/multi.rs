//! Multi-select → `q__answered` (bool), `q__shown` where the platform records it, and
//! `q__<code>` per option: ticked, shown but not ticked, or null (not shown).

use super::resolve::Resolved;
use super::{ticks, Build};
use crate::error::Result;
use crate::names;
use polars::prelude::*;

pub(super) fn build(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let id = q.id();
    let cells = b.cells(r)?;
    let opts: Vec<_> = q.all_options().collect();
    let n = b.rows.len();
    let row_ticks = ticks::question_ticks(b.raw, r, &cells, b.rows)?;
    let mut ticks = vec![Vec::with_capacity(n); opts.len()];
    let mut answered = Vec::with_capacity(n);
    let mut conflicts = 0usize;
    // Where the platform records "shown, not ticked" for this question's columns.
    let shown_cols: Vec<&Vec<bool>> = r
        .columns
        .iter()
        .filter_map(|c| b.raw.shown.get(&c.index))
        .collect();
    let mut shown = Vec::with_capacity(n);
    for (j, &i) in b.rows.iter().enumerate() {
        let any = row_ticks.iter().any(|t| t[j]);
        let ticked = |exclusive: bool| {
            opts.iter()
                .zip(&row_ticks)
                .any(|(o, t)| t[j] && o.exclusive == exclusive)
        };
        if ticked(true) && ticked(false) {
            conflicts += 1;
        }
        answered.push(any);
        let was_shown = any || shown_cols.iter().any(|s| s[i]);
        shown.push(was_shown);
        for (k, t) in row_ticks.iter().enumerate() {
            ticks[k].push(if was_shown { Some(t[j]) } else { None });
        }
    }
    if conflicts > 0 {
        b.warnings.push(format!(
            "question {id:?}: {conflicts} respondents ticked an exclusive option together with other options; all their ticks are counted"
        ));
    }
    b.columns.push(Column::new(
        names::flag(id, names::ANSWERED).into(),
        answered,
    ));
    if !shown_cols.is_empty() {
        b.columns
            .push(Column::new(names::flag(id, names::SHOWN).into(), shown));
    }
    for (k, o) in opts.iter().enumerate() {
        let t = std::mem::take(&mut ticks[k]);
        b.columns
            .push(Column::new(names::option(id, o.code()).into(), t));
    }
    Ok(())
}
