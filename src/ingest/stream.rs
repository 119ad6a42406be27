//! A large UTF-8 export read chunk by chunk, so the file is never held whole beside its cells:
//! each chunk is hashed on one core while the rows before it are parsed (on all cores), and only
//! an unfinished last row is carried into the next chunk. Anything unusual (another encoding, a
//! byte-order mark other than UTF-8's, NUL bytes, an invalid byte, header rows longer than a
//! chunk) falls back to reading the whole file as before, so both paths give the same cells.

use super::builder::ColumnBuilder;
use super::cells::Cells;
use super::region::{parse_region, Region};
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::io::Read;
use std::path::Path;

/// Files smaller than this are read whole.
pub const STREAM_MIN_BYTES: u64 = 64 << 20;
/// Bytes read at a time.
pub const CHUNK: usize = 64 << 20;

/// The open file after its first chunk, and the hash so far.
pub(crate) struct Stream {
    file: std::fs::File,
    /// None when the caller needs no fingerprint (`init`).
    hasher: Option<Sha256>,
    /// The bytes hashed so far: the file's size as analysed (it may grow while it is read).
    hashed: u64,
    /// The first chunk (the header rows and the first data rows).
    pub first: Vec<u8>,
    eof: bool,
    /// Bytes read at a time.
    chunk: usize,
    /// Bytes read so far, and the file's size when opened (for the progress line).
    read: u64,
    size: u64,
}

/// Why streaming gave up: read the whole file instead.
pub(crate) struct FallBack;

impl Stream {
    /// Opens `path` and reads its first chunk; None when it is not plain UTF-8.
    pub fn open(path: &Path, first: usize, chunk: usize, hash: bool) -> Result<Option<Stream>> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let size = file.metadata().map_or(0, |m| m.len());
        let mut s = Stream {
            file,
            hasher: hash.then(Sha256::new),
            hashed: 0,
            first: Vec::new(),
            eof: false,
            chunk,
            read: 0,
            size,
        };
        let mut buf = Vec::new();
        s.read_chunk(path, first, &mut buf)?;
        s.first = buf;
        if let Some(h) = &mut s.hasher {
            h.update(&s.first);
            s.hashed += s.first.len() as u64;
        }
        // (The first chunk's text is checked as UTF-8 by `head_text`, the rest cell by cell.)
        let plain_utf8 = !s.first.starts_with(b"\xFF\xFE")
            && !s.first.starts_with(b"\xFE\xFF")
            && !s.first.contains(&0)
            && !super::spss::is_sav(&s.first);
        Ok(plain_utf8.then_some(s))
    }

    /// Reads the next `chunk` bytes into `buf` (emptied first; its memory reused: a fresh
    /// 64 MB buffer per chunk cost as much in page faults as the parsing of its rows' ticks).
    fn read_chunk(&mut self, path: &Path, chunk: usize, buf: &mut Vec<u8>) -> Result<()> {
        buf.clear();
        // Room for the whole chunk and the probe past it: read_to_end never reallocates.
        buf.reserve(chunk + 64);
        (&mut self.file)
            .take(chunk as u64)
            .read_to_end(buf)
            .map_err(|e| Error::io(path, e))?;
        self.eof = buf.len() < chunk;
        self.read += buf.len() as u64;
        crate::progress::share("reading", self.read, self.size);
        Ok(())
    }

    /// The hex SHA-256 of the whole file (once every chunk is read) and the number of bytes it
    /// is of; empty and 0 when not hashed.
    pub fn sha256(self) -> (String, u64) {
        let Some(h) = self.hasher else {
            return (String::new(), 0);
        };
        let hex = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        (hex, self.hashed)
    }
}

/// The first chunk's text up to its last complete line, for the header rows.
pub(crate) fn head_text(first: &[u8]) -> Option<&str> {
    let end = memchr::memrchr(b'\n', first).map_or(first.len(), |i| i + 1);
    let text = std::str::from_utf8(&first[..end]).ok()?;
    Some(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Whether the head text is the whole file.
pub(crate) fn whole_file(text: &str, stream: &Stream) -> bool {
    stream.eof && stream.first.len() == text.len() + bom(&stream.first)
}

fn bom(b: &[u8]) -> usize {
    if b.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    }
}

/// The rows after the header, streamed: `start` is where they begin in the first chunk (of the
/// text from [`head_text`], whose offset in the chunk is `skip`).
pub(crate) fn data(
    stream: &RefCell<Option<Stream>>,
    start: usize,
    sep: u8,
    width: usize,
    path: &Path,
) -> Result<std::result::Result<Cells, FallBack>> {
    let _s = crate::progress::step("read: data rows parsed and hashed");
    let mut guard = stream.borrow_mut();
    let Some(st) = guard.as_mut() else {
        return Ok(Err(FallBack));
    };
    let mut cols: Vec<ColumnBuilder> = (0..width).map(|_| ColumnBuilder::default()).collect();
    let mut rows = 0;
    let mut lines_before = count_lines(&st.first[..start]);
    let mut buf: Vec<u8> = std::mem::take(&mut st.first);
    buf.drain(..start);
    // `next`: the chunk after `buf`, read but not yet hashed; empty at the end of the file.
    // `spare`: where the chunk after it is read (the buffers take turns).
    let (mut next, mut spare) = (Vec::new(), Vec::new());
    if !st.eof {
        let chunk = st.chunk;
        st.read_chunk(path, chunk, &mut next)?;
    }
    loop {
        let last = next.is_empty();
        // Up to the last line end (a cut the parser can check), or everything at the end.
        let upto = if last {
            buf.len()
        } else {
            memchr::memrchr(b'\n', &buf).map_or(0, |i| i + 1)
        };
        // Each cell is checked as UTF-8 as it is parsed (a bad byte: read whole, as is a NUL,
        // which the whole read refuses).
        if memchr::memchr(0, &buf[..upto]).is_some() {
            return Ok(Err(FallBack));
        }
        // While the rows are parsed: hash the next chunk, and read the one after it.
        let split = (2 * rayon::current_num_threads(), 1 << 22);
        let (parsed, following) = rayon::join(
            || parse_region(&buf[..upto], 0, last, sep, width, split),
            || -> Result<()> {
                if let Some(h) = &mut st.hasher {
                    h.update(&next);
                    st.hashed += next.len() as u64;
                }
                spare.clear();
                match st.eof {
                    true => Ok(()),
                    false => {
                        let chunk = st.chunk;
                        st.read_chunk(path, chunk, &mut spare)
                    }
                }
            },
        );
        let region: Region = match parsed {
            Ok(r) => r,
            Err(r) if r.not_utf8 => return Ok(Err(FallBack)),
            Err(r) => {
                let line = lines_before + count_lines(&buf[..skip_line_ends(&buf, r.offset)]) + 1;
                return Err(Error::input(path, r.message(line, width)));
            }
        };
        for (a, b) in cols.iter_mut().zip(region.cols) {
            a.append(b);
        }
        rows += region.rows;
        if last {
            break;
        }
        lines_before += count_lines(&buf[..region.end]);
        buf.drain(..region.end);
        buf.extend_from_slice(&next);
        following?;
        std::mem::swap(&mut next, &mut spare);
    }
    Ok(Ok(Cells {
        rows,
        columns: cols.into_iter().map(ColumnBuilder::finish).collect(),
    }))
}

fn count_lines(b: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', b).count()
}

/// Past the line ends at `offset` (a row's reported start can be the end of the line before).
fn skip_line_ends(b: &[u8], offset: usize) -> usize {
    let mut end = offset.min(b.len());
    while end < b.len() && matches!(b[end], b'\r' | b'\n') {
        end += 1;
    }
    end
}
