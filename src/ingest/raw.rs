//! A read export's accessors (rows, blocks, cells, errors located at a cell) and how readers
//! assemble one.

use super::{normalize_heading, CellColumn, Cells, ExportColumn, HeadingIndex, RawExport};
use crate::codebook::Format;
use crate::error::{describe_column, Error, Result};
use std::path::Path;

impl RawExport {
    /// Number of response rows.
    pub fn height(&self) -> usize {
        self.cells.rows
    }

    /// Spreadsheet row number (1-based, header rows included) of data row `i`.
    pub fn row_number(&self, i: usize) -> usize {
        self.header_rows + i + 1
    }

    /// Reads every cell that is one of `markers` (trimmed: `NA`, `N/A` …) as blank; returns how
    /// many cells were. A dictionary column is rewritten once per distinct value.
    pub fn blank_missing(&mut self, markers: &[String]) -> usize {
        if markers.is_empty() {
            return 0;
        }
        let is_marker = |v: &str| markers.iter().any(|m| m.trim() == v.trim());
        let mut n = 0;
        for col in &mut self.cells.columns {
            let hits = col.iter().flatten().filter(|v| is_marker(v)).count();
            if hits > 0 {
                n += hits;
                *col = col.map_values(|v| is_marker(v).then(String::new));
            }
        }
        n
    }

    /// The columns of a question block: those under `heading`, or whose platform question id
    /// (`QID9`) is `heading` — the way to name one of several questions that share a text.
    pub fn block(&self, heading: &str) -> Vec<&ExportColumn> {
        let index = self.index.get_or_init(|| {
            let mut ix = HeadingIndex::default();
            for (k, c) in self.columns.iter().enumerate() {
                ix.by_heading
                    .entry(normalize_heading(&c.heading))
                    .or_default()
                    .push(k);
                if let Some(key) = &c.key {
                    ix.by_key.entry(normalize_heading(key)).or_default().push(k);
                }
            }
            ix
        });
        let h = normalize_heading(heading);
        if let Some(ks) = index.by_heading.get(&h) {
            // A text asked twice names its first question only; the others go by their key.
            let key = &self.columns[ks[0]].key;
            return ks
                .iter()
                .map(|&k| &self.columns[k])
                .filter(|c| &c.key == key)
                .collect();
        }
        index
            .by_key
            .get(&h)
            .map(|ks| ks.iter().map(|&k| &self.columns[k]).collect())
            .unwrap_or_default()
    }

    /// The answer column under `heading` whose sub-heading is `sublabel`.
    pub fn find(&self, heading: &str, sublabel: &str) -> Option<&ExportColumn> {
        let s = normalize_heading(sublabel);
        self.block(heading)
            .into_iter()
            .find(|c| !c.other_text && normalize_heading(&c.sublabel) == s)
    }

    /// The "other (please specify)" text column under `heading`, when the platform writes one
    /// apart from the choice's own column.
    pub fn find_other_text(&self, heading: &str) -> Option<&ExportColumn> {
        self.block(heading).into_iter().find(|c| c.other_text)
    }

    /// The raw cells of a column (None = empty).
    pub fn cells(&self, col: &ExportColumn) -> Result<&CellColumn> {
        self.cells.columns.get(col.index).ok_or_else(|| {
            Error::Internal(format!("column {} of {} was not read", col.index, col.name))
        })
    }

    /// An error about one cell. A message that quotes a huge cell is cut (a 50 MB answer was
    /// echoed whole on one error line).
    pub fn cell_error(&self, row: usize, col: &ExportColumn, message: impl Into<String>) -> Error {
        Error::Cell {
            path: self.path.clone(),
            row: self.row_number(row),
            column: describe_column(col.index, &col.display()),
            message: crate::error::cut(&message.into(), MAX_MESSAGE).into_owned(),
        }
    }
}

/// The longest error message about a cell, in characters.
pub const MAX_MESSAGE: usize = 1000;

impl ExportColumn {
    /// "Heading / sub-heading" for messages.
    pub fn display(&self) -> String {
        if self.sublabel.is_empty() {
            self.heading.clone()
        } else {
            format!("{} / {}", self.heading, self.sublabel)
        }
    }
}

/// A unique frame name for a column: "Heading / sub-heading", with " #2" … for repeats —
/// repeats as [`RawExport::block`] finds them (normalised: a heading typed once with a
/// no-break space and once with a space is one heading, numbered on; numbered apart, each
/// spelling had its own "#2", and `#2` named two columns).
pub(crate) fn unique_name(
    seen: &mut std::collections::BTreeMap<String, usize>,
    heading: &str,
    sublabel: &str,
) -> String {
    let base = if sublabel.is_empty() {
        heading.to_string()
    } else {
        format!("{heading} / {sublabel}")
    };
    let n = seen.entry(super::normalize_heading(&base)).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base} #{n}")
    }
}

/// An export's columns as a reader names them, each given a unique name as it is added.
#[derive(Default)]
pub(crate) struct Columns {
    seen: std::collections::BTreeMap<String, usize>,
    pub list: Vec<ExportColumn>,
}

impl Columns {
    /// Adds a column of a layout where each heading stands for one column (KoboToolbox,
    /// LimeSurvey): a heading repeated on a column without a sub-heading (a form's two
    /// versions, a question asked twice) is another question, told apart by its number as its
    /// name is ("1st choice #2").
    pub fn push_apart(
        &mut self,
        index: usize,
        heading: String,
        sublabel: String,
        other_text: bool,
    ) {
        self.push(index, heading, sublabel, other_text, None);
        let c = self.list.last_mut().expect("pushed");
        if c.sublabel.is_empty() && c.name != c.heading {
            c.key = Some(c.name.clone());
        }
    }

    /// Adds the file's column `index` under its question heading and sub-label.
    pub fn push(
        &mut self,
        index: usize,
        heading: String,
        sublabel: String,
        other_text: bool,
        key: Option<String>,
    ) {
        let name = unique_name(&mut self.seen, &heading, &sublabel);
        self.list.push(ExportColumn {
            index,
            heading,
            sublabel,
            name,
            other_text,
            key,
        });
    }
}

impl RawExport {
    /// The export with the readers' "shown" record for its choice columns.
    pub(crate) fn with_shown(
        mut self,
        shown: std::collections::BTreeMap<usize, Vec<bool>>,
    ) -> Self {
        self.shown = shown;
        self
    }
}

/// Assembles a reader's result from its parsed rows (LimeSurvey, which rewrites them row by row).
#[allow(clippy::too_many_arguments)]
pub(crate) fn raw_export(
    path: &Path,
    format: Format,
    header_rows: usize,
    columns: Vec<ExportColumn>,
    data: &[csv::StringRecord],
    warnings: Vec<String>,
    row_exclusions: Vec<Option<String>>,
) -> Result<RawExport> {
    let width = columns.iter().map(|c| c.index + 1).max().unwrap_or(0);
    let cells = Cells::from_records(data, width);
    Ok(raw_export_cells(
        path,
        format,
        header_rows,
        columns,
        cells,
        warnings,
        row_exclusions,
    ))
}

/// Assembles a reader's result: its columns and cells, the file's fingerprint.
#[allow(clippy::too_many_arguments)]
pub(crate) fn raw_export_cells(
    path: &Path,
    format: Format,
    header_rows: usize,
    columns: Vec<ExportColumn>,
    cells: Cells,
    warnings: Vec<String>,
    row_exclusions: Vec<Option<String>>,
) -> RawExport {
    RawExport {
        path: path.to_path_buf(),
        format,
        header_rows,
        columns,
        cells,
        // Set by `read` and `read_file_with` (the file's, hashed while the reader parses).
        sha256: String::new(),
        size_bytes: 0,
        warnings,
        row_exclusions,
        shown: Default::default(),
        index: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_get_unique_names_from_heading_and_sublabel() {
        let mut c = Columns::default();
        c.push(0, "Services".into(), "Internet".into(), false, None);
        c.push(1, "Services".into(), "Other".into(), true, None);
        c.push(2, "Country".into(), String::new(), false, None);
        c.push(
            3,
            "Country".into(),
            String::new(),
            false,
            Some("Country #2".into()),
        );
        c.push(4, "Services".into(), "Internet".into(), false, None);
        let names: Vec<&str> = c.list.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Services / Internet",
                "Services / Other",
                "Country",
                "Country #2",
                "Services / Internet #2"
            ]
        );
        assert_eq!(c.list[3].index, 3);
        assert!(c.list[1].other_text && !c.list[0].other_text);
        assert_eq!(c.list[3].key.as_deref(), Some("Country #2"));
    }
}
