//! Which options a row ticked, from option columns or from one value cell.

use super::resolve::Resolved;
use crate::codebook::{Question, QuestionType};
use crate::error::Result;
use crate::ingest::{normalize_heading, ExportColumn, RawExport};
use polars::prelude::*;

fn is_other(q: &Question, k: usize) -> bool {
    q.other.is_some() && k == q.options.len()
}

/// Which options row `i` ticked, in `all_options()` order.
pub(super) fn row_ticks(
    raw: &RawExport,
    r: &Resolved,
    cells: &[&StringChunked],
    i: usize,
) -> Result<Vec<bool>> {
    let q = r.question;
    if !r.value_mode {
        return q
            .all_options()
            .enumerate()
            .map(|(k, o)| ticked(raw, i, r.columns[k], cells[k], o, is_other(q, k)))
            .collect();
    }
    let n = q.all_options().count();
    let mut out = vec![false; n];
    // A separate "other" text column ticks "other" (Qualtrics' -99 means seen, left empty);
    // for a single choice only when no other choice was made.
    let main = cells[0].get(i).map(str::trim).filter(|v| !v.is_empty());
    if let (Some(other_cells), true) = (cells.get(1), q.other.is_some()) {
        if other_cells
            .get(i)
            .is_some_and(|v| !v.trim().is_empty() && v.trim() != "-99")
            && (q.kind != QuestionType::Single || main.is_none())
        {
            out[n - 1] = true;
        }
    }
    let Some(v) = main else {
        return Ok(out);
    };
    let labels: Vec<String> = q
        .all_options()
        .map(|o| normalize_heading(o.label()))
        .collect();
    let codes: Vec<Option<&str>> = q.all_options().map(|o| o.value.as_deref()).collect();
    let names: Vec<&str> = q.all_options().map(|o| o.code()).collect();
    let unknown = |piece: &str| -> Result<usize> {
        if q.other.is_some() {
            Ok(n - 1)
        } else {
            Err(raw.cell_error(
                i,
                r.columns[0],
                format!(
                    "{piece:?} is not one of the options of question {:?}",
                    q.id()
                ),
            ))
        }
    };
    let v = normalize_heading(v);
    if q.kind == QuestionType::Single {
        let k = match labels.iter().position(|l| *l == v) {
            Some(k) => k,
            None => match codes.iter().position(|c| *c == Some(v.as_str())) {
                Some(k) => k,
                None => match names.iter().position(|c| *c == v) {
                    Some(k) => k,
                    None => unknown(&v)?,
                },
            },
        };
        out[k] = true;
        return Ok(out);
    }
    // Platform codes joined by "," (Qualtrics numeric, not split: "1,3") or by spaces (a
    // KoboToolbox select_multiple summary column: "internet books").
    let code_of = |p: &str| {
        codes
            .iter()
            .position(|c| *c == Some(p))
            .or_else(|| names.iter().position(|c| *c == p))
    };
    if !labels.contains(&v) {
        let by_comma: Vec<&str> = v.split(',').map(str::trim).collect();
        let by_space: Vec<&str> = v.split_whitespace().collect();
        for pieces in [by_comma, by_space] {
            if pieces.iter().all(|p| code_of(p).is_some()) {
                for p in pieces {
                    out[code_of(p).expect("checked")] = true;
                }
                return Ok(out);
            }
        }
    }
    // Labels joined by ", "; a label may contain ", " itself, so match the longest first.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(labels[k].len()));
    let mut rest = v.as_str();
    while !rest.is_empty() {
        let hit = order.iter().copied().find(|&k| {
            let l = labels[k].as_str();
            !l.is_empty()
                && rest.starts_with(l)
                && (rest.len() == l.len() || rest[l.len()..].starts_with(", "))
        });
        let consumed = match hit {
            Some(k) => {
                out[k] = true;
                labels[k].len()
            }
            None => {
                let piece = rest.split(", ").next().unwrap_or(rest);
                let k = unknown(piece)?;
                out[k] = true;
                piece.len()
            }
        };
        rest = rest[consumed..]
            .strip_prefix(", ")
            .unwrap_or(&rest[consumed..]);
    }
    Ok(out)
}

/// Whether option `o` is ticked in row `i`. A choice column must hold its label or be blank;
/// the "other" column holds free text.
fn ticked(
    raw: &RawExport,
    i: usize,
    col: &ExportColumn,
    cells: &StringChunked,
    o: &crate::codebook::OptionDef,
    other: bool,
) -> Result<bool> {
    match cells.get(i).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(false),
        Some(_) if other => Ok(true),
        Some(v) if normalize_heading(v) == normalize_heading(o.label()) => Ok(true),
        Some(v) if o.value.as_deref() == Some(v) || o.code() == v => Ok(true),
        Some(v) => Err(raw.cell_error(
            i,
            col,
            format!(
                "expected {:?} or blank, found {v:?}{}",
                o.label(),
                if raw.format == crate::codebook::Format::Limesurvey {
                    " (LimeSurvey full answers in a language shelfstat does not know: set [survey] checkbox_words = { yes = …, no = … })"
                } else {
                    ""
                }
            ),
        )),
    }
}
