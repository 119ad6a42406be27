//! An export's bytes decoded and parsed: as records (readers that rewrite cells row by row),
//! or as header rows and cell columns ([`with_table`]).

use super::{columnar, decode, xlsx};
use crate::error::{Error, Result};
use std::path::Path;

/// Decodes an export and parses it as delimited text (separator detected from the header line;
/// CRLF or LF; newlines inside quoted cells). Ragged rows are an error naming their line.
pub fn read_records(bytes: &[u8], path: &Path) -> Result<(Vec<csv::StringRecord>, Vec<String>)> {
    read_records_and_text(bytes, path).map(|(records, warnings, _)| (records, warnings))
}

/// As [`read_records`], also giving the decoded text of a CSV (None for XLSX), for readers
/// that look at more than the cells (LimeSurvey's quoted vs bare empty fields).
pub fn read_records_and_text<'a>(
    bytes: &'a [u8],
    path: &Path,
) -> Result<(
    Vec<csv::StringRecord>,
    Vec<String>,
    Option<std::borrow::Cow<'a, str>>,
)> {
    if xlsx::is_xlsx(bytes) {
        let records = xlsx::records(bytes, path)?;
        if records.is_empty() {
            return Err(Error::input(path, "the workbook's first sheet is empty"));
        }
        return Ok((records, Vec::new(), None));
    }
    let decoded = decode::decode(bytes, path)?;
    let text: &str = &decoded.text;
    if text.trim().is_empty() {
        return Err(Error::input(path, "the file is empty"));
    }
    let sep = decode::detect_separator(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for rec in rdr.records() {
        records.push(rec.map_err(|e| csv_error(path, e, text))?);
    }
    // A file cut off inside a quoted cell: csv reads the rest as that cell; refuse it.
    if let Some(start) = records
        .last()
        .and_then(|r| r.position())
        .map(|p| p.byte() as usize)
    {
        let b = text.as_bytes();
        if start < b.len() && super::region::ends_inside_quotes(&b[start..], sep) {
            let line = b[..start].iter().filter(|&&c| c == b'\n').count() + 1;
            let r = super::region::Ragged {
                offset: start,
                fields: 0,
                not_utf8: false,
                cut: true,
            };
            return Err(Error::input(path, r.message(line, 0)));
        }
    }
    // Readers index the header row: no records (only byte-order marks, found by fuzzing) is
    // an empty file.
    if records.is_empty() {
        return Err(Error::input(path, "the file is empty"));
    }
    Ok((
        records,
        decoded.warning.into_iter().collect(),
        Some(decoded.text),
    ))
}

/// The csv crate's own line counter is off by one on CRLF files: count newlines up to the
/// record's byte offset instead.
fn csv_error(path: &Path, e: csv::Error, text: &str) -> Error {
    let line = e.position().map(|p| {
        let mut end = (p.byte() as usize).min(text.len());
        // With CRLF the record's offset can point at the '\n' of the previous terminator.
        while end < text.len() && matches!(text.as_bytes()[end], b'\r' | b'\n') {
            end += 1;
        }
        text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    });
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "row has {len} fields where the header has {expected_len} (a cut or malformed row)"
        ),
        _ => format!("malformed CSV: {e}"),
    };
    match line {
        Some(l) => Error::input(path, format!("line {l}: {message}")),
        None => Error::input(path, message),
    }
}

/// Decodes an export and hands its first rows (and the rest on demand, as cells) to `f`, with
/// the decoder's warnings. An XLSX workbook's first sheet is read the same way.
pub fn with_table<T>(
    bytes: &[u8],
    path: &Path,
    f: impl FnOnce(&columnar::Table, Vec<String>) -> Result<T>,
) -> Result<T> {
    if xlsx::is_xlsx(bytes) {
        let records = xlsx::records(bytes, path)?;
        if records.is_empty() {
            return Err(Error::input(path, "the workbook's first sheet is empty"));
        }
        return f(&columnar::Table::from_records(records), Vec::new());
    }
    let decoded = decode::decode(bytes, path)?;
    let text: &str = &decoded.text;
    if text.trim().is_empty() {
        return Err(Error::input(path, "the file is empty"));
    }
    let table = columnar::Table::head(text, decode::detect_separator(text), path)?;
    // Readers index the header row: no records (only byte-order marks) is an empty file.
    if table.head.is_empty() {
        return Err(Error::input(path, "the file is empty"));
    }
    f(&table, decoded.warning.into_iter().collect())
}
