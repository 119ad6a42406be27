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

mod answers;

pub use answers::typed_answers;

use crate::codebook::Codebook;
use crate::error::Result;
use crate::frame::{sav_out, Build, Resolved};
use crate::ingest::RawExport;
use crate::names;
use polars::prelude::*;
use rayon::prelude::*;
use std::collections::BTreeMap;

pub use crate::frame::{
    no_rows_error, variables, ExcludedRow, Exclusion, RowAccounting, Tidy, Unaccounted,
    UnmatchedCountry, REASON_DUPLICATE, REASON_EMPTY, REASON_NOT_APPROVED, REASON_NO_ID, WEIGHT,
};
pub use crate::frame::{resolve, rows, spss_names};

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
        ids: &sel.ids,
        columns: vec![StringChunked::from_iter_values(
            names::RESPONDENT_ID.into(),
            sel.ids.iter().map(|s| s.as_ref()),
        )
        .into_column()],
        warnings: raw.warnings.clone(),
        unmatched: BTreeMap::new(),
        quotes: BTreeMap::new(),
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
                ids: &sel.ids,
                columns: Vec::new(),
                warnings: Vec::new(),
                unmatched: BTreeMap::new(),
                quotes: BTreeMap::new(),
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
        b.quotes.extend(qb.quotes);
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
        quotes: std::mem::take(&mut b.quotes),
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
    crate::kinds::build(b, r)?;
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
