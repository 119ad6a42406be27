//! Single choice → `q` = the chosen option's code (null when unanswered).

use crate::error::Result;
use crate::frame::choices::Choices;
use crate::frame::Resolved;
use crate::frame::{ticks, Build};
use crate::kinds::coded::backcode::{self, Moved};
use polars::prelude::*;

pub(crate) fn build_single(b: &mut Build, r: &Resolved) -> Result<()> {
    let q = r.question;
    let id = q.id();
    let cells = b.cells(r)?;
    let mut choices = ticks::question_choices(b.raw, r, &cells, b.rows)?;
    let moved = back_code(b, r, &cells, &mut choices)?;
    // Each row's option as its position; the last position is no answer (null).
    let codes: Vec<Option<&str>> = (q.all_options().map(|o| Some(o.code())))
        .chain([None])
        .collect();
    let none = codes.len() as u32 - 1;
    let mut values: Vec<u32> = Vec::with_capacity(b.rows.len());
    for (&i, ticked) in b.rows.iter().zip(choices.iter()) {
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
        values.push(chosen.map_or(none, |k| k as u32));
    }
    let column = crate::frame::coded_text::gathered(id, &codes, &values)?;
    b.columns.push(column.into_column());
    if let Some(m) = moved {
        if m.ambiguous > 0 {
            b.warnings.push(format!(
                "question {id:?}: {} \"other\" answer{} took more than one code and stay{} \"other\" (a single choice has one answer)",
                m.ambiguous,
                if m.ambiguous == 1 { "" } else { "s" },
                if m.ambiguous == 1 { "s" } else { "" },
            ));
        }
        let answered: Vec<bool> = choices.iter().map(|c| !c.is_empty()).collect();
        b.columns.extend(m.columns(q, &answered));
    }
    Ok(())
}

/// Moves each "other" answer exactly one code takes into the code's option; an answer several
/// codes take stays "other" (a single choice has one answer), and is said.
fn back_code(
    b: &Build,
    r: &Resolved,
    cells: &[&crate::ingest::CellColumn],
    choices: &mut Choices,
) -> Result<Option<Moved>> {
    let Some((targets, mut moved)) = backcode::targets(b, r, cells)? else {
        return Ok(None);
    };
    let other = r.question.options.len() as u32;
    for (j, into) in targets.iter().enumerate() {
        if choices.row(j) != [other] {
            continue;
        }
        match into[..] {
            [] => {}
            [k] => {
                choices.replace_only(j, k as u32);
                moved.out_of_other[j] = true;
                moved.add(k, j);
            }
            [_, _, ..] => moved.ambiguous += 1,
        }
    }
    Ok(Some(moved))
}
