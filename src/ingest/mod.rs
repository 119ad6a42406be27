//! Ingest: a platform's raw export → columns of untouched text cells plus a column map.
//!
//! Each platform layout is one module implementing [`Reader`]. [`Cells`] holds one column per
//! export column (empty cells are None, every other cell exactly as in the file; dictionary-
//! encoded where values repeat), so later stages can always point back at the raw cell.

pub mod cells;
pub mod columnar;
pub mod decode;
mod detect;
pub mod googleforms;
pub mod kobo;
pub mod limesurvey;
pub mod limesurvey_layout;
mod malformed;
pub mod metadata;
pub mod plain;
pub mod qualtrics;
pub mod records;
pub mod redcap;
pub mod region;
pub mod stream;
pub mod surveymonkey;
pub mod xlsx;

use crate::codebook::Format;
use crate::error::{describe_column, Error, Result};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One column of the export, as the platform labelled it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportColumn {
    /// 0-based position in the file.
    pub index: usize,
    /// The question heading (filled forward across a block of columns).
    pub heading: String,
    /// The sub-heading: a choice label, "Response", "Open-Ended Response", or empty.
    pub sublabel: String,
    /// Unique name of the column in the raw frame.
    pub name: String,
    /// Holds the typed text of an "other (please specify)" choice whose tick is in another
    /// column (Qualtrics `_TEXT`): never an answer column itself.
    pub other_text: bool,
    /// The platform's own id of the question, where the heading is not it (Qualtrics
    /// `QID9`): used to match a platform codebook (.qsf) to the export.
    pub key: Option<String>,
}

pub use cells::{CellColumn, Cells};
pub use detect::detect;
use detect::detect_head;
pub use records::{read_records, read_records_and_text, with_table};

/// A raw export read into memory.
#[derive(Debug, Clone)]
pub struct RawExport {
    /// The file as the user named it (used in every error).
    pub path: PathBuf,
    pub format: Format,
    /// Rows above the first response (for spreadsheet row numbers).
    pub header_rows: usize,
    pub columns: Vec<ExportColumn>,
    /// The data rows, one cell column per column of the file (by [`ExportColumn::index`]).
    pub cells: Cells,
    /// Hex SHA-256 of the file's bytes (set by [`read`] and [`read_file_with`]).
    pub sha256: String,
    pub size_bytes: u64,
    /// What the reader noticed (e.g. "read as windows-1252"), for the report.
    pub warnings: Vec<String>,
    /// Rows the platform marks as not real responses (e.g. Qualtrics previews), with the
    /// reason; empty means none. Indexed by data row.
    pub row_exclusions: Vec<Option<String>>,
    /// Choice columns whose platform records "shown" apart from "ticked" (Qualtrics -99,
    /// KoboToolbox 0, REDCap 0 in an opened form): column index → per row, shown or not.
    pub shown: std::collections::BTreeMap<usize, Vec<bool>>,
    /// Column positions by normalised heading and by platform key, built on first use so that
    /// looking up a block is not a scan of every column (exports with 100,000 columns).
    pub(crate) index: std::sync::OnceLock<HeadingIndex>,
}

/// Column positions by normalised heading, and by platform key.
#[derive(Debug, Clone, Default)]
pub(crate) struct HeadingIndex {
    by_heading: std::collections::HashMap<String, Vec<usize>>,
    by_key: std::collections::HashMap<String, Vec<usize>>,
}

/// A platform layout reader.
pub trait Reader: Send + Sync {
    fn format(&self) -> Format;
    /// Whether the export's first rows (`head`, trimmed header first) are in this platform's
    /// layout: the platform's own knowledge, beside its reading, so the two cannot disagree.
    /// A plain table is never detected (it is named in the codebook).
    fn detects(&self, head: &Head) -> bool;
    /// The platform's own columns, by heading: which are bookkeeping (ids, dates, status), which
    /// identify people, which hold the respondent id.
    fn metadata(&self) -> Metadata {
        Metadata::default()
    }
    /// Reads an export from its bytes; `path` labels errors. By default: decoded, then read
    /// from its header rows and cells ([`Reader::read_table`]); readers that need more of the
    /// file (LimeSurvey's quoting) read the bytes themselves.
    fn read(&self, bytes: &[u8], path: &Path) -> Result<RawExport> {
        with_table(bytes, path, |table, warnings| {
            self.read_table(table, warnings, path).unwrap_or_else(|| {
                Err(Error::Internal(format!(
                    "the {} reader reads neither bytes nor tables",
                    self.format().as_str()
                )))
            })
        })
    }
    /// Reads an export from its header rows and (streamed) data rows, for layouts that need
    /// nothing else of the file; None for the others, which are read whole.
    fn read_table(
        &self,
        _table: &columnar::Table,
        _warnings: Vec<String>,
        _path: &Path,
    ) -> Option<Result<RawExport>> {
        None
    }
}

/// A platform's metadata columns, by heading ([`Reader::metadata`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Metadata {
    /// Lists of headings (a platform's own list may be made of several it keeps apart).
    pub bookkeeping: &'static [&'static [&'static str]],
    pub pii: &'static [&'static str],
    pub id: &'static [&'static str],
    /// Endings of bookkeeping headings (REDCap's `<form>_complete`, `<form>_timestamp`).
    pub suffixes: &'static [&'static str],
}

/// Every platform's reader, in the order detection asks them (the more specific layouts first).
pub static PLATFORMS: [&dyn Reader; 7] = [
    &surveymonkey::SurveyMonkey,
    &googleforms::GoogleForms,
    &qualtrics::Qualtrics,
    &limesurvey::LimeSurvey { words: None },
    &redcap::Redcap,
    &kobo::Kobo,
    &plain::Plain,
];

/// An export's first rows, as detection reads them.
pub struct Head<'a> {
    pub rows: &'a [csv::StringRecord],
    /// The first row's cells, trimmed.
    pub header: Vec<&'a str>,
    /// The first row joined by ",".
    pub line: String,
}

impl<'a> Head<'a> {
    pub fn new(rows: &'a [csv::StringRecord]) -> Head<'a> {
        let header: Vec<&str> = rows
            .first()
            .map(|r| r.iter().map(str::trim).collect())
            .unwrap_or_default();
        let line = header.join(",");
        Head { rows, header, line }
    }
    pub fn first(&self) -> &str {
        self.header.first().copied().unwrap_or("")
    }
}

/// What the codebook tells a reader beyond the bytes.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// LimeSurvey full answers: the words for ticked / not ticked / not shown.
    pub checkbox_words: Option<crate::codebook::CheckboxWords>,
    /// Replace damaged bytes of a UTF-8 export instead of refusing it.
    pub replace_invalid_utf8: bool,
    /// Leave out (and count) rows whose number of cells differs from the header's, instead of
    /// refusing the file.
    pub exclude_malformed_rows: bool,
}

/// The reader for a format (`Auto` detects it from the bytes).
pub fn reader_for(format: Format, bytes: &[u8], path: &Path) -> Result<Box<dyn Reader>> {
    reader_with(format, bytes, path, &ReadOptions::default())
}

/// As [`reader_for`], with the codebook's reading options.
pub fn reader_with(
    format: Format,
    bytes: &[u8],
    path: &Path,
    opts: &ReadOptions,
) -> Result<Box<dyn Reader>> {
    Ok(match format {
        Format::Auto => reader_with(detect(bytes, path)?, bytes, path, opts)?,
        Format::SurveymonkeyExpandedText => Box::new(surveymonkey::SurveyMonkey),
        Format::GoogleForms => Box::new(googleforms::GoogleForms),
        Format::Qualtrics => Box::new(qualtrics::Qualtrics),
        Format::Kobo => Box::new(kobo::Kobo),
        Format::Limesurvey => Box::new(limesurvey::LimeSurvey {
            words: opts.checkbox_words.clone(),
        }),
        Format::Redcap => Box::new(redcap::Redcap),
        Format::Plain => Box::new(plain::Plain),
    })
}

/// Reads an export with the reader for `format`.
pub fn read(bytes: &[u8], path: &Path, format: Format) -> Result<RawExport> {
    let reader = reader_for(format, bytes, path)?;
    fingerprinted(bytes, || reader.read(bytes, path))
}

/// Runs a reader while the file's SHA-256 is computed on another core, and records it.
fn fingerprinted(
    bytes: &[u8],
    read: impl FnOnce() -> Result<RawExport> + Send,
) -> Result<RawExport> {
    // Below a megabyte, hashing beside the parse costs more in thread hand-offs than it saves.
    let (sha, raw) = if bytes.len() < 1 << 20 {
        (sha256_hex(bytes), read())
    } else {
        rayon::join(|| sha256_hex(bytes), read)
    };
    let mut raw = raw?;
    raw.sha256 = sha;
    raw.size_bytes = bytes.len() as u64;
    Ok(raw)
}

/// Reads an export file with the reader for `format`.
pub fn read_file(path: &Path, format: Format) -> Result<RawExport> {
    read_file_with(path, format, &ReadOptions::default())
}

/// As [`read_file`], with the codebook's reading options.
pub fn read_file_with(path: &Path, format: Format, opts: &ReadOptions) -> Result<RawExport> {
    if opts.exclude_malformed_rows {
        return read_excluding_malformed(path, format, opts);
    }
    if !opts.replace_invalid_utf8 {
        let sizes = (stream::STREAM_MIN_BYTES, stream::CHUNK, stream::CHUNK);
        if let Some(raw) = read_streamed(path, format, opts, sizes)? {
            return Ok(raw);
        }
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (fixed, note) = match opts.replace_invalid_utf8 {
        true => decode::replace_invalid_utf8(&bytes, path),
        false => (None, None),
    };
    let Some(fixed) = fixed else {
        let reader = reader_with(format, &bytes, path, opts)?;
        return fingerprinted(&bytes, || reader.read(&bytes, path));
    };
    let reader = reader_with(format, &fixed, path, opts)?;
    // The provenance is the file as it is on disk.
    let mut raw = fingerprinted(&bytes, || reader.read(&fixed, path))?;
    raw.warnings.extend(note);
    Ok(raw)
}

/// As [`read_file_with`], leaving out rows whose number of cells differs from the header's (read
/// whole; the fingerprint is of the file as it is on disk).
fn read_excluding_malformed(path: &Path, format: Format, opts: &ReadOptions) -> Result<RawExport> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (fixed, note) = match opts.replace_invalid_utf8 {
        true => decode::replace_invalid_utf8(&bytes, path),
        false => (None, None),
    };
    let text = fixed.as_deref().unwrap_or(&bytes);
    let whole = |b: &[u8]| -> Result<RawExport> {
        let reader = reader_with(format, b, path, opts)?;
        fingerprinted(&bytes, || reader.read(b, path))
    };
    let mut raw = match whole(text) {
        Ok(raw) => raw,
        Err(e) if e.to_string().ends_with("(a cut or malformed row)") => {
            match malformed::read_excluding(text, path, whole)? {
                Some(raw) => raw,
                None => return Err(e),
            }
        }
        Err(e) => return Err(e),
    };
    raw.warnings.extend(note);
    Ok(raw)
}

/// A large plain UTF-8 export of a layout that can be streamed, read chunk by chunk; None when
/// the file is to be read whole (small, another encoding or layout, or anything unusual).
/// `sizes`: the smallest file streamed, the first chunk's size (it must hold the header rows)
/// and the size of the others.
pub fn read_streamed(
    path: &Path,
    format: Format,
    opts: &ReadOptions,
    sizes: (u64, usize, usize),
) -> Result<Option<RawExport>> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size < sizes.0 {
        return Ok(None);
    }
    let Some(st) = stream::Stream::open(path, sizes.1, sizes.2)? else {
        return Ok(None);
    };
    let Some(table) = columnar::Table::streamed(st, path)? else {
        return Ok(None);
    };
    let format = match format {
        Format::Auto => detect_head(&table.head, path)?,
        f => f,
    };
    let reader = reader_with(format, &[], path, opts)?;
    let Some(read) = reader.read_table(&table, Vec::new(), path) else {
        return Ok(None);
    };
    match (read, table.finish()) {
        (_, None) => Ok(None),
        (Err(e), Some(_)) => Err(e),
        (Ok(mut raw), Some(sha)) => {
            raw.sha256 = sha;
            raw.size_bytes = size;
            Ok(Some(raw))
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Collapses runs of whitespace and trims, so headings match however a spreadsheet re-wrapped them.
pub fn normalize_heading(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A heading for a message: normalised, cut to 60 characters with "…".
pub fn short_heading(s: &str) -> String {
    let s = normalize_heading(s);
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(57).collect::<String>())
    } else {
        s
    }
}

impl RawExport {
    /// Number of response rows.
    pub fn height(&self) -> usize {
        self.cells.rows
    }

    /// Spreadsheet row number (1-based, header rows included) of data row `i`.
    pub fn row_number(&self, i: usize) -> usize {
        self.header_rows + i + 1
    }

    /// The columns of a question block, by heading.
    /// The columns under `heading`, or whose platform question id (`QID9`) is `heading` —
    /// the way to name one of several questions that share a text.
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

    /// An error about one cell.
    pub fn cell_error(&self, row: usize, col: &ExportColumn, message: impl Into<String>) -> Error {
        Error::Cell {
            path: self.path.clone(),
            row: self.row_number(row),
            column: describe_column(col.index, &col.display()),
            message: message.into(),
        }
    }
}

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

/// A unique frame name for a column: "Heading / sub-heading", with " #2" … for repeats.
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
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base} #{n}")
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
