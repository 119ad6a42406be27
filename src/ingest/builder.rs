//! Building a column cell by cell, as the reader parses it: dictionary-encoded (each distinct
//! value once, codes as narrow as the dictionary) until its values are mostly distinct, then
//! one text buffer. Text is kept in Unicode NFC (a combining accent composed).

use super::cells::{CellColumn, Cells};
use super::codes::Codes;
use std::collections::HashMap;

/// Distinct values by their bytes: a cell's bytes are looked up before they are checked as
/// UTF-8, so only a new distinct value is checked.
type Map = HashMap<Box<[u8]>, u32, foldhash::fast::FixedState>;

/// Where a cell's bytes are: `text[from..to]`, or `scratch[from..to]` when `to` has the top bit
/// (a quoted cell whose doubled quotes were undone).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Bound {
    pub from: usize,
    pub to: usize,
}

impl Bound {
    pub const SCRATCH: usize = 1 << (usize::BITS - 1);

    #[inline(always)]
    fn of<'a>(&self, text: &'a [u8], scratch: &'a [u8]) -> &'a [u8] {
        match self.to & Bound::SCRATCH {
            0 => &text[self.from..self.to],
            _ => &scratch[self.from..self.to & !Bound::SCRATCH],
        }
    }
}

/// Builds a column cell by cell: dictionary-encoded until its distinct values are too many,
/// then plain.
#[derive(Debug)]
pub struct ColumnBuilder {
    codes: Codes,
    pub(super) values: Vec<Box<str>>,
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
            text.push_str(&super::nfc(cell));
            ends.push(text.len());
            return;
        }
        let code = self.intern(cell);
        self.codes.push(code);
        if self.too_many() {
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
            self.look_up(cell)?
        };
        self.codes.push(code);
        if self.too_many() {
            self.to_plain();
        }
        Ok(())
    }

    /// A column's cells of a block of rows, straight from the file's bytes (`text`, or
    /// `scratch` for a quoted cell whose doubled quotes were undone): the per-cell step of
    /// [`ColumnBuilder::push_bytes`] in one loop, so the column's state stays at hand from cell
    /// to cell. Err when a cell is not UTF-8.
    pub(super) fn push_cells(
        &mut self,
        text: &[u8],
        scratch: &[u8],
        cells: &[Bound],
    ) -> Result<(), std::str::Utf8Error> {
        let mut at = 0;
        while at < cells.len() {
            if self.plain.is_some() {
                for b in &cells[at..] {
                    self.push(std::str::from_utf8(b.of(text, scratch))?);
                }
                return Ok(());
            }
            // Empty cells and runs of one answer (a column of ticks, one country) skip the
            // hash: read by a loop of their own, with the last value and the codes at hand.
            let last = self.last;
            let same = &self.values[last as usize];
            let (same, ts) = (same.as_bytes(), (text, scratch));
            at = match &mut self.codes {
                Codes::U8(v) => runs(v, last as u8, same, ts, cells, at),
                Codes::U16(v) => runs(v, last as u16, same, ts, cells, at),
                Codes::U32(v) => runs(v, last, same, ts, cells, at),
            };
            if at == cells.len() {
                break;
            }
            // Only a new value can make the distinct values too many: checked here alone.
            let code = self.look_up(cells[at].of(text, scratch))?;
            self.codes.push(code);
            if self.too_many() {
                self.to_plain();
            }
            at += 1;
        }
        Ok(())
    }

    /// The code of a cell unlike the last one, found or interned.
    #[inline(never)]
    fn look_up(&mut self, cell: &[u8]) -> Result<u32, std::str::Utf8Error> {
        let code = match self.map.get(cell) {
            Some(&c) => c,
            None => self.intern(std::str::from_utf8(cell)?),
        };
        self.last = code;
        Ok(code)
    }

    /// Whether the distinct values are too many for a dictionary (then the column turns plain).
    fn too_many(&self) -> bool {
        self.values.len() > DICT_LIMIT && self.values.len() * 4 > self.codes.len()
    }

    pub(super) fn intern(&mut self, cell: &str) -> u32 {
        if cell.is_empty() {
            return 0;
        }
        if let Some(&c) = self.map.get(cell.as_bytes()) {
            return c;
        }
        // Kept in NFC: the same answer typed with a combining accent is the same value.
        let text = super::nfc(cell);
        if let Some(&c) = self.map.get(text.as_bytes()) {
            self.map.insert(cell.as_bytes().into(), c);
            return c;
        }
        let c = self.values.len() as u32;
        self.values.push(text.as_ref().into());
        self.map.insert(cell.as_bytes().into(), c);
        if text.as_bytes() != cell.as_bytes() {
            self.map.insert(text.as_bytes().into(), c);
        }
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
                self.codes.extend_mapped(&codes, &remap);
                if self.too_many() {
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

/// Pushes the codes of `cells` from `at` on that are empty (0) or `same` (`last`); returns
/// where it stopped (the first other cell, or the end).
#[inline(always)]
fn runs<T: Copy + Default>(
    codes: &mut Vec<T>,
    last: T,
    same: &[u8],
    (text, scratch): (&[u8], &[u8]),
    cells: &[Bound],
    at: usize,
) -> usize {
    for (k, b) in cells[at..].iter().enumerate() {
        let cell = b.of(text, scratch);
        if cell.is_empty() {
            codes.push(T::default());
        } else if cell == same {
            codes.push(last);
        } else {
            return at + k;
        }
    }
    cells.len()
}

impl CellColumn {
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
    fn values_counted_and_trimmed_once_per_distinct_value() {
        let mut b = ColumnBuilder::default();
        for v in ["No", " Yes ", "", "No", "  "] {
            b.push(v);
        }
        let dict = b.finish();
        assert!(matches!(dict, CellColumn::Dict { .. }));
        let plain = CellColumn::Plain {
            ends: vec![2, 7, 7, 9, 11],
            text: "No Yes No  ".into(),
        };
        for col in [&dict, &plain] {
            let mut seen = Vec::new();
            col.for_each_value(|v, n| seen.push((v.to_string(), n)));
            let mut merged: Vec<(String, usize)> = Vec::new();
            for (v, n) in seen {
                match merged.iter_mut().find(|(m, _)| *m == v) {
                    Some(m) => m.1 += n,
                    None => merged.push((v, n)),
                }
            }
            assert_eq!(
                merged,
                [("No".into(), 2), (" Yes ".into(), 1), ("  ".into(), 1)]
            );
            assert_eq!(
                col.trimmed(),
                [Some("No"), Some("Yes"), None, Some("No"), None]
            );
        }
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
