//! Resolve: every codebook reference → export columns, and every export column → who reads it.
//!
//! A column that holds answers but that no question, PII list, id, weight, ignore list or
//! platform bookkeeping claims is *unaccounted*: a warning with its position and how many
//! cells it fills, never a silent omission.

use crate::codebook::{Codebook, Question, Shape};
use crate::error::{column_letters, Result};
pub use crate::figures::Unaccounted;
use crate::ingest::{metadata, normalize_heading, short_heading, ExportColumn, RawExport};
use std::collections::BTreeSet;

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
    /// Free-text companions of the question that are counted, never read into the tidy frame:
    /// its comment box ("Please explain here"), and typed-text columns beside its choices
    /// (Qualtrics `_TEXT`) that no "other" choice reads.
    pub companions: Vec<&'a ExportColumn>,
}

impl Unaccounted {
    pub fn message(&self) -> String {
        if let (Some(first), Some(header)) = (&self.same_heading_as, &self.header) {
            return format!(
                "column {} ({:?}) has the same heading as column {first}, which the codebook reads; its {} answer{} are not read: name it with header = {header:?}, or list that in [survey] ignore_columns",
                self.column,
                short_heading(&self.heading),
                self.non_empty,
                if self.non_empty == 1 { "" } else { "s" }
            );
        }
        format!(
            "column {} ({:?}) holds {} answer{} but no question of the codebook reads it: add a question, or list it in [survey] ignore_columns",
            self.column,
            short_heading(&self.heading),
            self.non_empty,
            if self.non_empty == 1 { "" } else { "s" }
        )
    }
}

fn file_name(raw: &RawExport) -> String {
    raw.path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Maps every codebook reference to an export column; an unknown reference is an error located at
/// the codebook line that makes it. Also returns the unaccounted columns.
pub fn resolve<'a>(
    cb: &'a Codebook,
    raw: &'a RawExport,
) -> Result<(Vec<Resolved<'a>>, Vec<Unaccounted>)> {
    resolve_all(cb, raw).map_err(|e| cb.locate(e))
}

/// As [`resolve`], its misfits still spans of the codebook ([`crate::error::Error::Misplaced`]).
fn resolve_all<'a>(
    cb: &'a Codebook,
    raw: &'a RawExport,
) -> Result<(Vec<Resolved<'a>>, Vec<Unaccounted>)> {
    let file = file_name(raw);
    let named = [
        (cb.survey.respondent_id.iter().collect::<Vec<_>>(), "column"),
        (cb.survey.pii_columns.iter().collect(), "PII column"),
        (cb.survey.ignore_columns.iter().collect(), "ignored column"),
    ];
    for (list, what) in named {
        for h in list {
            if raw.block(h.get_ref()).is_empty() {
                return Err(crate::error::Error::Misplaced {
                    span: h.span(),
                    message: format!("{what} {:?} is not in {file}", h.get_ref()),
                });
            }
        }
    }
    let mut out = Vec::new();
    for q in &cb.questions {
        out.push(resolve_question(raw, q, &file)?);
    }
    pii_unread(cb, raw, &out)?;
    let unaccounted = unaccounted(cb, raw, &out);
    Ok((out, unaccounted))
}

/// Err when a column listed in `[survey] pii_columns` is also read as a question's answers (a
/// question not itself marked `pii`): the list promises that the column is never analysed.
fn pii_unread(cb: &Codebook, raw: &RawExport, resolved: &[Resolved]) -> Result<()> {
    for h in &cb.survey.pii_columns {
        let listed: BTreeSet<usize> = raw.block(h.get_ref()).iter().map(|c| c.index).collect();
        let reader = resolved
            .iter()
            .filter(|r| !r.question.pii)
            .find(|r| r.columns.iter().any(|c| listed.contains(&c.index)));
        if let Some(r) = reader {
            let msg = format!(
                "PII column {:?} is also read by question {:?}, which would analyse and publish it: remove the question, mark it pii = true, or take the column out of pii_columns",
                h.get_ref(),
                r.question.id()
            );
            return Err(crate::error::Error::Misplaced {
                span: h.span(),
                message: msg,
            });
        }
    }
    Ok(())
}

/// Export columns holding answers that nothing claims.
pub fn unaccounted(cb: &Codebook, raw: &RawExport, resolved: &[Resolved]) -> Vec<Unaccounted> {
    let mut claimed: BTreeSet<usize> = BTreeSet::new();
    for r in resolved {
        // A block column the question does not read stays unclaimed: it is reported.
        let cols = r.columns.iter().chain(&r.companions);
        claimed.extend(cols.map(|c| c.index));
    }
    // The id and the weight are read from the first column of their heading: a second column
    // with that heading is unread, and reported.
    let weight = cb.weights.as_ref().and_then(|w| w.column.as_ref());
    let mut repeats: BTreeSet<usize> = BTreeSet::new();
    for h in cb.survey.respondent_id.iter().chain(weight) {
        let first = raw.block(h.get_ref()).first().map(|c| c.index);
        claimed.extend(first);
        let heading = normalize_heading(h.get_ref());
        repeats.extend(
            raw.columns
                .iter()
                .filter(|c| Some(c.index) != first && normalize_heading(&c.heading) == heading)
                .map(|c| c.index),
        );
    }
    for h in cb
        .survey
        .pii_columns
        .iter()
        .chain(&cb.survey.ignore_columns)
    {
        claimed.extend(raw.block(h.get_ref()).iter().map(|c| c.index));
    }
    raw.columns
        .iter()
        .filter(|c| !claimed.contains(&c.index))
        // A platform's bookkeeping name ("id") is reported when it repeats the id's heading.
        .filter(|c| {
            repeats.contains(&c.index)
                || (!metadata::is_bookkeeping(c, raw.format) && !metadata::is_pii_heading(c))
        })
        .filter(|c| !c.heading.trim().is_empty())
        .filter_map(|c| {
            let non_empty = answers_in(raw, c);
            // A repeated heading: the first column with it is what the heading names.
            let first = raw
                .block(&c.heading)
                .first()
                .filter(|f| f.index != c.index && claimed.contains(&f.index))
                .map(|f| column_letters(f.index));
            (non_empty > 0).then(|| Unaccounted {
                column: column_letters(c.index),
                heading: c.display(),
                non_empty,
                header: first.as_ref().and(c.key.clone()),
                same_heading_as: first,
            })
        })
        .collect()
}

/// Cells of a column that hold an answer (not blank; not Qualtrics' "seen, not answered" -99).
pub fn answers_in(raw: &RawExport, c: &ExportColumn) -> usize {
    raw.cells(c)
        .map(|cells| {
            cells
                .iter()
                .flatten()
                .filter(|v| !v.trim().is_empty() && v.trim() != "-99")
                .count()
        })
        .unwrap_or(0)
}

fn resolve_question<'a>(raw: &'a RawExport, q: &'a Question, file: &str) -> Result<Resolved<'a>> {
    // By its text (or header); else by its id, for exports headed by names (KoboToolbox).
    let header = if raw.block(q.header().get_ref()).is_empty() && !raw.block(q.id()).is_empty() {
        &q.id
    } else {
        q.header()
    };
    if matches!(q.kind.shape(), Shape::Rated | Shape::Ranked) {
        return items(raw, q, header, file);
    }
    let mut block = raw.block(header.get_ref());
    // A platform's bookkeeping column under the heading of a question's columns (LimeSurvey's
    // `seed` beside a `seed[x]`) is not the question's: init drafts the block without it.
    if block
        .iter()
        .any(|c| !metadata::is_bookkeeping(c, raw.format))
    {
        block.retain(|c| !metadata::is_bookkeeping(c, raw.format));
    }
    if block.is_empty() {
        return Err(crate::error::Error::Misplaced {
            span: header.span(),
            message: format!(
                "question {:?}: no column headed {:?} in {file}",
                q.id(),
                short_heading(header.get_ref())
            ),
        });
    }
    let comment = match &q.comment {
        None => None,
        Some(label) => {
            let want = normalize_heading(label.get_ref());
            let k = block
                .iter()
                .position(|c| normalize_heading(&c.sublabel) == want)
                .ok_or_else(|| crate::error::Error::Misplaced {
                    span: label.span(),
                    message: format!(
                        "question {:?}: no comment column {:?} under its heading in {file}",
                        q.id(),
                        label.get_ref()
                    ),
                })?;
            Some(block.remove(k))
        }
    };
    let mut r = if q.has_choices() {
        let c = super::choice_columns::resolve(q, &block, file)?;
        Resolved {
            question: q,
            columns: c.columns,
            value_mode: c.value_mode,
            companions: c.companions,
        }
    } else {
        // A question drafted as text or a number beside the platform's "other" text column
        // (LimeSurvey `q[other]`, KoboToolbox `q_other`), wherever it stands in the block: the
        // one answer column is read, the others counted. (A block of "other" columns alone — a
        // repeated `q[other]` — reads its first.) As init's `Block::answer_columns` drafts it.
        let answers = block.iter().filter(|c| !c.other_text).count();
        let read = match answers {
            0 => Some(0),
            1 => block.iter().position(|c| !c.other_text),
            _ => None,
        };
        if let Some(k) = read.filter(|_| block.len() >= 2) {
            let column = block.remove(k);
            let r = Resolved {
                question: q,
                columns: vec![column],
                value_mode: false,
                companions: block.into_iter().chain(comment).collect(),
            };
            return Ok(r);
        }
        if block.len() > 1 {
            return Err(crate::error::Error::Misplaced {
                span: header.span(),
                message: format!(
                    "question {:?} is {} but its heading spans {} columns in {file}",
                    q.id(),
                    q.kind.as_str(),
                    block.len()
                ),
            });
        }
        Resolved {
            question: q,
            columns: vec![block[0]],
            value_mode: false,
            companions: Vec::new(),
        }
    };
    r.companions.extend(comment);
    Ok(r)
}

/// A grid's or ranking's item columns, and typed text beside a matrix's items (Qualtrics
/// `_TEXT`): counted, never read.
fn items<'a>(
    raw: &'a RawExport,
    q: &'a Question,
    header: &'a toml::Spanned<String>,
    file: &str,
) -> Result<Resolved<'a>> {
    let columns = super::item_columns::resolve(raw, q, header, file)?;
    let companions = raw
        .block(header.get_ref())
        .into_iter()
        .filter(|c| c.other_text && !columns.iter().any(|i| i.index == c.index))
        .collect();
    Ok(Resolved {
        question: q,
        columns,
        value_mode: true,
        companions,
    })
}
