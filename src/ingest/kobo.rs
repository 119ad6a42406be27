//! KoboToolbox / ODK CSV exports (`;` separated, every field quoted).
//!
//! Headers are XLSForm names, possibly with group paths (`group/q`, or `group.q`). A
//! select_multiple has a summary column `q` (space-separated choice names) and detail columns
//! `q/<choice>` holding 1 (selected) or 0 (shown, not selected); all blank = not answered. The
//! detail columns are read as choice columns (heading = the question's name, sub-heading = the
//! choice name; `1` rewritten to the choice name, `0` to blank) and the summary column is then
//! redundant and left out. "Or other" adds `q/other` and a `q_other` text column.
//! Metadata: `start,end,today,deviceid…` and `_id,_uuid,_submission_time,_validation_status…`.

use super::{ExportColumn, RawExport, Reader};
use crate::codebook::Format;
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub struct Kobo;

/// The name without its group path: what follows the last `/` or `.` whose prefix is a path
/// of names (no spaces). A label export's headings are sentences that may hold either
/// character ("How did/will you …", "Herbs / medicinal plants") and are kept whole.
fn leaf(name: &str) -> &str {
    name.char_indices()
        .filter(|&(i, c)| matches!(c, '/' | '.') && !name[..i].contains(char::is_whitespace))
        .last()
        .map_or(name, |(i, _)| &name[i + 1..])
}

impl Reader for Kobo {
    fn format(&self) -> Format {
        Format::Kobo
    }

    fn metadata(&self) -> super::Metadata {
        super::Metadata {
            bookkeeping: &[&[
                "start",
                "end",
                "today",
                "_id",
                "_uuid",
                "_submission_time",
                "_validation_status",
                "_notes",
                "_status",
                "__version__",
                "_tags",
                "_index",
                "_parent_index",
                "meta/instanceID",
                "instanceID",
                "(index)",
            ]],
            pii: &[
                "deviceid",
                "_submitted_by",
                "phonenumber",
                "simserial",
                "subscriberid",
                "_geolocation",
            ],
            id: &["_uuid"],
            suffixes: &[],
        }
    }

    fn detects(&self, head: &super::Head) -> bool {
        head.line.contains("_uuid") || head.line.contains("_submission_time")
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
    if !header
        .iter()
        .any(|h| h == "_uuid" || h == "_submission_time")
    {
        return Err(Error::input(
            path,
            "row 1: no _uuid or _submission_time column; is this a KoboToolbox export?",
        ));
    }
    let names: BTreeSet<&str> = header.iter().map(String::as_str).collect();
    // Detail columns: "<an existing column><sep><choice>", the column the longest there is
    // (a choice may hold the separator: "Which do you have?/Motorbike/scooter").
    let parent = |h: &str| -> Option<(String, String)> {
        h.char_indices()
            .filter(|&(i, c)| matches!(c, '/' | '.') && names.contains(&h[..i]))
            .last()
            .map(|(i, _)| (h[..i].to_string(), h[i + 1..].to_string()))
    };
    let detailed: BTreeSet<String> = header
        .iter()
        .filter_map(|h| parent(h).map(|(p, _)| p))
        .collect();
    // "<q>_other": the typed text of an "or_other" question — a select_multiple whose
    // detail columns include "other", or a select_one column `q` itself.
    let other_of = |h: &str| -> Option<String> {
        let q = h.strip_suffix("_other")?;
        (names.contains(q)
            || header
                .iter()
                .any(|x| parent(x).is_some_and(|(p, c)| p == q && c == "other")))
        .then(|| q.to_string())
    };
    let mut columns = super::Columns::default();
    let mut choice_cols = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if detailed.contains(h) {
            continue; // the summary of a select_multiple whose detail columns follow
        }
        let (heading, sublabel, other_text) = if let Some((p, c)) = parent(h) {
            choice_cols.push(i);
            (leaf(&p).to_string(), c, false)
        } else if let Some(q) = other_of(h) {
            (leaf(&q).to_string(), "other".to_string(), true)
        } else {
            (leaf(h).to_string(), String::new(), false)
        };
        columns.push_apart(i, heading, sublabel, other_text);
    }
    let columns = columns.list;
    let mut cells = table.data(1, path)?;
    let shown = ticks(&columns, &choice_cols, &mut cells);
    Ok(
        super::raw_export_cells(path, Format::Kobo, 1, columns, cells, warnings, Vec::new())
            .with_shown(shown),
    )
}

/// Detail columns hold 1 (selected) or 0 (shown, not selected); all blank, the question was
/// not shown. Rewritten to the choice name / blank; returns which rows saw each.
fn ticks(
    columns: &[ExportColumn],
    choice_cols: &[usize],
    cells: &mut super::cells::Cells,
) -> BTreeMap<usize, Vec<bool>> {
    let mut shown = BTreeMap::new();
    for &i in choice_cols {
        let col = &cells.columns[i];
        let seen = col
            .iter()
            .map(|v| matches!(v.map(str::trim), Some("1") | Some("0")))
            .collect();
        shown.insert(i, seen);
        let sub = columns
            .iter()
            .find(|c| c.index == i)
            .map(|c| c.sublabel.clone())
            .unwrap_or_default();
        cells.columns[i] = col.map_values(|v| match v.trim() {
            "1" => Some(sub.clone()),
            "0" => Some(String::new()),
            _ => None,
        });
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_columns_with_either_separator() {
        for sep in ['/', '.'] {
            let csv = format!(
                "\"start\";\"grp{sep}reason\";\"grp{sep}reason{sep}war\";\"grp{sep}reason{sep}work\";\"grp{sep}reason{sep}other\";\"grp{sep}reason_other\";\"_uuid\"\r\n\
\"2019-11-04\";\"war other\";\"1\";\"0\";\"1\";\"floods\";\"u1\"\r\n\
\"2019-11-04\";\"\";\"\";\"\";\"\";\"\";\"u2\"\r\n"
            );
            let r = Kobo.read(csv.as_bytes(), Path::new("k.csv")).unwrap();
            let block = r.block("reason");
            assert_eq!(
                block
                    .iter()
                    .map(|c| c.sublabel.as_str())
                    .collect::<Vec<_>>(),
                ["war", "work", "other", "other"]
            );
            let war = r.find("reason", "war").unwrap();
            assert_eq!(r.cells(war).unwrap().get(0), Some("war"));
            assert_eq!(
                r.cells(r.find("reason", "work").unwrap()).unwrap().get(0),
                None
            );
            assert_eq!(
                r.cells(r.find_other_text("reason").unwrap())
                    .unwrap()
                    .get(0),
                Some("floods")
            );
            assert_eq!(r.cells(war).unwrap().get(1), None);
        }
    }

    #[test]
    fn a_label_export_keeps_slashes_in_headings_and_choices() {
        let csv = "\"How did/will you pay?\";\"Have?\";\"Have?/Motorbike/scooter\";\"Have?/TV\";\"_uuid\"\r\n\
\"Cash\";\"Motorbike/scooter TV\";\"1\";\"1\";\"u1\"\r\n\
\"Card\";\"TV\";\"0\";\"1\";\"u2\"\r\n";
        let r = Kobo.read(csv.as_bytes(), Path::new("k.csv")).unwrap();
        assert_eq!(r.block("How did/will you pay?").len(), 1);
        let moto = r.find("Have?", "Motorbike/scooter").unwrap();
        let cells = r.cells(moto).unwrap();
        assert_eq!(
            (cells.get(0), cells.get(1)),
            (Some("Motorbike/scooter"), None)
        );
        assert!(r.find("Have?", "TV").is_some());
        assert_eq!(leaf("grp/sub.q"), "q");
        assert_eq!(leaf("Herbs / medicinal plants"), "Herbs / medicinal plants");
    }
}
