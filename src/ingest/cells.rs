//! The data rows of an export, column by column, without a `String` per cell.
//!
//! A column with few distinct values (every choice, scale and country column of a survey) is
//! dictionary-encoded: one `u32` code per row into its distinct values, so later stages decide
//! once per distinct value and look the answer up per row. A column whose values are mostly
//! distinct (ids, dates, free text) is kept as one text buffer with the end offset of each cell.
//! An empty cell is no answer (`None`), as in the file.

use super::codes::Codes;
use std::collections::HashMap;

/// Distinct values by their bytes: a cell's bytes are looked up before they are checked as
/// UTF-8, so only a new distinct value is checked.
type Map = HashMap<Box<[u8]>, u32, foldhash::fast::FixedState>;

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

    /// The column with each cell rewritten by `f` (None keeps the cell). A dictionary column
    /// calls `f` once per distinct value.
    pub fn map_values(&self, f: impl Fn(&str) -> Option<String>) -> CellColumn {
        match self {
            CellColumn::Dict { codes, values } => {
                let mut b = ColumnBuilder::default();
                let remap: Vec<u32> = values
                    .iter()
                    .map(|v| match f(v) {
                        Some(new) => b.intern(&new),
                        None => b.intern(v),
                    })
                    .collect();
                CellColumn::Dict {
                    codes: codes.iter().map(|c| remap[c as usize]).collect(),
                    values: b.values,
                }
            }
            CellColumn::Plain { .. } => {
                let mut b = ColumnBuilder::default();
                for cell in self.iter() {
                    let v = cell.unwrap_or("");
                    match f(v) {
                        Some(new) => b.push(&new),
                        None => b.push(v),
                    }
                }
                b.finish()
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
                let key = rows
                    .iter()
                    .map(|&i| {
                        let c = codes.get(i).unwrap_or(0) as usize;
                        if remap[c] == u32::MAX {
                            remap[c] = first.len() as u32;
                            first.push((i, self.get(i)));
                        }
                        remap[c]
                    })
                    .collect();
                Distinct { key, first }
            }
            CellColumn::Plain { .. } => Distinct {
                key: (0..rows.len() as u32).collect(),
                first: rows.iter().map(|&i| (i, self.get(i))).collect(),
            },
        }
    }

    /// Marks in `acc` the rows whose cell holds more than white space.
    pub fn mark_filled(&self, acc: &mut [bool]) {
        match self {
            CellColumn::Dict { codes, values } => {
                let filled: Vec<bool> = values.iter().map(|v| !v.trim().is_empty()).collect();
                for (a, c) in acc.iter_mut().zip(codes.iter()) {
                    *a |= filled[c as usize];
                }
            }
            CellColumn::Plain { .. } => {
                for (a, v) in acc.iter_mut().zip(self.iter()) {
                    *a |= v.is_some_and(|v| !v.trim().is_empty());
                }
            }
        }
    }
}

/// Builds a column cell by cell: dictionary-encoded until its distinct values are too many,
/// then plain.
#[derive(Debug)]
pub struct ColumnBuilder {
    codes: Codes,
    values: Vec<Box<str>>,
    map: Map,
    plain: Option<(Vec<usize>, String)>,
    /// The code of the last non-empty cell pushed by its bytes.
    last: u32,
}

/// A dictionary column turns plain past this many distinct values when they are also more than
/// a quarter of its rows.
const DICT_LIMIT: usize = 4096;

impl Default for ColumnBuilder {
    fn default() -> Self {
        ColumnBuilder {
            codes: Codes::default(),
            values: vec!["".into()],
            map: Map::default(),
            plain: None,
            last: 0,
        }
    }
}

impl ColumnBuilder {
    pub fn push(&mut self, cell: &str) {
        if let Some((ends, text)) = &mut self.plain {
            text.push_str(cell);
            ends.push(text.len());
            return;
        }
        let code = self.intern(cell);
        self.codes.push(code);
        if self.values.len() > DICT_LIMIT && self.values.len() * 4 > self.codes.len() {
            self.to_plain();
        }
    }

    /// A cell straight from the file's bytes; Err when they are not UTF-8.
    pub fn push_bytes(&mut self, cell: &[u8]) -> Result<(), std::str::Utf8Error> {
        if self.plain.is_some() {
            self.push(std::str::from_utf8(cell)?);
            return Ok(());
        }
        // Empty cells and runs of one answer (a column of ticks, one country) skip the hash.
        let code = if cell.is_empty() {
            0
        } else if self.values[self.last as usize].as_bytes() == cell {
            self.last
        } else {
            let code = match self.map.get(cell) {
                Some(&c) => c,
                None => self.intern(std::str::from_utf8(cell)?),
            };
            self.last = code;
            code
        };
        self.codes.push(code);
        if self.values.len() > DICT_LIMIT && self.values.len() * 4 > self.codes.len() {
            self.to_plain();
        }
        Ok(())
    }

    fn intern(&mut self, cell: &str) -> u32 {
        if cell.is_empty() {
            return 0;
        }
        if let Some(&c) = self.map.get(cell.as_bytes()) {
            return c;
        }
        let c = self.values.len() as u32;
        self.values.push(cell.into());
        self.map.insert(cell.as_bytes().into(), c);
        c
    }

    fn to_plain(&mut self) {
        let mut text = String::new();
        let mut ends = Vec::with_capacity(self.codes.len());
        for c in self.codes.iter() {
            text.push_str(&self.values[c as usize]);
            ends.push(text.len());
        }
        self.plain = Some((ends, text));
        self.codes = Codes::default();
        self.values = Vec::new();
        self.map = Map::default();
    }

    pub fn finish(self) -> CellColumn {
        match self.plain {
            Some((ends, text)) => CellColumn::Plain { ends, text },
            None => CellColumn::Dict {
                codes: self.codes,
                values: self.values,
            },
        }
    }

    /// Appends another builder's cells (the next rows of the same column).
    pub fn append(&mut self, other: ColumnBuilder) {
        if self.plain.is_none() && self.codes.is_empty() && other.plain.is_some() {
            // Nothing here yet: take the other's text as it is.
            *self = other;
            return;
        }
        match (other.finish(), &mut self.plain) {
            (CellColumn::Dict { codes, values }, None) => {
                let remap: Vec<u32> = values.iter().map(|v| self.intern(v)).collect();
                self.codes.extend(codes.iter().map(|c| remap[c as usize]));
                if self.values.len() > DICT_LIMIT && self.values.len() * 4 > self.codes.len() {
                    self.to_plain();
                }
            }
            (CellColumn::Plain { ends, text }, Some((my_ends, my_text))) => {
                let base = my_text.len();
                my_text.push_str(&text);
                my_ends.extend(ends.iter().map(|e| e + base));
            }
            (col, _) => {
                for cell in col.iter() {
                    self.push(cell.unwrap_or(""));
                }
            }
        }
    }
}

impl Cells {
    /// Cells from parsed records (XLSX sheets, tests): `width` columns.
    pub fn from_records(records: &[csv::StringRecord], width: usize) -> Cells {
        let mut builders: Vec<ColumnBuilder> = (0..width).map(|_| Default::default()).collect();
        for r in records {
            for (k, b) in builders.iter_mut().enumerate() {
                b.push(r.get(k).unwrap_or(""));
            }
        }
        Cells {
            rows: records.len(),
            columns: builders.into_iter().map(ColumnBuilder::finish).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_until_mostly_distinct() {
        let mut b = ColumnBuilder::default();
        for i in 0..10_000 {
            b.push(["", "Yes", "No"][i % 3]);
        }
        let col = b.finish();
        assert!(matches!(&col, CellColumn::Dict { values, .. } if values.len() == 3));
        assert_eq!(
            (col.get(0), col.get(1), col.get(5)),
            (None, Some("Yes"), Some("No"))
        );
        assert_eq!(col.non_empty(), 6_666);
        let mut b = ColumnBuilder::default();
        for i in 0..10_000 {
            b.push(&if i % 2 == 0 {
                String::new()
            } else {
                format!("id{i}")
            });
        }
        let col = b.finish();
        assert!(matches!(col, CellColumn::Plain { .. }));
        assert_eq!((col.get(0), col.get(9_999)), (None, Some("id9999")));
        assert_eq!((col.len(), col.non_empty()), (10_000, 5_000));
    }

    #[test]
    fn cells_from_bytes_are_checked_once_per_distinct_value() {
        let mut b = ColumnBuilder::default();
        for v in [&b"Yes"[..], b"", "Não".as_bytes(), b"Yes"] {
            b.push_bytes(v).unwrap();
        }
        assert!(
            b.push_bytes(b"N\xE3o").is_err(),
            "windows-1252 bytes are not UTF-8"
        );
        let col = b.finish();
        let all: Vec<_> = col.iter().collect();
        assert_eq!(all, [Some("Yes"), None, Some("Não"), Some("Yes")]);
        assert!(matches!(&col, CellColumn::Dict { values, .. } if values.len() == 3));
    }

    #[test]
    fn append_and_map_keep_every_cell() {
        let mut a = ColumnBuilder::default();
        let mut b = ColumnBuilder::default();
        for v in ["x", "", "y"] {
            a.push(v);
        }
        for v in ["y", "z", ""] {
            b.push(v);
        }
        a.append(b);
        let col = a.finish();
        let all: Vec<_> = col.iter().collect();
        assert_eq!(
            all,
            [Some("x"), None, Some("y"), Some("y"), Some("z"), None]
        );
        let mapped = col.map_values(|v| (v == "y").then(String::new));
        let all: Vec<_> = mapped.iter().collect();
        assert_eq!(all, [Some("x"), None, None, None, Some("z"), None]);
    }
}
