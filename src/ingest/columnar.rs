//! Delimited text → its first rows as records (the platform's header rows) and every later row
//! straight into columnar [`Cells`]: no record or `String` per row. A large file is cut into one
//! piece per core at row boundaries and the pieces are parsed at once; a cut is kept only when
//! the parse of the piece before it ends exactly there, so the cells are always those of one
//! parse from the top.

use super::cells::{Cells, ColumnBuilder};
use crate::error::{Error, Result};
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use rayon::prelude::*;
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
        done: std::cell::RefCell<Option<std::result::Result<String, super::stream::FallBack>>>,
    },
}

/// A row whose field count differs from the header's, at a byte offset.
pub(crate) struct Ragged {
    pub offset: usize,
    pub fields: usize,
    /// The row holds bytes that are not UTF-8 (only where the text was not checked before).
    pub not_utf8: bool,
}

/// One piece's columns, rows, and where its last complete row ends.
type Piece = (Vec<ColumnBuilder>, usize, usize);

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
                    if p.nend != width {
                        return Err(ragged(path, text, p.row_start, p.nend, width));
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
    pub(crate) fn finish(&self) -> Option<String> {
        match &self.body {
            // Not read through (an error in the header rows) or given up: read whole.
            Body::Stream { done, .. } => match done.borrow_mut().take() {
                Some(Ok(sha)) => Some(sha),
                Some(Err(_)) | None => None,
            },
            Body::Text { .. } | Body::Records(_) => Some(String::new()),
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
                        *done.borrow_mut() = Some(Ok(String::new()));
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
            .map_err(|r| ragged(path, text, r.offset, r.fields, width))?;
        Ok(region.into_cells())
    }
}

/// The rows of a region of the file, parsed.
pub(crate) struct Region {
    pub cols: Vec<ColumnBuilder>,
    pub rows: usize,
    /// Where the last complete row ends (the region's end when it ends the file).
    pub end: usize,
}

impl Region {
    pub fn into_cells(self) -> Cells {
        Cells {
            rows: self.rows,
            columns: self.cols.into_iter().map(ColumnBuilder::finish).collect(),
        }
    }
}

/// Parses the rows of `bytes[start..]` in up to `split.0` pieces at once (when at least
/// `split.1` bytes long). `last`: the bytes end the file (a final row without a line end is
/// a row); otherwise an unfinished row at the end is left for the next region.
pub(crate) fn parse_region(
    bytes: &[u8],
    start: usize,
    last: bool,
    sep: u8,
    width: usize,
    split: (usize, usize),
) -> std::result::Result<Region, Ragged> {
    let cuts = cuts(bytes, start, split.0, split.1);
    let pieces: Vec<std::result::Result<Piece, Ragged>> = cuts
        .par_windows(2)
        .enumerate()
        .map(|(k, w)| {
            let final_piece = k + 2 == cuts.len();
            parse_piece(bytes, w[0], w[1], last && final_piece, sep, width)
        })
        .collect();
    let n = pieces.len();
    let mut merged: Option<Region> = None;
    // Each piece starts where the one before it ended cleanly, or the cuts are off.
    let mut whole = true;
    for (k, piece) in pieces.into_iter().enumerate() {
        let (cols, rows, end) = match piece {
            Ok(p) => p,
            Err(_) if !whole => break,
            Err(r) => return Err(r),
        };
        if !whole {
            break;
        }
        let clean = end == cuts[k + 1];
        whole = clean || k + 1 == n;
        merged = Some(match merged {
            None => Region { cols, rows, end },
            Some(mut acc) => {
                for (a, b) in acc.cols.iter_mut().zip(cols) {
                    a.append(b);
                }
                Region {
                    cols: acc.cols,
                    rows: acc.rows + rows,
                    end,
                }
            }
        });
    }
    match merged {
        Some(m) if whole => Ok(m),
        // A cut fell inside a quoted cell: parse from the top in one piece.
        _ => {
            let (cols, rows, end) = parse_piece(bytes, start, bytes.len(), last, sep, width)?;
            Ok(Region { cols, rows, end })
        }
    }
}

fn bom_len(b: &[u8]) -> usize {
    if b.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    }
}

/// Where to cut `bytes[start..]` into `n` pieces: after a newline with an even number of quotes
/// before it (outside quotes, in a well-formed file).
fn cuts(bytes: &[u8], start: usize, n: usize, min_bytes: usize) -> Vec<usize> {
    let len = bytes.len();
    let mut out = vec![start];
    if n < 2 || len - start < min_bytes {
        out.push(len);
        return out;
    }
    let (mut from, mut quotes) = (start, 0usize);
    for k in 1..n {
        let target = start + (len - start) * k / n;
        if target <= from {
            continue;
        }
        quotes += memchr::memchr_iter(b'"', &bytes[from..target]).count();
        let mut i = target;
        let cut = loop {
            match memchr::memchr2(b'"', b'\n', &bytes[i..]) {
                None => break None,
                Some(j) if bytes[i + j] == b'"' => {
                    quotes += 1;
                    i += j + 1;
                }
                Some(j) if quotes % 2 == 0 => break Some(i + j + 1),
                Some(j) => i += j + 1,
            }
        };
        match cut {
            Some(c) if c < len => {
                out.push(c);
                from = c;
            }
            _ => break,
        }
    }
    out.push(len);
    out
}

/// What reading one more row gave.
enum Step {
    /// A row is in `out` / `ends`.
    Row,
    End,
    /// The piece's bytes are used up (it does not end the file).
    PieceEnd,
}

/// A csv_core reader with its buffers: one row at a time, fields borrowed from `out`.
struct Rows {
    rdr: Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    pos: usize,
    nout: usize,
    nend: usize,
    row_start: usize,
}

impl Rows {
    fn new(sep: u8, pos: usize, width: usize) -> Rows {
        Rows {
            rdr: ReaderBuilder::new().delimiter(sep).build(),
            out: vec![0u8; 1 << 16],
            ends: vec![0usize; width + 1],
            pos,
            nout: 0,
            nend: 0,
            row_start: pos,
        }
    }

    fn next(&mut self, bytes: &[u8], b: usize, last: bool) -> Step {
        loop {
            let input = if self.pos < b {
                &bytes[self.pos..b]
            } else {
                &[][..]
            };
            if input.is_empty() && !last {
                return Step::PieceEnd;
            }
            let (res, nin, no, ne) = self.rdr.read_record(
                input,
                &mut self.out[self.nout..],
                &mut self.ends[self.nend..],
            );
            self.pos += nin;
            self.nout += no;
            self.nend += ne;
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => return Step::Row,
                ReadRecordResult::End => return Step::End,
            }
        }
    }

    fn fields(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let ends = &self.ends[..self.nend];
        (0..ends.len()).map(move |k| {
            let from = if k == 0 { 0 } else { ends[k - 1] };
            &self.out[from..ends[k]]
        })
    }

    fn done_row(&mut self) {
        (self.nout, self.nend, self.row_start) = (0, 0, self.pos);
    }
}

/// Parses the rows of `bytes[a..b]` into columns. `last`: the piece ends the file.
fn parse_piece(
    bytes: &[u8],
    a: usize,
    b: usize,
    last: bool,
    sep: u8,
    width: usize,
) -> std::result::Result<Piece, Ragged> {
    let mut p = Rows::new(sep, a, width);
    let mut cols: Vec<ColumnBuilder> = (0..width).map(|_| ColumnBuilder::default()).collect();
    let mut rows = 0;
    loop {
        match p.next(bytes, b, last) {
            Step::Row => {
                if p.nend != width {
                    return Err(Ragged {
                        offset: p.row_start,
                        fields: p.nend,
                        not_utf8: false,
                    });
                }
                for (col, f) in cols.iter_mut().zip(p.fields()) {
                    match std::str::from_utf8(f) {
                        Ok(cell) => col.push(cell),
                        Err(_) => {
                            return Err(Ragged {
                                offset: p.row_start,
                                fields: p.nend,
                                not_utf8: true,
                            })
                        }
                    }
                }
                rows += 1;
                p.done_row();
            }
            Step::End => return Ok((cols, rows, b)),
            // The piece ends where its last complete row does; exactly at `b` only when no row
            // is half read (a cut inside a quoted cell has already written the newline before it
            // as cell text).
            Step::PieceEnd if p.nout == 0 && p.nend == 0 => return Ok((cols, rows, b)),
            Step::PieceEnd => return Ok((cols, rows, p.row_start)),
        }
    }
}

fn ragged(path: &Path, text: &str, offset: usize, fields: usize, width: usize) -> Error {
    let b = text.as_bytes();
    let mut end = offset.min(b.len());
    while end < b.len() && matches!(b[end], b'\r' | b'\n') {
        end += 1;
    }
    let line = b[..end].iter().filter(|&&c| c == b'\n').count() + 1;
    Error::input(
        path,
        format!(
            "line {line}: row has {fields} fields where the header has {width} (a cut or malformed row)"
        ),
    )
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
        for rec in rdr.records() {
            let rec = rec.map_err(|e| e.to_string())?;
            rows.push(rec.iter().map(str::to_string).collect::<Vec<_>>());
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
