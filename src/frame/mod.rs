//! The tidy frame — one row per analysed respondent with typed answers — and the machinery
//! that builds it: which export columns each question reads ([`resolve`]), which rows are
//! analysed ([`rows`]), ticks and item columns, and the frame written as CSV, Parquet and .sav.
//! Each kind builds its own columns ([`crate::kinds`]); [`crate::tidy`] drives the build.

pub(crate) mod bits;
mod choice_columns;
pub(crate) mod choices;
pub(crate) mod coded_text;
mod csv_out;
pub mod dictionary;
pub(crate) mod flag_column;
mod item_columns;
mod ranking_rows;
pub mod resolve;
pub mod rows;
mod sav_data;
pub(crate) mod sav_out;
mod sav_records;
mod text_index;
pub(crate) mod ticks;
pub mod variables;

use crate::error::{Error, Result};
use crate::ingest::RawExport;
use crate::names;
use polars::prelude::*;
use std::collections::BTreeMap;

pub use crate::figures::{ExcludedRow, Exclusion, RowAccounting, UnmatchedCountry};
pub use crate::names::WEIGHT;
pub use resolve::{resolve, Resolved, Unaccounted};
pub use rows::{REASON_DUPLICATE, REASON_EMPTY, REASON_NOT_APPROVED, REASON_NO_ID};
pub use sav_out::spss_names;

pub struct Tidy {
    pub frame: DataFrame,
    pub accounting: RowAccounting,
    pub excluded_rows: Vec<ExcludedRow>,
    pub unmatched_countries: Vec<UnmatchedCountry>,
    /// Data-quality notes for the report.
    pub warnings: Vec<String>,
    /// Answers coded questions may quote, personal data masked: question → (code, text).
    pub quotes: BTreeMap<String, Vec<(String, String)>>,
    /// Export columns holding answers that nothing in the codebook reads.
    pub unaccounted: Vec<Unaccounted>,
    /// What the codebook says of each column, for `tidy/responses.sav`.
    pub dictionary: sav_out::Dictionary,
}

/// What the type builders share: the export, the analysed rows, and what they produce.
pub struct Build<'a> {
    pub(crate) raw: &'a RawExport,
    pub(crate) rows: &'a [usize],
    /// The analysed rows' respondent ids, in the order of `rows`.
    pub(crate) ids: &'a [std::borrow::Cow<'a, str>],
    pub(crate) columns: Vec<Column>,
    pub(crate) warnings: Vec<String>,
    pub(crate) unmatched: BTreeMap<String, usize>,
    /// Answers a coded question may quote (the codebook opted in), masked: question →
    /// (code, text) in row order.
    pub(crate) quotes: BTreeMap<String, Vec<(String, String)>>,
}

impl Build<'_> {
    pub(crate) fn cells<'r>(&'r self, r: &Resolved) -> Result<Vec<&'r crate::ingest::CellColumn>> {
        r.columns.iter().map(|c| self.raw.cells(c)).collect()
    }

    /// A one-column question's `q` column of numbers: each distinct non-blank cell read by
    /// `read` (its message, when it is not one, becomes an error naming the cell).
    pub(crate) fn number_column(
        &mut self,
        r: &Resolved,
        read: impl Fn(&str) -> std::result::Result<f64, String>,
    ) -> Result<()> {
        let col = r.columns[0];
        let d = self.raw.cells(col)?.distinct(self.rows);
        let per_key = d
            .eval(|i, v| match v.map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(s) => read(s)
                    .map(Some)
                    .map_err(|why| self.raw.cell_error(i, col, why)),
            })
            .map_err(|(_, e)| e)?;
        let values: Vec<Option<f64>> = d.gather(&per_key);
        self.columns
            .push(Column::new(r.question.id().into(), values));
        Ok(())
    }

    /// A grid's or ranking's `q__<item>` columns: each item's cells judged by `judge` (once per
    /// distinct value; blank and Qualtrics' -99 are no answer), the first error in reading order.
    pub(crate) fn item_columns<T: Clone>(
        &mut self,
        r: &Resolved,
        judge: impl Fn(
            usize,
            &crate::ingest::ExportColumn,
            &crate::codebook::OptionDef,
            &str,
        ) -> Result<T>,
    ) -> Result<()>
    where
        Series: NamedFrom<Vec<Option<T>>, [Option<T>]>,
    {
        let q = r.question;
        for (item, &col) in q.items.iter().zip(&r.columns) {
            let d = self.raw.cells(col)?.distinct(self.rows);
            let per_key = d
                .eval(|i, v| -> Result<Option<T>> {
                    match v.map(str::trim).filter(|v| !v.is_empty() && *v != "-99") {
                        None => Ok(None),
                        Some(v) => judge(i, col, item, v).map(Some),
                    }
                })
                .map_err(|(_, e)| e)?;
            let name = names::option(q.id(), item.code());
            self.columns
                .push(Column::new(name.into(), d.gather(&per_key)));
        }
        Ok(())
    }
}

impl Tidy {
    /// The frame restricted to rows where `mask` holds.
    pub fn filter(&self, mask: &BooleanChunked) -> Result<DataFrame> {
        Ok(self.frame.filter(mask)?)
    }

    /// Parquet bytes of the tidy responses (zstd, deterministic for the same input).
    pub fn to_parquet(&self) -> Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.write_parquet(&mut buf)?;
        Ok(buf)
    }

    /// The Parquet file, written to `w`.
    pub fn write_parquet(&self, w: &mut dyn std::io::Write) -> Result<()> {
        let mut df = self.frame.clone();
        ParquetWriter::new(w).finish(&mut df)?;
        Ok(())
    }

    /// The tidy responses as an SPSS .sav file, labelled from the codebook ([`sav_out`]).
    pub fn to_sav(&self) -> Result<Vec<u8>> {
        sav_out::sav(&self.frame, &self.dictionary)
    }

    /// The .sav file of [`Tidy::to_sav`], written to `w`.
    pub fn write_sav(&self, w: &mut dyn std::io::Write) -> Result<()> {
        sav_out::write_sav(&self.frame, &self.dictionary, w)
    }

    /// CSV text of the tidy responses; text cells that a spreadsheet would run as a formula
    /// are written with a leading `'` ([`crate::cellsafe`]). The Parquet file keeps them as
    /// they are.
    pub fn to_csv(&self) -> Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.write_csv(&mut buf)?;
        Ok(buf)
    }

    /// The CSV text of [`Tidy::to_csv`], written to `w` as it is serialised.
    pub fn write_csv(&self, w: &mut dyn std::io::Write) -> Result<()> {
        if csv_out::write(&self.frame, w)? {
            return Ok(());
        }
        // Only the text columns holding such a cell are copied.
        let unsafe_cols: Vec<String> = self
            .frame
            .columns()
            .iter()
            .filter(|c| c.dtype() == &DataType::String)
            .filter(|c| {
                c.str().is_ok_and(|s| {
                    s.iter()
                        .flatten()
                        .any(|v| matches!(crate::cellsafe::cell(v), std::borrow::Cow::Owned(_)))
                })
            })
            .map(|c| c.name().to_string())
            .collect();
        if unsafe_cols.is_empty() {
            let mut df = self.frame.clone();
            CsvWriter::new(w).finish(&mut df)?;
            return Ok(());
        }
        let mut df = self.frame.clone();
        for name in unsafe_cols {
            let safe: StringChunked = df
                .column(&name)?
                .str()?
                .iter()
                .map(|v| v.map(crate::cellsafe::cell))
                .map(|v| v.map(|v| v.into_owned()))
                .collect();
            df.replace(&name, safe.with_name(name.as_str().into()).into_column())?;
        }
        CsvWriter::new(w).finish(&mut df)?;
        Ok(())
    }
}

/// An error for a whole-input problem after tidying, with the exclusion reasons.
pub fn no_rows_error(raw: &RawExport, accounting: &RowAccounting) -> Error {
    let reasons: Vec<String> = accounting
        .excluded
        .iter()
        .map(|e| format!("{}: {}", e.reason, e.rows))
        .collect();
    let hint = match accounting.excluded.iter().any(|e| crate::ingest::qualtrics::is_test(&e.reason)) {
        true => "; to analyse Qualtrics previews and test responses anyway, set keep_test_responses = true in [survey]",
        false => "",
    };
    Error::input(
        &raw.path,
        format!(
            "no rows left to analyse: all {} were excluded ({}){hint}",
            accounting.rows_read,
            if reasons.is_empty() {
                "the export has no data rows".to_string()
            } else {
                reasons.join("; ")
            }
        ),
    )
}
