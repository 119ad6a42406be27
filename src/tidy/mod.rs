//! Tidy: the raw export + codebook → one row per analysed respondent with typed answers.
//!
//! Column names come from [`names`], where the namespaces are defined (`q` is a question id, `o`
//! an option code):
//! - `_respondent_id` (text), and `_weight` (f64) only when the codebook has `[weights]`;
//! - single choice: `q` = the chosen option code (null when unanswered);
//! - multi-select: `q__answered` (bool) and `q__o` per option (bool; null when the question was not
//!   shown, or not answered where the export cannot tell "shown" from "skipped");
//! - country: `q` = ISO 3166-1 alpha-2 (null when unmatched or unanswered), `q__name`, `q__raw`;
//! - numeric: `q` (f64);
//! - text: `q__answered`, and `q` (the text) only when the codebook sets `publish_text`;
//! - grid: `q__<item>` per item = the chosen scale point's code (null when blank);
//! - ranking: `q__<item>` per item = the rank (u32, 1 = first; null when not ranked).
//!
//! Each question type has its own builder module. PII never enters the frame: metadata PII
//! columns are not read, `pii` questions keep only `q__answered`, "other (please specify)" text
//! keeps only whether it was filled, and comment columns are only counted.

mod choice_columns;
mod country;
mod csv_out;
mod grid;
mod item_columns;
mod multi;
mod ranking_rows;
mod sav_out;
mod sav_records;

mod numeric;
mod ranking;
pub mod resolve;
pub mod rows;
mod single;
mod text;
mod text_index;
mod ticks;
pub mod variables;

use crate::codebook::{Codebook, QuestionType};
use crate::error::{Error, Result};
use crate::ingest::RawExport;
use crate::names;
use polars::prelude::*;
use rayon::prelude::*;
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
    /// Export columns holding answers that nothing in the codebook reads.
    pub unaccounted: Vec<Unaccounted>,
    /// What the codebook says of each column, for `tidy/responses.sav`.
    pub dictionary: sav_out::Dictionary,
}

/// What the type builders share: the export, the analysed rows, and what they produce.
pub(crate) struct Build<'a> {
    raw: &'a RawExport,
    rows: &'a [usize],
    columns: Vec<Column>,
    warnings: Vec<String>,
    unmatched: BTreeMap<String, usize>,
}

impl Build<'_> {
    fn cells<'r>(&'r self, r: &Resolved) -> Result<Vec<&'r crate::ingest::CellColumn>> {
        r.columns.iter().map(|c| self.raw.cells(c)).collect()
    }

    /// A grid's or ranking's `q__<item>` columns: each item's cells judged by `judge` (once per
    /// distinct value; blank and Qualtrics' -99 are no answer), the first error in reading order.
    fn item_columns<T: Clone>(
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

/// Builds the tidy frame.
pub fn tidy(cb: &Codebook, raw: &RawExport) -> Result<Tidy> {
    let (resolved, unaccounted) = {
        let _s = crate::progress::step("tidy: columns resolved");
        resolve(cb, raw)?
    };
    let sel = {
        let _s = crate::progress::step("tidy: rows selected");
        rows::select(cb, raw, &resolved)?
    };
    let ids_step = crate::progress::step("tidy: respondent ids");
    let mut b = Build {
        raw,
        rows: &sel.rows,
        columns: vec![StringChunked::from_iter_values(
            names::RESPONDENT_ID.into(),
            sel.ids.iter().map(|s| s.as_ref()),
        )
        .into_column()],
        warnings: raw.warnings.clone(),
        unmatched: BTreeMap::new(),
    };
    drop(ids_step);
    // Questions are built on all cores, then joined in codebook order (the first error in
    // that order is the one reported).
    let questions_step = crate::progress::step("tidy: questions");
    let built: Vec<Result<Build>> = resolved
        .par_iter()
        .map(|r| {
            let mut qb = Build {
                raw,
                rows: &sel.rows,
                columns: Vec::new(),
                warnings: Vec::new(),
                unmatched: BTreeMap::new(),
            };
            build_question(&mut qb, r)?;
            Ok(qb)
        })
        .collect();
    drop(questions_step);
    for qb in built {
        let qb = qb?;
        b.columns.extend(qb.columns);
        b.warnings.extend(qb.warnings);
        for (k, n) in qb.unmatched {
            *b.unmatched.entry(k).or_default() += n;
        }
    }
    b.warnings.extend(kept_test_rows(cb, raw, &sel.rows));
    if !cb.survey.ignore_columns.is_empty() {
        let list: Vec<String> = cb
            .survey
            .ignore_columns
            .iter()
            .map(|h| format!("{:?}", crate::ingest::short_heading(h.get_ref())))
            .collect();
        b.warnings.push(format!(
            "left out by the codebook (ignore_columns): {}",
            list.join(", ")
        ));
    }
    if let Some(w) = base_weights(cb, raw, &sel.rows)? {
        b.columns.push(Column::new(names::WEIGHT.into(), w));
    }
    let frame = DataFrame::new(sel.rows.len(), std::mem::take(&mut b.columns))?;
    let dictionary = sav_out::dictionary(cb, &frame);
    Ok(Tidy {
        frame,
        dictionary,
        accounting: sel.accounting,
        excluded_rows: sel.excluded_rows,
        unmatched_countries: b
            .unmatched
            .into_iter()
            .map(|(raw, rows)| UnmatchedCountry { raw, rows })
            .collect(),
        warnings: b.warnings,
        unaccounted,
    })
}

/// The note on Qualtrics previews and test responses analysed (`keep_test_responses`).
fn kept_test_rows(cb: &Codebook, raw: &RawExport, rows: &[usize]) -> Option<String> {
    if !cb.survey.keep_test_responses {
        return None;
    }
    let kept = rows
        .iter()
        .filter(|&&i| {
            raw.row_exclusions
                .get(i)
                .and_then(|r| r.as_deref())
                .is_some_and(crate::ingest::qualtrics::is_test)
        })
        .count();
    (kept > 0).then(|| format!(
        "{kept} Qualtrics survey previews and test responses are analysed (keep_test_responses = true): these figures are not from real respondents"
    ))
}

/// One question's columns (by its type's builder) and the note on its comment columns.
fn build_question(b: &mut Build, r: &Resolved) -> Result<()> {
    match r.question.kind {
        QuestionType::Single => single::build(b, r)?,
        QuestionType::Multi => multi::build(b, r)?,
        QuestionType::Country => country::build(b, r)?,
        QuestionType::Numeric => numeric::build(b, r)?,
        QuestionType::Text => text::build(b, r)?,
        QuestionType::Grid => grid::build(b, r)?,
        QuestionType::Ranking => ranking::build(b, r)?,
    }
    for c in &r.companions {
        let cells = b.raw.cells(c)?;
        let n = b
            .rows
            .iter()
            .filter(|&&i| cells.get(i).is_some_and(|v| !v.trim().is_empty()))
            .count();
        b.warnings.push(format!(
            "question {:?}: {n} typed comment{} in column {} ({:?}), free text, not published",
            r.question.id(),
            if n == 1 { "" } else { "s" },
            crate::error::column_letters(c.index),
            c.sublabel
        ));
    }
    Ok(())
}

/// The export's weight column, when `[weights] column` names one: non-negative numbers.
fn base_weights(cb: &Codebook, raw: &RawExport, rows: &[usize]) -> Result<Option<Vec<f64>>> {
    let Some(wc) = cb.weights.as_ref().and_then(|w| w.column.as_ref()) else {
        return Ok(None);
    };
    let Some(col) = raw.block(wc.get_ref()).first().copied() else {
        return Err(cb.error_at(
            wc,
            format!("weight column {:?} is not in the export", wc.get_ref()),
        ));
    };
    let cells = raw.cells(col)?;
    rows.iter()
        .map(|&i| {
            let s = cells.get(i).map(str::trim).unwrap_or("");
            match s.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
                _ => Err(raw.cell_error(
                    i,
                    col,
                    format!("expected a non-negative weight, found {s:?}"),
                )),
            }
        })
        .collect::<Result<_>>()
        .map(Some)
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
        w.write_all(&self.to_sav()?)
            .map_err(|e| Error::Other(format!("the tidy .sav could not be written: {e}")))
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
