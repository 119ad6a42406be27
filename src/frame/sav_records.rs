//! Walking the dictionary records of a .sav file (the layout PSPP documents in "System File
//! Format") to mend two extension records `ambers`' writer gets wrong, both found by PSPP
//! reading `responses.sav`:
//! - it repeats every multiple-response set in record 7.19 (SPSS and PSPP keep it for extended
//!   dichotomy sets only); PSPP reads that copy before the long variable names and warns
//!   "MRSET … has no variables" on every file: the record is dropped;
//! - it names long string variables by their short names in the long-string missing-values
//!   record 7.22, which readers look up by long name ("Ignoring long string missing value
//!   record for unknown variable"): the names are replaced by the long ones of record 7.13.

/// The bytes of a .sav file with records 7.19 dropped and 7.22 naming variables by their long
/// names; the file unchanged when its dictionary cannot be walked to its end (type 999).
#[cfg(test)]
pub(super) fn mend(bytes: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    match mend_into(&bytes, &mut out) {
        Ok(()) => out,
        Err(_) => bytes,
    }
}

/// [`mend`], written to `w` piece by piece: the dictionary as mended, then the data records as
/// they are (a million respondents' data is not copied again).
pub(super) fn mend_into(bytes: &[u8], w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let Some(records) = records(bytes) else {
        return w.write_all(bytes);
    };
    let long_names = (records.iter())
        .find(|r| r.subtype == Some(13))
        .map(|r| long_names(&bytes[r.start + 16..r.end]))
        .unwrap_or_default();
    let mut at = 0;
    for r in &records {
        match r.subtype {
            Some(19) => {}
            Some(22) => match renamed_missing(&bytes[r.start + 16..r.end], &long_names) {
                Some(payload) => {
                    w.write_all(&bytes[at..r.start + 8])?;
                    w.write_all(&1i32.to_le_bytes())?;
                    w.write_all(&(payload.len() as i32).to_le_bytes())?;
                    w.write_all(&payload)?;
                }
                None => w.write_all(&bytes[at..r.end])?,
            },
            _ => w.write_all(&bytes[at..r.end])?,
        }
        at = r.end;
    }
    w.write_all(&bytes[at..])
}

/// Record 7.13's payload: `SHORT=long` pairs separated by tabs, as short → long.
fn long_names(payload: &[u8]) -> std::collections::HashMap<Vec<u8>, Vec<u8>> {
    (payload.split(|&c| c == b'\t'))
        .filter_map(|pair| {
            let eq = pair.iter().position(|&c| c == b'=')?;
            Some((pair[..eq].to_vec(), pair[eq + 1..].to_vec()))
        })
        .collect()
}

/// Record 7.22's payload with each variable named by its long name: per variable a
/// length-prefixed name, a count of values, a value length and the values.
fn renamed_missing(
    payload: &[u8],
    long: &std::collections::HashMap<Vec<u8>, Vec<u8>>,
) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(payload.len() * 2);
    let mut at = 0;
    while at < payload.len() {
        let len = len_at(payload, at)?;
        let name = payload.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        let n = *payload.get(at)? as usize;
        let width = len_at(payload, at + 1)?;
        let values = payload.get(at..at + 5 + n.checked_mul(width)?)?;
        at += values.len();
        let name = long.get(name).map(Vec::as_slice).unwrap_or(name);
        out.extend_from_slice(&(name.len() as i32).to_le_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(values);
    }
    Some(out)
}

/// One record of the dictionary: its byte span, and its subtype when it is an extension (7).
struct Record {
    start: usize,
    end: usize,
    subtype: Option<i32>,
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

/// The dictionary's records after the file header, walking it record by record to its end.
fn records(b: &[u8]) -> Option<Vec<Record>> {
    let mut at = HEADER;
    let mut records = Vec::new();
    loop {
        let start = at;
        let kind = i32_at(b, at)?;
        at += 4;
        let mut subtype = None;
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
                subtype = Some(sub);
            }
            999 => return (at + 4 <= b.len()).then_some(records),
            _ => return None,
        }
        if at > b.len() {
            return None;
        }
        records.push(Record {
            start,
            end: at,
            subtype,
        });
    }
}
