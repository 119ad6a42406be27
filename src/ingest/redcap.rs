//! REDCap CSV exports, raw or labels.
//!
//! Raw: `record_id`, fields by variable name, checkboxes as `field___<code>` (1/0), and a
//! `<form>_complete` status (0 incomplete, 1 unverified, 2 complete) after each form's fields.
//! Labels: the same columns headed by field labels, checkboxes as `Label (choice=Choice)` holding
//! "Checked"/"Unchecked". A checkbox is read as choice columns (heading = field, sub-heading =
//! choice code or label; a tick becomes that sub-heading, an untick blank).
//!
//! REDCap exports 0 for every checkbox of a form nobody opened. So a 0 counts as "shown, not
//! ticked" only when the form's `<form>_complete` status (the next status column to the right)
//! says it was opened (1 unverified, 2 complete); in a form left at 0 with nothing ticked, the
//! checkbox was not shown. A checkbox with nothing ticked is never "answered".

use super::{RawExport, Reader};
use crate::codebook::Format;
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

pub struct Redcap;

/// (field, choice) of a checkbox column header, raw or labels.
fn checkbox(h: &str) -> Option<(String, String)> {
    if let Some((f, c)) = h.split_once("___") {
        return Some((f.to_string(), c.to_string()));
    }
    let i = h.find(" (choice=")?;
    Some((
        h[..i].trim().to_string(),
        h[i + 9..].trim_end_matches(')').to_string(),
    ))
}

impl Reader for Redcap {
    fn format(&self) -> Format {
        Format::Redcap
    }

    fn metadata(&self) -> super::Metadata {
        super::Metadata {
            bookkeeping: &[&[
                "record_id",
                "redcap_event_name",
                "redcap_repeat_instrument",
                "redcap_repeat_instance",
                "redcap_data_access_group",
                "redcap_survey_identifier",
            ]],
            pii: &[],
            id: &["record_id"],
            suffixes: &["_complete", "_timestamp"],
        }
    }

    fn detects(&self, head: &super::Head) -> bool {
        head.first() == "record_id"
            || head.line.contains("(choice=")
            || head.header.iter().any(|h| h.ends_with("_complete"))
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
    let header: Vec<String> = table.head[0].iter().map(|h| h.trim().to_string()).collect();
    let labels = header.iter().any(|h| h.contains("(choice="));
    if !labels
        && header.first().map(String::as_str) != Some("record_id")
        && !header.iter().any(|h| h.ends_with("_complete"))
    {
        return Err(Error::input(
            path,
            "row 1: no record_id or <form>_complete column; is this a REDCap export?",
        ));
    }
    let mut columns = super::Columns::default();
    let mut boxes: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, h) in header.iter().enumerate() {
        let (heading, sublabel) = match checkbox(h) {
            Some((f, c)) => {
                boxes.entry(f.clone()).or_default().push(i);
                (f, c)
            }
            None => (h.clone(), String::new()),
        };
        columns.push(i, heading, sublabel, false, None);
    }
    let columns = columns.list;
    let mut cells = table.data(1, path)?;
    let shown = shown(&header, &boxes, &cells);
    for &i in boxes.values().flatten() {
        let choice = checkbox(&header[i]).map(|(_, c)| c).unwrap_or_default();
        cells.columns[i] = cells.columns[i].map_values(|v| match ticked(v) {
            true => Some(choice.clone()),
            false => Some(String::new()),
        });
    }
    Ok(super::raw_export_cells(
        path,
        Format::Redcap,
        1,
        columns,
        cells,
        warnings,
        Vec::new(),
    )
    .with_shown(shown))
}

/// A checkbox cell that is ticked (raw `1`, or the label export's "Checked").
fn ticked(v: &str) -> bool {
    matches!(v.trim(), "1" | "Checked")
}

/// Per checkbox column, which rows saw it: a box ticked, or the form opened — its status
/// Unverified / Complete, or Incomplete (0) with something saved in the form (a partial
/// response); 0 with nothing saved is a form never opened.
fn shown(
    header: &[String],
    boxes: &BTreeMap<String, Vec<usize>>,
    cells: &super::cells::Cells,
) -> BTreeMap<usize, Vec<bool>> {
    // The form status column governing each column: the next "_complete" to its right.
    let mut status_of = vec![None; header.len()];
    let mut next = None;
    for i in (0..header.len()).rev() {
        if header[i].ends_with("_complete") || header[i].ends_with("Complete?") {
            next = Some(i);
        }
        status_of[i] = next;
    }
    let is_box: Vec<bool> = (0..header.len())
        .map(|i| boxes.values().flatten().any(|&k| k == i))
        .collect();
    let cell = |i: usize, r: usize| cells.columns[i].get(r).unwrap_or("");
    let mut shown: BTreeMap<usize, Vec<bool>> = BTreeMap::new();
    for cols in boxes.values() {
        let status = status_of[cols[0]];
        // The form's other fields (up to the previous form's status column), without the
        // record id (the first column) and REDCap's own redcap_* columns.
        let form: Vec<usize> = (1..header.len())
            .filter(|&i| {
                status.is_some()
                    && !header[i].starts_with("redcap_")
                    && status_of[i] == status
                    && Some(i) != status
                    && !is_box[i]
                    && !header[i].ends_with("_complete")
            })
            .collect();
        let per_row: Vec<bool> = (0..cells.rows)
            .map(|r| {
                let any = cols.iter().any(|&i| ticked(cell(i, r)));
                let opened = status.is_some_and(|s| {
                    matches!(cell(s, r).trim(), "1" | "2" | "Unverified" | "Complete")
                }) || form.iter().any(|&i| !cell(i, r).trim().is_empty());
                any || opened
            })
            .collect();
        for &i in cols {
            shown.insert(i, per_row.clone());
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_and_labels_checkboxes() {
        let raw = "record_id,name,demographics_complete,race___1,race___2,ethnicity,race_complete\n1,A,2,0,1,1,2\n2,B,2,0,0,0,0\n";
        let r = Redcap.read(raw.as_bytes(), Path::new("r.csv")).unwrap();
        let two = r.find("race", "2").unwrap();
        assert_eq!(r.cells(two).unwrap().get(0), Some("2"));
        assert_eq!(r.cells(two).unwrap().get(1), None);
        let labels = "Record ID,Race (choice=White),Race (choice=Asian),Complete?\n1,Unchecked,Checked,Complete\n";
        let r = Redcap.read(labels.as_bytes(), Path::new("l.csv")).unwrap();
        let asian = r.find("Race", "Asian").unwrap();
        assert_eq!(r.cells(asian).unwrap().get(0), Some("Asian"));
        assert_eq!(
            r.cells(r.find("Race", "White").unwrap()).unwrap().get(0),
            None
        );
    }
}
