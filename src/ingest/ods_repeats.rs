//! ODS sheets compress repeats: one cell element stands for `table:number-columns-repeated`
//! cells, one row element for `table:number-rows-repeated` rows. calamine expands a sheet into
//! a dense rectangle (up to 100 million cells, about 190 bytes each by the time they are text),
//! so a 1 KB file declaring a million rows of a hundred filled cells took 18 GB and 77 s before
//! any error. The rectangle is counted from the XML first, streamed, and a sheet whose
//! rectangle is out of all proportion to the cells the file writes is refused before calamine
//! expands anything. Empty cells and rows (LibreOffice writes the rest of the sheet as one
//! repeated empty row) are not expanded by calamine and do not count.

use crate::error::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use std::path::Path;

/// One sheet: how many cell elements the file writes, and the rectangle calamine would fill
/// (rows up to the last filled one × columns up to the widest row's last filled cell).
#[derive(Debug, Default, PartialEq)]
struct Sheet {
    name: String,
    written: u64,
    rows: u64,
    columns: u64,
}

/// Where the scan is inside the current row.
#[derive(Default)]
struct Row {
    repeat: u64,
    width: u64,
    filled_width: u64,
    /// The open cell: its repeat, and whether it has a value type (calamine reads the others
    /// as empty).
    cell: Option<(u64, bool)>,
}

fn repeat(e: &BytesStart, attr: &str) -> u64 {
    let n = e.try_get_attribute(attr).ok().flatten();
    n.and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

fn is_cell(e: &str) -> bool {
    e == "table:table-cell" || e == "table:covered-table-cell"
}

/// Every sheet of `content.xml`, counted.
fn sheets(xml: impl std::io::BufRead) -> std::result::Result<Vec<Sheet>, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    reader.config_mut().check_end_names = false;
    let (mut out, mut rows_so_far, mut row) = (Vec::<Sheet>::new(), 0u64, Row::default());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = e.try_get_attribute("table:name").ok().flatten();
                let name = name.map(|a| a.value.into_owned()).unwrap_or_default();
                out.push(Sheet {
                    name,
                    ..Sheet::default()
                });
                rows_so_far = 0;
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                let repeat = repeat(&e, "table:number-rows-repeated");
                row = Row {
                    repeat,
                    ..Row::default()
                };
            }
            Event::Start(e) if is_cell(e.name().as_ref()) => {
                let filled = e
                    .try_get_attribute("office:value-type")
                    .ok()
                    .flatten()
                    .is_some();
                row.cell = Some((repeat(&e, "table:number-columns-repeated"), filled));
            }
            Event::End(e) if is_cell(e.name().as_ref()) => {
                if let Some((n, filled)) = row.cell.take() {
                    row.width = row.width.saturating_add(n);
                    row.filled_width = if filled { row.width } else { row.filled_width };
                    if let Some(s) = out.last_mut() {
                        s.written += 1;
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                rows_so_far = rows_so_far.saturating_add(row.repeat);
                if let (Some(s), true) = (out.last_mut(), row.filled_width > 0) {
                    s.rows = rows_so_far;
                    s.columns = s.columns.max(row.filled_width);
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
        buf.clear();
    }
}

/// How far a sheet may expand: `spread` cells per cell written beyond a floor of `floor`
/// cells, and never more than `max` cells.
pub(super) struct Limits {
    pub spread: u64,
    pub floor: u64,
    pub max: u64,
}

/// Err naming the sheet when its rectangle breaks the `limits`; Ok when every sheet is in
/// proportion, or the bytes are not a zip holding `content.xml` (XLSX and XLSB are not).
#[cfg(test)]
pub(super) fn check(bytes: &[u8], path: &Path, limits: Limits) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = zip.by_name(CONTENT) else {
        return Ok(());
    };
    let checked = check_content(&mut std::io::BufReader::new(content), path, &limits);
    checked
}

/// The part of an ODS file that holds its sheets.
pub(super) const CONTENT: &str = "content.xml";

/// As [`check`], on `content.xml` as it is read; Ok when it cannot be scanned (calamine then
/// reports what is wrong with it).
pub(super) fn check_content(
    xml: &mut dyn std::io::BufRead,
    path: &Path,
    limits: &Limits,
) -> Result<()> {
    let Ok(found) = sheets(xml) else {
        return Ok(());
    };
    for s in found {
        let cells = s.rows.saturating_mul(s.columns);
        if cells > s.written.saturating_mul(limits.spread).max(limits.floor) {
            return Err(Error::input(
                path,
                format!(
                    "sheet {:?}: its repeated rows and cells expand to {} rows × {} columns ({cells} cells) from {} cells written in the file; export the sheet as CSV",
                    s.name, s.rows, s.columns, s.written
                ),
            ));
        }
        if cells > limits.max {
            return Err(Error::input(
                path,
                format!(
                    "sheet {:?} spans {} rows × {} columns, more than {} cells: export it as CSV",
                    s.name, s.rows, s.columns, limits.max
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(body: &str) -> Vec<Sheet> {
        let xml = format!(
            "<office:document-content><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
        );
        sheets(xml.as_bytes()).unwrap()
    }

    fn cell(v: &str, rep: u64) -> String {
        let r = if rep > 1 {
            format!(" table:number-columns-repeated=\"{rep}\"")
        } else {
            String::new()
        };
        if v.is_empty() {
            format!("<table:table-cell{r}/>")
        } else {
            format!("<table:table-cell office:value-type=\"string\"{r}><text:p>{v}</text:p></table:table-cell>")
        }
    }

    #[test]
    fn rectangle_counts_filled_repeats_and_skips_empty_ones() {
        let rows = format!(
            "<table:table-row>{}{}</table:table-row>\
             <table:table-row table:number-rows-repeated=\"3\">{}{}{}</table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048571\">{}</table:table-row>",
            cell("id", 1),
            cell("q", 1),
            cell("", 2),
            cell("x", 4),
            cell("", 1000),
            cell("", 1024),
        );
        let got = counted(&format!(
            "<table:table table:name=\"A\">{rows}</table:table><table:table table:name=\"B\"/>"
        ));
        // Rows 1–4 (the empty tail is not expanded), columns up to the last x: 2 + 4.
        assert_eq!(
            got[0],
            Sheet {
                name: "A".into(),
                written: 6,
                rows: 4,
                columns: 6
            }
        );
        assert_eq!(
            got[1],
            Sheet {
                name: "B".into(),
                written: 0,
                rows: 0,
                columns: 0
            }
        );
        // A cell without a value type is empty to calamine, text or not.
        let t = counted("<table:table table:name=\"T\"><table:table-row table:number-rows-repeated=\"9\"><table:table-cell table:number-columns-repeated=\"5\"><text:p>t</text:p></table:table-cell></table:table-row></table:table>");
        assert_eq!((t[0].rows, t[0].columns, t[0].written), (0, 0, 1));
    }

    fn ods(rows: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let xml = format!("<office:spreadsheet><table:table table:name=\"S\">{rows}</table:table></office:spreadsheet>");
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn limits_name_the_sheet_and_its_rectangle() {
        let path = Path::new("e.ods");
        let limits = |max| Limits {
            spread: 64,
            floor: 10,
            max,
        };
        let row = format!(
            "<table:table-row>{}</table:table-row>",
            cell("x", 1).repeat(4)
        );
        let six = ods(&row.repeat(6));
        assert!(check(&six, path, limits(24)).is_ok());
        assert_eq!(
            check(&six, path, limits(20)).unwrap_err().to_string(),
            "e.ods: sheet \"S\" spans 6 rows × 4 columns, more than 20 cells: export it as CSV"
        );
        let repeated = ods(&row.replace(
            "<table:table-row>",
            "<table:table-row table:number-rows-repeated=\"1000\">",
        ));
        assert_eq!(
            check(&repeated, path, limits(1 << 20)).unwrap_err().to_string(),
            "e.ods: sheet \"S\": its repeated rows and cells expand to 1000 rows × 4 columns (4000 cells) from 4 cells written in the file; export the sheet as CSV"
        );
        // Not a zip, or a zip without content.xml (XLSX): nothing to count here.
        assert!(check(b"id,q\n1,x\n", path, limits(1)).is_ok());
    }
}
