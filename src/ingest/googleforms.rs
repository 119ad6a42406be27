//! Google Forms responses CSV (Sheets → Download → CSV, or the Responses tab's download).
//!
//! One header row: `Timestamp`, then optionally `Email Address` and `Score`, then each
//! question's title. A single choice holds its label; a checkbox question holds the ticked labels
//! joined by ", " in one cell (labels may themselves contain commas: the tidy stage splits by the
//! codebook's labels, longest first); "Other" answers hold the typed text. There is no respondent
//! id: rows are identified by their number.

use super::{RawExport, Reader};
use crate::codebook::Format;
use crate::error::{Error, Result};
use std::path::Path;

pub struct GoogleForms;

/// The first heading of a Google Forms export, in the languages of the form's owner: detection,
/// the reader and the bookkeeping list all read this one list.
pub const TIMESTAMP: &[&str] = &[
    "Timestamp",
    "Horodateur",
    "Zeitstempel",
    "Marca temporal",
    "Informazioni cronologiche",
    "Carimbo de data/hora",
    "Tijdstempel",
];

/// Google Forms' own columns: the timestamp (in the form's language) and a quiz's score.
const BOOKKEEPING: [&[&str]; 2] = [TIMESTAMP, &["Score"]];

impl Reader for GoogleForms {
    fn format(&self) -> Format {
        Format::GoogleForms
    }

    fn metadata(&self) -> super::Metadata {
        super::Metadata {
            bookkeeping: &BOOKKEEPING,
            pii: &["Email Address"],
            id: &[],
            suffixes: &[],
        }
    }

    fn detects(&self, head: &super::Head) -> bool {
        TIMESTAMP.contains(&head.first())
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
    let header = &table.head[0];
    if !header.get(0).is_some_and(|h| TIMESTAMP.contains(&h.trim())) {
        return Err(Error::input(
            path,
            format!(
                "row 1, column A: expected \"Timestamp\" or its translation (a Google Forms export), found {:?}",
                header.get(0).unwrap_or("")
            ),
        ));
    }
    super::plain::one_header_row(table, warnings, path, Format::GoogleForms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_french_or_german_export_is_read() {
        for h in ["Horodateur", "Zeitstempel", "Marca temporal"] {
            let csv = format!("{h},Quels services ?\n28/10/2019 15:09:00,Internet\n");
            let r = GoogleForms
                .read(csv.as_bytes(), Path::new("f.csv"))
                .unwrap();
            assert_eq!(r.height(), 1);
            assert_eq!(
                crate::ingest::detect(csv.as_bytes(), Path::new("f.csv")).unwrap(),
                Format::GoogleForms
            );
            assert!(
                crate::ingest::metadata::is_bookkeeping(&r.columns[0], Format::GoogleForms),
                "{h}"
            );
        }
    }

    #[test]
    fn one_header_row() {
        let csv = "Timestamp,Which?,Country?\n10/28/2019 15:09:00,\"Apples, Pears\",Peru\n";
        let r = GoogleForms
            .read(csv.as_bytes(), Path::new("g.csv"))
            .unwrap();
        assert_eq!(r.height(), 1);
        let c = r.block("Which?")[0];
        assert_eq!(r.cells(c).unwrap().get(0), Some("Apples, Pears"));
        assert_eq!(r.row_number(0), 2);
    }
}
