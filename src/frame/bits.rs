//! One `bool` per row ↔ one bit per row, eight rows at a time: the tidy frame's boolean columns
//! are bitmaps, the masks the statistics read are `bool`s. Bit by bit (polars' iterators) each
//! row cost several instructions; a byte of bits is eight rows.

use polars_arrow::bitmap::Bitmap;

/// The bits of `a[i] && b[i]` (`b` all true when None), least significant first.
pub fn pack(a: &[bool], b: Option<&[bool]>) -> Bitmap {
    debug_assert!(b.is_none_or(|b| b.len() == a.len()));
    let (a, b) = (as_bytes(a), as_bytes(b.unwrap_or(a)));
    // Byte i of a word is 0 or 1: gathered into bit i of the top byte.
    let gather = |x: u64| (x.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8;
    // (A last, partial word, padded with zeros.)
    let word = |s: &[u8]| {
        let mut x = [0u8; 8];
        x[..s.len()].copy_from_slice(s);
        u64::from_le_bytes(x)
    };
    let (wa, wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (wa.remainder(), wb.remainder());
    let whole = |s: &[u8]| u64::from_le_bytes(s.try_into().expect("eight bytes"));
    let mut bytes: Vec<u8> = (wa.zip(wb))
        .map(|(x, y)| gather(whole(x) & whole(y)))
        .collect();
    if !ra.is_empty() {
        bytes.push(gather(word(ra) & word(rb)));
    }
    Bitmap::from_u8_vec(bytes, a.len())
}

/// `bool`s as the bytes they are (0 or 1).
fn as_bytes(s: &[bool]) -> &[u8] {
    // SAFETY: a `bool` is one byte, 0 or 1, and any byte is a valid `u8`; same length and
    // lifetime as `s`.
    unsafe { std::slice::from_raw_parts(s.as_ptr().cast::<u8>(), s.len()) }
}

/// Each bit of `bits` as a `bool`, appended to `out`.
pub fn unpack(bits: &Bitmap, out: &mut Vec<bool>) {
    let (bytes, offset, len) = bits.as_slice();
    if offset != 0 {
        out.extend(bits.iter());
        return;
    }
    out.reserve(len);
    let whole = len / 8;
    for &byte in &bytes[..whole] {
        out.extend_from_slice(&BOOLS[byte as usize]);
    }
    if len % 8 > 0 {
        out.extend_from_slice(&BOOLS[bytes[whole] as usize][..len % 8]);
    }
}

/// Each row of a boolean column as 0 (no answer), 1 (false) or 2 (true), its values and
/// validity read eight rows at a time (as the tidy CSV and .sav write a flag).
pub fn states(ca: &polars::prelude::BooleanChunked) -> Vec<u8> {
    let mut out = Vec::with_capacity(ca.len());
    let (mut values, mut valid) = (Vec::new(), Vec::new());
    for arr in ca.downcast_iter() {
        values.clear();
        unpack(arr.values(), &mut values);
        valid.clear();
        match arr.validity() {
            Some(v) => unpack(v, &mut valid),
            None => valid.resize(values.len(), true),
        }
        out.extend((values.iter().zip(&valid)).map(|(&v, &ok)| ok as u8 * (1 + v as u8)));
    }
    out
}

/// Each byte's eight bits as `bool`s, least significant first.
static BOOLS: [[bool; 8]; 256] = {
    let mut t = [[false; 8]; 256];
    let mut b = 0;
    while b < 256 {
        let mut i = 0;
        while i < 8 {
            t[b][i] = (b >> i) & 1 == 1;
            i += 1;
        }
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::{BooleanChunked, NamedFrom};

    #[test]
    fn packs_and_unpacks_as_polars_bit_by_bit_at_every_length() {
        let mut x: u64 = 5;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % 3 > 0
        };
        for n in [0, 1, 7, 8, 9, 63, 64, 65, 1000] {
            let a: Vec<bool> = (0..n).map(|_| next()).collect();
            let b: Vec<bool> = (0..n).map(|_| next()).collect();
            let both: Vec<bool> = a.iter().zip(&b).map(|(&a, &b)| a && b).collect();
            // Bit by bit, as polars collects them.
            assert_eq!(pack(&a, None), a.iter().copied().collect::<Bitmap>(), "{n}");
            assert_eq!(pack(&a, Some(&b)), both.iter().copied().collect::<Bitmap>());
            let mut out = vec![true];
            unpack(&pack(&a, None), &mut out);
            assert_eq!(out[1..], a[..], "{n}");
            // As states: null 0, false 1, true 2, across two chunks, nulls where `b` is false.
            let opts: Vec<Option<bool>> =
                (a.iter().zip(&b)).map(|(&a, &b)| b.then_some(a)).collect();
            let mut ca = BooleanChunked::new("s".into(), &opts[..n / 2]);
            ca.append(&BooleanChunked::new("s".into(), &opts[n / 2..]))
                .unwrap();
            let want: Vec<u8> = opts.iter().map(|o| o.map_or(0, |v| 1 + v as u8)).collect();
            assert_eq!(states(&ca), want, "{n}");
            // A sliced bitmap (an offset) reads the same bits.
            if n > 3 {
                let sliced = pack(&a, None).sliced(3, n - 3);
                let mut out = Vec::new();
                unpack(&sliced, &mut out);
                assert_eq!(out, a[3..]);
            }
        }
    }
}
