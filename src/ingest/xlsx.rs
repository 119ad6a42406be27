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

/// A sheet's filled cells: (row, column, text), 0-based absolute positions.
type SparseCells = Vec<(u32, u32, String)>;

/// The most cells a sheet's rectangle (first filled row to last, column A to the last filled
/// column) may hold per filled cell, beyond a floor of 4 million: a stray cell at XFD1048576
/// in a 5-cell sheet would otherwise ask for 17 billion.
const MAX_SPREAD: u64 = 64;
const MIN_CELLS: u64 = 4 << 20;

/// The most filled cells a sheet may hold: 50 million (a million rows of 50 answers). Read into
/// text a cell takes about 93 bytes (5 million cells: 464 MB measured), so this bounds a sheet
/// at about 4.7 GB; a highly compressed XLSX could otherwise unpack to far more cells than the
/// machine holds. Bigger exports go through CSV, read in chunks.
const MAX_FILLED: usize = 50_000_000;

/// The filled cells of sheet `name`. XLSX and XLSB are read cell by cell (nothing dense is
/// built); .xls (at most 65,536 × 256 cells a sheet) and .ods through calamine's range.
fn sheet_cells(
    wb: &mut calamine::Sheets<Cursor<Vec<u8>>>,
    name: &str,
    path: &Path,
    max_filled: usize,
) -> Result<SparseCells> {
    let bad = |e: String| Error::input(path, format!("sheet {name:?} unreadable: {e}"));
    let full = || {
        Error::input(
            path,
            format!("sheet {name:?} holds more than {max_filled} filled cells: export it as CSV"),
        )
    };
    let mut out = Vec::new();
    // Keeps a filled cell; false once the sheet holds more than `max_filled`.
    let mut keep = |cell: calamine::Cell<calamine::DataRef>| {
        let value = Data::from(cell.get_value().clone());
        if !matches!(value, Data::Empty) {
            let (r, c) = cell.get_position();
            out.push((r, c, cell_text(&value)));
        }
        out.len() <= max_filled
    };
    // The XLSX and XLSB cell readers are different types with the same methods.
    macro_rules! each_cell {
        ($book:expr) => {{
            let mut reader = $book
                .worksheet_cells_reader(name)
                .map_err(|e| bad(e.to_string()))?;
            while let Some(cell) = reader.next_cell().map_err(|e| bad(e.to_string()))? {
                if !keep(cell) {
                    return Err(full());
                }
            }
        }};
    }
    match wb {
        calamine::Sheets::Xlsx(x) => each_cell!(x),
        calamine::Sheets::Xlsb(x) => each_cell!(x),
        calamine::Sheets::Xls(_) | calamine::Sheets::Ods(_) => {
            let range = wb.worksheet_range(name).map_err(|e| bad(e.to_string()))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, c, v) in range.used_cells() {
                out.push((r0 + r as u32, c0 + c as u32, cell_text(v)));
            }
        }
    }
    Ok(out)
}

/// The sheet's rows from its first filled row to its last, each from column A to the last
/// filled column; Err when that rectangle is out of all proportion to the filled cells.
fn dense_records(cells: SparseCells, name: &str, path: &Path) -> Result<Vec<csv::StringRecord>> {
    let Some(r0) = cells.iter().map(|c| c.0).min() else {
        return Ok(Vec::new());
    };
    let r1 = cells.iter().map(|c| c.0).max().unwrap_or(r0);
    let c0 = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let c1 = cells.iter().map(|c| c.1).max().unwrap_or(c0);
    let (rows, cols) = (u64::from(r1 - r0) + 1, u64::from(c1) + 1);
    if rows * cols > (cells.len() as u64 * MAX_SPREAD).max(MIN_CELLS) {
        let far = cells
            .iter()
            .max_by_key(|c| (u64::from(c.0) * cols + u64::from(c.1), c.0))
            .map(|c| format!("{}{}", crate::error::column_letters(c.1 as usize), c.0 + 1))
            .unwrap_or_default();
        return Err(Error::input(
            path,
            format!(
                "sheet {name:?}: its cells span {rows} rows × {cols} columns (to {far}) for {} filled cells; is a stray cell far outside the data? Delete it, or export the sheet again",
                cells.len()
            ),
        ));
    }
    let width = (c1 - c0 + 1) as usize;
    let mut grid = vec![vec![String::new(); c0 as usize + width]; rows as usize];
    for (r, c, text) in cells {
        grid[(r - r0) as usize][c as usize] = text;
    }
    Ok(grid.into_iter().map(csv::StringRecord::from).collect())
}

fn open(bytes: &[u8], path: &Path) -> Result<calamine::Sheets<Cursor<Vec<u8>>>> {
    // calamine unpacks parts and expands every ODS sheet as it opens the file: both are
    // counted first, in one pass over the parts (an ODS sheet's repeats as its XML unpacks).
    let limits = super::ods_repeats::Limits {
        spread: MAX_SPREAD,
        floor: MIN_CELLS,
        max: MAX_FILLED as u64,
    };
    super::zip_bomb::check_reading(
        bytes,
        path,
        &super::zip_bomb::WORKBOOK,
        super::ods_repeats::CONTENT,
        |xml| super::ods_repeats::check_content(xml, path, &limits),
    )?;
    let opened =
        super::guard::guarded(|| calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())));
    opened
        .map_err(|panic| damaged(path, &panic))?
        .map_err(|e| Error::input(path, format!("not a readable XLSX workbook: {e}")))
}

/// The error for a workbook whose reader gave up with a panic (a damaged file).
fn damaged(path: &Path, panic: &str) -> Error {
    Error::input(
        path,
        format!("not a readable workbook: its content is damaged (the workbook reader stopped: {panic}); open it in a spreadsheet and save it again, or export the sheet as CSV"),
    )
}

/// Every sheet's rows, by sheet name, in workbook order (XLSForm: survey, choices, settings).
pub fn sheets(bytes: &[u8], path: &Path) -> Result<Vec<(String, Vec<csv::StringRecord>)>> {
    Ok((sheets_at(bytes, path)?.into_iter())
        .map(|(name, _, records)| (name, records))
        .collect())
}

/// As [`sheets`], with each sheet's first filled row (1 = the sheet's row 1), so that an error
/// can name the row a spreadsheet shows when empty rows come first.
pub fn sheets_at(
    bytes: &[u8],
    path: &Path,
) -> Result<Vec<(String, usize, Vec<csv::StringRecord>)>> {
    let mut wb = open(bytes, path)?;
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let read = super::guard::guarded(|| sheet_cells(&mut wb, &name, path, MAX_FILLED));
        let cells = read.map_err(|panic| damaged(path, &panic))??;
        let first = cells.iter().map(|c| c.0 as usize + 1).min().unwrap_or(1);
        let records = dense_records(cells, &name, path)?;
        out.push((name, first, records));
    }
    Ok(out)
}

/// The first sheet's rows as records.
pub fn records(bytes: &[u8], path: &Path) -> Result<Vec<csv::StringRecord>> {
    let mut wb = open(bytes, path)?;
    let name = wb
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| Error::input(path, "the workbook has no sheets"))?;
    let read = super::guard::guarded(|| sheet_cells(&mut wb, &name, path, MAX_FILLED));
    let cells = read.map_err(|panic| damaged(path, &panic))??;
    let out = dense_records(cells, &name, path)?;
    if out.is_empty() {
        return Err(Error::input(path, "the first sheet is empty"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for &(r, c, v) in cells {
            ws.write_string(r, c, v).unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn a_sheet_is_read_cell_by_cell_within_its_limits() {
        let path = Path::new("export.xlsx");
        // B2:C3 filled, and D5: rows 2–5, columns A–D, A padded.
        let bytes = workbook(&[
            (1, 1, "id"),
            (1, 2, "q"),
            (2, 1, "1"),
            (2, 2, "x"),
            (4, 3, "z"),
        ]);
        let mut wb = open(&bytes, path).unwrap();
        let cells = sheet_cells(&mut wb, "Sheet1", path, 5).unwrap();
        assert_eq!(cells.len(), 5);
        let rows = dense_records(cells, "Sheet1", path).unwrap();
        let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().collect()).collect();
        assert_eq!(
            rows,
            [
                vec!["", "id", "q", ""],
                vec!["", "1", "x", ""],
                vec!["", "", "", ""],
                vec!["", "", "", "z"]
            ]
        );
        let err = sheet_cells(&mut wb, "Sheet1", path, 4)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("export.xlsx") && err.contains("more than 4 filled cells"),
            "{err}"
        );
    }
}
