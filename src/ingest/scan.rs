//! Parsing a piece of delimited text without stepping csv_core's automaton through every byte.
//! Rows are read from the piece's structural bytes, found 64 at a time ([`Structurals`]); a row
//! the index cannot read as it stands (a quote inside a bare cell, text after a closing quote,
//! a cell count not the header's, the piece's end) is read by searching for the bytes that end
//! its cells (memchr's vectorised searches), and the index goes on after it. Both read exactly
//! what csv_core reads — blank lines skipped, `\r`, `\n` and `\r\n` ending a row, a quoted
//! cell's `""` one quote, a quote inside an unquoted cell text — and give up (None) on anything
//! else: text after a closing quote, a quoted cell the file ends inside, a row whose cell count
//! is not the header's, bytes that are not UTF-8. The caller then parses the piece with
//! csv_core, which says what is wrong where.

use super::builder::{Bound, ColumnBuilder};
use super::structural::Structurals;

/// One piece's columns, rows, and where its last complete row ends.
pub(super) type Piece = (Vec<ColumnBuilder>, usize, usize);

/// A cell of the row being read: its bytes' range, and whether they hold doubled quotes.
#[derive(Clone, Copy)]
struct Cell {
    from: usize,
    to: usize,
    doubled: bool,
}

/// How a row read on: complete, cut by the end of the piece, or beyond this scanner.
enum Row {
    /// The row ends before this offset (past its line end, if any).
    Done(usize),
    Cut,
    Unusual,
}

/// A piece of delimited text to parse: `bytes[a..b]`, whether it ends the file (`last`: a
/// final row without a line end is a row), the separator, and the header's cell count.
#[derive(Clone, Copy)]
pub(super) struct Span<'t> {
    pub bytes: &'t [u8],
    pub a: usize,
    pub b: usize,
    pub last: bool,
    pub sep: u8,
    pub width: usize,
}

/// A piece being read: its text (up to the piece's end), separator and cell count, the columns
/// and rows read so far, the row being read, and the block of rows read but not yet in the
/// columns. Rows go into the columns a block at a time, column by column: each column's state
/// stays at hand from cell to cell, and a row the index gives up on halfway has touched no
/// column (its cells are simply not counted into the block).
struct Reading<'t> {
    s: &'t [u8],
    sep: u8,
    width: usize,
    cols: Vec<ColumnBuilder>,
    rows: usize,
    cells: Vec<Cell>,
    /// Column-major: cell `k` of the block's row `r` at `k * BLOCK_ROWS + r`.
    block: Vec<Bound>,
    in_block: usize,
    /// The block's quoted cells with their doubled quotes undone.
    unquoted: Vec<u8>,
}

/// Rows in a block: at 50 columns its cells' bounds are 100 KB, and the text they point into
/// about 60 KB — both stay in the core's cache while the columns take their cells.
#[cfg(not(test))]
const BLOCK_ROWS: usize = 128;
/// (Three in unit tests, so that their small texts fill blocks, and rows are handed over and
/// given up halfway across a block's end.)
#[cfg(test)]
const BLOCK_ROWS: usize = 3;

/// The piece's rows, or None where csv_core must read it.
pub(super) fn piece(span: Span) -> Option<Piece> {
    // A header of no cells has no block to place a row's cells in (any row is ragged: as
    // before, csv_core reads the piece and says so).
    if span.width == 0 {
        return None;
    }
    let (b, last) = (span.b, span.last);
    let mut r = Reading::new(&span.bytes[..b], span.sep, span.width);
    let s = r.s;
    let mut pos = span.a;
    let mut handed = 0;
    loop {
        // Whole rows by the structural index, up to one it cannot read or the piece's end
        // (a piece whose rows it keeps handing over is read by searches alone).
        if handed < QUICK_GIVES_UP {
            pos = r.quick_rows(pos)?;
            handed += 1;
        }
        // That row is read by searches for its cells' ends. Between rows, line ends are
        // skipped (a blank line is no row); a row cut by the end of the piece is read again
        // from where the row before it ended.
        let after = pos;
        while pos < b && matches!(s[pos], b'\n' | b'\r') {
            pos += 1;
        }
        if pos >= b {
            return r.done(b);
        }
        r.cells.clear();
        match row(s, pos, last, r.sep, r.width, &mut r.cells) {
            Row::Done(next) => {
                if r.cells.len() != r.width {
                    return None;
                }
                r.push_row()?;
                pos = next;
            }
            // csv_core counts a row begun only once it has written a byte or ended a cell:
            // a piece ending in an opening quote (or an empty quoted cell) ends there.
            Row::Cut if matches!(&s[pos..], b"\"" | b"\"\"") => return r.done(b),
            Row::Cut => return r.done(after),
            Row::Unusual => return None,
        }
    }
}

/// Rows a piece may hand from the structural index to the searches before the searches read
/// the rest of it.
const QUICK_GIVES_UP: usize = 64;

impl<'t> Reading<'t> {
    fn new(s: &'t [u8], sep: u8, width: usize) -> Self {
        Reading {
            s,
            sep,
            width,
            cols: (0..width).map(|_| ColumnBuilder::default()).collect(),
            rows: 0,
            cells: Vec::with_capacity(width),
            block: vec![Bound::default(); width * BLOCK_ROWS],
            in_block: 0,
            unquoted: Vec::new(),
        }
    }

    /// Reads whole rows from `pos` by the piece's structural bytes ([`Structurals`]); returns
    /// the start (before its line ends) of the first row it leaves: one whose cells are not
    /// bare or well quoted, whose cell count is not `width`, or that the piece ends inside.
    /// None when a cell is not UTF-8.
    fn quick_rows(&mut self, mut pos: usize) -> Option<usize> {
        let s = self.s;
        let mut index = Structurals::new(s, pos, self.sep);
        loop {
            let start = pos;
            let mut from = pos;
            // Cells of this row so far, each written into the block where it goes; a row left
            // halfway is not counted, and its undone quotes are dropped.
            let (mut k, mark) = (0, self.unquoted.len());
            loop {
                let Some((end, quoted)) = index.next() else {
                    self.unquoted.truncate(mark);
                    return Some(start);
                };
                // Line ends before a row's first cell: blank lines.
                if k == 0 && end == from && s[end] != self.sep {
                    from = end + 1;
                    continue;
                }
                let cell = match quoted {
                    false => Cell {
                        from,
                        to: end,
                        doubled: false,
                    },
                    true => match quoted_cell(s, from, end) {
                        Some(c) => c,
                        None => {
                            self.unquoted.truncate(mark);
                            return Some(start);
                        }
                    },
                };
                self.place(k, cell);
                k += 1;
                if s[end] == self.sep {
                    if k == self.width {
                        self.unquoted.truncate(mark);
                        return Some(start);
                    }
                    from = end + 1;
                    continue;
                }
                if k != self.width {
                    self.unquoted.truncate(mark);
                    return Some(start);
                }
                self.count_row()?;
                pos = end + 1;
                break;
            }
        }
    }

    /// Cell `k` of the row being read into the block.
    #[inline(always)]
    fn place(&mut self, k: usize, c: Cell) {
        let bound = match c.doubled {
            false => Bound {
                from: c.from,
                to: c.to,
            },
            true => {
                let from = self.unquoted.len();
                undouble(&self.s[c.from..c.to], &mut self.unquoted);
                Bound {
                    from,
                    to: self.unquoted.len() | Bound::SCRATCH,
                }
            }
        };
        self.block[k * BLOCK_ROWS + self.in_block] = bound;
    }

    /// The complete row in `cells` (read by the searches) into the block.
    fn push_row(&mut self) -> Option<()> {
        for k in 0..self.cells.len() {
            self.place(k, self.cells[k]);
        }
        self.count_row()
    }

    /// The row placed in the block counts; a full block goes into the columns. None when a
    /// cell is not UTF-8.
    #[inline(always)]
    fn count_row(&mut self) -> Option<()> {
        self.in_block += 1;
        self.rows += 1;
        if self.in_block == BLOCK_ROWS {
            self.flush()?;
        }
        Some(())
    }

    /// The block's rows into the columns, column by column; None when a cell is not UTF-8.
    fn flush(&mut self) -> Option<()> {
        let (s, unquoted, n) = (self.s, &self.unquoted[..], self.in_block);
        for (col, cells) in self.cols.iter_mut().zip(self.block.chunks(BLOCK_ROWS)) {
            col.push_cells(s, unquoted, &cells[..n]).ok()?;
        }
        self.in_block = 0;
        self.unquoted.clear();
        Some(())
    }

    /// The piece read up to `end`: its columns and rows.
    fn done(mut self, end: usize) -> Option<Piece> {
        self.flush()?;
        Some((self.cols, self.rows, end))
    }
}

/// The cell `s[from..to]`, which holds a quote, when it is one quoted cell as csv_core reads
/// it: a quote first and last, and each quote between them doubled.
fn quoted_cell(s: &[u8], from: usize, to: usize) -> Option<Cell> {
    if to < from + 2 || s[from] != b'"' || s[to - 1] != b'"' {
        return None;
    }
    let inner = &s[from + 1..to - 1];
    let (mut at, mut doubled) = (0, false);
    while let Some(i) = memchr::memchr(b'"', &inner[at..]) {
        if inner.get(at + i + 1) != Some(&b'"') {
            return None;
        }
        (at, doubled) = (at + i + 2, true);
    }
    Some(Cell {
        from: from + 1,
        to: to - 1,
        doubled,
    })
}

/// Reads the row starting at `pos` (not a line end) into `cells`.
fn row(s: &[u8], mut pos: usize, last: bool, sep: u8, width: usize, cells: &mut Vec<Cell>) -> Row {
    let b = s.len();
    loop {
        if cells.len() > width {
            return Row::Unusual;
        }
        // Where the cell ends: at a separator, a line end, or the end of the piece.
        let (cell, end) = if pos < b && s[pos] == b'"' {
            match quoted(s, pos + 1) {
                Some(q) => q,
                None if last => return Row::Unusual,
                None => return Row::Cut,
            }
        } else {
            let end = match s.get(pos) {
                // An empty cell: no search.
                Some(&c) if c == sep || c == b'\n' || c == b'\r' => pos,
                Some(_) => memchr::memchr3(sep, b'\n', b'\r', &s[pos..]).map_or(b, |i| pos + i),
                None => b,
            };
            let cell = Cell {
                from: pos,
                to: end,
                doubled: false,
            };
            (cell, end)
        };
        cells.push(cell);
        match s.get(end) {
            Some(&c) if c == sep => pos = end + 1,
            // (The `\n` of a `\r\n` is skipped as a blank line, as csv_core does.)
            Some(b'\n' | b'\r') => return Row::Done(end + 1),
            // Text after a closing quote (csv_core appends it to the cell).
            Some(_) => return Row::Unusual,
            None if last => return Row::Done(b),
            None => return Row::Cut,
        }
    }
}

/// The quoted cell whose text starts at `from` (after its opening quote): the cell, and where
/// its closing quote is followed; None when the piece ends first.
fn quoted(s: &[u8], from: usize) -> Option<(Cell, usize)> {
    let mut at = from;
    let mut doubled = false;
    loop {
        let q = at + memchr::memchr(b'"', &s[at..])?;
        match s.get(q + 1) {
            Some(b'"') => {
                doubled = true;
                at = q + 2;
            }
            // (A quote ending the piece closes the cell when the piece ends the file; else the
            // row is cut there and read again with the next piece.)
            Some(_) | None => {
                return Some((
                    Cell {
                        from,
                        to: q,
                        doubled,
                    },
                    q + 1,
                ))
            }
        }
    }
}

/// A quoted cell's text with each `""` one quote, appended to `out`.
fn undouble(text: &[u8], out: &mut Vec<u8>) {
    let mut rest = text;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        rest = &rest[i + 2..];
    }
    out.extend_from_slice(rest);
}

#[cfg(test)]
mod tests {
    use super::{piece, Reading, Span};

    #[test]
    fn a_header_of_no_cells_leaves_the_piece_to_csv_core() {
        let bytes = b"a,b\n\n\"x\"\n";
        let span = |last| Span {
            bytes,
            a: 0,
            b: bytes.len(),
            last,
            sep: b',',
            width: 0,
        };
        assert!(piece(span(true)).is_none());
        assert!(piece(span(false)).is_none());
    }

    /// The structural index itself reads well-formed rows (the random tests against csv_core
    /// pass as well when every row goes to the searches), and hands over where it must.
    #[test]
    fn the_index_reads_whole_rows_and_hands_over_the_rest() {
        // Row 2's quoted cell spans a 64-byte block and holds a separator, a line end and a
        // doubled quote; row 3 has a quote inside a bare cell; row 4 is cut by the piece's end.
        let long = "x".repeat(70);
        let text =
            format!("1,Yes,\r\n\n2,\"{long}, said \"\"no\"\"\nthen\",\n3,5\" screen,a\n4,\"cut");
        let s = text.as_bytes();
        let mut r = Reading::new(s, b',', 3);
        let third = text.find("3,5").unwrap();
        assert_eq!(r.quick_rows(0), Some(third));
        assert_eq!(r.rows, 2);
        // From after row 3 (read by the searches): row 4 is left, at its start.
        let fourth = text.find("4,").unwrap();
        assert_eq!(r.quick_rows(fourth - 1), Some(fourth - 1));
        assert_eq!(r.rows, 2);
        let (cols, rows, _) = r.done(0).unwrap();
        assert_eq!(rows, 2);
        let cols: Vec<_> = cols.into_iter().map(|c| c.finish()).collect();
        let cell = |k: usize, i: usize| cols[k].get(i).unwrap_or("").to_string();
        assert_eq!(
            (cell(0, 0), cell(1, 0), cell(2, 0)),
            ("1".into(), "Yes".into(), "".into())
        );
        assert_eq!(cell(1, 1), format!("{long}, said \"no\"\nthen"));
        assert_eq!((cell(0, 1), cell(2, 1)), ("2".into(), "".into()));
    }
}
