//! The data rows of an export, column by column, without a `String` per cell.
//!
//! A column with few distinct values (every choice, scale and country column of a survey) is
//! dictionary-encoded: one `u32` code per row into its distinct values, so later stages decide
//! once per distinct value and look the answer up per row. A column whose values are mostly
//! distinct (ids, dates, free text) is kept as one text buffer with the end offset of each cell.
//! An empty cell is no answer (`None`), as in the file.

use super::codes::Codes;

/// One export column's cells.
#[derive(Debug, Clone, PartialEq)]
pub enum CellColumn {
    /// `values[codes[i]]`; code 0 is the empty cell and `values[0]` is "".
    Dict { codes: Codes, values: Vec<Box<str>> },
    /// `text[ends[i-1]..ends[i]]`.
    Plain { ends: Vec<usize>, text: String },
}

/// All data rows of an export, one [`CellColumn`] per export column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cells {
    pub rows: usize,
    pub columns: Vec<CellColumn>,
}

impl CellColumn {
    pub fn len(&self) -> usize {
        match self {
            CellColumn::Dict { codes, .. } => codes.len(),
            CellColumn::Plain { ends, .. } => ends.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cell of row `i`; None when it is empty (or past the end).
    pub fn get(&self, i: usize) -> Option<&str> {
        let s: &str = match self {
            CellColumn::Dict { codes, values } => &values[codes.get(i)? as usize],
            CellColumn::Plain { ends, text } => {
                let end = *ends.get(i)?;
                let start = if i == 0 { 0 } else { ends[i - 1] };
                &text[start..end]
            }
        };
        (!s.is_empty()).then_some(s)
    }

    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// Each cell trimmed, None when nothing is left (a dictionary column trims each distinct
    /// value once).
    pub fn trimmed(&self) -> Vec<Option<&str>> {
        fn keep(v: &str) -> Option<&str> {
            Some(v.trim()).filter(|v| !v.is_empty())
        }
        match self {
            CellColumn::Dict { codes, values } => {
                let per_code: Vec<Option<&str>> = values.iter().map(|v| keep(v)).collect();
                codes.iter().map(|c| per_code[c as usize]).collect()
            }
            CellColumn::Plain { .. } => self.iter().map(|v| v.and_then(keep)).collect(),
        }
    }

    /// `f(value, cells)` for each distinct non-empty value and how many cells hold it (a
    /// dictionary column counts its codes once; a plain column calls `f` per cell).
    pub fn for_each_value<'s>(&'s self, mut f: impl FnMut(&'s str, usize)) {
        match self {
            CellColumn::Dict { codes, values } => {
                let mut n = vec![0usize; values.len()];
                for c in codes.iter() {
                    n[c as usize] += 1;
                }
                for (v, k) in values.iter().zip(n).skip(1).filter(|(_, k)| *k > 0) {
                    f(v, k);
                }
            }
            CellColumn::Plain { .. } => self.iter().flatten().for_each(|v| f(v, 1)),
        }
    }

    /// How many cells are not empty.
    pub fn non_empty(&self) -> usize {
        match self {
            CellColumn::Dict { codes, .. } => codes.iter().filter(|&c| c != 0).count(),
            CellColumn::Plain { ends, .. } => {
                let mut prev = 0;
                ends.iter()
                    .filter(|&&e| {
                        let full = e > prev;
                        prev = e;
                        full
                    })
                    .count()
            }
        }
    }
}

/// The rows of a selection grouped by cell value, so that a decision is made once per distinct
/// value: `key[j]` for the `j`-th selected row, and for each key the first selected row holding
/// it (keys in order of first appearance, so decisions run in row order) and its cell.
pub struct Distinct<'c> {
    pub key: Vec<u32>,
    pub first: Vec<(usize, Option<&'c str>)>,
}

impl<'c> Distinct<'c> {
    /// `f(row, cell)` for each key in order; the first failure with its row.
    pub fn eval<T, E>(
        &self,
        mut f: impl FnMut(usize, Option<&'c str>) -> std::result::Result<T, E>,
    ) -> std::result::Result<Vec<T>, (usize, E)> {
        self.first
            .iter()
            .map(|&(i, v)| f(i, v).map_err(|e| (i, e)))
            .collect()
    }

    /// One value per selected row from one per key.
    pub fn gather<T: Clone>(&self, per_key: &[T]) -> Vec<T> {
        self.key
            .iter()
            .map(|&k| per_key[k as usize].clone())
            .collect()
    }
}

impl CellColumn {
    /// The selected `rows` grouped by value (each row its own group in a plain column).
    pub fn distinct(&self, rows: &[usize]) -> Distinct<'_> {
        match self {
            CellColumn::Dict { codes, values } => {
                let mut remap = vec![u32::MAX; values.len()];
                let mut first = Vec::new();
                let mut key = Vec::with_capacity(rows.len());
                codes.for_rows(rows, |i, c| {
                    let c = c as usize;
                    if remap[c] == u32::MAX {
                        remap[c] = first.len() as u32;
                        first.push((i, self.get(i)));
                    }
                    key.push(remap[c]);
                });
                Distinct { key, first }
            }
            CellColumn::Plain { .. } => Distinct {
                key: (0..rows.len() as u32).collect(),
                first: rows.iter().map(|&i| (i, self.get(i))).collect(),
            },
        }
    }

    /// `f(row, cell)` once per distinct value among the selected `rows` (in order of first
    /// appearance, with its first row), as one result per selected row: what [`Self::distinct`]
    /// with [`Distinct::eval`] and [`Distinct::gather`] give, without a key per row (the
    /// values are found by a pass that ends once each has been seen). Err: the first failure
    /// in that order, with its row.
    pub fn judged<'c, T: Clone + Default, E>(
        &'c self,
        rows: &[usize],
        mut f: impl FnMut(usize, Option<&'c str>) -> std::result::Result<T, E>,
    ) -> std::result::Result<Vec<T>, (usize, E)> {
        match self {
            CellColumn::Dict { codes, values } => {
                let mut per_code: Vec<Option<T>> = vec![None; values.len()];
                let mut unseen = values.len();
                for &i in rows {
                    if unseen == 0 {
                        break;
                    }
                    let c = codes.get(i).unwrap_or(0) as usize;
                    if per_code[c].is_none() {
                        per_code[c] = Some(f(i, self.get(i)).map_err(|e| (i, e))?);
                        unseen -= 1;
                    }
                }
                // (Every code of the selected rows was judged above; the others are none's.)
                let per_code: Vec<T> = per_code
                    .into_iter()
                    .map(Option::unwrap_or_default)
                    .collect();
                let mut out = Vec::with_capacity(rows.len());
                codes.for_rows(rows, |_, c| out.push(per_code[c as usize].clone()));
                Ok(out)
            }
            CellColumn::Plain { .. } => (rows.iter())
                .map(|&i| f(i, self.get(i)).map_err(|e| (i, e)))
                .collect(),
        }
    }

    /// Marks in `acc` the rows whose cell holds more than white space.
    pub fn mark_filled(&self, acc: &mut [bool]) {
        self.filled().mark(0, acc);
    }

    /// Which cells hold more than white space, each distinct value checked once.
    pub fn filled(&self) -> Filled<'_> {
        match self {
            CellColumn::Dict { codes, values } => Filled::Dict {
                codes,
                filled: values.iter().map(|v| !v.trim().is_empty()).collect(),
            },
            CellColumn::Plain { .. } => Filled::Plain(self),
        }
    }
}

/// A column's filled cells (from [`CellColumn::filled`]).
pub enum Filled<'c> {
    Dict { codes: &'c Codes, filled: Vec<bool> },
    Plain(&'c CellColumn),
}

impl Filled<'_> {
    /// Whether row `i`'s cell is filled.
    pub fn at(&self, i: usize) -> bool {
        match self {
            Filled::Dict { codes, filled } => filled[codes.get(i).unwrap_or(0) as usize],
            Filled::Plain(col) => col.get(i).is_some_and(|v| !v.trim().is_empty()),
        }
    }

    /// Marks in `acc` the filled cells of rows `start..start + acc.len()`.
    pub fn mark(&self, start: usize, acc: &mut [bool]) {
        match self {
            Filled::Dict { codes, filled } => match codes {
                Codes::U8(v) => mark_coded(acc, &v[start..], filled),
                Codes::U16(v) => mark_coded(acc, &v[start..], filled),
                Codes::U32(v) => mark_coded(acc, &v[start..], filled),
            },
            Filled::Plain(col) => {
                for (k, a) in acc.iter_mut().enumerate() {
                    *a |= col.get(start + k).is_some_and(|v| !v.trim().is_empty());
                }
            }
        }
    }
}

fn mark_coded<C: Copy + Into<u32>>(acc: &mut [bool], codes: &[C], filled: &[bool]) {
    for (a, &c) in acc.iter_mut().zip(codes) {
        *a |= filled[c.into() as usize];
    }
}
