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

use super::builder::ColumnBuilder;
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

/// The piece's rows, or None where csv_core must read it.
pub(super) fn piece(span: Span) -> Option<Piece> {
    let (b, last, sep, width) = (span.b, span.last, span.sep, span.width);
    let s = &span.bytes[..b];
    let mut cols: Vec<ColumnBuilder> = (0..width).map(|_| ColumnBuilder::default()).collect();
    let mut cells: Vec<Cell> = Vec::with_capacity(width);
    let mut unquoted = Vec::new();
    let (mut pos, mut rows) = (span.a, 0);
    let mut handed = 0;
    loop {
        // Whole rows by the structural index, up to one it cannot read or the piece's end
        // (a piece whose rows it keeps handing over is read by searches alone).
        if handed < QUICK_GIVES_UP {
            pos = quick_rows(
                s,
                pos,
                sep,
                width,
                &mut cols,
                &mut rows,
                &mut cells,
                &mut unquoted,
            )?;
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
            return Some((cols, rows, b));
        }
        cells.clear();
        match row(s, pos, last, sep, width, &mut cells) {
            Row::Done(next) => {
                if cells.len() != width {
                    return None;
                }
                push_row(s, &cells, &mut cols, &mut unquoted)?;
                rows += 1;
                pos = next;
            }
            // csv_core counts a row begun only once it has written a byte or ended a cell:
            // a piece ending in an opening quote (or an empty quoted cell) ends there.
            Row::Cut if matches!(&s[pos..], b"\"" | b"\"\"") => return Some((cols, rows, b)),
            Row::Cut => return Some((cols, rows, after)),
            Row::Unusual => return None,
        }
    }
}

/// Rows a piece may hand from the structural index to the searches before the searches read
/// the rest of it.
const QUICK_GIVES_UP: usize = 64;

/// Reads whole rows from `pos` by the piece's structural bytes ([`Structurals`]); returns the
/// start (before its line ends) of the first row it leaves: one whose cells are not bare or
/// well quoted, whose cell count is not `width`, or that the piece ends inside. None when a
/// cell is not UTF-8.
#[allow(clippy::too_many_arguments)]
fn quick_rows(
    s: &[u8],
    mut pos: usize,
    sep: u8,
    width: usize,
    cols: &mut [ColumnBuilder],
    rows: &mut usize,
    cells: &mut Vec<Cell>,
    unquoted: &mut Vec<u8>,
) -> Option<usize> {
    let mut index = Structurals::new(s, pos, sep);
    loop {
        let start = pos;
        let mut from = pos;
        cells.clear();
        loop {
            let Some((end, quoted)) = index.next() else {
                return Some(start);
            };
            // Line ends before a row's first cell: blank lines.
            if cells.is_empty() && end == from && s[end] != sep {
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
                    None => return Some(start),
                },
            };
            cells.push(cell);
            if s[end] == sep {
                if cells.len() == width {
                    return Some(start);
                }
                from = end + 1;
                continue;
            }
            if cells.len() != width {
                return Some(start);
            }
            push_row(s, cells, cols, unquoted)?;
            *rows += 1;
            pos = end + 1;
            break;
        }
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

/// A complete row's cells into their columns; None when one is not UTF-8.
fn push_row(
    s: &[u8],
    cells: &[Cell],
    cols: &mut [ColumnBuilder],
    unquoted: &mut Vec<u8>,
) -> Option<()> {
    for (col, c) in cols.iter_mut().zip(cells) {
        let text = match c.doubled {
            false => &s[c.from..c.to],
            true => {
                undouble(&s[c.from..c.to], unquoted);
                &unquoted[..]
            }
        };
        col.push_bytes(text).ok()?;
    }
    Some(())
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

/// A quoted cell's text with each `""` one quote.
fn undouble(text: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut rest = text;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        rest = &rest[i + 2..];
    }
    out.extend_from_slice(rest);
}
