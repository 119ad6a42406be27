//! SurveyMonkey "expanded results, actual answer text" CSV.
//!
//! Row 1: metadata headings (`Respondent ID`, …, `Custom Data 1`) then each question's text above
//! the first column of its block only. Row 2: `Response`, `Open-Ended Response` or the choice
//! label. A ticked choice holds its label; an unticked one is blank. "Other (please specify)" is
//! its own column holding the typed text.

use super::{Cells, ExportColumn, RawExport, Reader};
use crate::codebook::Format;
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// Metadata columns every SurveyMonkey export starts with.
pub const METADATA: [&str; 9] = [
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
];

/// Metadata headings of older SurveyMonkey exports (and files where a publisher kept only some).
pub const OLD_METADATA: [&str; 6] = [
    "RespondentID",
    "CollectorID",
    "StartDate",
    "EndDate",
    "FirstName",
    "LastName",
];

pub struct SurveyMonkey;

/// The second header row of an expanded export whose metadata columns were removed: row 2
/// names "Response" / "Open-Ended Response" or choices under question headings that carry over
/// blank cells (a question's answer columns), where a data row would hold answers.
pub fn is_sub_heading_row(row1: &csv::StringRecord, row2: &csv::StringRecord) -> bool {
    let response = row2
        .iter()
        .any(|s| matches!(s.trim(), "Response" | "Open-Ended Response"));
    let carried = row1
        .iter()
        .zip(row2.iter())
        .skip(1)
        .any(|(h, s)| h.trim().is_empty() && !s.trim().is_empty());
    let filled = row2.iter().filter(|s| !s.trim().is_empty()).count();
    response && carried && !row1.get(0).unwrap_or("").trim().is_empty() && filled * 2 >= row2.len()
}

/// pandas writes blank headings as "Unnamed: 13".
fn is_unnamed(h: &str) -> bool {
    h.strip_prefix("Unnamed: ")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// A SurveyMonkey export read into pandas and written back: a leading index column (blank
/// heading, "0" under it) and "Response" sub-headings in row 2.
pub fn is_pandas_resave(row1: &csv::StringRecord, row2: &csv::StringRecord) -> bool {
    row1.get(0).is_some_and(|h| h.trim().is_empty())
        && row2.get(0).map(str::trim) == Some("0")
        && row2
            .iter()
            .any(|s| s == "Response" || s == "Open-Ended Response")
}

impl Reader for SurveyMonkey {
    fn format(&self) -> Format {
        Format::SurveymonkeyExpandedText
    }

    fn metadata(&self) -> super::Metadata {
        super::Metadata {
            bookkeeping: &[
                &["Respondent ID", "Collector ID", "Start Date", "End Date"],
                // The index column of a pandas re-save, as the reader names it.
                &["(index)"],
                &[
                    "RespondentID",
                    "CollectorID",
                    "StartDate",
                    "EndDate",
                    "CustomData",
                ],
            ],
            pii: &[
                "IP Address",
                "Email Address",
                "First Name",
                "Last Name",
                "Custom Data 1",
                "FirstName",
                "LastName",
            ],
            id: &["Respondent ID", "RespondentID"],
            suffixes: &[],
        }
    }

    fn detects(&self, head: &super::Head) -> bool {
        let resave = matches!(head.rows, [r1, r2, ..] if is_pandas_resave(r1, r2));
        let stripped = matches!(head.rows, [r1, r2, ..] if is_sub_heading_row(r1, r2));
        resave || stripped || matches!(head.first(), "Respondent ID" | "RespondentID")
    }

    fn read_table(
        &self,
        table: &super::columnar::Table,
        warnings: Vec<String>,
        path: &Path,
    ) -> Option<Result<RawExport>> {
        Some(read_table(table, warnings, path))
    }
}

fn read_table(
    table: &super::columnar::Table,
    warnings: Vec<String>,
    path: &Path,
) -> Result<RawExport> {
    let records = &table.head;
    if records.len() < 2 {
        return Err(Error::input(
            path,
            "a SurveyMonkey export has two header rows; this file has fewer",
        ));
    }
    let (row1, row2) = (&records[0], &records[1]);
    let mut warnings = warnings;
    let pandas = is_pandas_resave(row1, row2);
    if pandas {
        warnings.push(format!(
                "{}: a pandas re-save of a SurveyMonkey export (index column, \"Unnamed: N\" headings); the SurveyMonkey metadata columns are missing",
                path.display()
            ));
    } else if matches!(row1.get(0).map(str::trim), Some(h) if h == METADATA[0] || h == OLD_METADATA[0])
    {
        // Current or older headings (RespondentID, CollectorID, StartDate …): read alike.
    } else if is_sub_heading_row(row1, row2) {
        warnings.push(format!(
            "{}: a SurveyMonkey expanded export without its metadata columns (no respondent id: rows are numbered)",
            path.display()
        ));
    } else if row1.get(0).map(str::trim) != Some(METADATA[0]) {
        return Err(Error::input(
            path,
            format!(
                "row 1, column A: expected \"{}\" (a SurveyMonkey expanded export), found {:?}",
                METADATA[0],
                row1.get(0).unwrap_or("")
            ),
        ));
    }
    let columns = columns(row1, row2, pandas, path)?;
    let mut cells = table.data(2, path)?;
    numeric_to_text(&mut cells, &columns, &mut warnings);
    Ok(super::raw_export_cells(
        path,
        Format::SurveymonkeyExpandedText,
        2,
        columns,
        cells,
        warnings,
        Vec::new(),
    ))
}

/// The columns named from the two header rows: a heading carries over the blank cells after
/// it (a question's answer columns), row 2 gives each its sub-label; a question text seen again
/// starts a block keyed "text #2".
fn columns(
    row1: &csv::StringRecord,
    row2: &csv::StringRecord,
    pandas: bool,
    path: &Path,
) -> Result<Vec<ExportColumn>> {
    let mut columns = super::Columns::default();
    let mut heading = String::new();
    let mut blocks_of: BTreeMap<String, usize> = BTreeMap::new();
    let mut key: Option<String> = None;
    for (i, (h, s)) in row1.iter().zip(row2.iter()).enumerate() {
        if pandas && i == 0 {
            // pandas' index column (not a heading: outside the unique naming)
            columns.list.push(ExportColumn {
                index: 0,
                heading: "(index)".into(),
                sublabel: String::new(),
                name: "(index)".into(),
                other_text: false,
                key: None,
            });
            continue;
        }
        let h = if pandas && is_unnamed(h) { "" } else { h };
        if !h.trim().is_empty() {
            heading = h.to_string();
            let n = blocks_of.entry(super::normalize_heading(h)).or_insert(0);
            *n += 1;
            key = (*n > 1).then(|| format!("{} #{n}", super::normalize_heading(h)));
        } else if heading.is_empty() {
            return Err(Error::input(
                path,
                format!(
                    "row 1, column {}: empty heading",
                    crate::error::column_letters(i)
                ),
            ));
        }
        columns.push(i, heading.clone(), s.to_string(), false, key.clone());
    }
    Ok(columns.list)
}

/// Sub-headings that are not choice labels.
fn is_choice_column(c: &ExportColumn) -> bool {
    let s = c.sublabel.trim();
    !s.is_empty()
        && !matches!(s, "Response" | "Open-Ended Response")
        && !s.to_lowercase().starts_with("other (please specify)")
}

/// The "numeric" export writes a ticked choice's position (1, 2, …) in its column instead of
/// its label: when every filled choice cell of the file is a whole number, each becomes its
/// column's label, so the numeric and the actual-text exports read alike. (A condensed single
/// choice holds the position in its one Response column: the codebook gives each option its
/// `value`.)
fn numeric_to_text(cells: &mut Cells, columns: &[ExportColumn], warnings: &mut Vec<String>) {
    // Choice columns of multi-column blocks.
    let mut block_size: BTreeMap<&str, usize> = BTreeMap::new();
    for c in columns {
        *block_size.entry(c.heading.as_str()).or_default() += 1;
    }
    let choice: Vec<&ExportColumn> = columns
        .iter()
        .filter(|c| is_choice_column(c) && block_size[c.heading.as_str()] > 1)
        .collect();
    let mut filled = 0usize;
    let numeric = choice.iter().all(|c| {
        cells.columns[c.index].iter().all(|v| {
            let v = v.unwrap_or("").trim();
            if !v.is_empty() {
                filled += 1;
            }
            v.is_empty() || (v.parse::<u32>().is_ok() && v != c.sublabel.trim())
        })
    });
    if !numeric || filled == 0 {
        return;
    }
    for c in &choice {
        let label = c.sublabel.as_str();
        let col = &mut cells.columns[c.index];
        *col = col.map_values(|v| (!v.trim().is_empty()).then(|| label.to_string()));
    }
    warnings.push(format!(
        "SurveyMonkey numeric export: the choice numbers in {} choice columns were read as ticks of those columns' choices",
        choice.len()
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,Which?,,Country?\n\
,,,,,,,,,Apples,Pears,Open-Ended Response\n\
2,9,,,,,,,,Apples,,Peru\n\
1,9,,,,,,,,,Pears, france \n";

    #[test]
    fn reads_two_header_rows_and_fills_forward() {
        let r = SurveyMonkey
            .read(TINY.as_bytes(), Path::new("t.csv"))
            .unwrap();
        assert_eq!(r.height(), 2);
        assert_eq!(r.columns.len(), 12);
        let pears = r.find("Which?", "Pears").unwrap();
        assert_eq!(pears.index, 10);
        assert_eq!(pears.heading, "Which?");
        let cells = r.cells(pears).unwrap();
        assert_eq!(cells.get(0), None);
        assert_eq!(cells.get(1), Some("Pears"));
        // raw cells untouched (no trimming)
        let c = r.find("Country?", "Open-Ended Response").unwrap();
        assert_eq!(r.cells(c).unwrap().get(1), Some(" france "));
        assert_eq!(r.row_number(1), 4);
    }

    #[test]
    fn ragged_row_is_an_error_with_its_line() {
        let bad = format!("{TINY}3,9,,,,\n");
        let e = SurveyMonkey
            .read(bad.as_bytes(), Path::new("t.csv"))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv: line 5: row has 6 fields where the header has 12 (a cut or malformed row)"
        );
    }

    #[test]
    fn ragged_row_line_is_right_with_crlf() {
        let crlf = format!("{}3,9,,,,\r\n", TINY.replace('\n', "\r\n"));
        let e = SurveyMonkey
            .read(crlf.as_bytes(), Path::new("t.csv"))
            .unwrap_err();
        assert!(e.to_string().starts_with("t.csv: line 5: "), "{e}");
    }

    #[test]
    fn not_surveymonkey() {
        let e = SurveyMonkey
            .read(b"id,name\n1,2\n3,4\n", Path::new("x.csv"))
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("x.csv: row 1, column A: expected \"Respondent ID\""),
            "{e}"
        );
    }

    #[test]
    fn bom_utf16_semicolons_and_latin1() {
        let with_bom = format!("\u{feff}{TINY}");
        assert!(SurveyMonkey
            .read(with_bom.as_bytes(), Path::new("t.csv"))
            .is_ok());
        // Excel "Unicode text": UTF-16LE with BOM, tab-separated.
        let tsv = TINY.replace(',', "\t");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(tsv.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let r = SurveyMonkey.read(&utf16, Path::new("t.txt")).unwrap();
        let country = r.find("Country?", "Open-Ended Response").unwrap();
        assert_eq!(r.cells(country).unwrap().get(0), Some("Peru"));
        // European Excel: semicolons.
        let r = SurveyMonkey
            .read(TINY.replace(',', ";").as_bytes(), Path::new("t.csv"))
            .unwrap();
        assert_eq!(r.columns.len(), 12);
        // windows-1252: read, with a warning naming the line.
        let mut latin = TINY.as_bytes().to_vec();
        latin.extend_from_slice(b"4,9,,,,,,,,,,Espa\xf1a\n");
        let r = SurveyMonkey.read(&latin, Path::new("t.csv")).unwrap();
        let country = r.find("Country?", "Open-Ended Response").unwrap();
        assert_eq!(r.cells(country).unwrap().get(2), Some("España"));
        assert_eq!(
            r.warnings,
            ["t.csv: not UTF-8 (first at line 5); read as windows-1252 — check accented characters"]
        );
    }

    #[test]
    fn empty_file() {
        let e = SurveyMonkey.read(b"", Path::new("e.csv")).unwrap_err();
        assert_eq!(e.to_string(), "e.csv: the file is empty");
    }
}
