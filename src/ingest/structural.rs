//! The structural bytes of delimited text — separators and line ends outside quoted cells —
//! found 64 bytes at a time, as simdjson and simd-csv find theirs: one vector comparison per
//! byte kind marks a block's separators, line ends and quotes as bits of a word; a prefix XOR
//! of the quote bits marks the quoted stretches, whose separators and line ends are text.
//! Each structural byte comes with whether a quote lies between it and the one before it, so
//! the reader can tell a bare cell from a quoted one and check the quotes where there are any.
//! (A flag, not a count: x86-64's baseline has no popcount instruction, and counting bits by
//! hand per cell cost more than the searches this index replaces.)
//!
//! The bits say where quotes *pair*; a quote inside a bare cell (text to csv_core) pairs with
//! the next one all the same, so a reader must check every cell whose count is not 0 and give
//! up on the row where they do not sit as csv_core reads them (see [`super::scan`]).

/// Structural bytes of `text[from..]`, in order.
pub(super) struct Structurals<'t> {
    text: &'t [u8],
    sep: u8,
    /// Offset of the current block.
    base: usize,
    /// The current block's structural bits not yet given out.
    bits: u64,
    /// The current block's quote bits not yet passed.
    quotes: u64,
    /// All ones when the block before ended inside quotes.
    inside: u64,
    /// A quote passed since the last structural byte.
    quoted: bool,
}

impl<'t> Structurals<'t> {
    /// From `from`, which must lie outside quotes (a row's start).
    pub fn new(text: &'t [u8], from: usize, sep: u8) -> Self {
        let mut s = Structurals {
            text,
            sep,
            base: from,
            bits: 0,
            quotes: 0,
            inside: 0,
            quoted: false,
        };
        if from < text.len() {
            s.load();
        }
        s
    }

    /// The next structural byte's offset, and whether a quote lies between it and the one
    /// before (or the start); None at the end of the text.
    #[inline]
    pub fn next(&mut self) -> Option<(usize, bool)> {
        loop {
            if self.bits != 0 {
                let i = self.bits.trailing_zeros();
                let below = (1u64 << i) - 1;
                let quoted = self.quoted || self.quotes & below != 0;
                self.quotes &= !below;
                self.bits &= self.bits - 1;
                self.quoted = false;
                return Some((self.base + i as usize, quoted));
            }
            self.quoted |= self.quotes != 0;
            self.base += 64;
            if self.base >= self.text.len() {
                return None;
            }
            self.load();
        }
    }

    /// The block at `base`: its structural and quote bits.
    fn load(&mut self) {
        let rest = &self.text[self.base..];
        let m = match rest.first_chunk::<64>() {
            Some(block) => masks(block, self.sep),
            None => {
                let mut block = [0u8; 64];
                block[..rest.len()].copy_from_slice(rest);
                let valid = (1u64 << rest.len()) - 1;
                let m = masks(&block, self.sep);
                Masks {
                    ends: m.ends & valid,
                    quotes: m.quotes & valid,
                }
            }
        };
        let quoted = prefix_xor(m.quotes) ^ self.inside;
        self.inside = ((quoted as i64) >> 63) as u64;
        self.bits = m.ends & !quoted;
        self.quotes = m.quotes;
    }
}

/// A block's separators and line ends (`ends`) and its quotes, one bit per byte.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
struct Masks {
    ends: u64,
    quotes: u64,
}

/// Bit k set when an odd number of bits at or below k are set in `x`: the bytes from an
/// opening quote up to (not including) its closing one.
fn prefix_xor(mut x: u64) -> u64 {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    x
}

#[cfg(target_arch = "x86_64")]
fn masks(block: &[u8; 64], sep: u8) -> Masks {
    use std::arch::x86_64::*;
    // SSE2 is part of x86_64: four 16-byte lanes, four comparisons each.
    // SAFETY: SSE2 is always present on x86_64; every load reads 16 bytes inside `block`.
    unsafe {
        let (s, n, r, q) = (
            _mm_set1_epi8(sep as i8),
            _mm_set1_epi8(b'\n' as i8),
            _mm_set1_epi8(b'\r' as i8),
            _mm_set1_epi8(b'"' as i8),
        );
        let (mut ends, mut quotes) = (0u64, 0u64);
        for lane in 0..4 {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * lane) as *const __m128i);
            let e = _mm_or_si128(
                _mm_cmpeq_epi8(v, s),
                _mm_or_si128(_mm_cmpeq_epi8(v, n), _mm_cmpeq_epi8(v, r)),
            );
            ends |= (_mm_movemask_epi8(e) as u16 as u64) << (16 * lane);
            quotes |= (_mm_movemask_epi8(_mm_cmpeq_epi8(v, q)) as u16 as u64) << (16 * lane);
        }
        Masks { ends, quotes }
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn masks(block: &[u8; 64], sep: u8) -> Masks {
    masks_bytewise(block, sep)
}

/// [`masks`] a byte at a time (other architectures; the check of the vector one).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn masks_bytewise(block: &[u8; 64], sep: u8) -> Masks {
    let (mut ends, mut quotes) = (0u64, 0u64);
    for (k, &c) in block.iter().enumerate() {
        ends |= u64::from(c == sep || c == b'\n' || c == b'\r') << k;
        quotes |= u64::from(c == b'"') << k;
    }
    Masks { ends, quotes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vector_masks_are_the_bytewise_ones() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for case in 0..20_000 {
            let mut block = [0u8; 64];
            for b in block.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *b = b"a,;\"\n\r\xff\x00"[(x % 8) as usize];
            }
            let sep = if case % 2 == 0 { b',' } else { b';' };
            assert_eq!(masks(&block, sep), masks_bytewise(&block, sep));
        }
    }

    /// Offsets and quotes, by hand.
    #[test]
    fn structural_bytes_outside_quotes() {
        let text = b"a,\"b,c\",\"\"\"d\"\"\"\r\n,x";
        let mut s = Structurals::new(text, 0, b',');
        let all: Vec<_> = std::iter::from_fn(|| s.next()).collect();
        let (t, f) = (true, false);
        assert_eq!(all, vec![(1, f), (7, t), (15, t), (16, f), (17, f)]);
        // Across blocks: a quoted cell from byte 60 to 130 hides its separators.
        let mut long = vec![b'x'; 200];
        long[60] = b'"';
        long[100] = b',';
        long[130] = b'"';
        long[131] = b',';
        long[190] = b'\n';
        let mut s = Structurals::new(&long, 0, b',');
        assert_eq!(s.next(), Some((131, true)));
        assert_eq!(s.next(), Some((190, false)));
        assert_eq!(s.next(), None);
        // From the middle of the text, and a last block shorter than 64 bytes.
        let mut s = Structurals::new(&long, 150, b',');
        assert_eq!(s.next(), Some((190, false)));
        assert_eq!(s.next(), None);
    }
}
