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

use super::{ExportColumn, RawExport, Reader};
use crate::codebook::Format;
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

pub struct Qualtrics;

/// What row 3 (or the column id) says about a column.
#[derive(Debug, Clone, PartialEq)]
struct Import {
    /// "QID9" for question columns; None for metadata.
    qid: Option<String>,
    choice: bool,
    text: bool,
}

fn parse_import(s: &str, id: &str) -> Import {
    let s = s.trim();
    let key = |k: &str| -> Option<String> {
        // {"ImportId":"QID9","choiceId":"1"} or {'ImportId': 'QID9-1'}
        let pos = s.find(k)?;
        let rest = &s[pos + k.len()..];
        let rest = rest.trim_start_matches(['"', '\'', ':', ' ']);
        let end = rest.find(['"', '\'']).unwrap_or(rest.len());
        Some(rest[..end].to_string())
    };
    match key("ImportId") {
        Some(imp) if imp.starts_with("QID") => {
            let qid: String = imp
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let text = imp.ends_with("_TEXT") || imp.ends_with("-TEXT") || s.contains("TEXT");
            let choice = !text && (key("choiceId").is_some() || imp[qid.len()..].starts_with('-'));
            Import {
                qid: Some(qid),
                choice,
                text,
            }
        }
        Some(_) => Import {
            qid: None,
            choice: false,
            text: false,
        },
        None => {
            // Legacy: no ImportId row; questions are the non-V columns.
            let is_q = !id.is_empty()
                && !(id.starts_with('V') && id[1..].chars().all(|c| c.is_ascii_digit()));
            let text = id.ends_with("_TEXT");
            let qid = is_q.then(|| id.split('_').next().unwrap_or(id).to_string());
            let choice = is_q && !text && id.contains('_');
            Import { qid, choice, text }
        }
    }
}

/// The question text and choice label of a column, from its text-row cell and the common
/// prefix of its question's cells.
fn split_text(cell: &str, prefix: &str) -> (String, String) {
    let q = prefix
        .trim_end_matches([' ', '-'])
        .trim_end_matches(" - Selected Choice")
        .trim()
        .to_string();
    // The prefix is another cell's: it may end inside one of this cell's characters (found by
    // fuzzing), so slice only on a character boundary.
    let rest = cell.get(prefix.len().min(cell.len())..).unwrap_or(cell);
    let mut label = rest.trim_start_matches([' ', '-']).trim().to_string();
    if let Some(l) = label.strip_prefix("Selected Choice - ") {
        label = l.to_string();
    }
    (q, label)
}

fn common_prefix<'a>(items: &[&'a str]) -> &'a str {
    let first = items[0];
    let mut end = first.len();
    for s in &items[1..] {
        end = end.min(
            first
                .char_indices()
                .zip(s.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map(|((i, c), _)| i + c.len_utf8())
                .unwrap_or(0),
        );
    }
    // Cut at a separator so a label's shared first word stays in the label.
    let cut = first[..end]
        .rfind(" - ")
        .map(|i| i + 3)
        .or_else(|| first[..end].rfind('-').map(|i| i + 1))
        .unwrap_or(end);
    &first[..cut.min(end)]
}

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
    let header_rows = if three { 3 } else { 2 };
    if !legacy && !three {
        return Err(Error::input(path, "row 3: expected Qualtrics ImportId cells ({\"ImportId\": …}); is this a Qualtrics export?"));
    }
    // Question texts may hold HTML entities (`&gt;80%`): decoded once, here.
    let texts: csv::StringRecord = records[1]
        .iter()
        .map(super::decode::html_entities)
        .collect();
    let (ids, texts) = (&records[0], &texts);
    let imports: Vec<Import> = (0..ids.len())
        .map(|i| {
            parse_import(
                if three {
                    records[2].get(i).unwrap_or("")
                } else {
                    ""
                },
                ids.get(i).unwrap_or(""),
            )
        })
        .collect();
    // Common prefix of each question's answer columns (choice columns only).
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, imp) in imports.iter().enumerate() {
        if let (Some(q), false) = (&imp.qid, imp.text) {
            groups.entry(q.clone()).or_default().push(i);
        }
    }
    let mut columns = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, imp) in imports.iter().enumerate() {
        let id = ids.get(i).unwrap_or("").trim();
        let text = texts.get(i).unwrap_or("");
        if id.is_empty() && text.trim().is_empty() {
            continue; // legacy trailing comma
        }
        let (heading, sublabel) = match &imp.qid {
            None => (
                if legacy {
                    text.trim().to_string()
                } else {
                    id.to_string()
                },
                String::new(),
            ),
            Some(q) => {
                let members = &groups.get(q).cloned().unwrap_or_default();
                // Several answer columns (a multi-select's choices, a matrix's items): the text
                // they share is the question, the rest of each is its choice or item.
                let split_group = members.len() > 1
                    && (members.iter().all(|&k| imports[k].choice) || {
                        let cells: Vec<&str> = members
                            .iter()
                            .map(|&k| texts.get(k).unwrap_or(""))
                            .collect();
                        !common_prefix(&cells).trim().is_empty()
                    });
                if split_group {
                    let cells: Vec<&str> = members
                        .iter()
                        .map(|&k| texts.get(k).unwrap_or(""))
                        .collect();
                    let prefix = common_prefix(&cells);
                    if imp.text {
                        let (q, label) = split_text(text, prefix);
                        (q, label.trim_end_matches(" - Text").to_string())
                    } else {
                        split_text(text, prefix)
                    }
                } else {
                    // One answer column (single choice, text): the whole text is the question.
                    let main = members
                        .first()
                        .map(|&k| texts.get(k).unwrap_or(""))
                        .unwrap_or(text);
                    let q = main
                        .trim()
                        .trim_end_matches(" - Selected Choice")
                        .to_string();
                    if imp.text {
                        let label = text
                            .strip_prefix(main.trim_end_matches(" - Selected Choice"))
                            .unwrap_or(text);
                        (
                            q,
                            label
                                .trim_start_matches([' ', '-'])
                                .trim_end_matches(" - Text")
                                .trim()
                                .to_string(),
                        )
                    } else {
                        (q, String::new())
                    }
                }
            }
        };
        let name = super::unique_name(&mut seen, &heading, &sublabel);
        columns.push(ExportColumn {
            index: i,
            name,
            heading,
            sublabel,
            // A text-entry question's own column is its answer; only a _TEXT column beside
            // the question's choice columns is "other (please specify)" text.
            other_text: imp.text && imp.qid.as_ref().is_some_and(|q| groups.contains_key(q)),
            key: imp.qid.clone(),
        });
    }
    let mut cells = table.data(header_rows, path)?;
    // Numeric exports: choice columns hold 1 / -99 / 0; rewrite to label / blank.
    let mut shown = std::collections::BTreeMap::new();
    for c in &columns {
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
    let status = columns
        .iter()
        .find(|c| c.heading == "Status" && imports[c.index].qid.is_none())
        .map(|c| c.index);
    let row_exclusions = (0..cells.rows)
        .map(|i| {
            let v = status
                .and_then(|k| cells.columns[k].get(i))
                .unwrap_or("")
                .trim();
            match v {
                "1" | "Survey Preview" => {
                    Some("Qualtrics survey preview, not a response".to_string())
                }
                "2" | "Survey Test" => Some("Qualtrics test response".to_string()),
                "8" | "Spam" => Some("Qualtrics flagged as spam".to_string()),
                _ => None,
            }
        })
        .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_ending_inside_a_character_does_not_panic() {
        // The prefix is 2 bytes; this cell's first character is 2 bytes wide at byte 1.
        let (_, label) = split_text("aÿb - Text", "ab");
        assert_eq!(label, "aÿb - Text");
        assert_eq!(split_text("Q - Selected Choice - Yes", "Q - ").1, "Yes");
    }

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
