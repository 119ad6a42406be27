//! Walking the dictionary records of a .sav file (the layout PSPP documents in "System File
//! Format"), to take out an extension record the writer should not have written: `ambers`
//! repeats every multiple-response set in record 7.19, which SPSS and PSPP keep for extended
//! dichotomy sets only; PSPP reads that copy before the long variable names and warns
//! "MRSET … has no variables" on every file.

/// The bytes of a .sav file without its extension records (type 7) of `subtype`; the file
/// unchanged when its dictionary cannot be walked to its end (type 999).
pub(super) fn without_extension(bytes: Vec<u8>, subtype: i32) -> Vec<u8> {
    match extension_spans(&bytes, subtype) {
        Some(spans) if !spans.is_empty() => {
            let mut out = Vec::with_capacity(bytes.len());
            let mut at = 0;
            for (start, end) in spans {
                out.extend_from_slice(&bytes[at..start]);
                at = end;
            }
            out.extend_from_slice(&bytes[at..]);
            out
        }
        _ => bytes,
    }
}

/// The file header's length: magic, product, layout code … file label, padding.
const HEADER: usize = 176;

fn i32_at(b: &[u8], at: usize) -> Option<i32> {
    Some(i32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// A count or size read from the file, as a length (negative: the walk stops).
fn len_at(b: &[u8], at: usize) -> Option<usize> {
    usize::try_from(i32_at(b, at)?).ok()
}

/// The byte spans of the type-7 records of `subtype`, walking the dictionary record by record.
fn extension_spans(b: &[u8], subtype: i32) -> Option<Vec<(usize, usize)>> {
    let mut at = HEADER;
    let mut spans = Vec::new();
    loop {
        let start = at;
        let kind = i32_at(b, at)?;
        at += 4;
        match kind {
            // Variable: type, has_label, n_missing, print, write, name[8]; label; missing values.
            2 => {
                let has_label = i32_at(b, at + 4)?;
                let n_missing = i32_at(b, at + 8)?.unsigned_abs() as usize;
                at += 28;
                if has_label == 1 {
                    let len = len_at(b, at)?;
                    at += 4 + len.div_ceil(4) * 4;
                }
                at += 8 * n_missing;
            }
            // Value labels: count, then per label an 8-byte value and a length-prefixed label
            // padded to a multiple of 8 (with its length byte).
            3 => {
                let count = len_at(b, at)?;
                at += 4;
                for _ in 0..count {
                    let len = *b.get(at + 8)? as usize;
                    at += 8 + (len + 1).div_ceil(8) * 8;
                }
            }
            // The variables the labels before it belong to.
            4 => at += 4 + 4 * len_at(b, at)?,
            // Documents: lines of 80 bytes.
            6 => at += 4 + 80 * len_at(b, at)?,
            7 => {
                let sub = i32_at(b, at)?;
                let size = len_at(b, at + 4)?;
                let count = len_at(b, at + 8)?;
                at += 12 + size.checked_mul(count)?;
                if sub == subtype {
                    spans.push((start, at));
                }
            }
            999 => return (at + 4 <= b.len()).then_some(spans),
            _ => return None,
        }
        if at > b.len() {
            return None;
        }
    }
}
