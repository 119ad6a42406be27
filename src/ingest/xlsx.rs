//! XLSX exports (KoboToolbox, LimeSurvey, Excel re-saves): the first sheet as text records, so
//! every platform reader accepts XLSX as well as CSV. Whole-number cells become integers ("1",
//! not "1.0"); Excel dates become "YYYY-MM-DD HH:MM:SS".

use crate::error::{Error, Result};
use calamine::{Data, Reader as _};
use std::io::Cursor;
use std::path::Path;

/// Whether the bytes are a ZIP container (XLSX).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => {
            // Excel serial days since 1899-12-30.
            let serial = dt.as_f64();
            let days = serial.floor() as i64 + crate::dates::days_from_civil(1899, 12, 30);
            let secs = ((serial - serial.floor()) * 86_400.0).round() as i64;
            crate::dates::iso_datetime(days * 86_400 + secs)
        }
    }
}

fn range_records(range: &calamine::Range<Data>) -> Vec<csv::StringRecord> {
    let (_, c0) = range.start().unwrap_or((0, 0));
    range
        .rows()
        .map(|row| {
            let mut fields: Vec<String> = vec![String::new(); c0 as usize];
            fields.extend(row.iter().map(cell_text));
            csv::StringRecord::from(fields)
        })
        .collect()
}

fn open(bytes: &[u8], path: &Path) -> Result<calamine::Sheets<Cursor<Vec<u8>>>> {
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| Error::input(path, format!("not a readable XLSX workbook: {e}")))
}

/// Every sheet's rows, by sheet name, in workbook order (XLSForm: survey, choices, settings).
pub fn sheets(bytes: &[u8], path: &Path) -> Result<Vec<(String, Vec<csv::StringRecord>)>> {
    let mut wb = open(bytes, path)?;
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| Error::input(path, format!("sheet {name:?} unreadable: {e}")))?;
        out.push((name, range_records(&range)));
    }
    Ok(out)
}

/// The first sheet's rows as records.
pub fn records(bytes: &[u8], path: &Path) -> Result<Vec<csv::StringRecord>> {
    let mut wb = open(bytes, path)?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| Error::input(path, "the workbook has no sheets"))?
        .map_err(|e| Error::input(path, format!("first sheet unreadable: {e}")))?;
    let out = range_records(&range);
    if out.is_empty() {
        return Err(Error::input(path, "the first sheet is empty"));
    }
    Ok(out)
}
