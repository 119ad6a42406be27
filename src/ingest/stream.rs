//! A large UTF-8 export read chunk by chunk, so the file is never held whole beside its cells:
//! each chunk is hashed on one core while the rows before it are parsed (on all cores), and only
//! an unfinished last row is carried into the next chunk. Anything unusual (another encoding, a
//! byte-order mark other than UTF-8's, NUL bytes, an invalid byte, header rows longer than a
//! chunk) falls back to reading the whole file as before, so both paths give the same cells.

use super::builder::ColumnBuilder;
use super::cells::Cells;
use super::region::{parse_region, Region};
use crate::error::{Error, Result};
use rayon::prelude::*;
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
        s.read_chunk(path, first, 0, &mut buf)?;
        s.first = buf;
        // (The first chunk is hashed by `data`, beside the parse of its rows.)
        // (The first chunk's text is checked as UTF-8 by `head_text`, the rest cell by cell.)
        let plain_utf8 = !s.first.starts_with(b"\xFF\xFE")
            && !s.first.starts_with(b"\xFE\xFF")
            && memchr::memchr(0, &s.first).is_none()
            && !super::spss::is_sav(&s.first);
        Ok(plain_utf8.then_some(s))
    }

    /// Reads the next `chunk` bytes into `buf` (emptied first; its memory reused: a fresh
    /// 64 MB buffer per chunk cost as much in page faults as the parsing of its rows' ticks).
    /// `room`: zero bytes left before the chunk's.
    fn read_chunk(
        &mut self,
        path: &Path,
        chunk: usize,
        room: usize,
        buf: &mut Vec<u8>,
    ) -> Result<()> {
        buf.clear();
        // Room for the whole chunk and the probe past it: read_to_end never reallocates.
        buf.reserve(room + chunk + 64);
        buf.resize(room, 0);
        (&mut self.file)
            .take(chunk as u64)
            .read_to_end(buf)
            .map_err(|e| Error::io(path, e))?;
        let got = buf.len() - room;
        self.eof = got < chunk;
        self.read += got as u64;
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

/// Room left before each chunk read (at most its size), for the unfinished row carried into it
/// from the chunk before (a longer one is copied with the chunk).
const ROOM: usize = 1 << 20;

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
    // `buf[at..]`: the rows being parsed. `next`: the chunk after them (after `room_max` bytes), read
    // but not yet hashed; no more than those bytes at the end of the file. `spare`: where the
    // chunk after that is read (the three buffers take turns).
    let (mut buf, mut at) = (std::mem::take(&mut st.first), start);
    // (Each cell is checked as UTF-8 as it is parsed; a bad byte, or a NUL, which the whole
    // read refuses: read whole.)
    if memchr::memchr(0, &buf[at..]).is_some() {
        return Ok(Err(FallBack));
    }
    let (mut next, mut spare) = (Vec::new(), Vec::new());
    let room_max = ROOM.min(st.chunk);
    if !st.eof {
        let chunk = st.chunk;
        st.read_chunk(path, chunk, room_max, &mut next)?;
    }
    for first in std::iter::once(true).chain(std::iter::repeat(false)) {
        let body = &buf[at..];
        let last = next.len() <= room_max;
        // Up to the last line end (a cut the parser can check), or everything at the end.
        let upto = match last {
            true => body.len(),
            false => memchr::memrchr(b'\n', body).map_or(0, |i| i + 1),
        };
        // While the rows are parsed: count their lines, hash and check the next chunk, and
        // read the one after it.
        let split = (2 * rayon::current_num_threads(), 1 << 22);
        let (parsed, following) = rayon::join(
            || parse_region(&body[..upto], 0, last, sep, width, split),
            || -> Result<(usize, bool)> {
                let lines = count_lines(&body[..upto]);
                let data = &next[room_max.min(next.len())..];
                if let Some(h) = &mut st.hasher {
                    if first {
                        h.update(&buf);
                        st.hashed += buf.len() as u64;
                    }
                    h.update(data);
                    st.hashed += data.len() as u64;
                }
                let nul = memchr::memchr(0, data).is_some();
                if !st.eof {
                    let chunk = st.chunk;
                    st.read_chunk(path, chunk, room_max, &mut spare)?;
                } else {
                    spare.clear();
                }
                Ok((lines, nul))
            },
        );
        let region: Region = match parsed {
            Ok(r) => r,
            Err(r) if r.not_utf8 => return Ok(Err(FallBack)),
            Err(r) => {
                let line = lines_before + count_lines(&body[..skip_line_ends(body, r.offset)]) + 1;
                return Err(Error::input(path, r.message(line, width)));
            }
        };
        cols.par_iter_mut()
            .zip(region.cols)
            .for_each(|(a, b)| a.append(b));
        rows += region.rows;
        if last {
            break;
        }
        let (lines, nul) = following?;
        if nul {
            return Ok(Err(FallBack));
        }
        lines_before += lines - count_lines(&body[region.end..upto]);
        // The unfinished row goes before the next chunk's bytes.
        let tail = &body[region.end..];
        let room = room_max - tail.len().min(room_max);
        if tail.len() <= room_max {
            next[room..room_max].copy_from_slice(tail);
        } else {
            let mut joined = Vec::with_capacity(tail.len() + next.len() - room_max);
            joined.extend_from_slice(tail);
            joined.extend_from_slice(&next[room_max..]);
            next = joined;
        }
        let used = std::mem::replace(&mut buf, std::mem::take(&mut next));
        at = room;
        next = std::mem::replace(&mut spare, used);
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
