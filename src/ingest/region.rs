//! Parsing a region of delimited text into cell columns: csv_core row by row, straight into
//! column builders, the region cut into one piece per core at row boundaries (a cut is kept only
//! where the piece before it ends exactly there, so the cells are those of one parse from the
//! top).

use super::builder::ColumnBuilder;
use super::cells::Cells;
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use rayon::prelude::*;
use std::cell::RefCell;

/// A fresh csv_core reader for one delimiter, handed back to a per-thread pool when dropped.
/// Building a reader computes its transition table (and csv_core's `Clone` does not copy all of
/// it), while one file is parsed by many readers (the header pass, each piece, each layout
/// tried): built readers are reset and reused instead.
pub(super) struct CoreReader {
    sep: u8,
    rdr: Option<Reader>,
}

thread_local! {
    static SPARE: RefCell<Vec<(u8, Reader)>> = const { RefCell::new(Vec::new()) };
}

impl CoreReader {
    pub(super) fn new(sep: u8) -> CoreReader {
        let spare = SPARE.with(|spare| {
            let mut spare = spare.borrow_mut();
            let i = spare.iter().position(|(s, _)| *s == sep)?;
            Some(spare.swap_remove(i).1)
        });
        let rdr = spare.unwrap_or_else(|| ReaderBuilder::new().delimiter(sep).build());
        CoreReader {
            sep,
            rdr: Some(rdr),
        }
    }

    pub(super) fn get(&mut self) -> &mut Reader {
        self.rdr
            .as_mut()
            .expect("a reader is present until it is dropped")
    }
}

impl Drop for CoreReader {
    fn drop(&mut self) {
        if let Some(mut rdr) = self.rdr.take() {
            rdr.reset();
            SPARE.with(|spare| {
                let mut spare = spare.borrow_mut();
                if spare.len() < 8 {
                    spare.push((self.sep, rdr));
                }
            });
        }
    }
}

/// A row whose field count differs from the header's, at a byte offset.
pub(crate) struct Ragged {
    pub offset: usize,
    pub fields: usize,
    /// The row holds bytes that are not UTF-8 (only where the text was not checked before).
    pub not_utf8: bool,
    /// The file ends inside a quoted cell of this row (a download cut off).
    pub cut: bool,
}

impl Ragged {
    /// What is wrong with the row on `line`.
    pub fn message(&self, line: usize, width: usize) -> String {
        match self.cut {
            true => format!(
                "line {line}: the file ends inside a quoted cell of this row (a cut or malformed row)"
            ),
            false => format!(
                "line {line}: row has {} fields where the header has {width} (a cut or malformed row)",
                self.fields
            ),
        }
    }
}

/// Whether `row` (from the start of a row to the end of the file) ends inside a quoted cell:
/// a cell opened by a quote and never closed, as when a download was cut off. (Quotes inside an
/// unquoted cell are literal, as csv_core reads them.)
pub(crate) fn ends_inside_quotes(row: &[u8], sep: u8) -> bool {
    #[derive(PartialEq)]
    enum S {
        Start,
        Bare,
        Quoted,
        QuoteInQuoted,
    }
    let mut s = S::Start;
    for &c in row {
        s = match (s, c) {
            (S::Start, b'"') => S::Quoted,
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, _) => S::Quoted,
            (S::QuoteInQuoted, b'"') => S::Quoted,
            (_, b'\r' | b'\n') => S::Start,
            (_, c) if c == sep => S::Start,
            (S::Start | S::Bare | S::QuoteInQuoted, _) => S::Bare,
        };
    }
    s == S::Quoted
}

use super::scan::{Piece, Span};
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
            let last = last && final_piece;
            parse_piece(Span {
                bytes,
                a: w[0],
                b: w[1],
                last,
                sep,
                width,
            })
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
                (acc.cols.par_iter_mut())
                    .zip(cols)
                    .for_each(|(a, b)| a.append(b));
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
            let b = bytes.len();
            let (cols, rows, end) = parse_piece(Span {
                bytes,
                a: start,
                b,
                last,
                sep,
                width,
            })?;
            Ok(Region { cols, rows, end })
        }
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
pub(super) enum Step {
    /// A row is in `out` / `ends`.
    Row,
    End,
    /// The piece's bytes are used up (it does not end the file).
    PieceEnd,
}

/// A csv_core reader with its buffers: one row at a time, fields borrowed from `out`.
pub(super) struct Rows {
    rdr: CoreReader,
    out: Vec<u8>,
    ends: Vec<usize>,
    pub(super) pos: usize,
    nout: usize,
    pub(super) nend: usize,
    pub(super) row_start: usize,
}

impl Rows {
    pub(super) fn new(sep: u8, pos: usize, width: usize) -> Rows {
        Rows {
            rdr: CoreReader::new(sep),
            out: vec![0u8; 1 << 16],
            ends: vec![0usize; width + 1],
            pos,
            nout: 0,
            nend: 0,
            row_start: pos,
        }
    }

    pub(super) fn next(&mut self, bytes: &[u8], b: usize, last: bool) -> Step {
        loop {
            let input = if self.pos < b {
                &bytes[self.pos..b]
            } else {
                &[][..]
            };
            if input.is_empty() && !last {
                return Step::PieceEnd;
            }
            let (res, nin, no, ne) = self.rdr.get().read_record(
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

    pub(super) fn fields(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let ends = &self.ends[..self.nend];
        (0..ends.len()).map(move |k| {
            let from = if k == 0 { 0 } else { ends[k - 1] };
            &self.out[from..ends[k]]
        })
    }

    pub(super) fn done_row(&mut self) {
        (self.nout, self.nend, self.row_start) = (0, 0, self.pos);
    }
}

/// Parses a piece's rows into columns. The quick scan reads what it can ([`super::scan`]);
/// csv_core the rest, and says what is wrong.
fn parse_piece(span: Span) -> std::result::Result<Piece, Ragged> {
    match super::scan::piece(span) {
        Some(p) => Ok(p),
        None => parse_piece_core(span),
    }
}

/// [`parse_piece`] by csv_core alone.
fn parse_piece_core(span: Span) -> std::result::Result<Piece, Ragged> {
    let Span {
        bytes,
        a,
        b,
        last,
        sep,
        width,
    } = span;
    let mut p = Rows::new(sep, a, width);
    let mut cols: Vec<ColumnBuilder> = (0..width).map(|_| ColumnBuilder::default()).collect();
    let mut rows = 0;
    loop {
        match p.next(bytes, b, last) {
            Step::Row => {
                let cut = last && p.pos >= b && ends_inside_quotes(&bytes[p.row_start..b], sep);
                if p.nend != width || cut {
                    return Err(Ragged {
                        offset: p.row_start,
                        fields: p.nend,
                        not_utf8: false,
                        cut,
                    });
                }
                for (col, f) in cols.iter_mut().zip(p.fields()) {
                    if col.push_bytes(f).is_err() {
                        return Err(Ragged {
                            offset: p.row_start,
                            fields: p.nend,
                            not_utf8: true,
                            cut: false,
                        });
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

#[cfg(test)]
mod tests {
    use super::{ends_inside_quotes, parse_piece_core};

    /// A xorshift generator: the same pieces on every run.
    fn xorshift(mut x: u64) -> impl FnMut() -> u64 {
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    /// How the quick scan read a piece against csv_core.
    enum Verdict {
        /// Both read it, alike (its rows).
        Alike(usize),
        /// Both refuse it.
        BothFault,
        /// The scan gave up and csv_core read it.
        ScanGaveUp,
    }

    /// The quick scan against csv_core on `span`; panics where they read it differently or the
    /// scan reads a piece csv_core refuses.
    fn against_core(span: super::Span) -> Verdict {
        let shown = format!(
            "{:?} a={} b={} width {} last {}",
            String::from_utf8_lossy(span.bytes),
            span.a,
            span.b,
            span.width,
            span.last
        );
        let finish = |c: Vec<super::ColumnBuilder>| -> Vec<_> {
            c.into_iter().map(super::ColumnBuilder::finish).collect()
        };
        match (super::super::scan::piece(span), parse_piece_core(span)) {
            (Some((fc, fr, fe)), Ok((cc, cr, ce))) => {
                assert_eq!((fr, fe), (cr, ce), "rows, end: {shown}");
                assert_eq!(finish(fc), finish(cc), "cells: {shown}");
                Verdict::Alike(fr)
            }
            (Some(_), Err(_)) => panic!("csv_core finds a fault the scan missed: {shown}"),
            (None, Err(_)) => Verdict::BothFault,
            (None, Ok(_)) => Verdict::ScanGaveUp,
        }
    }

    /// Random pieces of delimited text (quotes, separators, every line end, text after closing
    /// quotes, bytes that are not UTF-8, blank lines, rows of any width), cut anywhere: the quick
    /// scan gives csv_core's cells, rows and end wherever it does not give up, and gives up
    /// wherever csv_core finds a fault.
    #[test]
    fn the_quick_scan_reads_what_csv_core_reads() {
        let alphabet: [&[u8]; 14] = [
            b"a",
            b"bc",
            b"\xc3\xa9",
            b",",
            b",",
            b";",
            b"\"",
            b"\"",
            b"\r",
            b"\n",
            b"\r\n",
            b" ",
            b"\xff",
            b"long answer text",
        ];
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        let (mut quick, mut same_fault) = (0, 0);
        for case in 0..60_000 {
            // One piece in eight spans several of the structural index's 64-byte blocks.
            let len = next() % if case % 8 == 0 { 400 } else { 40 };
            let mut text = Vec::new();
            for _ in 0..len {
                // Mostly well-formed: few quotes, rare bad bytes.
                let r = next() as usize;
                let pick = match r % 10 {
                    0..=5 => r / 16 % 3,
                    6 | 7 => 3 + r / 16 % 3,
                    _ => 6 + r / 16 % 8,
                };
                text.extend_from_slice(alphabet[pick]);
            }
            let sep = if case % 5 == 0 { b';' } else { b',' };
            let width = 1 + (next() % 4) as usize;
            let a = (next() as usize) % (text.len() + 1);
            let b = a + (next() as usize) % (text.len() - a + 1);
            let last = b == text.len() && next() % 4 != 0;
            let bytes = &text[..];
            let span = super::Span {
                bytes,
                a,
                b,
                last,
                sep,
                width,
            };
            match against_core(span) {
                Verdict::Alike(_) => quick += 1,
                Verdict::BothFault => same_fault += 1,
                Verdict::ScanGaveUp => {}
            }
        }

        assert!(quick > 30_000, "the scan read {quick} of 60,000 pieces");
        assert!(same_fault > 1_000, "{same_fault} faults left to csv_core");
    }

    /// Random exports of well-formed rows (bare, empty and quoted cells, quoted separators,
    /// line ends and doubled quotes, blank lines, `\r\n`; now and then a quote inside a bare
    /// cell or a short row), pieces cut anywhere and longer than the structural index's blocks:
    /// the quick scan reads exactly what csv_core reads.
    #[test]
    fn the_quick_scan_reads_well_formed_rows_as_csv_core_does() {
        let cells: [&[u8]; 12] = [
            b"",
            b"",
            b"Yes",
            b"Public library",
            b"\"Access to resources (books, e-books)\"",
            b"\"a\nb\"",
            b"\"say \"\"hi\"\"\"",
            b"\"\"",
            b"12/20/2019 09:15:22 AM",
            b"caf\xc3\xa9",
            b"5\" screen",
            b"\"\r\n\"",
        ];
        let mut next = xorshift(0x0123_4567_89AB_CDEF);
        let (mut read, mut rows_read) = (0, 0);
        for case in 0..3_000 {
            let width = 1 + (next() % 12) as usize;
            let sep = if case % 3 == 0 { b';' } else { b',' };
            let (mut text, mut starts) = (Vec::new(), vec![0]);
            for _ in 0..(next() % 30) {
                // One row in 200 a cell short; one cell in 60 a quote inside a bare cell.
                let short = next() % 200 == 0;
                for k in 0..width - usize::from(short && width > 1) {
                    if k > 0 {
                        text.push(sep);
                    }
                    let pick = (next() % 12) as usize;
                    let pick = if pick == 10 && next() % 5 != 0 {
                        3
                    } else {
                        pick
                    };
                    text.extend_from_slice(cells[pick]);
                }
                text.extend_from_slice(match next() % 6 {
                    0 => b"\r\n",
                    1 => b"\n\n",
                    _ => b"\n",
                });
                starts.push(text.len());
            }
            // Pieces start where a row does (as the reader cuts them), and end anywhere.
            let a = starts[(next() as usize) % starts.len()];
            let b = if next() % 3 == 0 {
                text.len()
            } else {
                a + (next() as usize) % (text.len() - a + 1)
            };
            let last = b == text.len();
            let span = super::Span {
                bytes: &text,
                a,
                b,
                last,
                sep,
                width,
            };
            if let Verdict::Alike(rows) = against_core(span) {
                read += 1;
                rows_read += rows;
            }
        }

        assert!(read > 2_000, "the scan read {read} of 3,000 pieces");
        assert!(rows_read > 10_000, "{rows_read} rows");
    }

    #[test]
    fn a_row_cut_inside_quotes() {
        assert!(ends_inside_quotes(b"1,\"Internet acc", b','));
        assert!(ends_inside_quotes(b"1,\"a\r\nb", b','));
        assert!(ends_inside_quotes(b"1,\"say \"\"hi", b','));
        assert!(!ends_inside_quotes(b"1,\"say \"\"hi\"\"\"", b','));
        assert!(!ends_inside_quotes(b"1,\"done\"\n", b','));
        assert!(
            !ends_inside_quotes(b"1,5\" screen", b','),
            "a quote inside a bare cell is text"
        );
        assert!(!ends_inside_quotes(b"1;\"a;b\";c", b';'));
    }
}
