//! Ingest: a platform's raw export → columns of untouched text cells plus a column map.
//!
//! Each platform layout is one module implementing [`Reader`]. [`Cells`] holds one column per
//! export column (empty cells are None, every other cell exactly as in the file; dictionary-
//! encoded where values repeat), so later stages can always point back at the raw cell.

mod builder;
pub mod cells;
mod codes;
pub mod columnar;
pub mod decode;
mod detect;
pub mod googleforms;
mod guard;
pub mod kobo;
pub mod limesurvey;
pub mod limesurvey_layout;
mod limesurvey_words;
mod malformed;
pub mod metadata;
mod ods_repeats;
pub mod plain;
mod platform;
pub mod qualtrics;
mod qualtrics_headings;
mod raw;
pub mod records;
pub mod redcap;
pub mod region;
mod scan;
pub mod spss;
pub mod stream;
mod structural;
pub mod surveymonkey;
pub mod xlsx;
mod zip_bomb;

use crate::codebook::Format;
use crate::error::{Error, Result};
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
pub use platform::{Head, Metadata, PLATFORMS};
pub(crate) use raw::{raw_export, raw_export_cells, unique_name, Columns};
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
    /// No SHA-256 of a streamed export (`init` records no provenance).
    pub no_fingerprint: bool,
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
        Format::Spss => Box::new(spss::Spss),
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
    let raw = read_any(path, format, opts)?;
    if raw.columns.len() > MAX_COLUMNS {
        return Err(Error::input(
            path,
            format!(
                "{} columns: shelfstat reads exports of at most {MAX_COLUMNS} columns (a survey's export has hundreds, a few thousand at most); is this file a survey export?",
                raw.columns.len()
            ),
        ));
    }
    Ok(raw)
}

/// The most columns an export may have (README, limits): drafting and tidying cost grows with
/// them (1,000,000 columns of 2 rows took `init` 29 s and 5.9 GB, `run` past 20 GB).
pub const MAX_COLUMNS: usize = 100_000;

fn read_any(path: &Path, format: Format, opts: &ReadOptions) -> Result<RawExport> {
    crate::files::regular_file(path)?;
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
    let Some(st) = stream::Stream::open(path, sizes.1, sizes.2, !opts.no_fingerprint)? else {
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
        // The size is of the bytes hashed: a file growing while it is read is described by
        // what was analysed, not by its size when it was opened.
        (Ok(mut raw), Some((sha, hashed))) => {
            raw.sha256 = sha;
            raw.size_bytes = if hashed > 0 { hashed } else { size };
            Ok(Some(raw))
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Collapses runs of whitespace and trims, so headings match however a spreadsheet re-wrapped
/// them, in Unicode NFC ("Cafe\u{301}" and "Café" are one text).
pub fn normalize_heading(s: &str) -> String {
    nfc(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// Text in Unicode normal form C: composed accents, as keyboards type them. ASCII (most
/// cells) and text already in NFC are returned as they are.
pub fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.nfc().collect())
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
