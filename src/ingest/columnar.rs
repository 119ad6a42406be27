//! Delimited text → its first rows as records (the platform's header rows) and every later row
//! straight into columnar [`Cells`]: no record or `String` per row. A large file is cut into one
//! piece per core at row boundaries and the pieces are parsed at once; a cut is kept only when
//! the parse of the piece before it ends exactly there, so the cells are always those of one
//! parse from the top.

use super::cells::Cells;
use super::region::{parse_region, Ragged, Rows, Step};
use crate::error::{Error, Result};
use std::path::Path;

/// Header rows a reader may look at before it says how many there are.
pub const HEAD_ROWS: usize = 3;

/// Below this size a file is parsed in one piece.
const SPLIT_BYTES: usize = 4 << 20;

/// A parsed delimited file: its first rows as records, the rest on demand as cells.
pub struct Table<'t> {
    pub head: Vec<csv::StringRecord>,
    body: Body<'t>,
}

enum Body<'t> {
    Text {
        /// Byte offset in `text` where each head record's successor starts.
        after: Vec<usize>,
        text: &'t str,
        sep: u8,
    },
    /// Every row, already parsed (a workbook's sheet).
    Records(Vec<csv::StringRecord>),
    /// A large file read chunk by chunk: the header rows came from its first chunk, where the
    /// data rows start `skip` bytes before `after`'s offsets (a byte-order mark).
    Stream {
        after: Vec<usize>,
        skip: usize,
        sep: u8,
        stream: std::cell::RefCell<Option<super::stream::Stream>>,
        /// The file's SHA-256 once read through; None after a fall-back.
        done:
            std::cell::RefCell<Option<std::result::Result<(String, u64), super::stream::FallBack>>>,
    },
}

impl<'t> Table<'t> {
    /// Parses the first [`HEAD_ROWS`] rows of `text`.
    pub fn head(text: &'t str, sep: u8, path: &Path) -> Result<Table<'t>> {
        Table::head_of(text, sep, path, true)
    }

    /// As [`Table::head`]; `whole`: `text` is the whole file (else rows it ends inside are
    /// not rows yet).
    fn head_of(text: &'t str, sep: u8, path: &Path, whole: bool) -> Result<Table<'t>> {
        // The csv crate skips a byte-order mark the decoder left (a file of two).
        let skip = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let bytes = text.as_bytes();
        let mut p = Rows::new(sep, skip, 8);
        let (mut head, mut after) = (Vec::new(), Vec::new());
        while head.len() < HEAD_ROWS {
            match p.next(bytes, bytes.len(), whole) {
                Step::Row => {
                    let width = head.first().map_or(p.nend, |r: &csv::StringRecord| r.len());
                    let cut = whole
                        && p.pos >= bytes.len()
                        && super::region::ends_inside_quotes(&bytes[p.row_start..], sep);
                    if p.nend != width || cut {
                        let r = Ragged {
                            offset: p.row_start,
                            fields: p.nend,
                            not_utf8: false,
                            cut,
                        };
                        return Err(ragged(path, text, &r, width));
                    }
                    let rec: csv::StringRecord = p
                        .fields()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect();
                    head.push(rec);
                    p.done_row();
                    after.push(p.pos);
                }
                Step::End | Step::PieceEnd => break,
            }
        }
        Ok(Table {
            head,
            body: Body::Text { after, text, sep },
        })
    }

    /// The header rows of a streamed file; None when they do not fit in its first chunk.
    pub(crate) fn streamed(
        st: super::stream::Stream,
        path: &Path,
    ) -> Result<Option<Table<'static>>> {
        let Some(text) = super::stream::head_text(&st.first) else {
            return Ok(None);
        };
        let skip = bom_len(&st.first);
        let sep = super::decode::detect_separator(text);
        let whole = super::stream::whole_file(text, &st);
        let t = Table::head_of(text, sep, path, whole)?;
        if !(whole || t.head.len() == HEAD_ROWS) || t.head.is_empty() {
            return Ok(None);
        }
        let Body::Text { after, .. } = t.body else {
            return Ok(None);
        };
        Ok(Some(Table {
            head: t.head,
            body: Body::Stream {
                after,
                skip,
                sep,
                stream: std::cell::RefCell::new(Some(st)),
                done: Default::default(),
            },
        }))
    }

    /// For a streamed table: the file's SHA-256 when it was read through, None otherwise (the
    /// file is then to be read whole). Other tables: Some("").
    pub(crate) fn finish(&self) -> Option<(String, u64)> {
        match &self.body {
            // Not read through (an error in the header rows) or given up: read whole.
            Body::Stream { done, .. } => match done.borrow_mut().take() {
                Some(Ok(sha)) => Some(sha),
                Some(Err(_)) | None => None,
            },
            Body::Text { .. } | Body::Records(_) => Some((String::new(), 0)),
        }
    }

    /// A table of rows already parsed (a workbook's sheet).
    pub fn from_records(records: Vec<csv::StringRecord>) -> Table<'static> {
        Table {
            head: records.iter().take(HEAD_ROWS).cloned().collect(),
            body: Body::Records(records),
        }
    }

    /// Every row after the first `header_rows` as cells.
    pub fn data(&self, header_rows: usize, path: &Path) -> Result<Cells> {
        self.data_in(header_rows, path, rayon::current_num_threads(), SPLIT_BYTES)
    }

    /// As [`Table::data`], cut into up to `pieces` pieces when at least `min_bytes` long.
    fn data_in(
        &self,
        header_rows: usize,
        path: &Path,
        pieces: usize,
        min_bytes: usize,
    ) -> Result<Cells> {
        let width = self.head.first().map_or(0, |r| r.len());
        let (after, text, sep) = match &self.body {
            Body::Records(all) => {
                let rows = all.get(header_rows..).unwrap_or_default();
                return Ok(Cells::from_records(rows, width));
            }
            Body::Text { after, text, sep } => (after, *text, *sep),
            Body::Stream {
                after,
                skip,
                sep,
                stream,
                done,
            } => {
                let start = match header_rows {
                    0 => *skip,
                    k if k <= after.len() => skip + after[k - 1],
                    _ => return Ok(Cells::from_records(&[], width)),
                };
                let read = match super::stream::data(stream, start, *sep, width, path) {
                    Ok(r) => r,
                    Err(e) => {
                        // A real error (a ragged row): reading whole would give the same.
                        *done.borrow_mut() = Some(Ok((String::new(), 0)));
                        return Err(e);
                    }
                };
                let st = stream.borrow_mut().take();
                return match read {
                    Ok(cells) => {
                        *done.borrow_mut() = st.map(|s| Ok(s.sha256()));
                        Ok(cells)
                    }
                    Err(fall_back) => {
                        *done.borrow_mut() = Some(Err(fall_back));
                        Err(crate::error::Error::Internal(
                            "streaming gave up; the file is read whole".into(),
                        ))
                    }
                };
            }
        };
        if header_rows > self.head.len() {
            return Ok(Cells::from_records(&[], width));
        }
        let start = if header_rows == 0 {
            0
        } else {
            after[header_rows - 1]
        };
        let bytes = text.as_bytes();
        let region = parse_region(bytes, start, true, sep, width, (pieces, min_bytes))
            .map_err(|r| ragged(path, text, &r, width))?;
        Ok(region.into_cells())
    }
}

fn bom_len(b: &[u8]) -> usize {
    if b.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    }
}

fn ragged(path: &Path, text: &str, r: &Ragged, width: usize) -> Error {
    let b = text.as_bytes();
    let mut end = r.offset.min(b.len());
    while end < b.len() && matches!(b[end], b'\r' | b'\n') {
        end += 1;
    }
    let line = b[..end].iter().filter(|&&c| c == b'\n').count() + 1;
    Error::input(path, r.message(line, width))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The csv crate's reading of the same text (the reference): cells or an error line.
    fn reference(
        text: &str,
        sep: u8,
        header_rows: usize,
    ) -> std::result::Result<Vec<Vec<String>>, String> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(false)
            .delimiter(sep)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        let mut last_start = None;
        for rec in rdr.records() {
            let rec = rec.map_err(|e| e.to_string())?;
            last_start = rec.position().map(|p| p.byte() as usize);
            rows.push(rec.iter().map(str::to_string).collect::<Vec<_>>());
        }
        // The csv crate reads a file cut inside a quoted cell as if the cell ended there; we
        // refuse it (checked on its own in `region`'s tests).
        if let Some(s) = last_start {
            if crate::ingest::region::ends_inside_quotes(&text.as_bytes()[s..], sep) {
                return Err("ends inside a quoted cell".into());
            }
        }
        Ok(rows.split_off(header_rows.min(rows.len())))
    }

    fn ours(
        text: &str,
        sep: u8,
        header_rows: usize,
        pieces: usize,
    ) -> std::result::Result<Vec<Vec<String>>, String> {
        let path = Path::new("t.csv");
        let t = Table::head(text, sep, path).map_err(|e| e.to_string())?;
        let cells = t
            .data_in(header_rows, path, pieces, 1)
            .map_err(|e| e.to_string())?;
        Ok((0..cells.rows)
            .map(|i| {
                cells
                    .columns
                    .iter()
                    .map(|c| c.get(i).unwrap_or("").to_string())
                    .collect()
            })
            .collect())
    }

    fn check(text: &str, sep: u8) {
        for header_rows in [1, 2] {
            let want = reference(text, sep, header_rows);
            for pieces in [1, 2, 3, 7] {
                let got = ours(text, sep, header_rows, pieces);
                match (&want, &got) {
                    (Ok(w), Ok(g)) => assert_eq!(w, g, "{text:?} in {pieces} pieces"),
                    (Err(_), Err(_)) => {}
                    _ => panic!("{text:?} in {pieces} pieces: csv {want:?}, ours {got:?}"),
                }
            }
        }
    }

    #[test]
    fn same_cells_as_the_csv_crate_on_known_cases() {
        for text in [
            "a,b\n1,2\n",
            "a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n",
            "a,b\n\n\n1,2",
            "\u{feff}a,b\n1,\"\"\"q\"\"\"\n",
            "a,b\n1,2,3\n",
            "a,b\n1\n",
            "a\n\"\n\"\n\"\n\"\n",
            "a,b\n x ,\"\"\n,\n",
            "h\n\"a\nb\"\nc\n\"d\ne\"\n",
        ] {
            check(text, b',');
        }
    }

    #[test]
    fn a_ragged_row_names_its_line() {
        let text = "a,b\r\n1,2\r\n\r\n3\r\n";
        let e = ours(text, b',', 1, 1).unwrap_err();
        assert_eq!(
            e,
            "t.csv: line 4: row has 1 fields where the header has 2 (a cut or malformed row)"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Any text over a small alphabet of the characters that matter (quotes, separators,
        /// line ends, multi-byte letters), well-formed or not, cut anywhere.
        #[test]
        fn same_cells_as_the_csv_crate(text in "[ab,;\"\r\né]{0,80}") {
            check(&text, b',');
        }

        /// Well-formed files written by the csv crate: cells with quotes and newlines.
        #[test]
        fn same_cells_on_written_files(rows in proptest::collection::vec(
            proptest::collection::vec("[ab,\"\r\né ]{0,6}", 3), 1..30)) {
            let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
            for r in &rows {
                w.write_record(r).unwrap();
            }
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            check(&text, b',');
        }
    }
}
