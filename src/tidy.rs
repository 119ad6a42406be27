//! Tidy: the raw export + codebook → one row per analysed respondent with typed answers.
//!
//! Columns of the tidy frame (`q` is a question id, `o` an option code):
//! - `respondent_id` (text);
//! - single choice: `q` = the chosen option code (null when unanswered);
//! - multi-select: `q__answered` (bool) and `q__o` per option (bool; null when the question was not
//!   answered, since the export cannot tell "shown" from "skipped");
//! - country: `q` = ISO 3166-1 alpha-2 (null when unmatched or unanswered), `q__name`, `q__raw`;
//! - numeric: `q` (f64);
//! - text: `q__answered`, and `q` (the text) only when the codebook sets `publish_text`.
//!
//! PII never enters the frame: metadata PII columns are not read, `pii` questions keep only
//! `q__answered`, and "other (please specify)" text keeps only whether it was filled.

use crate::codebook::{Codebook, Question, QuestionType};
use crate::country;
use crate::error::{Error, Result};
use crate::ingest::{normalize_heading, ExportColumn, RawExport};
use polars::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Which export columns a question's answers come from.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    pub question: &'a Question,
    /// Single / multi: one column per option (codebook order, "other" last); or, in value mode,
    /// the one column holding the answer (and a separate "other" text column if any).
    /// Others: one column.
    pub columns: Vec<&'a ExportColumn>,
    /// The answer is one cell: a label (single choice) or labels joined by ", " (multi).
    pub value_mode: bool,
}

/// Every input row accounted for.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowAccounting {
    pub rows_read: usize,
    pub analysed: usize,
    pub excluded: Vec<Exclusion>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Exclusion {
    pub reason: String,
    pub rows: usize,
}

/// One excluded row (the respondent id is the platform's, not personal data).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExcludedRow {
    pub row: usize,
    pub respondent_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnmatchedCountry {
    pub raw: String,
    pub rows: usize,
}

pub struct Tidy {
    pub frame: DataFrame,
    pub accounting: RowAccounting,
    pub excluded_rows: Vec<ExcludedRow>,
    pub unmatched_countries: Vec<UnmatchedCountry>,
    /// Data-quality notes for the report (e.g. export columns the codebook does not describe).
    pub warnings: Vec<String>,
}

/// Name of the weight column in the tidy frame (read from the export, then adjusted by
/// post-stratification or raking when the codebook asks).
pub const WEIGHT: &str = "weight";

pub const REASON_NOT_APPROVED: &str = "KoboToolbox validation status: not approved";

pub const REASON_EMPTY: &str = "no answer to any question";
pub const REASON_NO_ID: &str = "no respondent id";
pub const REASON_DUPLICATE: &str = "duplicate respondent id (first row kept)";

/// Maps every codebook reference to an export column; an unknown reference is an error located at
/// the codebook line that makes it.
pub fn resolve<'a>(
    cb: &'a Codebook,
    raw: &'a RawExport,
) -> Result<(Vec<Resolved<'a>>, Vec<String>)> {
    let file = raw
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut warnings = Vec::new();
    if let Some(id) = &cb.survey.respondent_id {
        if raw.block(id.get_ref()).is_empty() {
            return Err(cb.error_at(id, format!("column {:?} is not in {file}", id.get_ref())));
        }
    }
    for p in &cb.survey.pii_columns {
        if raw.block(p.get_ref()).is_empty() {
            return Err(cb.error_at(p, format!("PII column {:?} is not in {file}", p.get_ref())));
        }
    }
    let mut out = Vec::new();
    for q in &cb.questions {
        // By its text (or header); else by its id, for exports headed by names (KoboToolbox).
        let header = if raw.block(q.header().get_ref()).is_empty() && !raw.block(q.id()).is_empty()
        {
            &q.id
        } else {
            q.header()
        };
        let block = raw.block(header.get_ref());
        if block.is_empty() {
            return Err(cb.error_at(
                header,
                format!(
                    "question {:?}: no column headed {:?} in {file}",
                    q.id(),
                    short(header.get_ref())
                ),
            ));
        }
        let mut value_mode = false;
        let columns = if q.has_choices() {
            let split: Vec<Option<&ExportColumn>> = q
                .all_options()
                .map(|o| {
                    raw.find(header.get_ref(), o.label())
                        .or_else(|| {
                            o.value
                                .as_deref()
                                .and_then(|v| raw.find(header.get_ref(), v))
                        })
                        .or_else(|| raw.find(header.get_ref(), o.code()))
                        // An "other" choice whose only column is its text (LimeSurvey q[other]).
                        .or_else(|| {
                            q.other
                                .as_ref()
                                .filter(|oth| oth.code() == o.code())
                                .and_then(|_| raw.find_other_text(header.get_ref()))
                        })
                })
                .collect();
            // The whole answer in one column (Google Forms; SurveyMonkey condensed single choice):
            // the block's only column, or its "Response" column, when the options have no
            // columns of their own.
            let answer_cols: Vec<&ExportColumn> =
                block.iter().copied().filter(|c| !c.other_text).collect();
            let value_col = block
                .iter()
                .find(|c| c.sublabel.is_empty() || normalize_heading(&c.sublabel) == "Response")
                .copied()
                .or((answer_cols.len() == 1).then(|| answer_cols[0]));
            let n_opts = q.options.len();
            let own_columns = split[..n_opts].iter().filter(|c| c.is_some()).count();
            if own_columns == 0 && value_col.is_some() {
                value_mode = true;
                let mut cols = vec![value_col.expect("checked")];
                // A separate "other (please specify)" text column, when the export has one.
                let other_col = raw
                    .find_other_text(header.get_ref())
                    .or(split.get(n_opts).copied().flatten());
                if let (Some(oc), true) = (other_col, q.other.is_some()) {
                    if oc.index != cols[0].index {
                        cols.push(oc);
                    }
                }
                cols
            } else {
                let mut cols = Vec::new();
                for (o, col) in q.all_options().zip(&split) {
                    let col = col.ok_or_else(|| {
                        let mut have: Vec<String> = block
                            .iter()
                            .take(6)
                            .map(|c| format!("{:?}", c.sublabel))
                            .collect();
                        if block.len() > 6 {
                            have.push(format!("and {} more", block.len() - 6));
                        }
                        cb.error_at(
                            &o.label,
                            format!(
                                "question {:?}, option {:?}: no column {:?} under its heading in {file} (found {})",
                                q.id(),
                                o.code(),
                                o.label(),
                                have.join(", ")
                            ),
                        )
                    })?;
                    cols.push(col);
                }
                for c in &block {
                    if !c.other_text && !cols.iter().any(|k| k.index == c.index) {
                        warnings.push(format!(
                            "column {} ({:?}) of question {:?} is not described in the codebook and was ignored",
                            crate::error::column_letters(c.index),
                            c.sublabel,
                            q.id()
                        ));
                    }
                }
                cols
            }
        } else {
            if block.len() > 1 {
                return Err(cb.error_at(
                    header,
                    format!(
                        "question {:?} is {} but its heading spans {} columns in {file}",
                        q.id(),
                        q.kind.as_str(),
                        block.len()
                    ),
                ));
            }
            vec![block[0]]
        };
        out.push(Resolved {
            question: q,
            columns,
            value_mode,
        });
    }
    Ok((out, warnings))
}

fn short(s: &str) -> String {
    let s = normalize_heading(s);
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(57).collect::<String>())
    } else {
        s
    }
}

/// Builds the tidy frame.
pub fn tidy(cb: &Codebook, raw: &RawExport) -> Result<Tidy> {
    let (resolved, mut warnings) = resolve(cb, raw)?;
    warnings.splice(0..0, raw.warnings.iter().cloned());
    let n = raw.height();

    // Which rows are analysed.
    let ids: Option<&StringChunked> = match &cb.survey.respondent_id {
        Some(id) => Some(raw.cells(raw.block(id.get_ref())[0])?),
        None => None,
    };
    let row_id = |i: usize| -> String {
        match ids {
            Some(ids) => ids.get(i).map(str::trim).unwrap_or("").to_string(),
            None => raw.row_number(i).to_string(),
        }
    };
    let answer_cols: Vec<&StringChunked> = resolved
        .iter()
        .flat_map(|r| r.columns.iter())
        .map(|c| raw.cells(c))
        .collect::<Result<_>>()?;
    // KoboToolbox validation, when the codebook asks for it.
    let validation: Option<&StringChunked> = match raw.block("_validation_status").first() {
        Some(c) if cb.survey.exclude_not_approved => Some(raw.cells(c)?),
        _ => None,
    };
    // Rows shown a question (ticked nothing, but the platform records it) took part.
    let mut shown_any = vec![false; n];
    for c in resolved.iter().flat_map(|r| r.columns.iter()) {
        if let Some(sh) = raw.shown.get(&c.index) {
            for (a, &b) in shown_any.iter_mut().zip(sh) {
                *a |= b;
            }
        }
    }
    let mut keep = vec![false; n];
    let mut seen = HashSet::new();
    let mut excluded_rows = Vec::new();
    for (i, k) in keep.iter_mut().enumerate() {
        let id = row_id(i);
        let id = id.as_str();
        let not_approved = validation
            .and_then(|v| v.get(i))
            .is_some_and(|v| v.contains("not_approved") || v.eq_ignore_ascii_case("Not Approved"));
        let platform_reason = raw
            .row_exclusions
            .get(i)
            .and_then(|r| r.as_deref())
            .or(not_approved.then_some(REASON_NOT_APPROVED));
        let reason = if let Some(r) = platform_reason {
            Some(r)
        } else if !answer_cols
            .iter()
            .any(|c| c.get(i).is_some_and(|v| !v.trim().is_empty()))
            && !shown_any.get(i).copied().unwrap_or(false)
        {
            Some(REASON_EMPTY)
        } else if id.is_empty() {
            Some(REASON_NO_ID)
        } else if !seen.insert(id.to_string()) {
            Some(REASON_DUPLICATE)
        } else {
            None
        };
        match reason {
            None => *k = true,
            Some(r) => {
                let reason = r.to_string();
                excluded_rows.push(ExcludedRow {
                    row: raw.row_number(i),
                    respondent_id: id.to_string(),
                    reason,
                })
            }
        }
    }
    let rows: Vec<usize> = (0..n).filter(|&i| keep[i]).collect();
    // Reasons in order of first appearance among the excluded rows.
    let mut excluded: Vec<Exclusion> = Vec::new();
    for e in &excluded_rows {
        match excluded.iter_mut().find(|x| x.reason == e.reason) {
            Some(x) => x.rows += 1,
            None => excluded.push(Exclusion {
                reason: e.reason.clone(),
                rows: 1,
            }),
        }
    }
    let accounting = RowAccounting {
        rows_read: n,
        analysed: rows.len(),
        excluded,
    };

    let mut columns: Vec<Column> = Vec::new();
    let id_values: Vec<String> = rows.iter().map(|&i| row_id(i)).collect();
    columns.push(Column::new("respondent_id".into(), id_values));
    let mut unmatched: BTreeMap<String, usize> = BTreeMap::new();

    for r in &resolved {
        let q = r.question;
        let id = q.id();
        let cells: Vec<&StringChunked> = r
            .columns
            .iter()
            .map(|c| raw.cells(c))
            .collect::<Result<_>>()?;
        match q.kind {
            QuestionType::Single => {
                let mut values: Vec<Option<&str>> = Vec::with_capacity(rows.len());
                for &i in &rows {
                    let mut chosen: Option<(usize, &str)> = None;
                    let ticks = row_ticks(raw, r, &cells, i)?;
                    for (k, o) in q.all_options().enumerate() {
                        if ticks[k] {
                            if let Some((prev, _)) = chosen {
                                return Err(raw.cell_error(
                                    i,
                                    r.columns[k.min(r.columns.len() - 1)],
                                    format!(
                                        "single-choice question {id:?} has two answers ({:?} and {:?})",
                                        q.all_options().nth(prev).map(|o| o.label()).unwrap_or(""),
                                        o.label()
                                    ),
                                ));
                            }
                            chosen = Some((k, o.code()));
                        }
                    }
                    values.push(chosen.map(|(_, c)| c));
                }
                columns.push(Column::new(id.into(), values));
            }
            QuestionType::Multi => {
                let opts: Vec<_> = q.all_options().collect();
                let mut ticks = vec![Vec::with_capacity(rows.len()); opts.len()];
                let mut answered = Vec::with_capacity(rows.len());
                let mut conflicts = 0usize;
                // Where the platform records "shown, not ticked" for this question's columns.
                let shown_cols: Vec<&Vec<bool>> = r
                    .columns
                    .iter()
                    .filter_map(|c| raw.shown.get(&c.index))
                    .collect();
                let mut shown = Vec::with_capacity(rows.len());
                for &i in &rows {
                    let row_ticks = row_ticks(raw, r, &cells, i)?;
                    let any = row_ticks.iter().any(|&t| t);
                    let exclusive_and_other =
                        opts.iter().zip(&row_ticks).any(|(o, &t)| t && o.exclusive)
                            && opts.iter().zip(&row_ticks).any(|(o, &t)| t && !o.exclusive);
                    if exclusive_and_other {
                        conflicts += 1;
                    }
                    answered.push(any);
                    let was_shown = any || shown_cols.iter().any(|s| s[i]);
                    shown.push(was_shown);
                    for (k, t) in row_ticks.into_iter().enumerate() {
                        // Tri-state: ticked, shown but not ticked, not shown (null).
                        ticks[k].push(if was_shown { Some(t) } else { None });
                    }
                }
                if conflicts > 0 {
                    warnings.push(format!(
                        "question {id:?}: {conflicts} respondents ticked an exclusive option together with other options; all their ticks are counted"
                    ));
                }
                columns.push(Column::new(format!("{id}__answered").into(), answered));
                if !shown_cols.is_empty() {
                    columns.push(Column::new(format!("{id}__shown").into(), shown));
                }
                for (k, o) in opts.iter().enumerate() {
                    columns.push(Column::new(
                        format!("{id}__{}", o.code()).into(),
                        std::mem::take(&mut ticks[k]),
                    ));
                }
            }
            QuestionType::Country => {
                let cells = cells[0];
                let mut codes = Vec::with_capacity(rows.len());
                let mut names = Vec::with_capacity(rows.len());
                let mut raws = Vec::with_capacity(rows.len());
                let mut regions = Vec::with_capacity(rows.len());
                let mut subregions = Vec::with_capacity(rows.len());
                for &i in &rows {
                    let v = cells.get(i).map(str::trim).filter(|v| !v.is_empty());
                    let m = v.and_then(country::lookup);
                    if let (Some(v), None) = (v, &m) {
                        *unmatched.entry(v.to_string()).or_default() += 1;
                    }
                    raws.push(v.map(str::to_string));
                    let (reg, sub) = m
                        .as_ref()
                        .map(|m| country::regions(&m.alpha2))
                        .unwrap_or((None, None));
                    regions.push(reg);
                    subregions.push(sub);
                    codes.push(m.as_ref().map(|m| m.alpha2.clone()));
                    names.push(m.map(|m| m.name));
                }
                columns.push(Column::new(id.into(), codes));
                columns.push(Column::new(format!("{id}__name").into(), names));
                columns.push(Column::new(format!("{id}__raw").into(), raws));
                columns.push(Column::new(format!("{id}__region").into(), regions));
                columns.push(Column::new(format!("{id}__subregion").into(), subregions));
            }
            QuestionType::Numeric => {
                let col = r.columns[0];
                let cells = cells[0];
                let mut values = Vec::with_capacity(rows.len());
                for &i in &rows {
                    let v = match cells.get(i).map(str::trim).filter(|v| !v.is_empty()) {
                        None => None,
                        Some(s) => {
                            Some(s.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(
                                || {
                                    raw.cell_error(
                                        i,
                                        col,
                                        format!("expected a number, found {s:?}"),
                                    )
                                },
                            )?)
                        }
                    };
                    values.push(v);
                }
                columns.push(Column::new(id.into(), values));
            }
            QuestionType::Text => {
                let cells = cells[0];
                let texts: Vec<Option<&str>> = rows
                    .iter()
                    .map(|&i| cells.get(i).map(str::trim).filter(|v| !v.is_empty()))
                    .collect();
                let answered: Vec<bool> = texts.iter().map(Option::is_some).collect();
                columns.push(Column::new(format!("{id}__answered").into(), answered));
                if q.publish_text && !q.pii {
                    columns.push(Column::new(id.into(), texts));
                }
            }
        }
    }
    if let Some(wc) = cb.weights.as_ref().and_then(|w| w.column.as_ref()) {
        let block = raw.block(wc.get_ref());
        let Some(col) = block.first() else {
            return Err(cb.error_at(
                wc,
                format!("weight column {:?} is not in the export", wc.get_ref()),
            ));
        };
        let cells = raw.cells(col)?;
        let mut w = Vec::with_capacity(rows.len());
        for &i in &rows {
            let s = cells.get(i).map(str::trim).unwrap_or("");
            match s.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => w.push(x),
                _ => {
                    return Err(raw.cell_error(
                        i,
                        col,
                        format!("expected a non-negative weight, found {s:?}"),
                    ))
                }
            }
        }
        columns.push(Column::new(WEIGHT.into(), w));
    }
    let frame = DataFrame::new(rows.len(), columns)?;
    Ok(Tidy {
        frame,
        accounting,
        excluded_rows,
        unmatched_countries: unmatched
            .into_iter()
            .map(|(raw, rows)| UnmatchedCountry { raw, rows })
            .collect(),
        warnings,
    })
}

fn is_other(q: &Question, k: usize) -> bool {
    q.other.is_some() && k == q.options.len()
}

/// Which options row `i` ticked, in `all_options()` order.
fn row_ticks(
    raw: &RawExport,
    r: &Resolved,
    cells: &[&StringChunked],
    i: usize,
) -> Result<Vec<bool>> {
    let q = r.question;
    if !r.value_mode {
        return q
            .all_options()
            .enumerate()
            .map(|(k, o)| ticked(raw, i, r.columns[k], cells[k], o, is_other(q, k)))
            .collect();
    }
    let n = q.all_options().count();
    let mut out = vec![false; n];
    // A separate "other" text column ticks "other" (Qualtrics' -99 means seen, left empty);
    // for a single choice only when no other choice was made.
    let main = cells[0].get(i).map(str::trim).filter(|v| !v.is_empty());
    if let (Some(other_cells), true) = (cells.get(1), q.other.is_some()) {
        if other_cells
            .get(i)
            .is_some_and(|v| !v.trim().is_empty() && v.trim() != "-99")
            && (q.kind != QuestionType::Single || main.is_none())
        {
            out[n - 1] = true;
        }
    }
    let Some(v) = main else {
        return Ok(out);
    };
    let labels: Vec<String> = q
        .all_options()
        .map(|o| normalize_heading(o.label()))
        .collect();
    let codes: Vec<Option<&str>> = q.all_options().map(|o| o.value.as_deref()).collect();
    let names: Vec<&str> = q.all_options().map(|o| o.code()).collect();
    let unknown = |piece: &str| -> Result<usize> {
        if q.other.is_some() {
            Ok(n - 1)
        } else {
            Err(raw.cell_error(
                i,
                r.columns[0],
                format!(
                    "{piece:?} is not one of the options of question {:?}",
                    q.id()
                ),
            ))
        }
    };
    let v = normalize_heading(v);
    if q.kind == QuestionType::Single {
        let k = match labels.iter().position(|l| *l == v) {
            Some(k) => k,
            None => match codes.iter().position(|c| *c == Some(v.as_str())) {
                Some(k) => k,
                None => match names.iter().position(|c| *c == v) {
                    Some(k) => k,
                    None => unknown(&v)?,
                },
            },
        };
        out[k] = true;
        return Ok(out);
    }
    // Platform codes joined by "," (Qualtrics numeric, not split: "1,3") or by spaces (a
    // KoboToolbox select_multiple summary column: "internet books").
    let code_of = |p: &str| {
        codes
            .iter()
            .position(|c| *c == Some(p))
            .or_else(|| names.iter().position(|c| *c == p))
    };
    if !labels.contains(&v) {
        let by_comma: Vec<&str> = v.split(',').map(str::trim).collect();
        let by_space: Vec<&str> = v.split_whitespace().collect();
        for pieces in [by_comma, by_space] {
            if pieces.iter().all(|p| code_of(p).is_some()) {
                for p in pieces {
                    out[code_of(p).expect("checked")] = true;
                }
                return Ok(out);
            }
        }
    }
    // Labels joined by ", "; a label may contain ", " itself, so match the longest first.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(labels[k].len()));
    let mut rest = v.as_str();
    while !rest.is_empty() {
        let hit = order.iter().copied().find(|&k| {
            let l = labels[k].as_str();
            !l.is_empty()
                && rest.starts_with(l)
                && (rest.len() == l.len() || rest[l.len()..].starts_with(", "))
        });
        let consumed = match hit {
            Some(k) => {
                out[k] = true;
                labels[k].len()
            }
            None => {
                let piece = rest.split(", ").next().unwrap_or(rest);
                let k = unknown(piece)?;
                out[k] = true;
                piece.len()
            }
        };
        rest = rest[consumed..]
            .strip_prefix(", ")
            .unwrap_or(&rest[consumed..]);
    }
    Ok(out)
}

/// Whether option `o` is ticked in row `i`. A choice column must hold its label or be blank;
/// the "other" column holds free text.
fn ticked(
    raw: &RawExport,
    i: usize,
    col: &ExportColumn,
    cells: &StringChunked,
    o: &crate::codebook::OptionDef,
    other: bool,
) -> Result<bool> {
    match cells.get(i).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(false),
        Some(_) if other => Ok(true),
        Some(v) if normalize_heading(v) == normalize_heading(o.label()) => Ok(true),
        Some(v) if o.value.as_deref() == Some(v) || o.code() == v => Ok(true),
        Some(v) => Err(raw.cell_error(
            i,
            col,
            format!(
                "expected {:?} or blank, found {v:?}{}",
                o.label(),
                if raw.format == crate::codebook::Format::Limesurvey {
                    " (LimeSurvey full answers in a language shelfstat does not know: set [survey] checkbox_words = { yes = …, no = … })"
                } else {
                    ""
                }
            ),
        )),
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
        let mut df = self.frame.clone();
        ParquetWriter::new(&mut buf).finish(&mut df)?;
        Ok(buf)
    }

    /// CSV text of the tidy responses.
    pub fn to_csv(&self) -> Result<Vec<u8>> {
        let mut buf = Vec::new();
        let mut df = self.frame.clone();
        CsvWriter::new(&mut buf).finish(&mut df)?;
        Ok(buf)
    }
}

/// An error for a whole-input problem after tidying, with the exclusion reasons.
pub fn no_rows_error(raw: &RawExport, accounting: &RowAccounting) -> Error {
    let reasons: Vec<String> = accounting
        .excluded
        .iter()
        .map(|e| format!("{}: {}", e.reason, e.rows))
        .collect();
    Error::input(
        &raw.path,
        format!(
            "no rows left to analyse: all {} were excluded ({})",
            accounting.rows_read,
            if reasons.is_empty() {
                "the export has no data rows".to_string()
            } else {
                reasons.join("; ")
            }
        ),
    )
}
