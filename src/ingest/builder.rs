//! Building a column cell by cell, as the reader parses it: dictionary-encoded (each distinct
//! value once, codes as narrow as the dictionary) until its values are mostly distinct, then
//! one text buffer.

use super::cells::CellColumn;
use super::codes::Codes;
use std::collections::HashMap;

/// Distinct values by their bytes: a cell's bytes are looked up before they are checked as
/// UTF-8, so only a new distinct value is checked.
type Map = HashMap<Box<[u8]>, u32, foldhash::fast::FixedState>;

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

    pub(super) fn intern(&mut self, cell: &str) -> u32 {
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
