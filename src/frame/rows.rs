//! Which rows of the export are analysed, and why each other row is not.

use super::resolve::Resolved;
use super::{ExcludedRow, Exclusion, RowAccounting};
use crate::codebook::Codebook;
use crate::error::Result;
use crate::ingest::RawExport;
use std::borrow::Cow;
use std::collections::HashSet;

pub const REASON_NOT_APPROVED: &str = "KoboToolbox validation status: not approved";
pub const REASON_EMPTY: &str = "no answer to any question";
pub const REASON_NO_ID: &str = "no respondent id";
pub const REASON_DUPLICATE: &str = "duplicate respondent id (first row kept)";

/// The analysed rows (data-row indices), their ids, and the accounting of the rest.
pub struct Selection<'a> {
    pub rows: Vec<usize>,
    pub ids: Vec<Cow<'a, str>>,
    pub accounting: RowAccounting,
    pub excluded_rows: Vec<ExcludedRow>,
}

/// The respondent id of every data row: the codebook's id column, or the row number.
fn row_ids<'a>(cb: &Codebook, raw: &'a RawExport) -> Result<Vec<Cow<'a, str>>> {
    let ids: Option<&crate::ingest::CellColumn> = match &cb.survey.respondent_id {
        Some(id) => Some(raw.cells(raw.block(id.get_ref())[0])?),
        None => None,
    };
    Ok((0..raw.height())
        .map(|i| match ids {
            Some(ids) => Cow::Borrowed(ids.get(i).map(str::trim).unwrap_or("")),
            None => Cow::Owned(raw.row_number(i).to_string()),
        })
        .collect())
}

/// Rows with any answer, or shown any question (ticked nothing, but the platform records it).
fn took_part(raw: &RawExport, resolved: &[Resolved]) -> Result<Vec<bool>> {
    let mut any = vec![false; raw.height()];
    for c in resolved.iter().flat_map(|r| r.columns.iter()) {
        raw.cells(c)?.mark_filled(&mut any);
        if let Some(sh) = raw.shown.get(&c.index) {
            for (a, &b) in any.iter_mut().zip(sh) {
                *a |= b;
            }
        }
    }
    Ok(any)
}

/// Selects the analysed rows.
pub fn select<'a>(
    cb: &Codebook,
    raw: &'a RawExport,
    resolved: &[Resolved],
) -> Result<Selection<'a>> {
    let n = raw.height();
    let (all_ids, took_part) = rayon::join(|| row_ids(cb, raw), || took_part(raw, resolved));
    let (all_ids, took_part) = (all_ids?, took_part?);
    // KoboToolbox validation, when the codebook asks for it.
    let validation: Option<&crate::ingest::CellColumn> =
        match raw.block("_validation_status").first() {
            Some(c) if cb.survey.exclude_not_approved => Some(raw.cells(c)?),
            _ => None,
        };
    let rankings = super::ranking_rows::Rankings::new(cb, raw, resolved)?;
    let mut rows = Vec::new();
    let mut seen: HashSet<&str, foldhash::fast::FixedState> =
        HashSet::with_capacity_and_hasher(n, Default::default());
    let mut excluded_rows = Vec::new();
    for (i, id) in all_ids.iter().enumerate() {
        let not_approved = validation
            .and_then(|v| v.get(i))
            .is_some_and(|v| v.contains("not_approved") || v.eq_ignore_ascii_case("Not Approved"));
        let keep =
            |r: &&str| !(cb.survey.keep_test_responses && crate::ingest::qualtrics::is_test(r));
        let platform_reason = raw
            .row_exclusions
            .get(i)
            .and_then(|r| r.as_deref())
            .filter(keep)
            .or(not_approved.then_some(REASON_NOT_APPROVED));
        let reason = if let Some(r) = platform_reason {
            Some(Cow::Borrowed(r))
        } else if let Some(why) = rankings.malformed(raw, i)? {
            Some(Cow::Owned(why))
        } else if !took_part[i] {
            Some(REASON_EMPTY.into())
        } else if id.is_empty() {
            Some(REASON_NO_ID.into())
        } else if !seen.insert(id.as_ref()) {
            Some(REASON_DUPLICATE.into())
        } else {
            None
        };
        match reason {
            None => rows.push(i),
            Some(r) => excluded_rows.push(ExcludedRow {
                row: raw.row_number(i),
                respondent_id: id.to_string(),
                reason: r.to_string(),
            }),
        }
    }
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
    let ids = rows.iter().map(|&i| all_ids[i].clone()).collect();
    Ok(Selection {
        accounting: RowAccounting {
            rows_read: n,
            analysed: rows.len(),
            excluded,
        },
        rows,
        ids,
        excluded_rows,
    })
}
