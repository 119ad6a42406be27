//! Qualtrics CSV exports: current (3 header rows, ImportId JSON with `choiceId`), 2016–2020
//! (3 rows, `{'ImportId': 'QID9-1'}`), and legacy (2 rows: `V1…V10, Q1…` then labels, often a
//! trailing comma on every row). Choice text or numeric values.
//!
//! - Metadata columns are named by their column id (`ResponseId`, `Status`, `IPAddress`), since
//!   the question-text row is in the respondent's language.
//! - Question columns are named by their question text; split multi-select columns (and matrix
//!   rows) share the question's text, and their sub-heading is the choice label: the part of the
//!   text row after the columns' common prefix (" - Selected Choice - " and "-" separators
//!   handled). `_TEXT` columns are "other (please specify)" text.
//! - Numeric exports: in a choice column `1` is selected, `-99` (seen, not selected) and `0`
//!   are not; they are rewritten to the choice label / blank so every layout reads alike.
//! - Status 1 / "Survey Preview" and 2 / "Survey Test" (and "Spam") rows are not responses:
//!   excluded with their reason.

use super::qualtrics_headings::{groups, parse_import, Headings, Import};
use super::{ExportColumn, RawExport, Reader};
use crate::codebook::Format;
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

pub struct Qualtrics;

/// Exclusion reasons of rows that are not real responses, which `keep_test_responses` keeps.
pub const PREVIEW: &str = "Qualtrics survey preview, not a response";
pub const TEST: &str = "Qualtrics test response";

/// Whether an exclusion reason is a Qualtrics preview or test response.
pub fn is_test(reason: &str) -> bool {
    reason == PREVIEW || reason == TEST
}

impl Reader for Qualtrics {
    fn format(&self) -> Format {
        Format::Qualtrics
    }

    fn metadata(&self) -> super::Metadata {
        super::Metadata {
            bookkeeping: &[&[
                "StartDate",
                "EndDate",
                "Status",
                "Progress",
                "Duration (in seconds)",
                "Finished",
                "RecordedDate",
                "ResponseId",
                "ResponseID",
                "ResponseSet",
                "DistributionChannel",
                "UserLanguage",
                "LocationAccuracy",
            ]],
            pii: &[
                "IPAddress",
                "RecipientLastName",
                "RecipientFirstName",
                "RecipientEmail",
                "ExternalReference",
                "ExternalDataReference",
                "LocationLatitude",
                "LocationLongitude",
                "EmailAddress",
                "Name",
                "Email",
            ],
            id: &["ResponseId", "ResponseID"],
            suffixes: &[],
        }
    }

    fn detects(&self, head: &super::Head) -> bool {
        matches!(head.first(), "StartDate" | "V1" | "ResponseID")
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
    let (legacy, header_rows) = layout(records, path)?;
    // Question texts may hold HTML entities (`&gt;80%`): decoded once, here.
    let texts: csv::StringRecord = records[1]
        .iter()
        .map(super::decode::html_entities)
        .collect();
    let ids = &records[0];
    let imports: Vec<Import> = (0..ids.len())
        .map(|i| {
            let import = match header_rows {
                3 => records[2].get(i).unwrap_or(""),
                _ => "",
            };
            parse_import(import, ids.get(i).unwrap_or(""))
        })
        .collect();
    let headings = Headings {
        texts: &texts,
        imports: &imports,
        groups: groups(&imports),
        legacy,
    };
    let mut columns = super::Columns::default();
    for (i, imp) in imports.iter().enumerate() {
        let id = ids.get(i).unwrap_or("").trim();
        let text = texts.get(i).unwrap_or("");
        if id.is_empty() && text.trim().is_empty() {
            continue; // legacy trailing comma
        }
        let (heading, sublabel) = headings.of(i, id);
        // A text-entry question's own column is its answer; only a _TEXT column beside
        // the question's choice columns is "other (please specify)" text.
        let other_text = imp.text
            && imp
                .qid
                .as_ref()
                .is_some_and(|q| headings.groups.contains_key(q));
        // A text-entry question keeps its column's own id (`QID4_TEXT`): typed answers.
        let key = match (imp.text && !other_text, &imp.qid) {
            (true, Some(q)) => Some(format!("{q}{TEXT_ENTRY}")),
            (_, q) => q.clone(),
        };
        columns.push(i, heading, sublabel, other_text, key);
    }
    let columns = columns.list;
    let mut cells = table.data(header_rows, path)?;
    let shown = choice_labels(&columns, &imports, &mut cells);
    let row_exclusions = exclusions(&columns, &imports, &cells);
    Ok(super::raw_export_cells(
        path,
        Format::Qualtrics,
        header_rows,
        columns,
        cells,
        warnings,
        row_exclusions,
    )
    .with_shown(shown))
}

/// The ending of a text-entry question's column id (`QID4_TEXT`).
pub const TEXT_ENTRY: &str = "_TEXT";

/// Whether the export is the legacy layout (`V1` …), and how many header rows it has: two
/// (legacy) or three (ids, question texts, ImportId cells).
fn layout(records: &[csv::StringRecord], path: &Path) -> Result<(bool, usize)> {
    if records.len() < 2 {
        return Err(Error::input(
            path,
            "a Qualtrics export has two or three header rows; this file has fewer",
        ));
    }
    let legacy = records[0].get(0).map(str::trim) == Some("V1");
    let three = !legacy
        && records.len() >= 3
        && records[2]
            .get(0)
            .is_some_and(|c| c.trim_start().starts_with('{'));
    if !legacy && !three {
        return Err(Error::input(path, "row 3: expected Qualtrics ImportId cells ({\"ImportId\": …}); is this a Qualtrics export?"));
    }
    Ok((legacy, if three { 3 } else { 2 }))
}

/// Numeric exports: choice columns hold 1 / -99 / 0; rewritten to label / blank. Returns, per
/// column that marked "shown, not chosen" (-99 or 0), which rows saw the choice.
fn choice_labels(
    columns: &[ExportColumn],
    imports: &[Import],
    cells: &mut super::cells::Cells,
) -> BTreeMap<usize, Vec<bool>> {
    let mut shown = BTreeMap::new();
    for c in columns {
        if imports[c.index].choice && !c.sublabel.is_empty() {
            let col = &cells.columns[c.index];
            let filled: Vec<bool> = col
                .iter()
                .map(|v| v.is_some_and(|v| !v.trim().is_empty()))
                .collect();
            if col
                .iter()
                .any(|v| matches!(v.map(str::trim), Some("-99") | Some("0")))
            {
                shown.insert(c.index, filled);
            }
            cells.columns[c.index] = col.map_values(|v| match v.trim() {
                "1" => Some(c.sublabel.clone()),
                "-99" | "0" => Some(String::new()),
                _ => None,
            });
        }
    }
    shown
}

/// Rows Qualtrics marked as previews, tests or spam (its `Status` column), with the reason.
fn exclusions(
    columns: &[ExportColumn],
    imports: &[Import],
    cells: &super::cells::Cells,
) -> Vec<Option<String>> {
    let status = columns
        .iter()
        .find(|c| c.heading == "Status" && imports[c.index].qid.is_none())
        .map(|c| c.index);
    (0..cells.rows)
        .map(|i| {
            let v = status
                .and_then(|k| cells.columns[k].get(i))
                .unwrap_or("")
                .trim();
            match v {
                "1" | "Survey Preview" => Some(PREVIEW.to_string()),
                "2" | "Survey Test" => Some(TEST.to_string()),
                "8" | "Spam" => Some("Qualtrics flagged as spam".to_string()),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURRENT: &str = "StartDate,Status,ResponseId,Q1,Q2_1,Q2_2,Q2_3,Q2_3_TEXT,Q3\n\
Start Date,Response Type,Response ID,Type?,Services? - Selected Choice - Internet,Services? - Selected Choice - Books,Services? - Selected Choice - Other,Services? - Other - Text,Country?\n\
\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\",\"\"choiceId\"\":\"\"1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\",\"\"choiceId\"\":\"\"2\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\",\"\"choiceId\"\":\"\"3\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_3_TEXT\"\"}\",\"{\"\"ImportId\"\":\"\"QID3_TEXT\"\"}\"\n\
2019-11-04,0,R_1,2,1,-99,1,Chess club,Peru\n\
2019-11-04,1,R_2,1,1,,,,France\n";

    #[test]
    fn current_three_rows_numeric() {
        let r = Qualtrics
            .read(CURRENT.as_bytes(), Path::new("q.csv"))
            .unwrap();
        assert_eq!(r.header_rows, 3);
        assert_eq!(r.height(), 2);
        // Metadata by column id; questions by text; choice labels as sub-headings.
        assert!(r.find("ResponseId", "").is_some());
        let books = r.find("Services?", "Books").unwrap();
        assert_eq!(r.cells(books).unwrap().get(0), None); // -99 → not selected
        let internet = r.find("Services?", "Internet").unwrap();
        assert_eq!(r.cells(internet).unwrap().get(0), Some("Internet")); // 1 → label
        let other_text = r.find_other_text("Services?").unwrap();
        assert_eq!(r.cells(other_text).unwrap().get(0), Some("Chess club"));
        assert_eq!(r.block("Type?").len(), 1);
        assert_eq!(r.block("Country?").len(), 1);
        assert_eq!(
            r.row_exclusions,
            [
                None,
                Some("Qualtrics survey preview, not a response".to_string())
            ]
        );
    }

    #[test]
    fn legacy_two_rows_with_trailing_comma() {
        let csv = "\u{feff}V1,V2,V7,Q1,Q2,\nResponseID,ResponseSet,Status,This is a multiple choice question.,This is a free text question.,\nR_1,Default,0,2,Hello,\n";
        let r = Qualtrics.read(csv.as_bytes(), Path::new("l.csv")).unwrap();
        assert_eq!(r.header_rows, 2);
        assert_eq!(r.columns.len(), 5);
        assert!(r.find("ResponseID", "").is_some());
        let q = r.block("This is a multiple choice question.")[0];
        assert_eq!(r.cells(q).unwrap().get(0), Some("2"));
    }
}
