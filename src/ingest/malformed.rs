//! `[survey] malformed_rows = "exclude"`: rows whose number of cells differs from the header's
//! (a file cut off mid-row, a stray separator) are left out and counted instead of refusing the
//! file. Each such row's text is replaced by an empty row of the right width (its line ends
//! kept, so every later line keeps its number), the export is read as usual, and the row is then
//! excluded with its reason.

use super::{decode, RawExport};
use crate::error::Result;
use csv_core::ReadRecordResult;
use std::path::Path;

/// A malformed row: its record index (header rows included), line and number of cells.
struct Bad {
    record: usize,
    line: usize,
    cells: usize,
}

/// The text with each malformed row replaced, and the rows; None when every row is well formed.
fn repair(text: &str, sep: u8) -> Option<(String, Vec<Bad>, usize)> {
    let b = text.as_bytes();
    let mut rdr = super::region::CoreReader::new(sep);
    let (mut out, mut ends) = (vec![0u8; 1 << 16], vec![0usize; 64]);
    let (mut pos, mut start, mut nout, mut nend) = (0usize, 0usize, 0usize, 0usize);
    let mut spans: Vec<(usize, usize, usize)> = Vec::new(); // start, end, cells
    loop {
        let (res, nin, no, ne) =
            rdr.get()
                .read_record(&b[pos..], &mut out[nout..], &mut ends[nend..]);
        pos += nin;
        nout += no;
        nend += ne;
        match res {
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
            ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            ReadRecordResult::Record => {
                // The record starts past the blank lines csv_core skipped.
                while start < pos && matches!(b[start], b'\r' | b'\n') {
                    start += 1;
                }
                spans.push((start, pos, nend));
                (start, nout, nend) = (pos, 0, 0);
            }
            ReadRecordResult::End => break,
        }
    }
    let width = spans.first()?.2;
    // The last row, cut off inside a quoted cell, is malformed whatever its number of cells.
    let cut = spans
        .last()
        .is_some_and(|&(s, _, _)| super::region::ends_inside_quotes(&b[s..], sep));
    let bad: Vec<usize> = (0..spans.len())
        .filter(|&k| spans[k].2 != width || (cut && k + 1 == spans.len()))
        .collect();
    if bad.is_empty() {
        return None;
    }
    let mut fixed = String::with_capacity(text.len());
    let mut at = 0;
    let mut rows = Vec::new();
    for &k in &bad {
        let (s, e, cells) = spans[k];
        fixed.push_str(&text[at..s]);
        let line = b[..s].iter().filter(|&&c| c == b'\n').count() + 1;
        fixed.extend(std::iter::repeat_n(sep as char, width.saturating_sub(1)));
        fixed.extend(text[s..e].chars().filter(|c| matches!(c, '\r' | '\n')));
        at = e;
        rows.push(Bad {
            record: k,
            line,
            cells,
        });
    }
    fixed.push_str(&text[at..]);
    Some((fixed, rows, width))
}

/// Reads `bytes` with `read`, leaving out malformed rows; None when the file has none (or they
/// are in its header rows), so the caller's error stands.
pub(crate) fn read_excluding(
    bytes: &[u8],
    path: &Path,
    read: impl FnOnce(&[u8]) -> Result<RawExport>,
) -> Result<Option<RawExport>> {
    let decoded = decode::decode(bytes, path)?;
    let sep = decode::detect_separator(&decoded.text);
    let Some((fixed, bad, width)) = repair(&decoded.text, sep) else {
        return Ok(None);
    };
    let mut raw = read(fixed.as_bytes())?;
    if bad.iter().any(|b| b.record < raw.header_rows) {
        return Ok(None);
    }
    raw.row_exclusions.resize(raw.height(), None);
    let mut lines = Vec::new();
    for b in &bad {
        let reason = match b.cells == width {
            true => "malformed row (the file ends inside one of its cells)".to_string(),
            false => format!(
                "malformed row ({} cells where the header has {width})",
                b.cells
            ),
        };
        if let Some(slot) = raw.row_exclusions.get_mut(b.record - raw.header_rows) {
            *slot = Some(reason);
        }
        lines.push(b.line.to_string());
    }
    raw.warnings.extend(decoded.warning);
    raw.warnings.push(format!(
        "{}: {} malformed row{} left out (malformed_rows = \"exclude\"), at line{} {}",
        path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned()
        ),
        bad.len(),
        if bad.len() == 1 { "" } else { "s" },
        if bad.len() == 1 { "" } else { "s" },
        lines.join(", ")
    ));
    Ok(Some(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_row_becomes_an_empty_row_on_the_same_line() {
        let text = "id,a,b\r\n1,x,y\r\n2,\"cut\r\noff\r\n3,z,w\r\n";
        // The quote never closes: from row 2 to the end is one broken row of 2 cells.
        let (fixed, bad, width) = repair(text, b',').unwrap();
        assert_eq!(width, 3);
        assert_eq!(fixed, "id,a,b\r\n1,x,y\r\n,,\r\n\r\n\r\n");
        assert_eq!(
            (bad.len(), bad[0].record, bad[0].line, bad[0].cells),
            (1, 2, 3, 2)
        );
        let text = "id,a\n1,x\n\n2\n3,y,z\n4,w\n";
        let (fixed, bad, _) = repair(text, b',').unwrap();
        assert_eq!(fixed, "id,a\n1,x\n\n,\n,\n4,w\n");
        let got: Vec<(usize, usize, usize)> =
            bad.iter().map(|b| (b.record, b.line, b.cells)).collect();
        assert_eq!(got, [(2, 4, 1), (3, 5, 3)]);
        assert!(repair("id,a\n1,x\n", b',').is_none());
    }
}
