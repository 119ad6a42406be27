//! A plain table: one header row of question texts (or names), then one row per respondent
//! and one column per question — what a spreadsheet, a database query or an unknown tool
//! writes. A single choice holds its label (or its `value` code); a multi-select holds the
//! ticked labels joined by ", " in one cell (split by the codebook's labels, longest first).
//! There is no platform metadata: the codebook names the respondent id column, if any.

use super::{ExportColumn, RawExport, Reader};
use crate::codebook::Format;
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

pub struct Plain;

impl Reader for Plain {
    fn format(&self) -> Format {
        Format::Plain
    }

    fn detects(&self, _head: &super::Head) -> bool {
        false
    }

    fn read_table(
        &self,
        table: &super::columnar::Table,
        warnings: Vec<String>,
        path: &Path,
    ) -> Option<Result<RawExport>> {
        Some(one_header_row(table, warnings, path, Format::Plain))
    }
}

/// An export whose first row names the columns and whose other rows are respondents.
pub(crate) fn one_header_row(
    table: &super::columnar::Table,
    warnings: Vec<String>,
    path: &Path,
    format: Format,
) -> Result<RawExport> {
    let header = &table.head[0];
    if let Some(i) = header.iter().position(|h| h.trim().is_empty()) {
        if format == Format::Plain {
            return Err(Error::input(
                path,
                format!(
                    "row 1, column {}: empty heading (a plain table needs a name for every column)",
                    crate::error::column_letters(i)
                ),
            ));
        }
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let columns = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let name = super::unique_name(&mut seen, h, "");
            ExportColumn {
                index: i,
                heading: h.to_string(),
                sublabel: String::new(),
                // A heading repeated: the later columns are named by their unique name.
                key: (name != h).then(|| name.clone()),
                name,
                other_text: false,
            }
        })
        .collect::<Vec<_>>();
    let cells = table.data(1, path)?;
    Ok(super::raw_export_cells(
        path,
        format,
        1,
        columns,
        cells,
        warnings,
        Vec::new(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_table() {
        let csv = "id;Which?;Country?\r\n7;\"Apples, Pears\";Peru\r\n";
        let r = Plain.read(csv.as_bytes(), Path::new("p.csv")).unwrap();
        assert_eq!((r.height(), r.columns.len()), (1, 3));
        assert_eq!(
            r.cells(&r.block("Which?")[0]).unwrap().get(0),
            Some("Apples, Pears")
        );
        let e = Plain
            .read(b"id,,x\n1,2,3\n", Path::new("p.csv"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "p.csv: row 1, column B: empty heading (a plain table needs a name for every column)"
        );
    }
}
