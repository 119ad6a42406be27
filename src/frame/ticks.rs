//! Which options a row ticked, from option columns or from one value cell.

use super::choices::Choices;
use super::resolve::Resolved;
use crate::codebook::{Question, Shape};
use crate::error::Result;
use crate::ingest::{normalize_heading, CellColumn, ExportColumn, RawExport};
use std::collections::HashMap;

fn is_other(q: &Question, k: usize) -> bool {
    q.other.is_some() && k == q.options.len()
}

/// Which options each selected row ticked: `out[k][j]` for option `k` (in `all_options()`
/// order) and the `j`-th row of `rows`. Each distinct cell value is judged once; an error names
/// the first bad cell in reading order (row, then column).
pub(crate) fn question_ticks(
    raw: &RawExport,
    r: &Resolved,
    cells: &[&CellColumn],
    rows: &[usize],
) -> Result<Vec<Vec<bool>>> {
    let q = r.question;
    if r.value_mode {
        let n = q.all_options().count();
        let mut out = vec![vec![false; rows.len()]; n];
        for (j, ticked) in value_choices(raw, r, cells, rows)?.iter().enumerate() {
            for &k in ticked {
                out[k as usize][j] = true;
            }
        }
        return Ok(out);
    }
    let mut out = Vec::new();
    let mut first_error: Option<(usize, crate::error::Error)> = None;
    for (k, o) in q.all_options().enumerate() {
        match cells[k].judged(rows, |i, v| {
            ticked(raw, i, r.columns[k], v, o, is_other(q, k))
        }) {
            Ok(column) => out.push(column),
            Err((i, e)) => {
                if first_error.as_ref().is_none_or(|(j, _)| i < *j) {
                    first_error = Some((i, e));
                }
                out.push(Vec::new());
            }
        }
    }
    match first_error {
        Some((_, e)) => Err(e),
        None => Ok(out),
    }
}

/// Which options each selected row ticked, as a list per row (row `j` for the `j`-th row of
/// `rows`): memory and time linear in rows and options, where the option-by-row matrix of
/// [`question_ticks`] is their product (a single choice of 30,000 options over 30,000 rows
/// took 900 MB and 17 s to tidy).
pub(crate) fn question_choices(
    raw: &RawExport,
    r: &Resolved,
    cells: &[&CellColumn],
    rows: &[usize],
) -> Result<Choices> {
    if r.value_mode {
        return value_choices(raw, r, cells, rows);
    }
    // One column per option: the matrix is the size of those columns.
    let ticks = question_ticks(raw, r, cells, rows)?;
    let mut out = Choices::with_capacity(rows.len());
    for j in 0..rows.len() {
        out.push_row((0..ticks.len()).filter(|&k| ticks[k][j]).map(|k| k as u32));
    }
    Ok(out)
}

/// Each selected row's "other (please specify)" text: the other column's cell, or the pieces
/// of the value cell that are no option (joined by "; "); None where there is none.
pub(crate) fn other_texts(
    raw: &RawExport,
    r: &Resolved,
    cells: &[&CellColumn],
    rows: &[usize],
) -> Result<Vec<Option<String>>> {
    let q = r.question;
    let Some(other) = &q.other else {
        return Ok(vec![None; rows.len()]);
    };
    // A cell that only ticks "other" (its label, code or platform value, or a checkbox's 1 /
    // TRUE) is no typed text: a layout whose text column is missing gives none.
    let tick = |v: &str| {
        let v = normalize_heading(v);
        v == normalize_heading(other.label())
            || v == other.code()
            || other.value.as_deref() == Some(v.as_str())
            || ["1", "true", "yes", "x", "checked", "-99"].contains(&v.to_lowercase().as_str())
    };
    let text = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|v| !v.is_empty() && !tick(v))
            .map(str::to_string)
    };
    if !r.value_mode || cells.len() > 1 {
        // Its own column: a typed-text column beside a split "other" tick (Qualtrics
        // `_TEXT`), else the "other" column itself (split), or the second beside the value cell.
        let own = match (r.value_mode, r.companions.first()) {
            (false, Some(c)) => raw.cells(c)?,
            _ => match cells.last() {
                Some(c) => c,
                None => return Ok(vec![None; rows.len()]),
            },
        };
        return Ok(rows.iter().map(|&i| text(own.get(i))).collect());
    }
    // Written into the value cell: the pieces no option took.
    let vocab = Vocab::of(q);
    let main = cells[0].distinct(rows);
    let per_key: Vec<Option<String>> = main
        .eval(|_, v| -> Result<Option<String>> {
            let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) else {
                return Ok(None);
            };
            let pieces = std::cell::RefCell::new(Vec::new());
            let unknown = |piece: &str| -> Result<usize> {
                pieces.borrow_mut().push(piece.trim().to_string());
                Ok(0)
            };
            vocab.options_in(q, &normalize_heading(v), unknown)?;
            let pieces = pieces.into_inner();
            Ok((!pieces.is_empty()).then(|| pieces.join("; ")))
        })
        .map_err(|(_, e)| e)?;
    Ok(main.gather(&per_key))
}

/// Ticks from one value cell (a label, a code, or several joined) and, where the platform
/// writes it apart, an "other" text column: the options of each row, in order.
fn value_choices(
    raw: &RawExport,
    r: &Resolved,
    cells: &[&CellColumn],
    rows: &[usize],
) -> Result<Choices> {
    let q = r.question;
    let n = q.all_options().count();
    let vocab = Vocab::of(q);
    let main = cells[0].distinct(rows);
    let per_key: Vec<Option<Vec<usize>>> = main
        .eval(|i, v| -> Result<Option<Vec<usize>>> {
            let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) else {
                return Ok(None);
            };
            let unknown = |piece: &str| -> Result<usize> {
                match q.other {
                    Some(_) => Ok(n - 1),
                    None => Err(raw.cell_error(
                        i,
                        r.columns[0],
                        format!(
                            "{piece:?} is not one of the options of question {:?}",
                            q.id()
                        ),
                    )),
                }
            };
            Ok(Some(vocab.options_in(q, &normalize_heading(v), unknown)?))
        })
        .map_err(|(_, e)| e)?;
    // A separate "other" text column ticks "other" (Qualtrics' -99 means seen, left empty);
    // for a single choice only when no other choice was made.
    let other_cells = cells.get(1).filter(|_| q.other.is_some());
    let mut out = Choices::with_capacity(rows.len());
    let mut row: Vec<u32> = Vec::new();
    for (&i, &key) in rows.iter().zip(&main.key) {
        let ticked = &per_key[key as usize];
        row.clear();
        row.extend(ticked.iter().flatten().map(|&k| k as u32));
        if let Some(other) = other_cells {
            if other
                .get(i)
                .is_some_and(|v| !v.trim().is_empty() && v.trim() != "-99")
                && (q.kind.shape() != Shape::OneOf || ticked.is_none())
            {
                row.push(n as u32 - 1);
            }
        }
        // In option order, each once (as the matrix gave them).
        row.sort_unstable();
        row.dedup();
        out.push_row(row.iter().copied());
    }
    Ok(out)
}

/// How a value cell may name a question's options: label, platform value or code — each looked
/// up in a hash map (a question of 100,000 options over 100,000 distinct answers took 5 min
/// when every answer scanned every option).
struct Vocab {
    /// Normalised label → the first option with it.
    labels: HashMap<String, usize>,
    /// Platform value, then code → option.
    values: HashMap<String, usize>,
    codes: HashMap<String, usize>,
}

impl Vocab {
    fn of(q: &Question) -> Self {
        let mut labels = HashMap::new();
        let mut values = HashMap::new();
        let mut codes = HashMap::new();
        for (k, o) in q.all_options().enumerate() {
            labels.entry(normalize_heading(o.label())).or_insert(k);
            if let Some(v) = &o.value {
                values.entry(v.clone()).or_insert(k);
            }
            codes.entry(o.code().to_string()).or_insert(k);
        }
        Vocab {
            labels,
            values,
            codes,
        }
    }

    /// The options a value cell `v` (normalised) of `q` names; a piece that is no option goes
    /// to `unknown` (its "other", an error, or — for the "other" texts — collected).
    fn options_in(
        &self,
        q: &Question,
        v: &str,
        unknown: impl Fn(&str) -> Result<usize>,
    ) -> Result<Vec<usize>> {
        Ok(match q.kind.shape() {
            Shape::OneOf => vec![self.position(v).map_or_else(|| unknown(v), Ok)?],
            Shape::AnyOf => match (&q.separator, self.joined_codes(v)) {
                (Some(sep), _) => self.split_labels(v, sep.get_ref(), unknown)?,
                (None, Some(ks)) => ks,
                (None, None) => self.joined_labels(v, unknown)?,
            },
            Shape::Country | Shape::Number | Shape::Text | Shape::Rated | Shape::Ranked => {
                Vec::new()
            }
        })
    }

    /// The option a whole cell names: by label, then platform value, then code.
    fn position(&self, v: &str) -> Option<usize> {
        self.labels.get(v).copied().or_else(|| self.code_of(v))
    }

    fn code_of(&self, p: &str) -> Option<usize> {
        self.values.get(p).or_else(|| self.codes.get(p)).copied()
    }

    /// Platform codes joined by "," (Qualtrics numeric, not split: "1,3") or by spaces (a
    /// KoboToolbox select_multiple summary column: "internet books").
    fn joined_codes(&self, v: &str) -> Option<Vec<usize>> {
        if self.labels.contains_key(v) {
            return None;
        }
        let by_comma: Vec<&str> = v.split(',').map(str::trim).collect();
        let by_space: Vec<&str> = v.split_whitespace().collect();
        [by_comma, by_space]
            .into_iter()
            .find_map(|pieces| pieces.iter().map(|p| self.code_of(p)).collect())
    }

    /// Labels joined by the question's own separator (";", or Qualtrics' ","): each trimmed
    /// piece is a label, a platform value or a code, or goes to `unknown`. A label may hold the
    /// separator itself ("Yes, definitely" joined by ","), so at each place the longest run of
    /// pieces that is one is taken.
    fn split_labels(
        &self,
        v: &str,
        sep: &str,
        unknown: impl Fn(&str) -> Result<usize>,
    ) -> Result<Vec<usize>> {
        let mut out = Vec::new();
        let mut rest = v;
        while !rest.is_empty() {
            let mut ends: Vec<usize> = rest.match_indices(sep).map(|(k, _)| k).collect();
            ends.push(rest.len());
            let hit = ends.iter().rev().find_map(|&e| {
                let piece = rest[..e].trim();
                (!piece.is_empty())
                    .then(|| self.position(piece))
                    .flatten()
                    .map(|k| (k, e))
            });
            let consumed = match hit {
                Some((k, e)) => {
                    out.push(k);
                    e
                }
                None => {
                    let e = ends[0];
                    let piece = rest[..e].trim();
                    if !piece.is_empty() {
                        out.push(unknown(piece)?);
                    }
                    e
                }
            };
            rest = rest[consumed..]
                .strip_prefix(sep)
                .unwrap_or(&rest[consumed..]);
        }
        Ok(out)
    }

    /// Labels joined by ", "; a label may contain ", " itself, so at each place the longest
    /// run of pieces that is a label is taken. A piece that is no label goes to `unknown`.
    fn joined_labels(
        &self,
        v: &str,
        unknown: impl Fn(&str) -> Result<usize>,
    ) -> Result<Vec<usize>> {
        let mut out = Vec::new();
        let mut rest = v;
        while !rest.is_empty() {
            // Where the label may end: before each ", " and at the end, longest first.
            let mut ends: Vec<usize> = rest.match_indices(", ").map(|(k, _)| k).collect();
            ends.push(rest.len());
            let hit = ends
                .iter()
                .rev()
                .filter(|&&e| e > 0)
                .find_map(|&e| self.labels.get(&rest[..e]).map(|&k| (k, e)));
            let consumed = match hit {
                Some((k, e)) => {
                    out.push(k);
                    e
                }
                None => {
                    let piece = rest.split(", ").next().unwrap_or(rest);
                    out.push(unknown(piece)?);
                    piece.len()
                }
            };
            rest = rest[consumed..]
                .strip_prefix(", ")
                .unwrap_or(&rest[consumed..]);
        }
        Ok(out)
    }
}

/// Whether option `o` is ticked in row `i`. A choice column must hold its label or be blank;
/// the "other" column holds free text.
fn ticked(
    raw: &RawExport,
    i: usize,
    col: &ExportColumn,
    cell: Option<&str>,
    o: &crate::codebook::OptionDef,
    other: bool,
) -> Result<bool> {
    match cell.map(str::trim).filter(|v| !v.is_empty()) {
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
