//! Multi-select → `q__answered` (bool), `q__shown` where the platform records it, and
//! `q__<code>` per option: ticked, shown but not ticked, or null (not shown).

use crate::error::Result;
use crate::frame::Resolved;
use crate::frame::{ticks, Build};
use crate::kinds::coded::backcode::{self, Moved};
use crate::names;
use polars::prelude::*;

pub(crate) fn build_multi(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let id = q.id();
    let cells = b.cells(r)?;
    let opts: Vec<_> = q.all_options().collect();
    let n = b.rows.len();
    let mut row_ticks = ticks::question_ticks(b.raw, r, &cells, b.rows)?;
    let moved = back_code(b, r, &cells, &mut row_ticks)?;
    // Column by column: who ticked anything, an exclusive option, another option.
    let or_of = |keep: &dyn Fn(usize) -> bool| -> Vec<bool> {
        let mut acc = vec![false; n];
        for (_, t) in row_ticks.iter().enumerate().filter(|(k, _)| keep(*k)) {
            acc.iter_mut().zip(t).for_each(|(a, &t)| *a |= t);
        }
        acc
    };
    let answered = or_of(&|_| true);
    let exclusive = or_of(&|k| opts[k].exclusive);
    let other = or_of(&|k| !opts[k].exclusive);
    let conflicts = exclusive
        .iter()
        .zip(&other)
        .filter(|(e, o)| **e && **o)
        .count();
    // Where the platform records "shown, not ticked" for this question's columns.
    let shown_cols: Vec<&Vec<bool>> = r
        .columns
        .iter()
        .filter_map(|c| b.raw.shown.get(&c.index))
        .collect();
    let shown: Vec<bool> = (answered.iter().zip(b.rows))
        .map(|(&any, &i)| any || shown_cols.iter().any(|s| s[i]))
        .collect();
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
        b.columns.push(Column::new(
            names::flag(id, names::SHOWN).into(),
            shown.clone(),
        ));
    }
    // A tick where the question was shown; no answer (null) where it was not.
    for (o, t) in opts.iter().zip(&row_ticks) {
        let name = names::option(id, o.code());
        b.columns
            .push(crate::frame::flag_column::flags(&name, t, &shown));
    }
    if let Some(m) = moved {
        b.columns.extend(m.columns(q, &shown));
    }
    Ok(())
}

/// Moves each "other" answer a code takes into the code's options (a multi-select may take
/// several); "other" is unticked for it.
fn back_code(
    b: &Build,
    r: &Resolved,
    cells: &[&crate::ingest::CellColumn],
    ticks: &mut [Vec<bool>],
) -> Result<Option<Moved>> {
    let Some((targets, mut moved)) = backcode::targets(b, r, cells)? else {
        return Ok(None);
    };
    let other = r.question.options.len();
    for (j, into) in targets.iter().enumerate() {
        if into.is_empty() || !ticks[other][j] {
            continue;
        }
        ticks[other][j] = false;
        moved.out_of_other[j] = true;
        for &k in into {
            if !ticks[k][j] {
                ticks[k][j] = true;
                moved.add(k, j);
            }
        }
    }
    Ok(Some(moved))
}
